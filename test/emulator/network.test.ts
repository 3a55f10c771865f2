import { NetworkManagementClient } from '@azure/arm-network';
import { PrivateDnsManagementClient } from '@azure/arm-privatedns';
import { ResourceManagementClient } from '@azure/arm-resources';
import { describe, expect, it } from 'vitest';
import { VNET_SERVICE, type VirtualNetworkService } from '../../src/emulator/providers/microsoft.network/index.js';
import { useEmulator } from '../helpers/emulator.js';
import { arm } from './helpers.js';

// Two polls per operation: arm-network's begin* already polls once before it returns the poller.
const fx = useEmulator({ pollsToComplete: 2 });
const RG = 'rg-net';

async function setup(options: Parameters<typeof fx.arm>[0] = {}) {
  const ctx = fx.arm(options);
  await (await ctx.client(ResourceManagementClient)).resourceGroups.createOrUpdate(RG, { location: 'westeurope' });
  return { ctx, net: await ctx.client(NetworkManagementClient), dns: await ctx.client(PrivateDnsManagementClient) };
}

const vnetBody = (subnets: Array<{ name: string; addressPrefix: string }> = []) => ({ location: 'westeurope', addressSpace: { addressPrefixes: ['10.10.0.0/16'] }, subnets });
const last = (method: string, includes: string) => fx.emulator.exchanges().filter((e) => e.request.method === method && e.request.url.includes(includes)).at(-1)!;

