import { randomBytes, randomUUID } from 'node:crypto';

/**
 * Response defaults of Microsoft.ContainerService managed clusters: what the service returns for fields the
 * request left out. [rec-1] = test_aks_create_fqdn_subdomain.yaml (2021), [rec-2] =
 * test_aks_private_cluster_update_dns_zone.yaml (2023, api 2025-07-01); [spec-aks] = managedClusters.json
 * 2026-04-01 in ../shared/azure-specs (readOnly fields included). The newer recording wins where they differ.
 */

/** Cluster properties a create answer carries when the request leaves them out [rec-2]. */
export const CLUSTER_PROPERTY_DEFAULTS: Record<string, unknown> = {
  autoUpgradeProfile: { nodeOSUpgradeChannel: 'NodeImage' },
  disableLocalAccounts: false,
  securityProfile: {},
  storageProfile: { diskCSIDriver: { enabled: true }, fileCSIDriver: { enabled: true }, snapshotController: { enabled: true } },
  oidcIssuerProfile: { enabled: false },
  workloadAutoScalerProfile: {},
};

/** Agent pool fields the answers carry when the request leaves them out ([rec-2]; `nodeLabels: {}` [rec-1]). */
export const AGENT_POOL_DEFAULTS: Record<string, unknown> = {
  count: 1,
  vmSize: 'Standard_DS2_v2',
  osDiskSizeGB: 128,
  osDiskType: 'Managed',
  kubeletDiskType: 'OS',
  maxPods: 110,
  type: 'VirtualMachineScaleSets',
  enableAutoScaling: false,
  enableNodePublicIP: false,
  nodeLabels: {},
  mode: 'System',
  enableEncryptionAtHost: false,
  enableUltraSSD: false,
  osType: 'Linux',
  osSKU: 'Ubuntu',
  upgradeSettings: {},
  enableFIPS: false,
};

/**
 * The managed outbound public IP of a `loadBalancer` cluster, in the node resource group, named by a GUID
 * [rec-1] [rec-2]: `networkProfile.loadBalancerProfile.effectiveOutboundIPs[].id`.
 */
export function effectiveOutboundIp(subscriptionId: string, nodeResourceGroup: string): { id: string } {
  return { id: `/subscriptions/${subscriptionId}/resourceGroups/${nodeResourceGroup}/providers/Microsoft.Network/publicIPAddresses/${randomUUID()}` };
}

/**
 * The private link service behind a private cluster's API server, in an AKS-owned underlay group
 * (`hcp-underlay-<region>-cx-<n>`), named by 32 hex digits [rec-2] (`privateLinkResources[].privateLinkServiceID`).
 */
export function privateLinkServiceId(subscriptionId: string, region: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/hcp-underlay-${region}-cx-${1 + (randomBytes(1)[0] % 200)}/providers/Microsoft.Network/privateLinkServices/${randomBytes(16).toString('hex')}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** `given` with every key of `defaults` it lacks filled in, recursively for objects (`storageProfile: {}` → the drivers). */
export function withDefaults(given: unknown, defaults: unknown): unknown {
  if (given === undefined || given === null) return structuredClone(defaults);
  if (!isObject(given) || !isObject(defaults)) return given;
  const out: Record<string, unknown> = { ...given };
  for (const [k, v] of Object.entries(defaults)) out[k] = withDefaults(out[k], v);
  return out;
}
