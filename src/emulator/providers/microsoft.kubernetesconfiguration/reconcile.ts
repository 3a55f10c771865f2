import { createHash } from 'node:crypto';
import type { EmulatorCore } from '../../core.js';
import { type StoredResource, resourceKey } from '../../state.js';

/**
 * How a Flux configuration's compliance evolves once provisioned, as `az k8s-configuration flux show` reports it
 * (learn.microsoft.com tutorial-use-gitops-flux2): `complianceState` `Pending` right after the create, then
 * `Compliant` once the source is fetched and every kustomization applied; `statuses[]` has the GitRepository
 * (named like the configuration) and one `Kustomization` per kustomization (named `{configuration}-{name}`), each
 * with its `complianceState`, `appliedBy: null` and a `Ready` condition ("Fetched revision: main/<sha>",
 * "GitOperationSucceed"; "Applied revision: main/<sha>", "ReconciliationSucceeded").
 *
 * Progress is in stages: the source at stage 1, a kustomization at stage 2 + its dependency depth (Flux applies
 * a Kustomization after those it depends on). A stage takes `pollsToComplete` GETs of the configuration with the
 * instant profile, `STAGE_MS` × `latencyScale` with the realistic one (U: the tutorial shows about a minute per
 * stage). A kustomization fails (`Non-Compliant`) when its path contains `FAIL_PATH_MARKER` or the
 * `FLUX_BEHAVIOUR_SERVICE` says so; its dependents then wait for it (`DependencyNotReady`) and the configuration
 * is `Non-Compliant`. `suspend: true` gives `Suspended`. Failure and pending wordings are Flux's as remembered (U).
 */

export const FAIL_PATH_MARKER = 'emulator-fail';
export const STAGE_MS = 30_000;
export const FLUX_BEHAVIOUR_SERVICE = 'microsoft.kubernetesconfiguration/fluxBehaviour';

export interface FluxBehaviourService {
  /** Makes one kustomization of a configuration (by ARM id) fail with `message`; `undefined` clears it. Throws for an unknown configuration or kustomization. */
  setKustomizationFailure(configurationId: string, kustomization: string, message: string | undefined): void;
}

interface Reconcile {
  hash: string;
  since: number;
  reads: number;
}

export function desiredStateHash(r: StoredResource): string {
  const { provisioningState: _ps, ...spec } = r.body.properties ?? {};
  return createHash('sha256').update(JSON.stringify([spec, r.secrets.protectedSettings ?? {}])).digest('hex');
}

/** One GET of the configuration: with the instant profile, reads are what moves the reconciliation on. */
export function noteRead(r: StoredResource | undefined): void {
  const rec = r?.secrets.reconcile as Reconcile | undefined;
  if (rec) rec.reads++;
}

function stageNow(core: EmulatorCore, rec: Reconcile): number {
  if (core.latency.profile === 'instant') return Math.floor(rec.reads / Math.max(1, core.latency.pollsToComplete));
  return Math.floor((Date.now() - rec.since) / Math.max(1, STAGE_MS * core.latency.scale));
}

/** Dependency depth of each kustomization (0: depends on none); cycles are refused on write, so none here. */
export function depths(ks: Record<string, any>): Map<string, number> {
  const memo = new Map<string, number>();
  const depth = (k: string, visiting: Set<string>): number => {
    const known = memo.get(k);
    if (known !== undefined) return known;
    if (visiting.has(k)) return 0;
    visiting.add(k);
    const deps: string[] = (ks[k]?.dependsOn ?? []).filter((d: string) => d in ks);
    const d = deps.length ? 1 + Math.max(...deps.map((x) => depth(x, visiting))) : 0;
    visiting.delete(k);
    memo.set(k, d);
    return d;
  };
  for (const k of Object.keys(ks)) depth(k, new Set());
  return memo;
}