describe('virtual networks and subnets through @azure/arm-network', () => {
  it('creates a VNet (201 Updating + Azure-AsyncOperation), inline subnets become children, gets and deletes', async () => {
    const { ctx, net } = await setup();
    const v = await net.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'vnet1', vnetBody([{ name: 'aks', addressPrefix: '10.10.0.0/22' }]), ctx.lroOptions());
    expect(v.provisioningState).toBe('Succeeded');
    expect(v.subnets?.map((s) => [s.name, s.addressPrefix, s.provisioningState])).toEqual([['aks', '10.10.0.0/22', 'Succeeded']]);
    const put = last('PUT', '/virtualNetworks/vnet1');
    expect(put.response.statusCode).toBe(201);
    expect((put.response.body as any).properties.provisioningState).toBe('Updating');
    expect(put.response.headers['azure-asyncoperation']).toMatch(/\/providers\/Microsoft\.Network\/locations\/westeurope\/operations\/[0-9a-f-]+\?api-version=2026-01-01$/);

    const sub = await net.subnets.beginCreateOrUpdateAndWait(
      RG,
      'vnet1',
      'apps',
      { addressPrefix: '10.10.4.0/23', delegations: [{ name: 'aca', serviceName: 'Microsoft.App/environments' }] },
      ctx.lroOptions(),
    );
    expect(sub.delegations?.[0]).toMatchObject({ serviceName: 'Microsoft.App/environments', provisioningState: 'Succeeded' });
    expect(last('PUT', '/subnets/apps').response.statusCode).toBe(201);
    expect((await net.subnets.get(RG, 'vnet1', 'apps')).addressPrefix).toBe('10.10.4.0/23');
    expect((await net.virtualNetworks.get(RG, 'vnet1')).subnets?.map((s) => s.name).sort()).toEqual(['aks', 'apps']);
    expect(fx.emulator.service<VirtualNetworkService>(VNET_SERVICE)!.subnet(sub.id!)).toMatchObject({ addressPrefix: '10.10.4.0/23', vnetAddressSpaces: ['10.10.0.0/16'] });

    const tagged = await net.virtualNetworks.updateTags(RG, 'vnet1', { tags: { a: '1' } });
    expect(tagged.tags).toEqual({ a: '1' });

    await net.subnets.beginDeleteAndWait(RG, 'vnet1', 'apps', ctx.lroOptions());
    await expect(net.subnets.get(RG, 'vnet1', 'apps')).rejects.toMatchObject({ statusCode: 404 });
    await net.virtualNetworks.beginDeleteAndWait(RG, 'vnet1', ctx.lroOptions());
    expect(last('DELETE', '/virtualNetworks/vnet1').response.statusCode).toBe(202);
    await expect(net.virtualNetworks.get(RG, 'vnet1')).rejects.toMatchObject({ statusCode: 404 });
  });

  it('rejects bad and overlapping prefixes and a subnet outside the address space (400)', async () => {
    const { ctx, net } = await setup();
    await net.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'vnet1', vnetBody([{ name: 'a', addressPrefix: '10.10.0.0/24' }]), ctx.lroOptions());
    const overlap = await net.subnets.beginCreateOrUpdateAndWait(RG, 'vnet1', 'b', { addressPrefix: '10.10.0.128/25' }, ctx.lroOptions()).catch((e) => e);
    expect(overlap).toMatchObject({ statusCode: 400, code: 'NetcfgSubnetRangesOverlap' });
    const outside = await net.subnets.beginCreateOrUpdateAndWait(RG, 'vnet1', 'c', { addressPrefix: '10.20.0.0/24' }, ctx.lroOptions()).catch((e) => e);
    expect(outside).toMatchObject({ statusCode: 400, code: 'NetcfgSubnetRangeOutsideVnet' });
    const misaligned = await net.subnets.beginCreateOrUpdateAndWait(RG, 'vnet1', 'd', { addressPrefix: '10.10.1.5/24' }, ctx.lroOptions()).catch((e) => e);
    expect(misaligned).toMatchObject({ statusCode: 400, code: 'InvalidCIDRNotation' });
    const badSpace = await net.virtualNetworks
      .beginCreateOrUpdateAndWait(RG, 'vnet2', { location: 'westeurope', addressSpace: { addressPrefixes: ['10.0.0/16'] } }, ctx.lroOptions())
      .catch((e) => e);
    expect(badSpace).toMatchObject({ statusCode: 400, code: 'InvalidAddressPrefixFormat' });
    const inlineOverlap = await net.virtualNetworks
      .beginCreateOrUpdateAndWait(RG, 'vnet3', vnetBody([{ name: 'x', addressPrefix: '10.10.0.0/24' }, { name: 'y', addressPrefix: '10.10.0.0/25' }]), ctx.lroOptions())
      .catch((e) => e);
    expect(inlineOverlap).toMatchObject({ statusCode: 400, code: 'NetcfgSubnetRangesOverlap' });
  });

  it('a second subnet write while the first runs → 429 RetryableErrorDueToAnotherOperation, then succeeds on retry', async () => {
    const { ctx, net } = await setup({ maxRetries: 0 });
    await net.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'vnet1', vnetBody(), ctx.lroOptions());
    const first = await net.subnets.beginCreateOrUpdate(RG, 'vnet1', 'one', { addressPrefix: '10.10.1.0/24' }, ctx.lroOptions());
    const second = await net.subnets.beginCreateOrUpdateAndWait(RG, 'vnet1', 'two', { addressPrefix: '10.10.2.0/24' }, ctx.lroOptions()).catch((e) => e);
    expect(second).toMatchObject({ statusCode: 429, code: 'RetryableErrorDueToAnotherOperation' });
    expect(last('PUT', '/subnets/two').response.headers['retry-after']).toBe('0');
    await first.pollUntilDone();
    const retried = await net.subnets.beginCreateOrUpdateAndWait(RG, 'vnet1', 'two', { addressPrefix: '10.10.2.0/24' }, ctx.lroOptions());
    expect(retried.provisioningState).toBe('Succeeded');
  });

  it('refuses to delete a subnet in use (400 InUseSubnetCannotBeDeleted)', async () => {
    const { ctx, net } = await setup();
    const v = await net.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'vnet1', vnetBody([{ name: 'aks', addressPrefix: '10.10.0.0/24' }]), ctx.lroOptions());
    const svc = fx.emulator.service<VirtualNetworkService>(VNET_SERVICE)!;
    expect(svc.attach(v.subnets![0].id!, '/some/cluster')).toBe('10.10.0.4');
    const err = await net.subnets.beginDeleteAndWait(RG, 'vnet1', 'aks', ctx.lroOptions()).catch((e) => e);
    expect(err).toMatchObject({ statusCode: 400, code: 'InUseSubnetCannotBeDeleted' });
    svc.detach(v.subnets![0].id!, '/some/cluster');
    await net.subnets.beginDeleteAndWait(RG, 'vnet1', 'aks', ctx.lroOptions());
  });
});

