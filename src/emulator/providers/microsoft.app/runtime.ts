import type { EmulatorCore } from '../../core.js';
import { mulberry32 } from '../../faults.js';
import type { StoredResource } from '../../state.js';
import { ENVIRONMENT_TYPE } from './backend.js';
import { type EffectiveBehaviour, type RevisionBehaviour, WELCOME_VAR, applyHealth, effectiveBehaviour, hashSeed, templateEnv, validateBehaviour } from './behaviour.js';
import { APP_TYPE, REVISION_TYPE, appIdOf, effectiveTraffic, reconcile, revisionId } from './revisions.js';

/**
 * What the apps HTTP server (`src/emulator/apps-http.ts`) asks the provider: which revision a `Host` header
 * reaches, and how that revision behaves. Everything is read from the state on each request, so a state
 * file restored at start serves the same apps. Host forms ([doc-aca-traffic], arm-facts §4.3):
 * - `<app>--<suffix>.<defaultDomain>` — that revision (its `fqdn`);
 * - `<app>---<label>.<defaultDomain>` — the revision the app's traffic gives that label;
 * - `<app>.<defaultDomain>` — the app's `ingress.fqdn`: a revision drawn by the current traffic weights.
 * The `.internal.` infix of internal ingress is accepted on every form, whatever the app's `external` (U:
 * the real front end only answers it inside the environment). Weighted draws and injected failures use
 * seeded PRNGs (per app id and per revision name), forgotten on reset.
 */

export const APP_RUNTIME_SERVICE = 'microsoft.app/runtime';

export type HostTarget =
  | { found: true; app: StoredResource; revision: StoredResource; via: 'revision' | 'label' | 'app'; behaviour: EffectiveBehaviour; welcome: string }
  | { found: false; reason: string };

export interface AppRuntimeService {
  resolve(host: string): HostTarget;
  /** Replaces the revision's override (`{}` clears it); a change of `unhealthy` updates the ARM view. */
  setRevisionBehaviour(revisionId: string, behaviour: RevisionBehaviour): EffectiveBehaviour;
  behaviourOf(revisionId: string): EffectiveBehaviour;
  /** Next number in [0, 1) of the revision's seeded PRNG (failure draws). */
  draw(revision: StoredResource): number;
}

const lower = (s: unknown) => String(s ?? '').toLowerCase();

/** An active, not failed/stopped revision of a running app with ingress. */
export function isServing(app: StoredResource, rev: StoredResource | undefined): rev is StoredResource {
  if (!rev || !rev.visible || rev.type !== REVISION_TYPE) return false;
  const p = rev.body.properties;
  if (!p.active || p.runningState === 'Failed' || p.runningState === 'Stopped') return false;
  if (['Failed', 'Deprovisioning', 'Deprovisioned'].includes(p.provisioningState)) return false;
  return app.visible && !!app.body.properties.configuration?.ingress && app.body.properties.runningStatus !== 'Stopped';
}

