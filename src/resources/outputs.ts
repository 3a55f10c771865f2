import type { aksClusterOutputs } from './aks-cluster/spec.js';
import type { aksExtensionOutputs } from './aks-extension/spec.js';
import type { fluxConfigurationOutputs } from './flux-configuration/spec.js';
import type { policyAssignmentOutputs } from './policy-assignment/spec.js';
import type { containerAppOutputs } from './container-app/spec.js';
import type { cosmosAccountOutputs } from './cosmos-account/spec.js';
import type { cosmosSqlContainerOutputs } from './cosmos-sql-container/spec.js';
import type { cosmosSqlDatabaseOutputs } from './cosmos-sql-database/spec.js';
import type { cosmosSqlRoleAssignmentOutputs } from './cosmos-sql-role-assignment/spec.js';
import type { daprComponentOutputs } from './dapr-component/spec.js';
import type { logAnalyticsWorkspaceOutputs } from './log-analytics-workspace/spec.js';
import type { managedEnvironmentOutputs } from './managed-environment/spec.js';
import type { privateDnsZoneLinkOutputs } from './private-dns-zone-link/spec.js';
import type { privateDnsZoneOutputs } from './private-dns-zone/spec.js';
import type { resourceGroupOutputs } from './resource-group/spec.js';
import type { roleAssignmentOutputs } from './role-assignment/spec.js';
import type { userAssignedIdentityOutputs } from './user-assigned-identity/spec.js';
import type { virtualNetworkOutputs } from './virtual-network/spec.js';

/**
 * Types only: the output names of each kind, read from the lists the kinds declare (so a name added to a
 * kind's `outputs` is typed at once), and the outputs a stack's resources give, by logical name.
 */
export interface KindOutputNames {
  aksCluster: (typeof aksClusterOutputs)[number];
  aksExtension: (typeof aksExtensionOutputs)[number];
  fluxConfiguration: (typeof fluxConfigurationOutputs)[number];
  policyAssignment: (typeof policyAssignmentOutputs)[number];
  containerApp: (typeof containerAppOutputs)[number];
  cosmosAccount: (typeof cosmosAccountOutputs)[number];
  cosmosSqlContainer: (typeof cosmosSqlContainerOutputs)[number];
  cosmosSqlDatabase: (typeof cosmosSqlDatabaseOutputs)[number];
  cosmosSqlRoleAssignment: (typeof cosmosSqlRoleAssignmentOutputs)[number];
  daprComponent: (typeof daprComponentOutputs)[number];
  logAnalyticsWorkspace: (typeof logAnalyticsWorkspaceOutputs)[number];
  managedEnvironment: (typeof managedEnvironmentOutputs)[number];
  privateDnsZone: (typeof privateDnsZoneOutputs)[number];
  privateDnsZoneLink: (typeof privateDnsZoneLinkOutputs)[number];
  resourceGroup: (typeof resourceGroupOutputs)[number];
  roleAssignment: (typeof roleAssignmentOutputs)[number];
  userAssignedIdentity: (typeof userAssignedIdentityOutputs)[number];
  virtualNetwork: (typeof virtualNetworkOutputs)[number];
}

/** The outputs of one resource of kind K; any name when the kind is not known (a wide `string`). */
export type OutputsOfKind<K> = K extends keyof KindOutputNames ? { [N in KindOutputNames[K]]: string } : Record<string, string>;

/** A `cosmosStateStore` is planned as its parts, `<logical>-<part>`: outputs come by those names (see its expand). */
type StateStoreOutputs<L extends string, S> = {
  [P in 'database' | 'container' | 'component' as `${L}-${P}`]: OutputsOfKind<P extends 'database' ? 'cosmosSqlDatabase' : P extends 'container' ? 'cosmosSqlContainer' : 'daprComponent'>;
} & (S extends { account: string } ? unknown : { [P in `${L}-account`]: OutputsOfKind<'cosmosAccount'> }) &
  // The identity and its role exist with auth: identity, the default; a wide `auth: string` may be either.
  (S extends { auth: infer A } ? ([A] extends ['identity' | undefined] ? IdentityParts<L> : [A] extends ['key'] ? unknown : Partial<IdentityParts<L>>) : IdentityParts<L>);

type IdentityParts<L extends string> = { [P in `${L}-identity`]: OutputsOfKind<'userAssignedIdentity'> } & { [P in `${L}-role`]: OutputsOfKind<'cosmosSqlRoleAssignment'> };

type KindOf<R> = R extends { kind: infer K } ? K : string;
type Composite<R> = { [L in keyof R]: KindOf<R[L]> extends 'cosmosStateStore' ? L : never }[keyof R];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/**
 * Outputs of a stack's resources by logical name, typed by their kinds: with `defineStack`,
 * `outputs.env.defaultDomain` is a `string`. A stack whose resource map is a wide `Record` gets
 * `Record<string, Record<string, string>>`.
 */
export type StackOutputs<R> = string extends keyof R
  ? Record<string, Record<string, string>>
  : { [L in Exclude<keyof R, Composite<R>>]: OutputsOfKind<KindOf<R[L]>> } & UnionToIntersection<
      { [L in Composite<R> & string]: StateStoreOutputs<L, R[L]> }[Composite<R> & string] | {}
    >;
