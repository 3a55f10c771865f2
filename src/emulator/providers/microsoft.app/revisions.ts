import { randomInt } from 'node:crypto';
import type { EmulatorCore } from '../../core.js';
import { REGIONS } from '../../core.js';
import { acceptedVersions } from '../../api-versions.js';
import { API_VERSIONS } from './api-versions.js';
import type { ArmRequest, ArmResponse } from '../../router.js';
import { type StoredResource, resourceKey } from '../../state.js';
import { resourceNotFound } from '../../tracked.js';
import { containerAppErrors as E } from './app-errors.js';
import { applyHealth } from './behaviour.js';
import { withRevisionDefaults, withTemplateDefaults } from './defaults.js';

/**
 * Revisions of a container app [spec-app] (arm-facts §4.3). Every write whose `template` differs from the
 * latest revision's creates a revision `<app>--<suffix>` [rec-5] once the app's operation succeeds; the
 * planned one waits in the app's `secrets.pendingRevision` (so a failed operation, which restores the old
 * secrets, leaves none behind). Revisions are stored resources below the app (a cascade delete removes them)
 * but only list/get and the three synchronous POST actions are routed, as in the spec.
 * Traffic is not stored per revision: `trafficWeight` is derived from the app's current traffic on read.
 */

export const APP_TYPE = 'Microsoft.App/containerApps';
export const REVISION_TYPE = 'Microsoft.App/containerApps/revisions';
/** The `type` real responses carry, lower-case `containerapps` [rec-5]. */
const REVISION_BODY_TYPE = 'Microsoft.App/containerapps/revisions';
/** Service default when `maxInactiveRevisions` is not set [doc-aca-revisions] (arm-facts §4.2). */
export const DEFAULT_MAX_INACTIVE_REVISIONS = 100;

export interface PendingRevision {
  name: string;
  template: Record<string, any>;
}

/** Out-of-band state of a revision, for tests that simulate unhealthy rollouts. */
export interface RevisionState {
  healthState?: 'Healthy' | 'Unhealthy' | 'None';
  runningState?: 'Running' | 'Processing' | 'Stopped' | 'Degraded' | 'Failed' | 'Unknown';
  provisioningState?: 'Provisioning' | 'Provisioned' | 'Failed' | 'Deprovisioning' | 'Deprovisioned';
  replicas?: number;
  provisioningError?: string;
}

/** Published as `microsoft.app/revisions` (reach it with `RunningEmulator.service(REVISION_HOOKS_SERVICE)`). */
export interface RevisionHooksService {
  /** Changes an existing revision out of band, then re-evaluates the app (latest ready revision, Single-mode deactivation). */
  setRevisionState(revisionId: string, state: RevisionState): void;
  /** The next revision created for the app (by id) starts in this state; one-shot. `undefined` clears it. */
  setNextRevisionState(appId: string, state: RevisionState | undefined): void;
}
export const REVISION_HOOKS_SERVICE = 'microsoft.app/revisions';

export const revisionId = (appId: string, name: string) => `${appId}/revisions/${name}`;
export const appIdOf = (revId: string) => revId.replace(/\/revisions\/[^/]+$/i, '');
const lower = (s: string) => s.toLowerCase();

/** Revisions of an app, oldest first. */
export function revisionsOf(core: EmulatorCore, appId: string): StoredResource[] {
  return core.childrenOfType(appId, REVISION_TYPE).sort((a, b) => Number(a.secrets.seq ?? 0) - Number(b.secrets.seq ?? 0));
}

/**
 * Two templates are equal when these are: a template read back from a revision (with the defaults the service
 * shows, e.g. `probes: []`) equals the one that made it.
 */
export function templateKey(t: unknown): string {
  return canonical(withTemplateDefaults(structuredClone(t)));
}

/** JSON with sorted keys and no null/undefined members: two templates are equal when this is. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== null && x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * Rule of the real `ContainerAppInvalidRevisionName` message [issue-aca-1443]: the *revision name*
 * (`<app>--<suffix>`) starts with a letter, so the suffix may start with a digit, as the service's own
 * suffixes do (`a1ujx--7f979gk` [rec-5]); 54 characters "combined … with the container app name" per the same
 * message, counted here over the whole name (whether the '--' counts is U).
 */
export function checkRevisionName(app: string, full: string): void {
  const prefix = `${lower(app)}--`;
  const suffix = lower(full).startsWith(prefix) ? full.slice(prefix.length) : undefined;
  if (suffix === undefined || !/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(suffix) || suffix.includes('--') || full.length > 54) throw E.invalidRevisionName(full);
}

