import type { BaseResourceSpec, CompositeKind, KindProvider, KindSpec } from './kind.js';

/**
 * The lazy side of the registry: kind names are known without loading anything, and a kind's spec (schema
 * and checks) and provider (SDK calls) are imported only for the kinds a stack names, so that planning a
 * small stack does not pay for the SDKs and schemas of all of them. `registry.ts` loads every kind at once
 * for the library and `azprov schema`.
 */
export const KIND_NAMES = [
  'resourceGroup',
  'logAnalyticsWorkspace',
  'managedEnvironment',
  'userAssignedIdentity',
  'cosmosAccount',
  'cosmosSqlDatabase',
  'cosmosSqlContainer',
  'cosmosSqlRoleAssignment',
  'daprComponent',
  'containerApp',
  'virtualNetwork',
  'privateDnsZone',
  'privateDnsZoneLink',
  'roleAssignment',
  'aksCluster',
  'aksExtension',
  'fluxConfiguration',
  'policyAssignment',
] as const;

export const COMPOSITE_KIND_NAMES = ['cosmosStateStore'] as const;

/** The kinds each composite expands into (see its expand.ts). */
const COMPOSITE_PARTS: Record<string, readonly string[]> = {
  cosmosStateStore: ['cosmosAccount', 'cosmosSqlDatabase', 'cosmosSqlContainer', 'userAssignedIdentity', 'cosmosSqlRoleAssignment', 'daprComponent'],
};

const specLoaders: Record<string, () => Promise<KindSpec<any> | CompositeKind<any>>> = {
  resourceGroup: async () => (await import('./resource-group/spec.js')).resourceGroupKind,
  logAnalyticsWorkspace: async () => (await import('./log-analytics-workspace/spec.js')).logAnalyticsWorkspaceKind,
  managedEnvironment: async () => (await import('./managed-environment/spec.js')).managedEnvironmentKind,
  userAssignedIdentity: async () => (await import('./user-assigned-identity/spec.js')).userAssignedIdentityKind,
  cosmosAccount: async () => (await import('./cosmos-account/spec.js')).cosmosAccountKind,
  cosmosSqlDatabase: async () => (await import('./cosmos-sql-database/spec.js')).cosmosSqlDatabaseKind,
  cosmosSqlContainer: async () => (await import('./cosmos-sql-container/spec.js')).cosmosSqlContainerKind,
  cosmosSqlRoleAssignment: async () => (await import('./cosmos-sql-role-assignment/spec.js')).cosmosSqlRoleAssignmentKind,
  daprComponent: async () => (await import('./dapr-component/spec.js')).daprComponentKind,
  containerApp: async () => (await import('./container-app/spec.js')).containerAppKind,
  virtualNetwork: async () => (await import('./virtual-network/spec.js')).virtualNetworkKind,
  privateDnsZone: async () => (await import('./private-dns-zone/spec.js')).privateDnsZoneKind,
  privateDnsZoneLink: async () => (await import('./private-dns-zone-link/spec.js')).privateDnsZoneLinkKind,
  roleAssignment: async () => (await import('./role-assignment/spec.js')).roleAssignmentKind,
  aksCluster: async () => (await import('./aks-cluster/spec.js')).aksClusterKind,
  aksExtension: async () => (await import('./aks-extension/spec.js')).aksExtensionKind,
  fluxConfiguration: async () => (await import('./flux-configuration/spec.js')).fluxConfigurationKind,
  policyAssignment: async () => (await import('./policy-assignment/spec.js')).policyAssignmentKind,
  cosmosStateStore: async () => (await import('./cosmos-state-store/expand.js')).cosmosStateStoreKind,
};

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
  aksExtension: async () => (await import('./aks-extension/provider.js')).aksExtensionProvider,
  fluxConfiguration: async () => (await import('./flux-configuration/provider.js')).fluxConfigurationProvider,
  policyAssignment: async () => (await import('./policy-assignment/provider.js')).policyAssignmentProvider,
};

const specs = new Map<string, KindSpec<any>>();
const composites = new Map<string, CompositeKind<any>>();

const isComposite = (k: KindSpec<any> | CompositeKind<any>): k is CompositeKind<any> => 'expand' in k;

/** Makes kinds known to validation (registry.ts registers all of them at once). */
export function registerKinds(kinds: readonly (KindSpec<any> | CompositeKind<any>)[]): void {
  for (const k of kinds) (isComposite(k) ? composites : specs).set(k.kind, k as never);
}

/** Loads the specs of the named kinds (and of the parts of named composites); names no kind has are ignored. */
export async function loadKindSpecs(names: Iterable<string> = [...KIND_NAMES, ...COMPOSITE_KIND_NAMES]): Promise<void> {
  const wanted = new Set<string>();
  for (const n of names) if (specLoaders[n]) [n, ...(COMPOSITE_PARTS[n] ?? [])].forEach((k) => wanted.add(k));
  registerKinds(await Promise.all([...wanted].filter((k) => !specs.has(k) && !composites.has(k)).map((k) => specLoaders[k]())));
}

/**
 * The kinds whose names appear in a stack file's text: a cheap superset of those it uses (a name in a
 * comment loads one spec too many), found without parsing, so validation can start with the right specs.
 */
export function kindsNamedIn(text: string): string[] {
  return [...KIND_NAMES, ...COMPOSITE_KIND_NAMES].filter((k) => text.includes(k));
}

export function kindSpec(kind: string): KindSpec<any> | undefined {
  return specs.get(kind);
}

export function compositeKind(kind: string): CompositeKind<any> | undefined {
  return composites.get(kind);
}

/** Specs loaded so far, in the order of KIND_NAMES (the order of the JSON Schema). */
export function loadedKindSpecs(): KindSpec<any>[] {
  return KIND_NAMES.flatMap((k) => specs.get(k) ?? []);
}

export function loadedCompositeKinds(): CompositeKind<any>[] {
  return COMPOSITE_KIND_NAMES.flatMap((k) => composites.get(k) ?? []);
}

export async function loadProvider<S extends BaseResourceSpec>(kind: string): Promise<KindProvider<S, unknown>> {
  const load = providerLoaders[kind];
  if (!load) throw new Error(`internal: no provider for kind '${kind}'`);
  return load();
}
