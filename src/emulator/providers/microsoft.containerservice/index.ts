import { randomBytes } from 'node:crypto';
import type { EmulatorCore } from '../../core.js';
import { normaliseLocation } from '../../core.js';
import { errors } from '../../errors.js';
import type { OperationSpec } from '../../lro.js';
import type { ArmRequest, ArmResponse } from '../../router.js';
import { type StoredResource, resourceKey } from '../../state.js';
import { type PathContext, registerResourceType, resourceNotFound } from '../../tracked.js';
import {
  CLUSTER_TYPE,
  checkClusterCompletion,
  computeCluster,
  onClusterDelete,
  onClusterProvisioned,
  presentCluster,
  validateCluster,
  validateClusterName,
} from './backend.js';
import { kubeconfig, runKubectl } from './kube.js';

export { CLUSTER_TYPE, DEFAULT_KUBERNETES_VERSION, NETWORK_CONTRIBUTOR, PRIVATE_DNS_ZONE_CONTRIBUTOR, nodeResourceGroupName, zoneNameAllowed } from './backend.js';
export { ALLOWED_ZONE_FORMS, aksErrors } from './errors.js';

/**
 * Microsoft.ContainerService/managedClusters (arm-facts §10):
 * - PUT **201** `Creating` / **200** `Updating` with only `Azure-AsyncOperation`
 *   (`…/providers/Microsoft.ContainerService/locations/{region}/operations/{id}?api-version=2016-03-30`), no
 *   Location, no Retry-After; polls `{"name","status":"InProgress","startTime"}` → `Succeeded` + `endTime`, the
 *   name being the id with its first three groups byte-swapped, 7-digit fractions [rec-1] [rec-2] (arm-facts §1.1).
 * - PATCH (UpdateTags) 200 LRO likewise; DELETE **202** with `Azure-AsyncOperation` and `Location`
 *   (`…/operationresults/{id}`) / 204 when absent [rec-2]; GET; lists by group and subscription.
 * - POST listClusterUserCredential / listClusterAdminCredential / listClusterMonitoringUserCredential → 200
 *   `{kubeconfigs:[{name,value: base64 YAML}]}`; POST runCommand → 202 + Location `…/commandResults/{id}`;
 *   GET commandResults/{id} → 202 while running, then 200 `{id, properties:{provisioningState, exitCode, …}}`.
 * - A write while an operation runs → 409 `OperationNotAllowed` [issue-wi-417]. A custom private DNS zone
 *   whose roles are not effective makes the operation end Failed `CustomPrivateDNSZoneMissingPermission`.
 * api-versions: 2026-04-01 (arm-containerservice 25.3.0), 2025-07-01 [rec-2], 2022-11-01 (Azure CLI 2.45),
 * 2021-02-01 [rec-1]; the others in between (U) as the monthly stable releases.
 */
export const AKS_API_VERSIONS = [
  '2021-02-01', '2021-03-01', '2021-05-01', '2021-07-01', '2021-08-01', '2021-09-01', '2021-10-01', '2022-01-01', '2022-02-01',
  '2022-03-01', '2022-04-01', '2022-06-01', '2022-07-01', '2022-08-01', '2022-09-01', '2022-11-01', '2023-01-01', '2023-02-01',
  '2023-03-01', '2023-04-01', '2023-05-01', '2023-06-01', '2023-07-01', '2023-08-01', '2023-09-01', '2023-10-01', '2023-11-01',
  '2024-01-01', '2024-02-01', '2024-05-01', '2024-06-01', '2024-07-01', '2024-08-01', '2024-09-01', '2024-10-01', '2025-01-01',
  '2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01', '2025-06-01', '2025-07-01', '2025-08-01', '2025-09-01', '2025-10-01',
  '2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-06-01',
] as const;

export const COMMAND_RESULT_TYPE = 'Microsoft.ContainerService/managedClusters/commandResults';
const CLUSTER = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/{resourceName}';