/** A random 7-character lower-case suffix like the service's (`7f979gk`) [rec-5], unused in this app. */
function randomSuffix(taken: Set<string>, app: string): string {
  const abc = 'abcdefghijklmnopqrstuvwxyz0123456789';
  for (;;) {
    let s = '';
    for (let i = 0; i < 7; i++) s += abc[randomInt(abc.length)];
    if (!taken.has(lower(`${app}--${s}`))) return s;
  }
}

/**
 * The revision a write creates, or undefined when its template equals the latest revision's (or the pending
 * one's). A `revisionSuffix` already used by a revision with another template → the real suffix error
 * [issue-avm-tf-aca-115]; the same suffix with the same template is a no-op [issue-aca-650].
 */
export function planRevision(core: EmulatorCore, app: StoredResource, existing: StoredResource | undefined): PendingRevision | undefined {
  const template = app.body.properties.template;
  const appName = String(app.body.name);
  const revs = existing ? revisionsOf(core, app.id) : [];
  const pending = existing?.secrets.pendingRevision as PendingRevision | undefined;
  const latestName = pending?.name ?? existing?.body.properties.latestRevisionName;
  const latest = pending ?? revs.find((r) => latestName && lower(String(r.body.name)) === lower(latestName))?.body.properties;
  const want = templateKey(template);
  if (latest && templateKey(latest.template) === want) return undefined;
  const suffix = template.revisionSuffix;
  if (suffix !== undefined && suffix !== null && suffix !== '') {
    const name = `${appName}--${suffix}`;
    checkRevisionName(appName, name);
    const same = revs.find((r) => lower(String(r.body.name)) === lower(name));
    const sameTemplate = same ? same.body.properties.template : pending && lower(pending.name) === lower(name) ? pending.template : undefined;
    if (sameTemplate) {
      if (templateKey(sameTemplate) === want) return undefined;
      throw E.revisionSuffixConflict(appName, String(suffix));
    }
    return { name, template: structuredClone(template) };
  }
  const taken = new Set(revs.map((r) => lower(String(r.body.name))));
  return { name: `${appName}--${randomSuffix(taken, appName)}`, template: structuredClone(template) };
}

/** The environment's default domain and whether the app's ingress is internal. */
function domainOf(core: EmulatorCore, app: StoredResource): { domain?: string; ingress: boolean; internal: boolean } {
  const p = app.body.properties;
  const env = p.managedEnvironmentId ? core.state.get(p.managedEnvironmentId) : undefined;
  const ingress = p.configuration?.ingress;
  return { domain: env?.body.properties?.defaultDomain, ingress: !!ingress, internal: !!ingress && ingress.external !== true };
}

/** `<host>.<defaultDomain>`, with `.internal.` for internal ingress [rec-5]; '' without ingress (U). */
export function hostFqdn(core: EmulatorCore, app: StoredResource, host: string): string {
  const d = domainOf(core, app);
  if (!d.ingress || !d.domain) return '';
  return `${host}.${d.internal ? 'internal.' : ''}${d.domain}`;
}

/**
 * The stable URL of a traffic label: `<app>---<label>.<defaultDomain>` [doc-aca-traffic] (U: the spec has no
 * field for it; exported for callers, not part of any response body).
 */
export const labelFqdn = (core: EmulatorCore, app: StoredResource, label: string) => hostFqdn(core, app, `${app.body.name}---${label}`);

export function isReady(r: StoredResource): boolean {
  const p = r.body.properties;
  return p.provisioningState === 'Provisioned' && p.healthState !== 'Unhealthy' && p.runningState !== 'Failed' && p.runningState !== 'Degraded';
}

/**
 * Effective traffic per revision (lower-case name → weight). `latestRevision` entries resolve to the latest
 * ready revision ("the latest stable revision" [spec-app]); no traffic block = 100 % latest; Single mode =
 * 100 % latest ready, so the old revision keeps serving until the new one is ready [doc-aca-revisions].
 */
export function effectiveTraffic(core: EmulatorCore, app: StoredResource): Map<string, number> {
  const out = new Map<string, number>();
  const p = app.body.properties;
  const latest = p.latestReadyRevisionName || p.latestRevisionName;
  const add = (name: string | undefined, w: number) => {
    if (name) out.set(lower(name), (out.get(lower(name)) ?? 0) + w);
  };
  if ((p.configuration?.activeRevisionsMode ?? 'Single') !== 'Multiple') {
    add(latest, 100);
    return out;
  }
  const traffic = Array.isArray(p.configuration?.ingress?.traffic) && p.configuration.ingress.traffic.length ? p.configuration.ingress.traffic : [{ latestRevision: true, weight: 100 }];
  for (const t of traffic) add(t.latestRevision ? latest : t.revisionName, Number(t.weight ?? 0));
  return out;
}

