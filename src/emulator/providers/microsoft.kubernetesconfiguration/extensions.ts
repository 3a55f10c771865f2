import { randomUUID } from 'node:crypto';
import { acceptedVersions } from '../../api-versions.js';
import type { EmulatorCore } from '../../core.js';
import type { OperationSpec } from '../../lro.js';
import type { StoredResource } from '../../state.js';
import type { ResourceConfig, WriteContext } from '../../tracked.js';
import { API_VERSIONS } from './api-versions.js';
import { kcErrors } from './errors.js';

/**
 * Microsoft.KubernetesConfiguration/extensions on a cluster [spec extensions 2025-03-01]: PUT 201/200, PATCH
 * 202/200 and DELETE 202/204 are long-running with `final-state-via: azure-async-operation`, the status URL
 * being `{extension}/operations/{id}` (OperationStatus_Get; hashicorp/terraform-provider-azurerm#15011 shows
 * the CLI polling it). `configurationProtectedSettings` is `x-ms-secret` in the spec, which forbids it in
 * responses (the spec validator's SECRET_PROPERTY): kept in `secrets`, never answered. (Older versions of the RP
 * answered its keys with empty values, Azure/azure-service-operator#3752; the 2025 spec rules that out.)
 */

export const EXTENSION_TYPE = 'Microsoft.KubernetesConfiguration/extensions';
export const FLUX_EXTENSION_TYPE = 'microsoft.flux';
export const EXTENSION_ITEM =
  '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/{clusterRp}/{clusterResourceName}/{clusterName}/providers/Microsoft.KubernetesConfiguration/extensions/{extensionName}';

/**
 * Versions an extension reports when none is pinned: `microsoft.flux` 1.19.5 is what AKS installed in 2026
 * (Azure/AKS#5625, Azure/AKS#5645); other types (U).
 */
const DEFAULT_VERSIONS: Record<string, string> = { [FLUX_EXTENSION_TYPE]: '1.19.5' };
/** The Flux extension's controllers live in `flux-system` (learn.microsoft.com tutorial-use-gitops-flux2). */
const DEFAULT_RELEASE_NAMESPACE: Record<string, string> = { [FLUX_EXTENSION_TYPE]: 'flux-system' };

/**
 * The RP's operation status is `OperationStatusResult` {id, name, status, properties, error} with no other
 * property allowed (the spec validator refuses the engine's `startTime`/`endTime`): `status-only` is the engine's
 * style that conforms (`status` is the one required field).
 */
export function lro(status: number, provisioningState: string, durationKey: string): OperationSpec {
  return { mode: 'azure-async', status, provisioningState, durationKey, inProgressWord: 'InProgress', statusStyle: 'status-only' };
}

/** Protected settings to `secrets`, the body keeping their keys with empty values. */
export function keepProtected(r: StoredResource, field = 'configurationProtectedSettings'): void {
  const props = r.body.properties;
  const given = props[field];
  if (given && typeof given === 'object' && !Array.isArray(given)) {
    const kept: Record<string, string> = { ...(r.secrets.protectedSettings ?? {}) };
    for (const [k, v] of Object.entries(given)) {
        kept[k] = String(v);
    }
    r.secrets.protectedSettings = kept;
  } else if (given === null) {
    delete r.secrets.protectedSettings;
  }
  delete props[field];
}


export function extensionConfig(core: EmulatorCore): ResourceConfig {
  return {
    type: EXTENSION_TYPE,
    item: EXTENSION_ITEM,
    apiVersions: acceptedVersions(API_VERSIONS, EXTENSION_TYPE),
    tracked: false,
    create: lro(201, 'Creating', `${EXTENSION_TYPE}:create`),
    replace: lro(200, 'Updating', `${EXTENSION_TYPE}:update`),
    patch: lro(202, 'Updating', `${EXTENSION_TYPE}:update`),
    delete: { ...lro(202, 'Deleting', `${EXTENSION_TYPE}:delete`), absentStatus: 204 },
    statusPath: (c) => `${c.resourceId}/operations/${c.opId}`,
    notFound: (name) => kcErrors.extensionNotFound(name),
    validate: validateExtension,
    compute: (c) => computeExtension(core, c),
  };
}

function validateExtension(c: WriteContext): void {
  const p = c.resource.body.properties;
  if (typeof p.extensionType !== 'string' || !p.extensionType) {
    if (!c.existing) throw kcErrors.missing('properties.extensionType');
    p.extensionType = c.existing.body.properties.extensionType;
  }
  const was = c.existing?.body.properties.extensionType;
  if (was && String(was).toLowerCase() !== String(p.extensionType).toLowerCase()) throw kcErrors.extensionTypeChanged(was, p.extensionType);
  if (p.version && (p.autoUpgradeMinorVersion ?? true) === true) throw kcErrors.versionWithAutoUpgrade();
}

function computeExtension(core: EmulatorCore, c: WriteContext): void {
  const r = c.resource;
  const p = r.body.properties;
  const type = String(p.extensionType).toLowerCase();
  keepProtected(r);
  p.autoUpgradeMinorVersion ??= true;
  if (p.autoUpgradeMinorVersion) p.releaseTrain ??= 'Stable';
  p.autoUpgradeMode ??= 'compatible';
  p.scope ??= { cluster: { releaseNamespace: DEFAULT_RELEASE_NAMESPACE[type] ?? r.body.name } };
  p.configurationSettings ??= {};
  p.currentVersion = p.version ?? c.existing?.body.properties.currentVersion ?? DEFAULT_VERSIONS[type] ?? '1.0.0';
  p.statuses ??= [];
  p.isSystemExtension = false;
  // An AKS extension that asks for an identity gets one Azure creates (readOnly principalId / tenantId).
  if (p.aksAssignedIdentity && typeof p.aksAssignedIdentity === 'object') {
    r.secrets.aksPrincipalId ??= randomUUID();
    p.aksAssignedIdentity = { type: p.aksAssignedIdentity.type ?? 'SystemAssigned', principalId: r.secrets.aksPrincipalId, tenantId: core.config.tenantId };
  }
  if (r.body.identity?.type === 'SystemAssigned') {
    r.secrets.principalId ??= randomUUID();
    r.body.identity = { type: 'SystemAssigned', principalId: r.secrets.principalId, tenantId: core.config.tenantId };
  }
}

/** The cluster's Flux extension (any name, type `microsoft.flux`), if installed. */
export function fluxExtensionOf(core: EmulatorCore, clusterId: string): StoredResource | undefined {
  return core.childrenOfType(clusterId, EXTENSION_TYPE).find((e) => String(e.body.properties.extensionType).toLowerCase() === FLUX_EXTENSION_TYPE);
}
