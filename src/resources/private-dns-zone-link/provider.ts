import { PrivateDnsManagementClient, type VirtualNetworkLink } from '@azure/arm-privatedns';
import { parseResourceId } from '../../arm/ids.js';
import { armCall, readOrUndefined } from '../../arm/rest-errors.js';
import { mergeTags, tagFields } from '../common-provider.js';
import type { KindProvider } from '../kind.js';
import type { PrivateDnsZoneLinkSpec } from './spec.js';

export const privateDnsZoneLinkProvider: KindProvider<PrivateDnsZoneLinkSpec, VirtualNetworkLink> = {
  resourceId: (r) => `${r.refs.get(r.spec.zone).id}/virtualNetworkLinks/${r.spec.name}`,

  async read(env, id) {
    const client = await env.arm.client(PrivateDnsManagementClient);
    const { resourceGroup, names } = parseResourceId(id);
    return readOrUndefined('virtual network link', id, () => client.virtualNetworkLinks.get(resourceGroup!, names[0], names[1]));
  },

  desired: (r) => ({ virtualNetworkId: r.refs.get(r.spec.virtualNetwork).id.toLowerCase(), registrationEnabled: r.spec.registrationEnabled ?? false, ...tagFields(r.tags) }),
  observed: (l) => ({ virtualNetworkId: l.virtualNetwork?.id?.toLowerCase(), registrationEnabled: l.registrationEnabled, ...tagFields(l.tags) }),

  async put(env, id, r, actual) {
    const client = await env.arm.client(PrivateDnsManagementClient);
    const { resourceGroup, names } = parseResourceId(id);
    return armCall(`Writing virtual network link ${r.spec.name}`, id, () =>
      client.virtualNetworkLinks.createOrUpdate(
        resourceGroup!,
        names[0],
        r.spec.name,
        { location: 'global', tags: mergeTags(actual?.tags, r.tags), virtualNetwork: { id: r.refs.get(r.spec.virtualNetwork).id }, registrationEnabled: r.spec.registrationEnabled ?? false },
        // If-Match on update: a concurrent writer makes this a 412, and the engine reads and compares again.
        { ...env.arm.lroOptions(), ...(actual ? { ifMatch: actual.etag } : { ifNoneMatch: '*' }) },
      ),
    );
  },

  async delete(env, id) {
    const client = await env.arm.client(PrivateDnsManagementClient);
    const { resourceGroup, names } = parseResourceId(id);
    await armCall(`Deleting virtual network link ${names[1]}`, id, () => client.virtualNetworkLinks.delete(resourceGroup!, names[0], names[1], env.arm.lroOptions()));
  },

  outputs: (l) => ({ id: l.id!, name: l.name! }),
  tags: (l) => l.tags,
};
