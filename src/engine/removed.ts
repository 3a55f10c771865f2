import { ResourceManagementClient } from '@azure/arm-resources';
import { sameResourceId } from '../arm/ids.js';
import { armCall } from '../arm/rest-errors.js';
import type { KindProvider } from '../resources/kind.js';
import { ownershipOf, RESOURCE_TAG, STACK_TAG } from '../resources/ownership.js';
import { loadProvider } from '../resources/kinds.js';
import { findCycle } from './graph.js';
import type { Stack } from './stack.js';
import { kindEnv, mapLimit, type RunOptions } from './run-env.js';
import { DEFAULT_CONCURRENCY } from './defaults.js';

/** A resource tagged for the stack that the stack no longer declares. */
export interface RemovedResource {
  /** Its key in plans and events: the logical name its tag carries, or that name with " (removed)" when the stack reuses it. */
  key: string;
  id: string;
  /** ARM's type, as the tag listing gives it. */
  type: string;
  /** The azprov kind of that type; undefined when azprov has none (it is then never touched). */
  kind?: string;
  provider?: KindProvider<any, any>;
  actual?: unknown;
}

/**
 * ARM type -> azprov kind, to delete a removed resource with its own SDK client. Only kinds ARM tags: the
 * tag listing never returns the tagless ones (Dapr components, role assignments, Cosmos SQL databases,
 * containers and role assignments), which go with their parent or stay (README, "Ownership and safety").
 */
export const KIND_OF_ARM_TYPE: Readonly<Record<string, string>> = {
  'microsoft.resources/resourcegroups': 'resourceGroup',
  'microsoft.operationalinsights/workspaces': 'logAnalyticsWorkspace',
  'microsoft.app/managedenvironments': 'managedEnvironment',
  'microsoft.app/containerapps': 'containerApp',
  'microsoft.managedidentity/userassignedidentities': 'userAssignedIdentity',
  'microsoft.documentdb/databaseaccounts': 'cosmosAccount',
  'microsoft.network/virtualnetworks': 'virtualNetwork',
  'microsoft.network/privatednszones': 'privateDnsZone',
  'microsoft.network/privatednszones/virtualnetworklinks': 'privateDnsZoneLink',
  'microsoft.containerservice/managedclusters': 'aksCluster',
};

/**
 * Delete order when Azure shows no link between two resources (lower goes first). Only for links that are
 * not ARM ids in the resources' properties, so that containment and references cannot see them.
 */
const DELETE_RANK: Readonly<Record<string, number>> = {
  // Role assignments name their principal by object id, not ARM id: they go before the identity.
  roleAssignment: 0,
  cosmosSqlRoleAssignment: 0,
  // Apps run in an environment and use components, identities and stores: nothing uses an app.
  containerApp: 0,
  // Components are read by apps at start; they go after apps, before their environment.
  daprComponent: 1,
  // A cluster holds its subnet, zone and identity in use; it goes before them.
  aksCluster: 1,
  privateDnsZoneLink: 1,
  cosmosSqlContainer: 1,
  cosmosSqlDatabase: 2,
  // An environment refuses deletion while it holds apps (409 ManagedEnvironmentHasContainerApps).
  managedEnvironment: 2,
  cosmosAccount: 3,
  privateDnsZone: 3,
  virtualNetwork: 3,
  // An environment names its workspace by customer id, not ARM id; identities are named by principal id.
  logAnalyticsWorkspace: 4,
  userAssignedIdentity: 4,
  // A group deletes what it holds: always last.
  resourceGroup: 9,
};

export function rankOf(kind: string | undefined): number {
  return kind === undefined ? 5 : (DELETE_RANK[kind] ?? 5);
}

interface Tagged {
  id: string;
  type: string;
  managedBy?: string;
}

/** Resources and groups that carry the stack's ownership tag, from ARM's tag filter (two list reads). */
export async function taggedForStack(options: RunOptions, stack: string): Promise<Tagged[]> {
  const client = await options.arm.client(ResourceManagementClient);
  const filter = `tagName eq '${STACK_TAG}' and tagValue eq '${stack}'`;
  return armCall(`Listing the resources tagged ${STACK_TAG}=${stack}`, `/subscriptions/${options.arm.subscriptionId}`, async () => {
    // ARM leaves tags out of results filtered by tag: the ids and types are what there is.
    const out: Tagged[] = [];
    for await (const g of client.resourceGroups.list({ filter })) out.push({ id: g.id!, type: 'Microsoft.Resources/resourceGroups', managedBy: g.managedBy });
    for await (const r of client.resources.list({ filter })) out.push({ id: r.id!, type: r.type!, managedBy: r.managedBy });
    return out;
  });
}

