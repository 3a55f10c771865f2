import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ContainerServiceClient, type ManagedCluster } from '@azure/arm-containerservice';
import { ManagedServiceIdentityClient } from '@azure/arm-msi';
import { NetworkManagementClient } from '@azure/arm-network';
import { PrivateDnsManagementClient } from '@azure/arm-privatedns';
import { ResourceManagementClient } from '@azure/arm-resources';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ALLOWED_ZONE_FORMS } from '../../src/emulator/providers/microsoft.containerservice/index.js';
import { useEmulator } from '../helpers/emulator.js';

const fx = useEmulator();
const RG = 'rg-aks';
const REGION = 'westeurope';
const ZONE = `privatelink.${REGION}.azmk8s.io`;
const PRIVATE_DNS_ZONE_CONTRIBUTOR = 'b12aa53e-6015-4669-85d0-8515ebb3ae7f';
const NETWORK_CONTRIBUTOR = '4d97b98b-1d4f-4787-a291-c67834d212e7';
const fast = { updateIntervalInMs: 5 };

afterEach(() => fx.emulator.setRolePropagationDelay(0));

async function setup() {
  const ctx = fx.arm({ maxRetries: 0 });
  const rgs = await ctx.client(ResourceManagementClient);
  await rgs.resourceGroups.createOrUpdate(RG, { location: REGION });
  const net = await ctx.client(NetworkManagementClient);
  const vnet = await net.virtualNetworks.beginCreateOrUpdateAndWait(
    RG,
    'vnet1',
    { location: REGION, addressSpace: { addressPrefixes: ['10.10.0.0/16'] }, subnets: [{ name: 'aks', addressPrefix: '10.10.0.0/22' }] },
    fast,
  );
  return {
    ctx,
    rgs,
    net,
    vnet,
    subnetId: vnet.subnets![0].id!,
    aks: await ctx.client(ContainerServiceClient),
    dns: await ctx.client(PrivateDnsManagementClient),
    msi: await ctx.client(ManagedServiceIdentityClient),
    auth: await ctx.client(AuthorizationManagementClient),
  };
}
type Env = Awaited<ReturnType<typeof setup>>;

function cluster(env: Env, o: { zone?: string; identity?: string; dnsPrefix?: string; fqdnSubdomain?: string; network?: object; publicFqdn?: boolean } = {}): ManagedCluster {
  return {
    location: REGION,
    identity: o.identity ? { type: 'UserAssigned', userAssignedIdentities: { [o.identity]: {} } } : { type: 'SystemAssigned' },
    ...(o.fqdnSubdomain ? { fqdnSubdomain: o.fqdnSubdomain } : {}),
    ...(o.fqdnSubdomain && !o.dnsPrefix ? {} : { dnsPrefix: o.dnsPrefix ?? 'aks1' }),
    agentPoolProfiles: [{ name: 'system', count: 1, vmSize: 'Standard_D2s_v5', mode: 'System', osType: 'Linux', type: 'VirtualMachineScaleSets', vnetSubnetID: env.subnetId }],
    networkProfile: { networkPlugin: 'azure', networkPluginMode: 'overlay', serviceCidr: '172.16.0.0/16', dnsServiceIP: '172.16.0.10', ...(o.network ?? {}) },
    apiServerAccessProfile: { enablePrivateCluster: true, privateDNSZone: o.zone ?? 'system', ...(o.publicFqdn === undefined ? {} : { enablePrivateClusterPublicFqdn: o.publicFqdn }) },
  };
}