function replicasFor(template: any): number {
  return Math.max(1, Number(template?.scale?.minReplicas ?? 0));
}

export function activate(r: StoredResource, now = new Date().toISOString()): void {
  const p = r.body.properties;
  p.active = true;
  p.runningState = p.provisioningState === 'Failed' ? 'Failed' : 'Running';
  p.replicas = replicasFor(p.template);
  p.lastActiveTime = now;
  // AZPROV_EMULATOR_UNHEALTHY (or a behaviour override) → Unhealthy / Degraded (see behaviour.ts).
  applyHealth(r);
}

function deactivate(r: StoredResource, now = new Date().toISOString()): void {
  const p = r.body.properties;
  p.active = false;
  p.runningState = 'Stopped';
  p.replicas = 0;
  p.lastActiveTime = now;
}

/** Creates the pending revision (after the app's operation succeeded) and reconciles the app. */
export function materializePending(core: EmulatorCore, app: StoredResource, nextState: Map<string, RevisionState>): void {
  const pending = app.secrets.pendingRevision as PendingRevision | undefined;
  if (pending) {
    delete app.secrets.pendingRevision;
    const seq = Number(app.secrets.revisionSeq ?? 0) + 1;
    app.secrets.revisionSeq = seq;
    const now = new Date().toISOString();
    const id = revisionId(app.id, pending.name);
    const rev: StoredResource = {
      key: resourceKey(id),
      id,
      type: REVISION_TYPE,
      subscriptionId: app.subscriptionId,
      resourceGroup: app.resourceGroup,
      body: {
        id,
        name: pending.name,
        type: REVISION_BODY_TYPE,
        properties: { createdTime: now, lastActiveTime: now, fqdn: '', template: pending.template, active: true, replicas: 0, trafficWeight: 0, healthState: 'Healthy', provisioningState: 'Provisioned', runningState: 'Running' },
      },
      secrets: { seq },
      etag: core.newEtag(),
      createdTime: now,
      changedTime: now,
      visible: true,
    };
    activate(rev, now);
    const forced = nextState.get(lower(app.id));
    if (forced) {
      nextState.delete(lower(app.id));
      applyState(rev, forced);
    }
    core.state.put(rev);
    app.body.properties.latestRevisionName = pending.name;
  }
  reconcile(core, app);
}

export function applyState(rev: StoredResource, s: RevisionState): void {
  const p = rev.body.properties;
  for (const k of ['healthState', 'runningState', 'provisioningState', 'replicas', 'provisioningError'] as const) if (s[k] !== undefined) p[k] = s[k];
}

/**
 * Latest (ready) revision names and FQDN; in Single mode, once the latest revision is ready, the others are
 * deactivated [doc-aca-revisions]; then inactive revisions beyond `maxInactiveRevisions` (default 100) are
 * removed, oldest first [spec-app].
 */
export function reconcile(core: EmulatorCore, app: StoredResource): void {
  const p = app.body.properties;
  const revs = revisionsOf(core, app.id);
  const latest = revs.find((r) => lower(String(r.body.name)) === lower(String(p.latestRevisionName ?? '')));
  const ready = [...revs].reverse().find(isReady);
  p.latestReadyRevisionName = ready ? String(ready.body.name) : '';
  p.latestRevisionFqdn = latest ? hostFqdn(core, app, String(latest.body.name)) : '';
  if ((p.configuration?.activeRevisionsMode ?? 'Single') !== 'Multiple' && latest && isReady(latest)) {
    for (const r of revs) if (r !== latest && r.body.properties.active) deactivate(r);
  }
  prune(core, app);
  core.state.changed();
}

export function prune(core: EmulatorCore, app: StoredResource): void {
  const max = Number.isInteger(app.body.properties.configuration?.maxInactiveRevisions) ? Math.max(0, app.body.properties.configuration.maxInactiveRevisions) : DEFAULT_MAX_INACTIVE_REVISIONS;
  const inactive = revisionsOf(core, app.id).filter((r) => !r.body.properties.active);
  for (const r of inactive.slice(0, Math.max(0, inactive.length - max))) core.deleteTree(r.id);
}

