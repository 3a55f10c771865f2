/**
 * ARM resource ids: `/subscriptions/{sub}/resourceGroups/{rg}/providers/{ns}/{type}/{name}[/{type}/{name}]...`.
 * Segments compare case-insensitively, as ARM does [rpc-resource].
 */

export interface ResourceId {
  subscriptionId: string;
  resourceGroup?: string;
  /** Provider namespace, e.g. `Microsoft.App`; undefined for a resource group or subscription id. */
  namespace?: string;
  /** Type segments below the namespace, e.g. `['managedEnvironments', 'daprComponents']`. */
  types: string[];
  /** Names matching `types`. */
  names: string[];
}

export class ResourceIdError extends Error {
  constructor(id: string, reason: string) {
    super(`'${id}' is not an ARM resource id: ${reason}. Expected /subscriptions/{id}/resourceGroups/{name}/providers/{namespace}/{type}/{name}.`);
    this.name = 'ResourceIdError';
  }
}

export function parseResourceId(id: string): ResourceId {
  const parts = id.split('/').filter((s) => s.length > 0);
  if (parts.length < 2 || parts[0].toLowerCase() !== 'subscriptions') throw new ResourceIdError(id, 'it must start with /subscriptions/{id}');
  const out: ResourceId = { subscriptionId: decodeURIComponent(parts[1]), types: [], names: [] };
  let i = 2;
  if (parts[i]?.toLowerCase() === 'resourcegroups') {
    if (!parts[i + 1]) throw new ResourceIdError(id, 'the resource group name is missing');
    out.resourceGroup = decodeURIComponent(parts[i + 1]);
    i += 2;
  }
  if (i < parts.length) {
    if (parts[i].toLowerCase() !== 'providers' || !parts[i + 1]) throw new ResourceIdError(id, `expected 'providers/{namespace}' at segment ${i + 1}`);
    out.namespace = parts[i + 1];
    i += 2;
    const rest = parts.slice(i);
    if (rest.length === 0 || rest.length % 2 !== 0) throw new ResourceIdError(id, 'each resource type must be followed by a name');
    for (let j = 0; j < rest.length; j += 2) {
      out.types.push(rest[j]);
      out.names.push(decodeURIComponent(rest[j + 1]));
    }
  }
  return out;
}

export function formatResourceId(id: ResourceId): string {
  let s = `/subscriptions/${id.subscriptionId}`;
  if (id.resourceGroup !== undefined) s += `/resourceGroups/${id.resourceGroup}`;
  if (id.namespace) {
    s += `/providers/${id.namespace}`;
    id.types.forEach((t, i) => {
      s += `/${t}/${id.names[i]}`;
    });
  }
  return s;
}

export function resourceGroupId(subscriptionId: string, resourceGroup: string): string {
  return formatResourceId({ subscriptionId, resourceGroup, types: [], names: [] });
}

export function providerResourceId(
  subscriptionId: string,
  resourceGroup: string,
  namespace: string,
  ...typeNamePairs: string[]
): string {
  const types: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < typeNamePairs.length; i += 2) {
    types.push(typeNamePairs[i]);
    names.push(typeNamePairs[i + 1]);
  }
  return formatResourceId({ subscriptionId, resourceGroup, namespace, types, names });
}

/** `Microsoft.App/managedEnvironments` for an environment id, as ARM writes it in `type`. */
export function resourceType(id: ResourceId): string {
  if (!id.namespace) return id.resourceGroup !== undefined ? 'Microsoft.Resources/resourceGroups' : 'Microsoft.Resources/subscriptions';
  return [id.namespace, ...id.types].join('/');
}

export function sameResourceId(a: string, b: string): boolean {
  return a.replace(/\/+/g, '/').replace(/\/$/, '').toLowerCase() === b.replace(/\/+/g, '/').replace(/\/$/, '').toLowerCase();
}