const create = (env: Env, name: string, body: ManagedCluster) => env.aks.managedClusters.createOrUpdate(RG, name, body, fast).pollUntilDone();
const exchanges = (method: string, includes: string) => fx.emulator.exchanges().filter((e) => e.request.method === method && e.request.url.includes(includes));
const roleId = (guid: string) => `/subscriptions/${fx.emulator.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

async function customZoneSetup(env: Env, roles: 'both' | 'zone-only' | 'none' = 'both') {
  const zone = await env.dns.privateZones.beginCreateOrUpdateAndWait(RG, ZONE, { location: 'global' }, fast);
  const id = await env.msi.userAssignedIdentities.createOrUpdate(RG, 'aks-cp', { location: REGION });
  const assign = (scope: string, role: string) =>
    env.auth.roleAssignments.create(scope, randomUUID(), { roleDefinitionId: roleId(role), principalId: id.principalId!, principalType: 'ServicePrincipal' });
  if (roles !== 'none') await assign(zone.id!, PRIVATE_DNS_ZONE_CONTRIBUTOR);
  if (roles === 'both') await assign(env.vnet.id!, NETWORK_CONTRIBUTOR);
  return { zone, identity: id };
}

describe('AKS managed clusters through @azure/arm-containerservice (new-style client)', () => {
  it('system zone: 201 Creating with the AKS operation URL, real poll bodies, and the computed fields', async () => {
    const env = await setup();
    const c = await create(env, 'aks1', cluster(env));
    const put = exchanges('PUT', '/managedClusters/aks1')[0];
    expect(put.response.statusCode).toBe(201);
    expect((put.response.body as any).properties.provisioningState).toBe('Creating');
    expect(put.response.headers['azure-asyncoperation']).toMatch(
      new RegExp(`/subscriptions/${fx.emulator.subscriptionId}/providers/Microsoft\\.ContainerService/locations/${REGION}/operations/[0-9a-f-]{36}\\?api-version=2016-03-30$`),
    );
    expect(put.response.headers['location']).toBeUndefined();
    expect(put.response.headers['retry-after']).toBeUndefined();
    const opId = /operations\/([0-9a-f-]+)\?/.exec(put.response.headers['azure-asyncoperation'])![1];
    const poll = fx.emulator.exchanges().filter((e) => e.name === 'lro-status').at(-1)!.response.body as any;
    const g = opId.split('-');
    const sw = (h: string) => h.match(/../g)!.reverse().join('');
    expect(poll.name).toBe([sw(g[0]), sw(g[1]), sw(g[2]), g[3], g[4]].join('-'));
    expect(poll.status).toBe('Succeeded');
    expect(poll.startTime).toMatch(/\.\d{7}Z$/);
    expect(poll.endTime).toMatch(/\.\d{7}Z$/);

    expect(c.provisioningState).toBe('Succeeded');
    expect(c.servicePrincipalProfile).toEqual({ clientId: 'msi' });
    expect(c.identity).toMatchObject({ type: 'SystemAssigned', tenantId: fx.emulator.tenantId });
    expect(c.identity?.principalId).toMatch(/^[0-9a-f-]{36}$/);
    expect(c.nodeResourceGroup).toBe(`MC_${RG}_aks1_${REGION}`);
    expect(c.privateFqdn).toMatch(new RegExp(`^aks1-[a-z0-9]{8}\\.[0-9a-f-]{36}\\.privatelink\\.${REGION}\\.azmk8s\\.io$`));
    expect(c.fqdn).toMatch(new RegExp(`^aks1-[a-z0-9]{8}\\.hcp\\.${REGION}\\.azmk8s\\.io$`));
    expect(c.azurePortalFqdn).toMatch(new RegExp(`^[0-9a-f]{32}-priv\\.portal\\.hcp\\.${REGION}\\.azmk8s\\.io$`));
    expect(c.kubernetesVersion).toMatch(/^1\.33\.\d+$/);
    expect(c.identityProfile?.kubeletidentity?.resourceId).toContain(`/resourcegroups/${c.nodeResourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks1-agentpool`);
    expect(c.networkProfile).toMatchObject({ serviceCidr: '172.16.0.0/16', dnsServiceIP: '172.16.0.10', podCidr: '10.244.0.0/16', outboundType: 'loadBalancer' });
    expect(c.agentPoolProfiles?.[0]).toMatchObject({ name: 'system', provisioningState: 'Succeeded', vnetSubnetID: env.subnetId, osDiskSizeGB: 128 });

    // The node resource group and the system zone, linked to the VNet, with the API server's A record.
    const nodeRg = await env.rgs.resourceGroups.get(c.nodeResourceGroup!);
    expect(nodeRg.managedBy?.toLowerCase()).toBe(c.id!.toLowerCase());
    const zones = [];
    for await (const z of env.dns.privateZones.listByResourceGroup(c.nodeResourceGroup!)) zones.push(z);
    expect(zones.map((z) => z.name)).toEqual([c.privateFqdn!.split('.').slice(1).join('.')]);
    const links = [];
    for await (const l of env.dns.virtualNetworkLinks.list(c.nodeResourceGroup!, zones[0].name!)) links.push(l);
    expect(links.map((l) => l.virtualNetwork?.id)).toEqual([env.vnet.id]);
    const a = await env.dns.recordSets.get(c.nodeResourceGroup!, zones[0].name!, 'A', c.privateFqdn!.split('.')[0]);
    expect(a.aRecords).toEqual([{ ipv4Address: '10.10.0.4' }]);

    // The subnet is in use now.
    await expect(env.net.subnets.beginDeleteAndWait(RG, 'vnet1', 'aks', fast)).rejects.toMatchObject({ statusCode: 400, code: 'InUseSubnetCannotBeDeleted' });
  });

  it('credentials and runCommand', async () => {
    const env = await setup();
    const c = await create(env, 'aks1', cluster(env));
    const cred = await env.aks.managedClusters.listClusterUserCredentials(RG, 'aks1');
    expect(cred.kubeconfigs?.[0].name).toBe('clusterUser');
    const yaml = Buffer.from(cred.kubeconfigs![0].value!).toString('utf8');
    expect(yaml).toContain(`server: https://${c.privateFqdn}:443`);
    const raw = fx.emulator.exchanges().find((e) => e.request.url.includes('listClusterUserCredential'))!.response.body as any;
    expect(Buffer.from(raw.kubeconfigs[0].value, 'base64').toString('utf8')).toBe(yaml);
    expect((await env.aks.managedClusters.listClusterAdminCredentials(RG, 'aks1')).kubeconfigs?.[0].name).toBe('clusterAdmin');

    const ns = await env.aks.managedClusters.runCommand(RG, 'aks1', { command: 'kubectl get ns' }, fast).pollUntilDone();
    expect(ns.exitCode).toBe(0);
    expect(ns.provisioningState).toBe('Succeeded');
    expect(ns.logs).toMatch(/^NAME\s+STATUS\s+AGE\n/);
    expect(ns.logs).toMatch(/kube-system\s+Active/);
    const post = exchanges('POST', '/runCommand')[0];
    expect(post.response.statusCode).toBe(202);
    expect(post.response.headers['location']).toMatch(/\/managedClusters\/aks1\/commandResults\/[0-9a-f]{32}\?api-version=2026-06-01$/);
    const again = await env.aks.managedClusters.getCommandResult(RG, 'aks1', ns.id!);
    expect(again.exitCode).toBe(0);
    const bad = await env.aks.managedClusters.runCommand(RG, 'aks1', { command: 'kubectl frobnicate' }, fast).pollUntilDone();
    expect(bad.exitCode).toBe(1);
    expect(bad.logs).toMatch(/^error: unknown command/);
  });

  it('delete: 202 with both URLs, then the node group, its zone and the subnet reservation are gone', async () => {
    const env = await setup();
    const c = await create(env, 'aks1', cluster(env));
    await env.aks.managedClusters.delete(RG, 'aks1', fast).pollUntilDone();
    const del = exchanges('DELETE', '/managedClusters/aks1')[0];
    expect(del.response.statusCode).toBe(202);
    expect(del.response.headers['azure-asyncoperation']).toContain('/operations/');
    expect(del.response.headers['location']).toMatch(/\/locations\/westeurope\/operationresults\/[0-9a-f-]+\?api-version=2016-03-30$/);
    await expect(env.aks.managedClusters.get(RG, 'aks1')).rejects.toMatchObject({ statusCode: 404 });
    await expect(env.rgs.resourceGroups.get(c.nodeResourceGroup!)).rejects.toMatchObject({ statusCode: 404 });
    await env.net.subnets.beginDeleteAndWait(RG, 'vnet1', 'aks', fast);
  });

  it('none: privateFQDN is the public hcp name and no zone is created; none + public FQDN off → 400', async () => {
    const env = await setup();
    const c = await create(env, 'aks1', cluster(env, { zone: 'none' }));
    expect(c.privateFqdn).toBe(c.fqdn);
    expect(c.privateFqdn).toMatch(/\.hcp\.westeurope\.azmk8s\.io$/);
    const zones = [];
    for await (const z of env.dns.privateZones.listByResourceGroup(c.nodeResourceGroup!)) zones.push(z);
    expect(zones).toEqual([]);
    await expect(create(env, 'aks2', cluster(env, { zone: 'none', publicFqdn: false }))).rejects.toMatchObject({ statusCode: 400 });
  });

  it('update system → none removes the system zone; none → system is refused', async () => {
    const env = await setup();
    const c = await create(env, 'aks1', cluster(env));
    const updated = await create(env, 'aks1', cluster(env, { zone: 'none' }));
    expect(exchanges('PUT', '/managedClusters/aks1').at(-1)!.response.statusCode).toBe(200);
    expect((exchanges('PUT', '/managedClusters/aks1').at(-1)!.response.body as any).properties.provisioningState).toBe('Updating');
    expect(updated.privateFqdn).toBe(updated.fqdn);
    const zones = [];
    for await (const z of env.dns.privateZones.listByResourceGroup(c.nodeResourceGroup!)) zones.push(z);
    expect(zones).toEqual([]);
    await expect(create(env, 'aks1', cluster(env))).rejects.toMatchObject({ statusCode: 400 });
  });

  it('custom zone with fqdnSubdomain: no fqdn, the A record appears in the zone and goes with the cluster', async () => {
    const env = await setup();
    const { zone, identity } = await customZoneSetup(env);
    const c = await create(env, 'aks1', cluster(env, { zone: zone.id, identity: identity.id, fqdnSubdomain: 'myapi' }));
    expect(c.privateFqdn).toBe(`myapi.${ZONE}`);
    expect(c.fqdn).toBeUndefined();
    expect(c.dnsPrefix).toBeUndefined();
    expect(c.apiServerAccessProfile?.privateDNSZone).toBe(zone.id);
    expect(c.identity?.userAssignedIdentities?.[identity.id!]).toEqual({ principalId: identity.principalId, clientId: identity.clientId });
    const a = await env.dns.recordSets.get(RG, ZONE, 'A', 'myapi');
    expect(a.aRecords?.[0].ipv4Address).toBe('10.10.0.4');
    // No link existed: AKS made one to the cluster's VNet (Azure/AKS#2711).
    const links = async () => {
      const out = [];
      for await (const l of env.dns.virtualNetworkLinks.list(RG, ZONE)) out.push(l);
      return out;
    };
    expect((await links()).map((l) => l.virtualNetwork?.id)).toEqual([env.vnet.id]);
    await env.aks.managedClusters.delete(RG, 'aks1', fast).pollUntilDone();
    await expect(env.dns.recordSets.get(RG, ZONE, 'A', 'myapi')).rejects.toMatchObject({ statusCode: 404 });
    expect(await links()).toEqual([]);
  });

  it('custom zone already linked to the VNet: AKS adds no second link, and deleting the cluster keeps yours', async () => {
    const env = await setup();
    const { zone, identity } = await customZoneSetup(env);
    await env.dns.virtualNetworkLinks.beginCreateOrUpdateAndWait(RG, ZONE, 'mine', { location: 'global', virtualNetwork: { id: env.vnet.id }, registrationEnabled: false }, fast);
    await create(env, 'aks1', cluster(env, { zone: zone.id, identity: identity.id, fqdnSubdomain: 'myapi' }));
    const names = async () => {
      const out: string[] = [];
      for await (const l of env.dns.virtualNetworkLinks.list(RG, ZONE)) out.push(l.name!);
      return out;
    };
    expect(await names()).toEqual(['mine']);
    await env.aks.managedClusters.delete(RG, 'aks1', fast).pollUntilDone();
    expect(await names()).toEqual(['mine']);
  });

  it('InvalidPrivateDNSZoneResourceID for a malformed id, another region and a short region code', async () => {
    const env = await setup();
    const sub = `/subscriptions/${fx.emulator.subscriptionId}/resourceGroups/${RG}/providers/Microsoft.Network/privateDnsZones`;
    for (const zone of [`/subscriptions/${fx.emulator.subscriptionId}/resourceGroups/${RG}/zones/x`, `${sub}/privatelink.eastus.azmk8s.io`, `${sub}/privatelink.weu.azmk8s.io`, `${sub}/${'a'.repeat(33)}.privatelink.westeurope.azmk8s.io`]) {
      const err = await create(env, 'aks1', cluster(env, { zone, identity: undefined })).catch((e) => e);
      expect(err).toMatchObject({ statusCode: 400, code: 'InvalidPrivateDNSZoneResourceID' });
      expect(err.message).toBe(`Invalid private dns zone resource id '${zone}'. The private dns zone name must be one of: ${ALLOWED_ZONE_FORMS(REGION)}`);
    }
  });

  it('no dnsPrefix, or one outside the rule → 400 InvalidParameter as the service words it (pulumi-azure-native#571)', async () => {
    const env = await setup();
    const none = { ...cluster(env), dnsPrefix: undefined };
    await expect(create(env, 'aks1', none)).rejects.toMatchObject({ statusCode: 400, code: 'InvalidParameter', message: expect.stringContaining("DNS prefix '' is invalid. DNS prefix must contain between 1 and 54 characters.") });
    await expect(create(env, 'aks1', cluster(env, { dnsPrefix: '-bad-' }))).rejects.toMatchObject({ statusCode: 400, code: 'InvalidParameter', message: expect.stringContaining("DNS prefix '-bad-' is invalid") });
  });

  it('a custom zone with a system-assigned identity → 400; fqdnSubdomain without a custom zone → 400', async () => {
    const env = await setup();
    const { zone } = await customZoneSetup(env);
    await expect(create(env, 'aks1', cluster(env, { zone: zone.id }))).rejects.toMatchObject({ statusCode: 400, code: 'CustomPrivateDNSZoneRequiresUserAssignedIdentity' });
    await expect(create(env, 'aks1', cluster(env, { fqdnSubdomain: 'x' }))).rejects.toMatchObject({ statusCode: 400 });
    await expect(create(env, 'aks1', cluster(env, { fqdnSubdomain: 'x', dnsPrefix: 'y', zone: zone.id }))).rejects.toMatchObject({ statusCode: 400 });
  });

  it('missing roles make the operation fail late with CustomPrivateDNSZoneMissingPermission', async () => {
    const env = await setup();
    const { zone, identity } = await customZoneSetup(env, 'none');
    const err = await create(env, 'aks1', cluster(env, { zone: zone.id, identity: identity.id, fqdnSubdomain: 'myapi' })).catch((e) => e);
    // core-lro's poller error carries the status body's error.code and error.message in its message.
    expect(err.message).toBe(
      `The long-running operation has failed. CustomPrivateDNSZoneMissingPermission. Service principal or user-assigned identity must be given permission to read and write to custom private dns zone ${zone.id}. Check access result not allowed for action Microsoft.Network/privateDnsZones/write.`,
    );
    const status = fx.emulator.exchanges().filter((e) => e.name === 'lro-status').at(-1)!.response.body as any;
    expect(status).toMatchObject({ status: 'Failed', error: { code: 'CustomPrivateDNSZoneMissingPermission' } });
    expect(exchanges('PUT', '/managedClusters/aks1')[0].response.statusCode).toBe(201);
    expect((await env.aks.managedClusters.get(RG, 'aks1')).provisioningState).toBe('Failed');
  });

  it('Private DNS Zone Contributor alone is not enough: Network Contributor on the VNet is missing → Failed', async () => {
    const env = await setup();
    const { zone, identity } = await customZoneSetup(env, 'zone-only');
    const err = await create(env, 'aks1', cluster(env, { zone: zone.id, identity: identity.id })).catch((e) => e);
    expect(err.message).toContain(`CustomPrivateDNSZoneMissingPermission. Service principal or user-assigned identity must be given permission to the virtual network or subnet ${env.subnetId}`);
  });

  it('roles assigned but not yet effective: fails, then succeeds once the propagation delay has passed', async () => {
    const env = await setup();
    fx.emulator.setRolePropagationDelay(300);
    const { zone, identity } = await customZoneSetup(env);
    const body = cluster(env, { zone: zone.id, identity: identity.id, fqdnSubdomain: 'myapi' });
    await expect(create(env, 'aks1', body)).rejects.toThrow(/CustomPrivateDNSZoneMissingPermission/);
    await new Promise((r) => setTimeout(r, 350));
    const c = await create(env, 'aks1', body);
    expect(c.provisioningState).toBe('Succeeded');
    expect((await env.dns.recordSets.get(RG, ZONE, 'A', 'myapi')).aRecords).toHaveLength(1);
  });

  it('dnsServiceIP outside serviceCidr or equal to its network address → 400; serviceCidr overlapping the VNet → 400', async () => {
    const env = await setup();
    await expect(create(env, 'aks1', cluster(env, { network: { dnsServiceIP: '10.0.0.10' } }))).rejects.toMatchObject({ statusCode: 400, code: 'InvalidDNSServiceIP' });
    await expect(create(env, 'aks1', cluster(env, { network: { dnsServiceIP: '172.16.0.0' } }))).rejects.toMatchObject({ statusCode: 400, code: 'InvalidDNSServiceIP' });
    await expect(create(env, 'aks1', cluster(env, { network: { serviceCidr: '10.10.128.0/20', dnsServiceIP: '10.10.128.10' } }))).rejects.toMatchObject({ statusCode: 400 });
    // Only the spec's pattern is a rule: a malformed CIDR is refused, host bits set are not (no source refuses them).
    await expect(create(env, 'aks1', cluster(env, { network: { serviceCidr: '172.16.0/16' } }))).rejects.toMatchObject({ statusCode: 400, code: 'InvalidParameter' });
    await expect(create(env, 'aks1', cluster(env, { network: { serviceCidr: '172.16.0.5/16', dnsServiceIP: '172.16.0.10' } }))).resolves.toMatchObject({ provisioningState: 'Succeeded' });
  });

  it('kubenet with overlay, and a pod CIDR inside the VNet, are refused with the RP codes azprov checks before', async () => {
    const env = await setup();
    await expect(create(env, 'aks1', cluster(env, { network: { networkPlugin: 'kubenet', networkPluginMode: 'overlay' } }))).rejects.toMatchObject({ statusCode: 400, code: 'UnsupportedNetworkPluginModeWithNetworkPlugin' });
    await expect(create(env, 'aks1', cluster(env, { network: { podCidr: '10.10.128.0/17' } }))).rejects.toMatchObject({ statusCode: 400, code: 'NetworkProfileCIDROverlapVNET' });
    // Accepted both ways: the same cluster with a pod CIDR outside the VNet.
    await expect(create(env, 'aks1', cluster(env, { network: { podCidr: '192.168.0.0/16' } }))).resolves.toMatchObject({ provisioningState: 'Succeeded' });
  });

  it('a second write while an operation runs → 409 OperationNotAllowed', async () => {
    const env = await setup();
    const first = env.aks.managedClusters.createOrUpdate(RG, 'aks1', cluster(env), fast);
    await first.submitted();
    const err = await env.aks.managedClusters.updateTags(RG, 'aks1', { tags: { a: '1' } }, fast).pollUntilDone().catch((e) => e);
    expect(err).toMatchObject({ statusCode: 409, code: 'OperationNotAllowed' });
    expect(err.message).toBe(
      'Operation is not allowed: Another operation (Creating) is in progress, please wait for it to finish before starting a new operation. See https://aka.ms/aks-pending-operation for more details',
    );
    await first.pollUntilDone();
    const tagged = await env.aks.managedClusters.updateTags(RG, 'aks1', { tags: { a: '1' } }, fast).pollUntilDone();
    expect(tagged.tags).toEqual({ a: '1' });
  });

  it('lists by group and subscription, and rejects a bad name', async () => {
    const env = await setup();
    await create(env, 'aks1', cluster(env, { zone: 'none' }));
    const names = [];
    for await (const c of env.aks.managedClusters.listByResourceGroup(RG)) names.push(c.name);
    for await (const c of env.aks.managedClusters.list()) names.push(c.name);
    expect(names).toEqual(['aks1', 'aks1']);
    await expect(create(env, '-bad', cluster(env))).rejects.toMatchObject({ statusCode: 400 });
  });
});