export function registerAppRuntime(core: EmulatorCore): AppRuntimeService {
  const appRandom = new Map<string, () => number>();
  const revRandom = new Map<string, () => number>();
  core.state.onChange(() => {
    if (core.state.resources.size === 0) {
      appRandom.clear();
      revRandom.clear();
    }
  });
  const prng = (m: Map<string, () => number>, key: string, seed: string) => {
    let f = m.get(key);
    if (!f) m.set(key, (f = mulberry32(hashSeed(seed))));
    return f();
  };
  const revisionOf = (id: string) => {
    const rev = core.state.get(id);
    if (!rev || !rev.visible || rev.type !== REVISION_TYPE) throw new Error(`no revision ${id}`);
    return rev;
  };

  const notFound = (reason: string): HostTarget => ({ found: false, reason });
  const target = (app: StoredResource, revision: StoredResource, via: 'revision' | 'label' | 'app'): HostTarget => ({
    found: true,
    app,
    revision,
    via,
    behaviour: effectiveBehaviour(revision),
    welcome: templateEnv(revision.body.properties.template, app.secrets.app ?? {}).get(WELCOME_VAR) ?? `Hello from ${revision.body.name}`,
  });
  const byName = (app: StoredResource, name: string | undefined) => (name ? core.state.get(revisionId(app.id, name)) : undefined);

  function resolve(rawHost: string): HostTarget {
    const host = lower(rawHost).trim().replace(/:\d+$/, '').replace(/\.$/, '');
    if (!host) return notFound('no Host header');
    const env = core.state
      .all()
      .find((r) => r.visible && r.type === ENVIRONMENT_TYPE && r.body.properties?.defaultDomain && host.endsWith(`.${lower(r.body.properties.defaultDomain)}`));
    if (!env) return notFound(`no environment serves ${host}`);
    let prefix = host.slice(0, host.length - String(env.body.properties.defaultDomain).length - 1);
    if (prefix.endsWith('.internal')) prefix = prefix.slice(0, -'.internal'.length);
    if (!prefix || prefix.includes('.')) return notFound(`no app at ${host}`);
    const label = prefix.includes('---') ? prefix.slice(prefix.indexOf('---') + 3) : undefined;
    const appName = prefix.split('--')[0];
    const app = core.state
      .all()
      .find((r) => r.visible && r.type === APP_TYPE && lower(r.body.name) === appName && lower(r.body.properties?.managedEnvironmentId) === lower(env.id));
    if (!app) return notFound(`no app ${appName}`);
    if (!app.body.properties.configuration?.ingress) return notFound(`the app ${appName} has no ingress`);
    if (app.body.properties.runningStatus === 'Stopped') return notFound(`the app ${appName} is stopped`);

    if (label !== undefined) {
      const p = app.body.properties;
      const t = (p.configuration.ingress.traffic ?? []).find((x: any) => lower(x?.label) === label);
      if (!t) return notFound(`no traffic label ${label}`);
      const rev = byName(app, t.latestRevision ? p.latestReadyRevisionName || p.latestRevisionName : t.revisionName);
      return isServing(app, rev) ? target(app, rev, 'label') : notFound(`the revision labelled ${label} is not active`);
    }
    if (prefix !== appName) {
      const rev = byName(app, prefix);
      return isServing(app, rev) ? target(app, rev, 'revision') : notFound(`the revision ${prefix} does not exist or is not active`);
    }
    const candidates: Array<{ rev: StoredResource; weight: number }> = [];
    for (const [name, weight] of effectiveTraffic(core, app)) {
      const rev = byName(app, name);
      if (weight > 0 && isServing(app, rev)) candidates.push({ rev, weight });
    }
    const total = candidates.reduce((s, c) => s + c.weight, 0);
    if (!total) return notFound(`no active revision of ${appName} has traffic`);
    let x = prng(appRandom, app.key, app.key) * total;
    for (const c of candidates) {
      x -= c.weight;
      if (x < 0) return target(app, c.rev, 'app');
    }
    return target(app, candidates[candidates.length - 1].rev, 'app');
  }

  const service: AppRuntimeService = {
    resolve,
    setRevisionBehaviour(id, behaviour) {
      const rev = revisionOf(id);
      const o = validateBehaviour(behaviour);
      if (Object.keys(o).length) rev.secrets.behaviour = o;
      else delete rev.secrets.behaviour;
      applyHealth(rev);
      const app = core.state.get(appIdOf(rev.id));
      if (app) reconcile(core, app);
      core.state.changed();
      return effectiveBehaviour(rev);
    },
    behaviourOf: (id) => effectiveBehaviour(revisionOf(id)),
    draw: (rev) => prng(revRandom, rev.key, lower(rev.body.name)),
  };
  core.registry.provide(APP_RUNTIME_SERVICE, service);
  return service;
}
