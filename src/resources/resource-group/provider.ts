import { ResourceManagementClient, type ResourceGroup } from '@azure/arm-resources';
import { resourceGroupId } from '../../arm/ids.js';
import { readOrUndefined, toArmCallError } from '../../arm/rest-errors.js';
import { mergeTags, normalizeLocation, tagFields } from '../common-provider.js';
import { ownershipOf } from '../ownership.js';
import type { KindProvider } from '../kind.js';
import type { ResourceGroupSpec } from './spec.js';

export const resourceGroupProvider: KindProvider<ResourceGroupSpec, ResourceGroup> = {
  resourceId: (r) => resourceGroupId(r.subscriptionId, r.spec.name),

  async read(env, id) {
    const client = await env.arm.client(ResourceManagementClient);
    const name = id.split('/').pop()!;
    return readOrUndefined('resource group', id, () => client.resourceGroups.get(name));
  },

  desired: (r) => ({ location: r.location, ...tagFields(r.tags) }),

  observed: (g) => ({ location: normalizeLocation(g.location), ...tagFields(g.tags) }),

  async put(env, id, r, actual) {
    const client = await env.arm.client(ResourceManagementClient);
    try {
      // Synchronous PUT (201 created / 200 updated) [spec-rg].
      return await client.resourceGroups.createOrUpdate(r.spec.name, { location: r.location, tags: mergeTags(actual?.tags, r.tags) });
    } catch (e) {
      throw toArmCallError(`Writing resource group ${r.spec.name}`, e, id);
    }
  },

  async delete(env, id) {
    const client = await env.arm.client(ResourceManagementClient);
    const name = id.split('/').pop()!;
    try {
      await client.resourceGroups.delete(name, env.arm.lroOptions());
    } catch (e) {
      throw toArmCallError(`Deleting resource group ${name}`, e, id);
    }
  },

  /**
   * Deleting a group deletes everything in it. It is deleted only when all that is left in it belongs to
   * this stack: never take someone else's resources with it.
   */
  async keepReason(env, id) {
    const client = await env.arm.client(ResourceManagementClient);
    const name = id.split('/').pop()!;
    const foreign: string[] = [];
    try {
      for await (const res of client.resources.listByResourceGroup(name)) {
        if (ownershipOf(res.tags, env.stack.name) !== 'owned') foreign.push(`${res.type}/${res.name}`);
      }
    } catch (e) {
      throw toArmCallError(`Listing the resources of group ${name}`, e, id);
    }
    if (foreign.length === 0) return undefined;
    return `it still holds ${foreign.length} resource${foreign.length === 1 ? '' : 's'} not owned by stack '${env.stack.name}' (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', ...' : ''})`;
  },

  outputs: (g) => ({ id: g.id!, name: g.name!, location: g.location }),

  tags: (g) => g.tags,
};
