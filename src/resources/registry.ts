import { aksClusterKind } from './aks-cluster/spec.js';
import { containerAppKind } from './container-app/spec.js';
import { cosmosAccountKind } from './cosmos-account/spec.js';
import { cosmosSqlContainerKind } from './cosmos-sql-container/spec.js';
import { cosmosSqlDatabaseKind } from './cosmos-sql-database/spec.js';
import { cosmosSqlRoleAssignmentKind } from './cosmos-sql-role-assignment/spec.js';
import { daprComponentKind } from './dapr-component/spec.js';
import { cosmosStateStoreKind } from './cosmos-state-store/expand.js';
import type { BaseResourceSpec, CompositeKind, KindProvider, KindSpec } from './kind.js';
import { logAnalyticsWorkspaceKind } from './log-analytics-workspace/spec.js';
import { managedEnvironmentKind } from './managed-environment/spec.js';
import { privateDnsZoneLinkKind } from './private-dns-zone-link/spec.js';
import { privateDnsZoneKind } from './private-dns-zone/spec.js';
import { roleAssignmentKind } from './role-assignment/spec.js';
import { resourceGroupKind } from './resource-group/spec.js';
import { userAssignedIdentityKind } from './user-assigned-identity/spec.js';
import { virtualNetworkKind } from './virtual-network/spec.js';

/**
 * Every resource kind azprov knows. Specs are loaded eagerly (they need no SDK); providers are imported
 * on first use, so validation and `--help` never load an ARM client.
 */
export const kindSpecs: readonly KindSpec<any>[] = [
  resourceGroupKind,
  logAnalyticsWorkspaceKind,
  managedEnvironmentKind,
  userAssignedIdentityKind,
  cosmosAccountKind,
  cosmosSqlDatabaseKind,
  cosmosSqlContainerKind,
  cosmosSqlRoleAssignmentKind,
  daprComponentKind,
  containerAppKind,
  virtualNetworkKind,
  privateDnsZoneKind,
  privateDnsZoneLinkKind,
  roleAssignmentKind,
  aksClusterKind,
];

/** Kinds that expand into several resources of the kinds above. */
export const compositeKinds: readonly CompositeKind<any>[] = [cosmosStateStoreKind];

export function compositeKind(kind: string): CompositeKind<any> | undefined {
  return compositeKinds.find((k) => k.kind === kind);
}

const providerLoaders: Record<string, () => Promise<KindProvider<any, any>>> = {
  resourceGroup: async () => (await import('./resource-group/provider.js')).resourceGroupProvider,
  logAnalyticsWorkspace: async () => (await import('./log-analytics-workspace/provider.js')).logAnalyticsWorkspaceProvider,
  managedEnvironment: async () => (await import('./managed-environment/provider.js')).managedEnvironmentProvider,
  userAssignedIdentity: async () => (await import('./user-assigned-identity/provider.js')).userAssignedIdentityProvider,
  cosmosAccount: async () => (await import('./cosmos-account/provider.js')).cosmosAccountProvider,
  cosmosSqlDatabase: async () => (await import('./cosmos-sql-database/provider.js')).cosmosSqlDatabaseProvider,
  cosmosSqlContainer: async () => (await import('./cosmos-sql-container/provider.js')).cosmosSqlContainerProvider,
  cosmosSqlRoleAssignment: async () => (await import('./cosmos-sql-role-assignment/provider.js')).cosmosSqlRoleAssignmentProvider,
  daprComponent: async () => (await import('./dapr-component/provider.js')).daprComponentProvider,
  containerApp: async () => (await import('./container-app/provider.js')).containerAppProvider,
  virtualNetwork: async () => (await import('./virtual-network/provider.js')).virtualNetworkProvider,
  privateDnsZone: async () => (await import('./private-dns-zone/provider.js')).privateDnsZoneProvider,
  privateDnsZoneLink: async () => (await import('./private-dns-zone-link/provider.js')).privateDnsZoneLinkProvider,
  roleAssignment: async () => (await import('./role-assignment/provider.js')).roleAssignmentProvider,
  aksCluster: async () => (await import('./aks-cluster/provider.js')).aksClusterProvider,
};

export function kindSpec(kind: string): KindSpec<any> | undefined {
  return kindSpecs.find((k) => k.kind === kind);
}

export async function loadProvider<S extends BaseResourceSpec>(kind: string): Promise<KindProvider<S, unknown>> {
  const load = providerLoaders[kind];
  if (!load) throw new Error(`internal: no provider for kind '${kind}'`);
  return load();
}
