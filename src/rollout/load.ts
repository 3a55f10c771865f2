import { setTimeout as sleep } from 'node:timers/promises';
import type { ArmContext } from '../arm/context.js';
import { ValidationError } from '../core/errors.js';
import { appsEndpointOf, probe } from './probe.js';
import type { EventSink } from '../core/events.js';
import { getApp, labelFqdn, listRevisions } from './revisions.js';

/**
 * A small built-in load generator (Flagger ships one as a separate service), so that a new environment without
 * users yet gives the metric analysis requests to judge. Bounded: at most MAX_RPS requests a second, for one
 * step's interval, with at most MAX_IN_FLIGHT open at once; GETs only.
 */
export const MAX_RPS = 200;
const MAX_IN_FLIGHT = 64;

export interface LoadSpec {
  /** Requests per second (1–200). */
  rps: number;
  /** `app` (the app's FQDN: traffic splits by weight, as users' would; default), `revision` (the canary's own FQDN) or `label:<name>`. */
  target?: string;
  path?: string;
}

export interface LoadStats {
  fqdn: string;
  sent: number;
  byStatus: Record<string, number>;
}

export function checkLoad(l: LoadSpec, field: string): void {
  const problems = [];
  if (!(Number.isFinite(l.rps) && l.rps > 0 && l.rps <= MAX_RPS)) problems.push({ field: `${field}.rps`, reason: `${l.rps} is not a rate between 0 and ${MAX_RPS} requests a second.`, fix: 'use e.g. 10.' });
  if (l.target !== undefined && !['app', 'revision'].includes(l.target) && !/^label:[a-z0-9-]+$/.test(l.target)) problems.push({ field: `${field}.target`, reason: `'${l.target}' is not app, revision or label:<name>.`, fix: 'use e.g. app.' });
  if (l.path !== undefined && !l.path.startsWith('/')) problems.push({ field: `${field}.path`, reason: `'${l.path}' does not start with /.`, fix: 'use e.g. /.' });
  if (problems.length) throw new ValidationError(problems);
}

/** `--load 10rps` / `--load 10rps@revision/healthz` → a spec. */
export function parseLoadFlag(text: string): LoadSpec {
  const m = /^(\d+(?:\.\d+)?)(?:rps)?(?:@(app|revision|label:[a-z0-9-]+))?(\/\S*)?$/.exec(text.trim());
  if (!m) throw new ValidationError([{ field: '--load', reason: `'${text}' is not a load.`, fix: 'use RATE[rps][@app|revision|label:NAME][/path], e.g. --load 10rps or --load 20@revision/healthz.' }]);
  const spec: LoadSpec = { rps: Number(m[1]), ...(m[2] ? { target: m[2] } : {}), ...(m[3] ? { path: m[3] } : {}) };
  checkLoad(spec, '--load');
  return spec;
}

export function loadFqdn(l: LoadSpec, t: { app: string; appFqdn: string; revisionFqdn?: string }): string {
  if (l.target?.startsWith('label:')) return labelFqdn(t.appFqdn, t.app, l.target.slice(6));
  return l.target === 'revision' ? (t.revisionFqdn ?? t.appFqdn) : t.appFqdn;
}

/** Sends `rps` GETs a second to the FQDN for `durationInMs` (through the emulator's apps endpoint there). */
export async function runLoad(arm: ArmContext, l: LoadSpec, fqdn: string, durationInMs: number, signal?: AbortSignal): Promise<LoadStats> {
  const apps = await appsEndpointOf(arm);
  const stats: LoadStats = { fqdn, sent: 0, byStatus: {} };
  const inFlight = new Set<Promise<void>>();
  const started = Date.now();
  const gap = 1000 / Math.min(l.rps, MAX_RPS);
  for (let i = 0; ; i++) {
    const at = started + i * gap;
    if (at >= started + durationInMs || signal?.aborted) break;
    if (at > Date.now()) await sleep(at - Date.now());
    if (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    stats.sent++;
    const p: Promise<void> = probe(fqdn, l.path ?? '/', apps, 10_000).then((r) => {
      const key = r.status ? String(r.status) : 'error';
      stats.byStatus[key] = (stats.byStatus[key] ?? 0) + 1;
      inFlight.delete(p);
    });
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  return stats;
}

export const formatLoad = (s: LoadStats) =>
  `load: ${s.sent} request(s) to ${s.fqdn}: ${Object.entries(s.byStatus).map(([k, n]) => `${k}×${n}`).join(', ') || 'none answered'}`;

/** Runs the load against the app (or the canary revision / a label) for one step's wait; reports what it sent. */
export async function loadDuring(arm: ArmContext, appId: string, canary: string, l: LoadSpec, durationInMs: number, events: EventSink): Promise<void> {
  const app = await getApp(arm, appId);
  const revisionFqdn = l.target === 'revision' ? (await listRevisions(arm, appId)).find((r) => r.name === canary)?.fqdn : undefined;
  const fqdn = loadFqdn(l, { app: app.name!, appFqdn: app.configuration?.ingress?.fqdn ?? '', revisionFqdn });
  events({ type: 'info', message: `  ${formatLoad(await runLoad(arm, l, fqdn, durationInMs))}` });
}