/** `child` is `parent` or lies under it (a resource in a group, a link under its zone). */
export function within(child: string, parent: string): boolean {
  const c = child.toLowerCase();
  const p = parent.toLowerCase().replace(/\/$/, '');
  return c === p || c.startsWith(`${p}/`);
}

/**
 * Whether what Azure says about a resource names another resource's id (or one of its children's, such
 * as a subnet of a VNet): an app's `managedEnvironmentId`, a cluster's subnet, zone and identity.
 */
export function refersTo(actual: unknown, ownId: string, otherId: string): boolean {
  if (actual === undefined || within(ownId, otherId)) return false;
  const text = JSON.stringify(actual).toLowerCase();
  const other = otherId.toLowerCase();
  return text.includes(`"${other}"`) || text.includes(`${other}/`);
}

/**
 * The tagged resources the stack does not declare, each read once (for its tags, to be sure it is the
 * stack's, and for the ids it refers to). Resources another resource manages (`managedBy`, e.g. the AKS
 * node resource group, which carries the cluster's tags) go with their manager and are left out.
 */
export async function findRemoved(stack: Stack, options: RunOptions, tagged: Tagged[], declaredIds: string[]): Promise<RemovedResource[]> {
  const managedGroups = tagged.filter((t) => t.managedBy && t.type.toLowerCase() === 'microsoft.resources/resourcegroups').map((t) => t.id);
  const candidates = tagged.filter((t) => !t.managedBy && !managedGroups.some((g) => within(t.id, g)) && !declaredIds.some((id) => sameResourceId(id, t.id)));
  const used = new Set(Object.keys(stack.resources));
  const removed = await mapLimit(candidates, options.concurrency ?? DEFAULT_CONCURRENCY, async (t): Promise<RemovedResource | undefined> => {
    const kind = KIND_OF_ARM_TYPE[t.type.toLowerCase()];
    if (!kind) return { key: t.id.split('/').pop()!, id: t.id, type: t.type };
    const provider = await loadProvider(kind);
    const actual = await provider.read(kindEnv(options, stack, t.id), t.id);
    // Gone since the listing, or the tag filter matched loosely: only what is tagged for this stack exactly.
    if (actual === undefined || ownershipOf(provider.tags(actual), stack.name) !== 'owned') return undefined;
    return { key: provider.tags(actual)?.[RESOURCE_TAG] ?? t.id.split('/').pop()!, id: t.id, type: t.type, kind, provider, actual };
  });
  const out: RemovedResource[] = [];
  for (const r of removed) {
    if (!r) continue;
    let key = used.has(r.key) ? `${r.key} (removed)` : r.key;
    if (used.has(key)) key = r.id;
    used.add(key);
    out.push({ ...r, key });
  }
  return out;
}

/** One resource to delete, as the delete order sees it. */
export interface DeleteNode {
  key: string;
  id: string;
  kind?: string;
  actual?: unknown;
  /** Declared in the stack (its order comes from the stack's references), or removed from it. */
  declared: boolean;
}

/**
 * For each node, the nodes to delete before it. Between declared resources, the stack's own references
 * (reversed). Otherwise from what Azure says: a child before its parent (by id), a resource before what its
 * properties name, and the rank table where Azure shows no link.
 */
export function deleteOrder(nodes: DeleteNode[], stackDeps: Readonly<Record<string, readonly string[]>>): Record<string, string[]> {
  const before: Record<string, Set<string>> = Object.fromEntries(nodes.map((n) => [n.key, new Set<string>()]));
  const declaredFirst = (a: DeleteNode, b: DeleteNode) => (stackDeps[a.key] ?? []).includes(b.key);
  const seen = (a: DeleteNode, b: DeleteNode) => (within(a.id, b.id) && !sameResourceId(a.id, b.id)) || refersTo(a.actual, a.id, b.id);
  for (const a of nodes) {
    for (const b of nodes) {
      if (a === b) continue;
      let first: boolean;
      if (a.declared && b.declared) first = declaredFirst(a, b);
      else {
        const ab = seen(a, b);
        const ba = seen(b, a);
        first = ab !== ba ? ab : rankOf(a.kind) < rankOf(b.kind);
      }
      // "a goes before b": b waits for a.
      if (first) before[b.key].add(a.key);
    }
  }
  const out = Object.fromEntries(Object.entries(before).map(([k, v]) => [k, [...v]]));
  // Links read from Azure could loop in a case not foreseen: then the rank table alone decides.
  if (findCycle(out)) {
    for (const n of nodes) out[n.key] = nodes.filter((m) => m !== n && rankOf(m.kind) < rankOf(n.kind)).map((m) => m.key);
  }
  return out;
}
