import { acceptedVersions } from '../../api-versions.js';
import type { EmulatorCore } from '../../core.js';
import type { StoredResource } from '../../state.js';
import { type ResourceConfig, type WriteContext, parentPathOf } from '../../tracked.js';
import { API_VERSIONS } from './api-versions.js';
import { kcErrors } from './errors.js';
import { fluxExtensionOf, keepProtected, lro } from './extensions.js';
import { desiredStateHash, presentReconciliation } from './reconcile.js';

/**
 * Microsoft.KubernetesConfiguration/fluxConfigurations on a cluster [spec fluxConfigurations 2025-04-01]:
 * PUT 201/200, PATCH 202/200, DELETE 202/204, all long-running with `final-state-via: azure-async-operation`
 * and the status URL `{configuration}/operations/{id}` (FluxConfigOperationStatus_Get). Rules:
 * - the cluster must have the `microsoft.flux` extension, provisioned (errors.ts: fluxExtensionMissing);
 * - `sourceKind` (default GitRepository) needs its body (`gitRepository`, `bucket`, …) (Azure/ResourceModules#1302);
 * - every kustomization `dependsOn` names a kustomization of the same configuration, without cycles (U: Flux
 *   resolves dependencies among the Kustomizations the configuration creates);
 * - `scope` and `namespace` are create-only (`x-ms-mutability: [read, create]`).
 * Defaults and the shape of the answer follow the spec's defaults and the real `az k8s-configuration flux show`
 * output of learn.microsoft.com tutorial-use-gitops-flux2 (kustomizations echo their `name`, `errorMessage: ""`,
 * `repositoryPublicKey: ""`); `configurationProtectedSettings` (`x-ms-secret`) is never answered (extensions.ts).
 * Compliance evolves over time: reconcile.ts.
 */

export const FLUX_CONFIGURATION_TYPE = 'Microsoft.KubernetesConfiguration/fluxConfigurations';
export const FLUX_ITEM =
  '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/{clusterRp}/{clusterResourceName}/{clusterName}/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/{fluxConfigurationName}';

const SOURCE_BODIES: Record<string, string> = { GitRepository: 'gitRepository', Bucket: 'bucket', AzureBlob: 'azureBlob', OCIRepository: 'ociRepository' };

export function fluxConfig(core: EmulatorCore): ResourceConfig {
  return {
    type: FLUX_CONFIGURATION_TYPE,
    item: FLUX_ITEM,
    apiVersions: acceptedVersions(API_VERSIONS, FLUX_CONFIGURATION_TYPE),
    tracked: false,
    create: lro(201, 'Creating', `${FLUX_CONFIGURATION_TYPE}:create`),
    replace: lro(200, 'Updating', `${FLUX_CONFIGURATION_TYPE}:update`),
    patch: lro(202, 'Updating', `${FLUX_CONFIGURATION_TYPE}:update`),
    delete: { ...lro(202, 'Deleting', `${FLUX_CONFIGURATION_TYPE}:delete`), absentStatus: 204 },
    statusPath: (c) => `${c.resourceId}/operations/${c.opId}`,
    notFound: (name) => kcErrors.fluxConfigurationNotFound(name),
    validate: (c) => validateFlux(core, c),
    compute: computeFlux,
    onProvisioned: onFluxProvisioned,
    present: (b, r) => {
      presentReconciliation(core, b, r);
      return b;
    },
  };
}