/** Routes: list/get (sync), POST activate/deactivate/restart → 200 with the real JSON-string bodies [rec-5]. */
export function registerRevisions(core: EmulatorCore): { nextState: Map<string, RevisionState> } {
  const nextState = new Map<string, RevisionState>();
  // A reset (state emptied) also forgets the one-shot states.
  core.state.onChange(() => {
    if (core.state.resources.size === 0) nextState.clear();
  });
  core.registry.registerType({
    type: REVISION_TYPE,
    namespace: 'Microsoft.App',
    apiVersions: acceptedVersions(API_VERSIONS, REVISION_TYPE),
    locations: REGIONS,
    present: (r) => presentRevision(core, r),
    onOperationComplete: () => undefined,
  });
  const APP = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.App/containerApps/{containerAppName}';
  const policy = { versions: acceptedVersions(API_VERSIONS, REVISION_TYPE), kind: 'provider' as const, typeName: 'containerApps/revisions' };
  const route = (method: string, template: string, handler: (req: ArmRequest) => ArmResponse) => core.router.add({ method, template, handler, apiVersions: policy, namespace: 'Microsoft.App' });
  const appOf = (req: ArmRequest) => {
    core.requireResourceGroup(req.params.subscriptionId, req.params.resourceGroupName);
    const id = `/subscriptions/${req.params.subscriptionId}/resourceGroups/${req.params.resourceGroupName}/providers/Microsoft.App/containerApps/${req.params.containerAppName}`;
    const app = core.state.get(id);
    if (!app || !app.visible) throw resourceNotFound({ ...req, path: id }, req.params.containerAppName);
    return app;
  };
  const revOf = (req: ArmRequest) => {
    const app = appOf(req);
    const rev = core.state.get(revisionId(app.id, req.params.revisionName));
    if (!rev || !rev.visible) throw resourceNotFound(req, req.params.revisionName);
    return { app, rev };
  };
  route('GET', `${APP}/revisions`, (req) => {
    const app = appOf(req);
    return { status: 200, body: core.page(req, revisionsOf(core, app.id).map((r) => presentRevision(core, r))) };
  });
  route('GET', `${APP}/revisions/{revisionName}`, (req) => ({ status: 200, body: presentRevision(core, revOf(req).rev) }));
  route('POST', `${APP}/revisions/{revisionName}/activate`, (req) => {
    const { app, rev } = revOf(req);
    activate(rev);
    prune(core, app);
    core.state.changed();
    return { status: 200, body: 'Activate succeeded' };
  });
  route('POST', `${APP}/revisions/{revisionName}/deactivate`, (req) => {
    const { app, rev } = revOf(req);
    // Accepted even while the revision carries traffic, which keeps pointing at it: the service answered
    // "Deactivate succeeded" for a revision with trafficWeight 100 [rec-5]; the outage that follows is
    // microsoft/azure-container-apps#410 (azprov's CLI guards against it, not the service).
    if (rev.body.properties.active) deactivate(rev);
    prune(core, app);
    core.state.changed();
    return { status: 200, body: 'Deactivate succeeded' };
  });
  route('POST', `${APP}/revisions/{revisionName}/restart`, (req) => {
    const { rev } = revOf(req);
    if (!rev.body.properties.active) throw E.revisionNotActive(String(rev.body.name));
    return { status: 200, body: 'Restart succeeded' };
  });

  const hooks: RevisionHooksService = {
    setRevisionState(id, state) {
      const rev = core.state.get(id);
      if (!rev || rev.type !== REVISION_TYPE) throw new Error(`setRevisionState: no revision ${id}`);
      applyState(rev, state);
      const app = core.state.get(appIdOf(rev.id));
      if (app) reconcile(core, app);
      core.state.changed();
    },
    setNextRevisionState(appId, state) {
      if (state) nextState.set(lower(appId), state);
      else nextState.delete(lower(appId));
    },
  };
  core.registry.provide(REVISION_HOOKS_SERVICE, hooks);
  return { nextState };
}

function presentRevision(core: EmulatorCore, r: StoredResource): Record<string, any> {
  const b = structuredClone(r.body);
  const app = core.state.get(appIdOf(r.id));
  if (!app) return b;
  const p = b.properties;
  p.trafficWeight = effectiveTraffic(core, app).get(lower(String(b.name))) ?? 0;
  p.fqdn = hostFqdn(core, app, String(b.name));
  if (app.body.properties.runningStatus === 'Stopped' && p.active) {
    p.runningState = 'Stopped';
    p.replicas = 0;
  }
  withRevisionDefaults(p);
  return b;
}
