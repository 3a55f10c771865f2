import { NetworkManagementClient, type VirtualNetwork } from '@azure/arm-network';
import { parseResourceId, providerResourceId } from '../../arm/ids.js';
import { armCall, readOrUndefined } from '../../arm/rest-errors.js';
import { mergeTags, normalizeLocation, tagFields } from '../common-provider.js';
import type { KindProvider } from '../kind.js';
import type { VirtualNetworkSpec } from './spec.js';

function subnetsView(subnets: readonly { name?: string; addressPrefix?: string; delegations?: readonly unknown[] }[] | undefined, serviceOf: (d: any) => string) {
  return (subnets ?? []).map((s) => ({ name: s.name, addressPrefix: s.addressPrefix, delegations: (s.delegations ?? []).map(serviceOf).sort() })).sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

export const virtualNetworkProvider: KindProvider<VirtualNetworkSpec, VirtualNetwork> = {
  resourceId: (r) => providerResourceId(r.subscriptionId, r.refs.get(r.spec.resourceGroup).name, 'Microsoft.Network', 'virtualNetworks', r.spec.name),

  async read(env, id) {
    const client = await env.arm.client(NetworkManagementClient);
    const { resourceGroup, names } = parseResourceId(id);
    return readOrUndefined('virtual network', id, () => client.virtualNetworks.get(resourceGroup!, names[0]));
  },

  desired: (r) => ({
    location: r.location,
    addressSpaces: [...r.spec.addressSpaces].sort(),
    ...(r.spec.subnets ? { subnets: subnetsView(r.spec.subnets.map((s) => ({ ...s, delegations: s.delegations ?? [] })), (d) => d) } : {}),
    ...tagFields(r.tags),
  }),

  observed: (v) => ({
    location: normalizeLocation(v.location),
    addressSpaces: [...(v.addressSpace?.addressPrefixes ?? [])].sort(),
    subnets: subnetsView(v.subnets, (d) => d.serviceName),
    ...tagFields(v.tags),
  }),

  async put(env, id, r, actual) {
    const client = await env.arm.client(NetworkManagementClient);
    const { resourceGroup } = parseResourceId(id);
    const s = r.spec;
    // Subnets go inline: a VNet PUT without them would delete the ones that exist (ARM replaces the list).
    const subnets = s.subnets?.map((x) => ({
      name: x.name,
      addressPrefix: x.addressPrefix,
      delegations: (x.delegations ?? []).map((service) => ({ name: service.replace(/[^A-Za-z0-9]/g, '-'), serviceName: service })),
    })) ?? actual?.subnets;
    // PUT 201/200 with Azure-AsyncOperation [spec-vnet] (arm-facts §8).
    return armCall(`Writing virtual network ${s.name}`, id, () =>
      client.virtualNetworks.createOrUpdate(resourceGroup!, s.name, { location: r.location, tags: mergeTags(actual?.tags, r.tags), addressSpace: { addressPrefixes: s.addressSpaces }, subnets }, env.arm.lroOptions()),
    );
  },

  async delete(env, id) {
    const client = await env.arm.client(NetworkManagementClient);
    const { resourceGroup, names } = parseResourceId(id);
    await armCall(`Deleting virtual network ${names[0]}`, id, () => client.virtualNetworks.delete(resourceGroup!, names[0], env.arm.lroOptions()));
  },

  outputs: (v) => ({ id: v.id!, name: v.name! }),
  tags: (v) => v.tags,
};