export function registerContainerServiceProvider(core: EmulatorCore): void {
  const aks = (status: number, provisioningState: string, durationKey: string): OperationSpec => ({
    mode: 'azure-async',
    status,
    provisioningState,
    durationKey,
    inProgressWord: 'InProgress',
    statusStyle: 'aks',
    statusApiVersion: '2016-03-30',
    statusQueryFlag: false,
    sendRetryAfter: false,
  });
  const loc = (c: PathContext) => normaliseLocation(c.location);

  const credential = (user: 'clusterUser' | 'clusterAdmin' | 'clusterMonitoringUser') => (req: ArmRequest, r: StoredResource): ArmResponse => ({
    status: 200,
    body: { kubeconfigs: [{ name: user, value: Buffer.from(kubeconfig(r, user, req.query.get('server-fqdn') ?? undefined)).toString('base64') }] },
  });

  registerResourceType(core, {
    type: CLUSTER_TYPE,
    item: CLUSTER,
    listBySubscription: '/subscriptions/{subscriptionId}/providers/Microsoft.ContainerService/managedClusters',
    apiVersions: AKS_API_VERSIONS,
    systemData: true,
    create: aks(201, 'Creating', `${CLUSTER_TYPE}:create`),
    replace: aks(200, 'Updating', `${CLUSTER_TYPE}:update`),
    patch: aks(200, 'Updating', `${CLUSTER_TYPE}:update`),
    delete: { ...aks(202, 'Deleting', `${CLUSTER_TYPE}:delete`), mode: 'both', absentStatus: 204 },
    statusPath: (c) => `/subscriptions/${c.subscriptionId}/providers/Microsoft.ContainerService/locations/${loc(c)}/operations/${c.opId}`,
    resultPath: (c) => `/subscriptions/${c.subscriptionId}/providers/Microsoft.ContainerService/locations/${loc(c)}/operationresults/${c.opId}`,
    validateName: validateClusterName,
    validate: validateCluster(core),
    compute: computeCluster(core),
    present: (b) => presentCluster(b),
    checkCompletion: checkClusterCompletion(core),
    onProvisioned: onClusterProvisioned(core),
    onDelete: onClusterDelete(core),
    actions: {
      listClusterUserCredential: credential('clusterUser'),
      listClusterAdminCredential: credential('clusterAdmin'),
      listClusterMonitoringUserCredential: credential('clusterMonitoringUser'),
      runCommand: (req, r) => runCommand(core, req, r),
    },
  });

  // Command results: stored below the cluster (deleted with it), answered by the LRO engine while their
  // operation record exists, and by this route afterwards.
  core.registry.registerType({
    type: COMMAND_RESULT_TYPE,
    namespace: 'Microsoft.ContainerService',
    apiVersions: AKS_API_VERSIONS,
    locations: [],
    present: (r) => structuredClone(r.body),
    onOperationComplete: (op) => {
      const r = core.state.get(op.resourceId);
      if (!r) return;
      r.body.properties.provisioningState = op.status;
      r.body.properties.finishedAt = op.endTime;
      if (op.status !== 'Succeeded') r.body.properties.reason = op.error?.message;
      core.state.changed();
    },
  });
  core.router.add({
    method: 'GET',
    template: `${CLUSTER}/commandResults/{commandId}`,
    namespace: 'Microsoft.ContainerService',
    apiVersions: { versions: AKS_API_VERSIONS, kind: 'provider', typeName: 'managedClusters/commandResults' },
    handler: (req) => {
      core.requireResourceGroup(req.params.subscriptionId, req.params.resourceGroupName);
      const r = core.state.get(req.path);
      if (!r || !r.visible) throw resourceNotFound(req, req.params.commandId);
      if (r.body.properties.provisioningState === 'Running') return { status: 202, headers: { Location: `${core.config.endpoint}${r.id}?api-version=${req.apiVersion}` } };
      return { status: 200, body: core.present(r) };
    },
  });
}

/** POST runCommand → 202 + Location `…/commandResults/{id}`; the command runs against the emulated API server (`kube.ts`). */
function runCommand(core: EmulatorCore, req: ArmRequest, cluster: StoredResource): ArmResponse {
  const command = req.body?.command;
  if (typeof command !== 'string' || !command.trim()) throw errors.badRequest('InvalidParameter', "The 'command' property is required.", 'command');
  const cmdId = randomBytes(16).toString('hex');
  const id = `${cluster.id}/commandResults/${cmdId}`;
  const { exitCode, logs } = runKubectl(cluster, command);
  const now = new Date().toISOString();
  core.state.put({
    key: resourceKey(id),
    id,
    type: COMMAND_RESULT_TYPE,
    subscriptionId: cluster.subscriptionId,
    resourceGroup: cluster.resourceGroup,
    body: { id: cmdId, properties: { provisioningState: 'Running', exitCode, startedAt: now, logs } },
    secrets: {},
    etag: core.newEtag(),
    createdTime: now,
    changedTime: now,
    visible: true,
  });
  const spec: OperationSpec = { mode: 'location', status: 202, durationKey: `${CLUSTER_TYPE}/runCommand:action` };
  const op = core.lro.start({
    kind: 'action',
    resourceId: id,
    resourceType: COMMAND_RESULT_TYPE,
    spec,
    apiVersion: req.apiVersion!,
    resultPath: () => id,
    previous: null,
    final: { status: 200, body: 'resource' },
    failWith: req.fault === 'lro-failed' ? { httpStatus: 500, ...errors.internalServerError().toBody().error } : undefined,
  });
  return { status: 202, headers: core.lro.headers(op, spec) };
}