describe('private DNS through @azure/arm-privatedns', () => {
  const ZONE = 'privatelink.westeurope.azmk8s.io';

  it('zone PUT answers 202 with no body and both URLs; polls InProgress → Succeeded; the zone has its SOA', async () => {
    const { ctx, dns } = await setup();
    const z = await dns.privateZones.beginCreateOrUpdateAndWait(RG, ZONE, { location: 'global' }, { ...ctx.lroOptions(), ifNoneMatch: '*' });
    expect(z).toMatchObject({ name: ZONE, location: 'global', maxNumberOfRecordSets: 25000, numberOfRecordSets: 1, maxNumberOfVirtualNetworkLinks: 1000, maxNumberOfVirtualNetworkLinksWithRegistration: 100, numberOfVirtualNetworkLinks: 0, provisioningState: 'Succeeded' });
    expect(z.internalId).toBeTruthy();
    const put = last('PUT', `/privateDnsZones/${ZONE}`);
    expect(put.response.statusCode).toBe(202);
    expect(put.response.body).toBeNull();
    expect(put.response.headers['azure-asyncoperation']).toMatch(new RegExp(`/resourceGroups/${RG}/providers/Microsoft\\.Network/privateDnsOperationStatuses/[A-Za-z0-9_=-]+\\?api-version=2024-06-01$`));
    expect(put.response.headers['location']).toContain('/privateDnsOperationResults/');
    const polls = fx.emulator.exchanges().filter((e) => e.name === 'lro-status');
    expect(polls.at(-1)?.response.body).toEqual({ status: 'Succeeded' });
    const soa = await dns.recordSets.get(RG, ZONE, 'SOA', '@');
    expect(soa.soaRecord?.host).toBe('azureprivatedns.net');
  });

  it('If-None-Match: * on an existing zone → 412; a non-global location → 400; a one-label name → 400', async () => {
    const { ctx, dns } = await setup();
    await dns.privateZones.beginCreateOrUpdateAndWait(RG, ZONE, { location: 'global' }, ctx.lroOptions());
    await expect(dns.privateZones.beginCreateOrUpdateAndWait(RG, ZONE, { location: 'global' }, { ...ctx.lroOptions(), ifNoneMatch: '*' })).rejects.toMatchObject({ statusCode: 412 });
    await expect(dns.privateZones.beginCreateOrUpdateAndWait(RG, 'other.example.com', { location: 'westeurope' }, ctx.lroOptions())).rejects.toMatchObject({ statusCode: 400 });
    const one = await dns.privateZones.beginCreateOrUpdateAndWait(RG, 'local', { location: 'global' }, ctx.lroOptions()).catch((e) => e);
    expect(one.statusCode).toBe(400);
    expect(one.message).toBe("The zone name 'local' does not have enough labels. Zone names must have two or more labels.");
  });

  it('links a VNet (Completed), refuses a missing VNet and a second zone with the same name on that VNet', async () => {
    const { ctx, net, dns } = await setup();
    const v = await net.virtualNetworks.beginCreateOrUpdateAndWait(RG, 'vnet1', vnetBody(), ctx.lroOptions());
    await dns.privateZones.beginCreateOrUpdateAndWait(RG, ZONE, { location: 'global' }, ctx.lroOptions());
    const link = await dns.virtualNetworkLinks.beginCreateOrUpdateAndWait(RG, ZONE, 'l1', { location: 'global', virtualNetwork: { id: v.id } }, ctx.lroOptions());
    expect(link).toMatchObject({ virtualNetworkLinkState: 'Completed', registrationEnabled: false, provisioningState: 'Succeeded' });
    expect((await dns.privateZones.get(RG, ZONE)).numberOfVirtualNetworkLinks).toBe(1);
    const missing = await dns.virtualNetworkLinks
      .beginCreateOrUpdateAndWait(RG, ZONE, 'l2', { location: 'global', virtualNetwork: { id: v.id!.replace('vnet1', 'nope') } }, ctx.lroOptions())
      .catch((e) => e);
    expect(missing.statusCode).toBe(400);
    await (await ctx.client(ResourceManagementClient)).resourceGroups.createOrUpdate('rg-other', { location: 'westeurope' });
    await dns.privateZones.beginCreateOrUpdateAndWait('rg-other', ZONE, { location: 'global' }, ctx.lroOptions());
    const twice = await dns.virtualNetworkLinks.beginCreateOrUpdateAndWait('rg-other', ZONE, 'l1', { location: 'global', virtualNetwork: { id: v.id } }, ctx.lroOptions()).catch((e) => e);
    expect(twice).toMatchObject({
      statusCode: 400,
      code: 'BadRequest',
      message: `A virtual network cannot be linked to multiple zones with overlapping namespaces. You tried to link virtual network with '${ZONE}' and '${ZONE}' zones.`,
    });
  });

  it('A record sets: PUT 201/200 sync, PATCH, list, DELETE 200/204', async () => {
    const { ctx, dns } = await setup();
    await dns.privateZones.beginCreateOrUpdateAndWait(RG, ZONE, { location: 'global' }, ctx.lroOptions());
    const a = await dns.recordSets.createOrUpdate(RG, ZONE, 'A', 'api', { ttl: 300, aRecords: [{ ipv4Address: '10.10.0.4' }] });
    expect(a).toMatchObject({ name: 'api', type: 'Microsoft.Network/privateDnsZones/A', fqdn: `api.${ZONE}.`, ttl: 300, isAutoRegistered: false });
    expect(last('PUT', '/A/api').response.statusCode).toBe(201);
    await dns.recordSets.createOrUpdate(RG, ZONE, 'A', 'api', { ttl: 60, aRecords: [{ ipv4Address: '10.10.0.5' }] });
    expect(last('PUT', '/A/api').response.statusCode).toBe(200);
    const patched = await dns.recordSets.update(RG, ZONE, 'A', 'api', { metadata: { k: 'v' } });
    expect(patched).toMatchObject({ ttl: 60, metadata: { k: 'v' }, aRecords: [{ ipv4Address: '10.10.0.5' }] });
    await expect(dns.recordSets.createOrUpdate(RG, ZONE, 'A', 'bad', { ttl: 1, aRecords: [{ ipv4Address: '300.1.1.1' }] })).rejects.toMatchObject({ statusCode: 400 });
    const names = [];
    for await (const r of dns.recordSets.list(RG, ZONE)) names.push(`${r.type?.split('/').pop()}/${r.name}`);
    expect(names.sort()).toEqual(['A/api', 'SOA/@']);
    expect((await dns.privateZones.get(RG, ZONE)).numberOfRecordSets).toBe(2);
    await dns.recordSets.delete(RG, ZONE, 'A', 'api');
    expect(last('DELETE', '/A/api').response.statusCode).toBe(200);
    const again = await arm(fx.emulator, 'DELETE', `/subscriptions/${fx.emulator.subscriptionId}/resourceGroups/${RG}/providers/Microsoft.Network/privateDnsZones/${ZONE}/A/api?api-version=2020-06-01`);
    expect(again.status).toBe(204);
    await expect(dns.recordSets.delete(RG, ZONE, 'SOA', '@')).rejects.toMatchObject({ statusCode: 400 });
  });
});
