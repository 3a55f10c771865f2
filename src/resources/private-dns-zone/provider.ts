import { PrivateDnsManagementClient, type PrivateZone } from '@azure/arm-privatedns';
import { parseResourceId, providerResourceId } from '../../arm/ids.js';
import { armCall, readOrUndefined } from '../../arm/rest-errors.js';
import { mergeTags, tagFields } from '../common-provider.js';
import type { KindProvider } from '../kind.js';
import type { PrivateDnsZoneSpec } from './spec.js';

export const privateDnsZoneProvider: KindProvider<PrivateDnsZoneSpec, PrivateZone> = {
  resourceId: (r) => providerResourceId(r.subscriptionId, r.refs.get(r.spec.resourceGroup).name, 'Microsoft.Network', 'privateDnsZones', r.spec.name),

  async read(env, id) {
    const client = await env.arm.client(PrivateDnsManagementClient);
    const { resourceGroup, names } = parseResourceId(id);
    return readOrUndefined('private DNS zone', id, () => client.privateZones.get(resourceGroup!, names[0]));
  },

  // Private DNS zones live in 'global' whatever the stack's location (arm-facts §9).
  desired: (r) => ({ ...tagFields(r.tags) }),
  observed: (z) => ({ ...tagFields(z.tags) }),

  async put(env, id, r, actual) {
    const client = await env.arm.client(PrivateDnsManagementClient);
    const { resourceGroup } = parseResourceId(id);
    // 202 + Azure-AsyncOperation, then GET [rec-1]. If-None-Match: * on create, so a zone made meanwhile by
    // someone else is not silently overwritten (412 instead).
    return armCall(`Writing private DNS zone ${r.spec.name}`, id, () =>
      client.privateZones.createOrUpdate(resourceGroup!, r.spec.name, { location: 'global', tags: mergeTags(actual?.tags, r.tags) }, { ...env.arm.lroOptions(), ...(actual ? { ifMatch: actual.etag } : { ifNoneMatch: '*' }) }),
    );
  },

  async delete(env, id) {
    const client = await env.arm.client(PrivateDnsManagementClient);
    const { resourceGroup, names } = parseResourceId(id);
    await armCall(`Deleting private DNS zone ${names[0]}`, id, () => client.privateZones.delete(resourceGroup!, names[0], env.arm.lroOptions()));
  },

  outputs: (z) => ({ id: z.id!, name: z.name! }),
  tags: (z) => z.tags,
};
