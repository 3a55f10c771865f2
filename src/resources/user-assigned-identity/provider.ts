import { ManagedServiceIdentityClient, type Identity } from '@azure/arm-msi';
import { parseResourceId, providerResourceId } from '../../arm/ids.js';
import { armCall, readOrUndefined } from '../../arm/rest-errors.js';
import { mergeTags, normalizeLocation, tagFields } from '../common-provider.js';
import type { KindProvider } from '../kind.js';
import type { UserAssignedIdentitySpec } from './spec.js';

export const userAssignedIdentityProvider: KindProvider<UserAssignedIdentitySpec, Identity> = {
  resourceId: (r) => providerResourceId(r.subscriptionId, r.refs.get(r.spec.resourceGroup).name, 'Microsoft.ManagedIdentity', 'userAssignedIdentities', r.spec.name),

  async read(env, id) {
    const client = await env.arm.client(ManagedServiceIdentityClient);
    const { resourceGroup, names } = parseResourceId(id);
    return readOrUndefined('managed identity', id, () => client.userAssignedIdentities.get(resourceGroup!, names[0]));
  },

  desired: (r) => ({ location: r.location, ...tagFields(r.tags) }),
  observed: (i) => ({ location: normalizeLocation(i.location), ...tagFields(i.tags) }),

  async put(env, id, r, actual) {
    const client = await env.arm.client(ManagedServiceIdentityClient);
    const { resourceGroup } = parseResourceId(id);
    // Synchronous PUT, 201/200 [spec-msi]. The principal is not yet replicated in Entra ID when this
    // returns (arm-facts §6): role assignments send principalType to skip the directory lookup.
    return armCall(`Writing managed identity ${r.spec.name}`, id, () =>
      client.userAssignedIdentities.createOrUpdate(resourceGroup!, r.spec.name, { location: r.location, tags: mergeTags(actual?.tags, r.tags) }),
    );
  },

  async delete(env, id) {
    const client = await env.arm.client(ManagedServiceIdentityClient);
    const { resourceGroup, names } = parseResourceId(id);
    await armCall(`Deleting managed identity ${names[0]}`, id, () => client.userAssignedIdentities.delete(resourceGroup!, names[0]));
  },

  outputs: (i) => ({ id: i.id!, name: i.name!, principalId: i.principalId!, clientId: i.clientId!, tenantId: i.tenantId! }),
  tags: (i) => i.tags,
};
