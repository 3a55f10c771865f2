import type { ContainerApp } from '@azure/arm-appcontainers';
import type { ArmContext } from '../arm/context.js';
import { parseResourceId } from '../arm/ids.js';
import { armCall } from '../arm/rest-errors.js';
import { ValidationError } from '../core/errors.js';
import { appsClient, getApp, listRevisions, putApp } from './revisions.js';
import { checkTrafficMap, labelsOf, trafficEntries, weightsOf, type TrafficMap } from './traffic.js';
import { updateContainerApp } from './update-app.js';

/**
 * Writes the app back with only its traffic (and, for rollouts, its tags) changed. Secrets are re-read: a
 * GET returns their names only.
 */
export async function writeTraffic(arm: ArmContext, app: ContainerApp, appId: string, traffic: NonNullable<NonNullable<ContainerApp['configuration']>['ingress']>['traffic'], tags = app.tags, template = app.template): Promise<ContainerApp> {
  const configuration = structuredClone(app.configuration ?? {});
  if (!configuration.ingress) throw new ValidationError([{ field: 'app', reason: `${app.name} has no ingress, so it has no traffic to split.`, fix: 'add ingress (targetPort) to the app.' }]);
  configuration.ingress.traffic = traffic;
  return putApp(arm, appId, app, 'Setting the traffic of', { configuration, tags, template });
}

/** Sets an explicit split, checked first: active revisions only, summing to exactly 100. */
export async function setTraffic(arm: ArmContext, appId: string, map: TrafficMap, tags?: (current: Record<string, string>) => Record<string, string>): Promise<ContainerApp> {
  const [app, revisions] = await Promise.all([getApp(arm, appId), listRevisions(arm, appId)]);
  if (app.configuration?.activeRevisionsMode === 'Single') {
    throw new ValidationError([{ field: 'app', reason: 'the app runs in Single revision mode, where traffic cannot be split.', fix: 'set activeRevisionsMode: Multiple on the app.' }]);
  }
  const labels = labelsOf(app.configuration?.ingress?.traffic, app.latestRevisionName);
  const problems = checkTrafficMap(map, revisions, labels);
  if (problems.length) throw new ValidationError(problems);
  const resolved: TrafficMap = {};
  for (const [k, w] of Object.entries(map)) resolved[k.startsWith('label:') ? labels[k.slice(6)] : k] = w;
  return writeTraffic(arm, app, appId, trafficEntries(resolved, labels), tags ? tags({ ...(app.tags ?? {}) }) : app.tags);
}

export interface DeployRevisionOptions {
  image?: string;
  env?: Record<string, string>;
  suffix?: string;
  /** Share of traffic for the new revision (default 0 while others are active). */
  weight?: number;
  label?: string;
}

/**
 * A new revision with a name known beforehand, at the given weight (0 by default: nothing moves until the
 * traffic is set). A suffix that a revision of the app already has is refused before any write: the
 * service would "succeed" and do nothing (microsoft/azure-container-apps#650).
 */
export async function deployRevision(arm: ArmContext, appId: string, o: DeployRevisionOptions): Promise<{ revision: string; previous?: string }> {
  const [app, revisions] = await Promise.all([getApp(arm, appId), listRevisions(arm, appId)]);
  if (o.suffix && revisions.some((r) => r.name === `${app.name}--${o.suffix}`)) {
    throw new ValidationError([{ field: '--suffix', reason: `revision ${app.name}--${o.suffix} already exists.`, fix: 'pick a new suffix, or leave it out to derive one from the template.' }]);
  }
  const before = weightsOf(app.configuration?.ingress?.traffic, app.latestRevisionName);
  const labels = labelsOf(app.configuration?.ingress?.traffic, app.latestRevisionName);
  const weight = o.weight ?? 0;
  const multiple = app.configuration?.activeRevisionsMode !== 'Single' && app.configuration?.ingress !== undefined;
  // One write: the new template and the split that names the new revision, so nothing moves before it should.
  const split = (revision: string) => {
    const olds = Object.entries(before);
    const map: TrafficMap = { [revision]: olds.length ? weight : 100 };
    const rest = 100 - map[revision];
    const total = olds.reduce((a, [, w]) => a + w, 0) || 1;
    let given = 0;
    olds.forEach(([n, w], i) => {
      const share = i === olds.length - 1 ? rest - given : Math.round((w / total) * rest);
      given += share;
      map[n] = share;
    });
    return trafficEntries(map, o.label ? { ...labels, [o.label]: revision } : labels);
  };
  const r = await updateContainerApp(arm, appId, { image: o.image, env: o.env, revisionSuffix: o.suffix, traffic: multiple ? split : undefined });
  if (!r.changed) throw new ValidationError([{ field: '--image', reason: `the template is unchanged: ${r.revision} already runs it.`, fix: 'change the image or an environment variable, or use traffic set.' }]);
  return { revision: r.revision, previous: r.previousRevision };
}