function validateFlux(core: EmulatorCore, c: WriteContext): void {
  const r = c.resource;
  const p = r.body.properties;
  const clusterId = parentPathOf(r.id);
  const clusterName = clusterId.split('/').pop()!;
  const ext = fluxExtensionOf(core, clusterId);
  if (!ext) throw kcErrors.fluxExtensionMissing(clusterName);
  const state = String(ext.body.properties.provisioningState);
  if (state !== 'Succeeded') throw kcErrors.fluxExtensionNotReady(clusterName, state);

  const kind = String(p.sourceKind ?? 'GitRepository');
  const bodyField = SOURCE_BODIES[kind];
  if (!bodyField) throw kcErrors.invalid(`The source kind '${kind}' is not one of ${Object.keys(SOURCE_BODIES).join(', ')}.`);
  const source = p[bodyField];
  if (!source || typeof source !== 'object') throw kcErrors.sourceKindMismatch(kind);
  if (kind === 'GitRepository' && (typeof source.url !== 'string' || !source.url)) throw kcErrors.missing('properties.gitRepository.url');

  if (c.existing) {
    const was = c.existing.body.properties;
    for (const f of ['scope', 'namespace'] as const) {
      if (p[f] !== undefined && p[f] !== null && String(p[f]) !== String(was[f])) throw kcErrors.immutable(f, String(was[f]), String(p[f]));
    }
  }

  const ks = p.kustomizations ?? {};
  if (typeof ks !== 'object' || Array.isArray(ks)) throw kcErrors.invalid("'properties.kustomizations' must be an object keyed by kustomization name.");
  const names = new Set(Object.keys(ks));
  for (const [k, def] of Object.entries<any>(ks)) {
    const deps = def?.dependsOn ?? [];
    if (!Array.isArray(deps)) throw kcErrors.invalid(`'properties.kustomizations.${k}.dependsOn' must be an array of kustomization names.`);
    for (const d of deps) if (!names.has(String(d))) throw kcErrors.unknownDependency(k, String(d), String(r.body.name));
  }
  const cycle = findCycle(ks);
  if (cycle) throw kcErrors.dependencyCycle(cycle);
}

/** A dependency cycle among kustomizations (names in order, the first repeated at the end), if any. */
export function findCycle(ks: Record<string, { dependsOn?: string[] | null }>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (k: string): string[] | undefined => {
    if (state.get(k) === 'done') return undefined;
    if (state.get(k) === 'visiting') return [...path.slice(path.indexOf(k)), k];
    state.set(k, 'visiting');
    path.push(k);
    for (const d of ks[k]?.dependsOn ?? []) {
      const c = visit(String(d));
      if (c) return c;
    }
    path.pop();
    state.set(k, 'done');
    return undefined;
  };
  for (const k of Object.keys(ks)) {
    const c = visit(k);
    if (c) return c;
  }
  return undefined;
}

function computeFlux(c: WriteContext): void {
  const r = c.resource;
  const p = r.body.properties;
  const was = c.existing?.body.properties ?? {};
  keepProtected(r);
  p.scope = p.scope ?? was.scope ?? 'cluster';
  p.namespace = p.namespace ?? was.namespace ?? 'default';
  p.sourceKind ??= 'GitRepository';
  p.suspend ??= false;
  if (p.gitRepository) {
    p.gitRepository.timeoutInSeconds ??= 600;
    p.gitRepository.syncIntervalInSeconds ??= 600;
  }
  const ks: Record<string, any> = {};
  for (const [k, def] of Object.entries<any>(p.kustomizations ?? {})) {
    ks[k] = {
      ...def,
      name: k,
      path: def?.path ?? '',
      dependsOn: def?.dependsOn ?? null,
      timeoutInSeconds: def?.timeoutInSeconds ?? 600,
      syncIntervalInSeconds: def?.syncIntervalInSeconds ?? 600,
      retryIntervalInSeconds: def?.retryIntervalInSeconds ?? null,
      prune: def?.prune ?? false,
      force: def?.force ?? false,
      wait: def?.wait ?? true,
    };
  }
  p.kustomizations = ks;
  p.errorMessage = '';
  p.repositoryPublicKey = '';
  // Read-only outputs a client may have echoed back are the server's, not the client's.
  for (const f of ['statuses', 'complianceState', 'sourceSyncedCommitId', 'sourceUpdatedAt', 'statusUpdatedAt']) delete p[f];
}

/** A new desired state restarts the reconciliation; re-applying the same one keeps its progress. */
function onFluxProvisioned(r: StoredResource): void {
  const hash = desiredStateHash(r);
  const rec = r.secrets.reconcile;
  if (!rec || rec.hash !== hash) r.secrets.reconcile = { hash, since: Date.now(), reads: 0 };
}
