import { aksClusterKind } from './aks-cluster/spec.js';
import { aksExtensionKind } from './aks-extension/spec.js';
import { fluxConfigurationKind } from './flux-configuration/spec.js';
import { policyAssignmentKind } from './policy-assignment/spec.js';
import { containerAppKind } from './container-app/spec.js';
import { cosmosAccountKind } from './cosmos-account/spec.js';
import { cosmosSqlContainerKind } from './cosmos-sql-container/spec.js';
import { cosmosSqlDatabaseKind } from './cosmos-sql-database/spec.js';
import { cosmosSqlRoleAssignmentKind } from './cosmos-sql-role-assignment/spec.js';
import { daprComponentKind } from './dapr-component/spec.js';
import { cosmosStateStoreKind } from './cosmos-state-store/expand.js';
import type { CompositeKind, KindSpec } from './kind.js';
import { registerKinds } from './kinds.js';
import { logAnalyticsWorkspaceKind } from './log-analytics-workspace/spec.js';
import { managedEnvironmentKind } from './managed-environment/spec.js';
import { privateDnsZoneLinkKind } from './private-dns-zone-link/spec.js';
import { privateDnsZoneKind } from './private-dns-zone/spec.js';
import { roleAssignmentKind } from './role-assignment/spec.js';
import { resourceGroupKind } from './resource-group/spec.js';
import { userAssignedIdentityKind } from './user-assigned-identity/spec.js';
import { virtualNetworkKind } from './virtual-network/spec.js';

/**
 * Every resource kind azprov knows, loaded at once: for the library, `azprov schema` and tests. The CLI
 * loads only the kinds a stack names (kinds.ts). Providers are imported on first use either way, so
 * validation never loads an ARM client.
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
  aksExtensionKind,
  fluxConfigurationKind,
  policyAssignmentKind,
];

/** Kinds that expand into several resources of the kinds above. */
export const compositeKinds: readonly CompositeKind<any>[] = [cosmosStateStoreKind];

registerKinds([...kindSpecs, ...compositeKinds]);

export { compositeKind, kindSpec, loadProvider } from './kinds.js';