/**
 * Points the app's template back at an existing revision's (same suffix, same template: no new revision),
 * so that after a rollback the app is what runs, and `azprov up` compares against that.
 */
export async function restoreTemplate(arm: ArmContext, appId: string, revision: string): Promise<void> {
  const { resourceGroup, names } = parseResourceId(appId);
  const client = await appsClient(arm);
  const rev = await armCall(`Reading revision ${revision}`, `${appId}/revisions/${revision}`, () => client.containerAppsRevisions.getRevision(resourceGroup!, names[0], revision));
  const app = await getApp(arm, appId);
  if (!rev.template || app.template?.revisionSuffix === rev.template.revisionSuffix) return;
  await writeTraffic(arm, app, appId, app.configuration?.ingress?.traffic, app.tags, { ...rev.template, revisionSuffix: revision.slice(names[0].length + 2) });
}

/**
 * A revision named on the command line exists: checked after a read and before any write, naming the ones
 * that do (the service would answer a bare 404 after other steps ran).
 */
export async function requireRevision(arm: ArmContext, appId: string, revision: string, field = 'revision'): Promise<void> {
  const revisions = await listRevisions(arm, appId);
  if (revisions.some((r) => r.name.toLowerCase() === revision.toLowerCase())) return;
  const app = parseResourceId(appId).names[0];
  const hint = revision.includes('--') ? '' : ` (revision names are ${app}--<suffix>)`;
  throw new ValidationError([{ field, reason: `'${revision}' is not a revision of ${app}${hint}.`, fix: `use one of: ${revisions.map((r) => r.name).join(', ') || '(none yet)'}.` }]);
}

/** Puts `label` on `revision` (moving it if another revision has it). */
export async function setLabel(arm: ArmContext, appId: string, label: string, revision: string | undefined): Promise<void> {
  if (revision !== undefined) await requireRevision(arm, appId, revision);
  const app = await getApp(arm, appId);
  const labels = labelsOf(app.configuration?.ingress?.traffic, app.latestRevisionName);
  if (revision === undefined) delete labels[label];
  else labels[label] = revision;
  await writeTraffic(arm, app, appId, trafficEntries(weightsOf(app.configuration?.ingress?.traffic, app.latestRevisionName), labels));
}

/** Blue-green: the two labels change places in one write; weights stay. */
export async function swapLabels(arm: ArmContext, appId: string, a: string, b: string): Promise<void> {
  const app = await getApp(arm, appId);
  const labels = labelsOf(app.configuration?.ingress?.traffic, app.latestRevisionName);
  if (!labels[a] || !labels[b]) throw new ValidationError([{ field: 'labels', reason: `swap needs both labels '${a}' and '${b}' on revisions.`, fix: 'add them first with azprov revision label.' }]);
  [labels[a], labels[b]] = [labels[b], labels[a]];
  await writeTraffic(arm, app, appId, trafficEntries(weightsOf(app.configuration?.ingress?.traffic, app.latestRevisionName), labels));
}

export type RevisionAction = 'activate' | 'deactivate' | 'restart';

/** Activate, deactivate (refused while the revision still has traffic) or restart a revision. */
export async function revisionAction(arm: ArmContext, appId: string, revision: string, action: RevisionAction): Promise<void> {
  const { resourceGroup, names } = parseResourceId(appId);
  await requireRevision(arm, appId, revision);
  if (action === 'deactivate') {
    const app = await getApp(arm, appId);
    const weight = weightsOf(app.configuration?.ingress?.traffic, app.latestRevisionName)[revision] ?? 0;
    if (weight > 0) throw new ValidationError([{ field: 'revision', reason: `${revision} still receives ${weight}% of the traffic.`, fix: `move its traffic first: azprov traffic set ${names[0]} <other>=100.` }]);
  }
  const client = await appsClient(arm);
  const ops = { activate: client.containerAppsRevisions.activateRevision, deactivate: client.containerAppsRevisions.deactivateRevision, restart: client.containerAppsRevisions.restartRevision };
  await armCall(`${action} ${revision}`, `${appId}/revisions/${revision}`, () => ops[action].call(client.containerAppsRevisions, resourceGroup!, names[0], revision));
}
