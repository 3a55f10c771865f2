import type { TrafficWeight } from '@azure/arm-appcontainers';
import type { Problem } from '../core/errors.js';

/** An explicit traffic split: revision name (or `label:<name>`) -> whole percent. */
export type TrafficMap = Record<string, number>;

/** `rev1=80 rev2=20` (and `label:blue=100`) as typed on the command line. */
export function parseTrafficArgs(args: readonly string[]): { map: TrafficMap; problems: Problem[] } {
  const map: TrafficMap = {};
  const problems: Problem[] = [];
  args.forEach((a, i) => {
    const m = /^([^=]+)=(\d+)$/.exec(a);
    if (!m) {
      problems.push({ field: `weights.${i}`, reason: `'${a}' is not <revision>=<percent>.`, fix: 'write each as name=weight, e.g. app--v2=20.' });
      return;
    }
    if (m[1] in map) problems.push({ field: `weights.${i}`, reason: `'${m[1]}' is given twice.`, fix: 'give each revision once.' });
    map[m[1]] = Number(m[2]);
  });
  return { map, problems };
}

export interface RevisionState {
  name: string;
  active: boolean;
}

/**
 * A complete, explicit split over active revisions that sums to exactly 100. Nothing is rescaled or padded
 * (the CLI pads a short sum silently, arm-facts §4.2); anything else is refused with the computed sum and
 * the revisions involved.
 */
export function checkTrafficMap(map: TrafficMap, revisions: readonly RevisionState[], labels: Readonly<Record<string, string>> = {}): Problem[] {
  const problems: Problem[] = [];
  const byName = new Map(revisions.map((r) => [r.name.toLowerCase(), r]));
  for (const [key, weight] of Object.entries(map)) {
    const name = key.startsWith('label:') ? labels[key.slice(6)] : key;
    if (!Number.isInteger(weight) || weight < 0 || weight > 100) problems.push({ field: key, reason: `weight ${weight} is not a whole percent from 0 to 100.`, fix: 'use integers 0–100.' });
    if (key.startsWith('label:') && !name) {
      problems.push({ field: key, reason: `no revision has the label '${key.slice(6)}'.`, fix: `use one of: ${Object.keys(labels).join(', ') || '(no labels yet)'}.` });
      continue;
    }
    const r = byName.get(name!.toLowerCase());
    if (!r) problems.push({ field: key, reason: `'${name}' is not a revision of the app.`, fix: `use one of: ${revisions.map((x) => x.name).join(', ')}.` });
    else if (!r.active && weight > 0) problems.push({ field: key, reason: `'${name}' is inactive and cannot take traffic.`, fix: `activate it first (azprov revision activate), or give it 0.` });
  }
  const total = sumProblem(map);
  if (total) problems.push(total);
  return problems;
}

/** The weights must add up to exactly 100: checkable without Azure, so before anything is sent. */
export function sumProblem(map: TrafficMap): Problem | undefined {
  const sum = Object.values(map).reduce((a, b) => a + b, 0);
  if (sum === 100) return undefined;
  return { field: 'weights', reason: `the weights add up to ${sum}, not 100 (${Object.entries(map).map(([k, w]) => `${k}=${w}`).join(', ')}).`, fix: 'give every revision that should get traffic its share, so that they add up to exactly 100.' };
}

/** The traffic entries for a map, keeping the labels the app has (labels move with explicit commands only). */
export function trafficEntries(map: TrafficMap, labels: Readonly<Record<string, string>>): TrafficWeight[] {
  const entries: TrafficWeight[] = [];
  const labelled = new Set<string>();
  for (const [key, weight] of Object.entries(map)) {
    const revisionName = key.startsWith('label:') ? labels[key.slice(6)] : key;
    const label = Object.entries(labels).find(([, rev]) => rev === revisionName)?.[0];
    if (label) labelled.add(label);
    entries.push({ revisionName, weight, ...(label ? { label } : {}) });
  }
  for (const [label, revisionName] of Object.entries(labels)) if (!labelled.has(label)) entries.push({ revisionName, weight: 0, label });
  return entries;
}

/** Current labels of an app's traffic: label -> revision name. */
export function labelsOf(traffic: readonly TrafficWeight[] | undefined, latestRevisionName?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of traffic ?? []) if (t.label) out[t.label] = t.revisionName ?? latestRevisionName ?? '';
  return out;
}

/** Current weights of an app's traffic: revision name -> percent (latestRevision entries resolved). */
export function weightsOf(traffic: readonly TrafficWeight[] | undefined, latestRevisionName?: string): TrafficMap {
  const out: TrafficMap = {};
  for (const t of traffic ?? []) {
    const name = t.revisionName ?? (t.latestRevision ? latestRevisionName : undefined);
    if (name && (t.weight ?? 0) > 0) out[name] = (out[name] ?? 0) + (t.weight ?? 0);
  }
  return out;
}