export function presentReconciliation(core: EmulatorCore, b: Record<string, any>, r: StoredResource): void {
  const p = b.properties;
  const rec = r.secrets.reconcile as Reconcile | undefined;
  if (!rec) {
    p.complianceState = 'Pending';
    p.statuses = [];
    p.sourceSyncedCommitId = null;
    p.sourceUpdatedAt = null;
    p.statusUpdatedAt = null;
    return;
  }
  if (p.suspend) {
    p.complianceState = 'Suspended';
    p.statuses ??= [];
    return;
  }
  const stage = stageNow(core, rec);
  const t = (s: number) => new Date(rec.since + s * (core.latency.profile === 'instant' ? 1000 : STAGE_MS * core.latency.scale)).toISOString();
  const git = p.gitRepository ?? {};
  const refName = git.repositoryRef?.branch ?? git.repositoryRef?.tag ?? git.repositoryRef?.semver ?? git.repositoryRef?.commit ?? 'main';
  const sha = createHash('sha1').update(`${git.url ?? p.sourceKind}#${refName}`).digest('hex');
  const revision = `${refName}/${sha}`;
  const ns = String(p.namespace);
  const config = String(b.name);
  const condition = (at: string, status: string, reason: string, message: string) => ({ lastTransitionTime: at, message, reason, status, type: 'Ready' });

  const sourceReady = stage >= 1;
  const statuses: any[] = [
    {
      name: config,
      namespace: ns,
      kind: p.sourceKind,
      complianceState: sourceReady ? 'Compliant' : 'Pending',
      appliedBy: null,
      statusConditions: [sourceReady ? condition(t(1), 'True', 'GitOperationSucceed', `Fetched revision: ${revision}`) : condition(t(0), 'Unknown', 'Progressing', 'reconciliation in progress')],
      helmReleaseProperties: null,
    },
  ];
  const ks: Record<string, any> = p.kustomizations ?? {};
  const failures: Record<string, string> = r.secrets.failures ?? {};
  const outcome = new Map<string, 'Compliant' | 'Non-Compliant' | 'Pending'>();
  const depth = depths(ks);
  const order = Object.keys(ks).sort((a, c) => depth.get(a)! - depth.get(c)!);
  for (const k of order) {
    const due = 2 + depth.get(k)!;
    const deps: string[] = ks[k].dependsOn ?? [];
    const blocking = deps.find((d) => outcome.get(d) !== 'Compliant');
    const failure = failures[k] ?? (String(ks[k].path).toLowerCase().includes(FAIL_PATH_MARKER) ? `kustomization path not found: stat /tmp/kustomization-${sha.slice(0, 9)}/${String(ks[k].path).replace(/^\.\//, '')}: no such file or directory` : undefined);
    let state: 'Compliant' | 'Non-Compliant' | 'Pending';
    let cond;
    if (stage < due) {
      state = 'Pending';
      cond = condition(t(0), 'Unknown', 'Progressing', 'reconciliation in progress');
    } else if (blocking) {
      state = 'Pending';
      cond = condition(t(due), 'False', 'DependencyNotReady', `dependency '${ns}/${config}-${blocking}' is not ready`);
    } else if (failure) {
      state = 'Non-Compliant';
      cond = condition(t(due), 'False', 'ReconciliationFailed', failure);
    } else {
      state = 'Compliant';
      cond = condition(t(due), 'True', 'ReconciliationSucceeded', `Applied revision: ${revision}`);
    }
    outcome.set(k, state);
    statuses.push({ name: `${config}-${k}`, namespace: ns, kind: 'Kustomization', complianceState: state, appliedBy: null, statusConditions: [cond], helmReleaseProperties: null });
  }
  const states = [...outcome.values()];
  const failed = states.includes('Non-Compliant');
  p.complianceState = failed ? 'Non-Compliant' : sourceReady && states.every((s) => s === 'Compliant') ? 'Compliant' : 'Pending';
  p.statuses = statuses;
  p.sourceSyncedCommitId = sourceReady ? revision : null;
  p.sourceUpdatedAt = sourceReady ? t(1) : null;
  p.statusUpdatedAt = t(Math.min(stage, 2 + Math.max(0, ...depth.values())));
}

export function createFluxBehaviourService(core: EmulatorCore, fluxType: string): FluxBehaviourService {
  return {
    setKustomizationFailure(configurationId, kustomization, message) {
      const r = core.state.get(configurationId);
      if (!r || r.type.toLowerCase() !== fluxType.toLowerCase()) throw new Error(`setKustomizationFailure: no Flux configuration ${configurationId}`);
      if (!(kustomization in (r.body.properties.kustomizations ?? {}))) throw new Error(`setKustomizationFailure: ${resourceKey(configurationId)} has no kustomization '${kustomization}'`);
      const failures = { ...(r.secrets.failures ?? {}) };
      if (message === undefined) delete failures[kustomization];
      else failures[kustomization] = message;
      r.secrets.failures = failures;
      core.state.changed();
    },
  };
}
