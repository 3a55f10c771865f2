import { ContainerAppsAPIClient } from '@azure/arm-appcontainers';
import { OperationalInsightsManagementClient } from '@azure/arm-operationalinsights';
import { ResourceManagementClient } from '@azure/arm-resources';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArmContext } from '../../src/arm/context.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { arm, contextFor } from './helpers.js';

let emu: RunningEmulator;
let ctx: ArmContext;
const RG = 'rg-apps';

beforeAll(async () => {
  // Set AZPROV_EMULATOR_TEST_LOG=/tmp/x.jsonl to keep this traffic for validate-traffic.mjs.
  emu = await startEmulator({ pageSize: 2, requestLog: process.env.AZPROV_EMULATOR_TEST_LOG });
  ctx = contextFor(emu);
  const rm = await ctx.client(ResourceManagementClient);
  await rm.resourceGroups.createOrUpdate(RG, { location: 'eastus' });
});
afterAll(async () => {
  await emu?.close();
});

async function workspace(name: string) {
  const la = await ctx.client(OperationalInsightsManagementClient);
  const ws = await la.workspaces.beginCreateOrUpdateAndWait(RG, name, { location: 'eastus', sku: { name: 'PerGB2018' }, retentionInDays: 30 }, ctx.lroOptions());
  const keys = await la.sharedKeys.getSharedKeys(RG, name);
  return { ws, keys };
}

describe('Log Analytics workspaces', () => {
  it('creates through the Location-mode LRO (201 Creating, Location = resource URL) and serves shared keys', async () => {
    emu.clearExchanges();
    const { ws, keys } = await workspace('ws-one');
    const put = emu.exchanges().find((e) => e.request.method === 'PUT')!;
    expect(put.response.statusCode).toBe(201);
    expect((put.response.body as any).properties.provisioningState).toBe('Creating');
    expect(put.response.headers['location']).toBe(`${emu.endpoint}${ws.id}?api-version=2025-07-01`);
    expect(ws.provisioningState).toBe('Succeeded');
    expect(ws.customerId).toMatch(/^[0-9a-f-]{36}$/);
    expect(put.response.headers['etag']).toBeTruthy();
    expect(Buffer.from(keys.primarySharedKey!, 'base64')).toHaveLength(64);
    expect(keys.secondarySharedKey).not.toBe(keys.primarySharedKey);
    const la = await ctx.client(OperationalInsightsManagementClient);
    expect((await la.sharedKeys.getSharedKeys(RG, 'ws-one')).primarySharedKey).toBe(keys.primarySharedKey);
    const keyCall = emu.exchanges().find((e) => e.request.url.includes('/sharedKeys'))!;
    expect(keyCall.request.url).toContain('api-version=2025-07-01');
  });

  it('updates tags synchronously and rejects a bad name', async () => {
    const la = await ctx.client(OperationalInsightsManagementClient);
    const updated = await la.workspaces.update(RG, 'ws-one', { tags: { a: 'b' } });
    expect(updated.tags).toEqual({ a: 'b' });
    expect(updated.retentionInDays).toBe(30);
    await expect(la.workspaces.beginCreateOrUpdateAndWait(RG, 'w!', { location: 'eastus' }, ctx.lroOptions())).rejects.toMatchObject({ statusCode: 400 });
    // A retention outside 30–730 days: the service's own answer (terraform-provider-azurerm#2949).
    await expect(la.workspaces.beginCreateOrUpdateAndWait(RG, 'ws-two', { location: 'eastus', retentionInDays: 10 }, ctx.lroOptions())).rejects.toMatchObject({
      statusCode: 400,
      code: 'BadRequest',
      message: 'The value provided for retention is invalid',
    });
  });

  it('answers ResourceNotFound with the ARM message and x-ms-failure-cause, and ResourceGroupNotFound for a missing group', async () => {
    const sub = `/subscriptions/${emu.subscriptionId}`;
    const r = await arm(emu, 'GET', `${sub}/resourceGroups/${RG}/providers/Microsoft.OperationalInsights/workspaces/nope?api-version=2022-10-01`);
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('ResourceNotFound');
    expect(r.json.error.message).toBe(
      `The Resource 'Microsoft.OperationalInsights/workspaces/nope' under resource group '${RG}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    );
    expect(r.headers['x-ms-failure-cause']).toBe('gateway');
    const g = await arm(emu, 'GET', `${sub}/resourceGroups/no-such-rg/providers/Microsoft.OperationalInsights/workspaces/x?api-version=2022-10-01`);
    expect(g.json.error).toEqual({ code: 'ResourceGroupNotFound', message: "Resource group 'no-such-rg' could not be found." });
  });

  it('rejects an unknown api-version with NoRegisteredProviderFound listing the supported ones', async () => {
    const r = await arm(emu, 'GET', `/subscriptions/${emu.subscriptionId}/resourceGroups/${RG}/providers/Microsoft.OperationalInsights/workspaces/ws-one?api-version=2099-01-01`);
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('NoRegisteredProviderFound');
    expect(r.json.error.message).toContain('2022-10-01');
  });

  it('honours If-Match (412 on a stale etag)', async () => {
    const path = `/subscriptions/${emu.subscriptionId}/resourceGroups/${RG}/providers/Microsoft.OperationalInsights/workspaces/ws-one?api-version=2022-10-01`;
    const cur = await arm(emu, 'GET', path);
    const stale = await arm(emu, 'PATCH', path, { body: { tags: { x: '1' } }, headers: { 'if-match': '"stale"' } });
    expect(stale.status).toBe(412);
    const ok = await arm(emu, 'PATCH', path, { body: { tags: { x: '1' } }, headers: { 'if-match': cur.headers['etag'] as string } });
    expect(ok.status).toBe(200);
    expect(ok.headers['etag']).not.toBe(cur.headers['etag']);
  });
});

describe('Container Apps managed environments', () => {
  it('creates through Azure-AsyncOperation (InProgress → Succeeded), computes properties and never echoes the shared key', async () => {
    const { ws, keys } = await workspace('ws-env');
    const apps = await ctx.client(ContainerAppsAPIClient);
    emu.clearExchanges();
    const env = await apps.managedEnvironments.beginCreateOrUpdateAndWait(
      RG,
      'env-one',
      {
        location: 'eastus',
        appLogsConfiguration: { destination: 'log-analytics', logAnalyticsConfiguration: { customerId: ws.customerId, sharedKey: keys.primarySharedKey } },
        workloadProfiles: [{ name: 'Consumption', workloadProfileType: 'Consumption' }],
      },
      ctx.lroOptions(),
    );
    const ex = emu.exchanges();
    const put = ex.find((e) => e.request.method === 'PUT')!;
    expect(put.response.statusCode).toBe(201);
    expect((put.response.body as any).properties.provisioningState).toBe('Waiting');
    const asyncUrl = put.response.headers['azure-asyncoperation'];
    expect(asyncUrl).toMatch(new RegExp(`^${emu.endpoint}/subscriptions/${emu.subscriptionId}/providers/Microsoft.App/locations/eastus/managedEnvironmentOperationStatuses/`));
    const polls = ex.filter((e) => e.request.url === asyncUrl);
    expect(polls.at(-1)!.response.body).toMatchObject({ status: 'Succeeded' });
    expect(env.provisioningState).toBe('Succeeded');
    expect(env.defaultDomain).toMatch(/^[a-z]+-[0-9a-f]{8}\.eastus\.azurecontainerapps\.io$/);
    expect(env.staticIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(env.zoneRedundant).toBe(false);
    expect(env.customDomainConfiguration?.customDomainVerificationId).toBeTruthy();
    expect(env.eventStreamEndpoint).toContain('env-one');
    expect(env.workloadProfiles).toHaveLength(1);
    expect(env.appLogsConfiguration?.logAnalyticsConfiguration?.customerId).toBe(ws.customerId);
    expect(env.appLogsConfiguration?.logAnalyticsConfiguration?.sharedKey).toBeUndefined();
    expect(JSON.stringify(emu.dump())).toContain(keys.primarySharedKey); // kept server-side only
    const getBody = JSON.stringify((await arm(emu, 'GET', `${env.id}?api-version=2025-07-01`)).json);
    expect(getBody).not.toContain(keys.primarySharedKey);
  });

  it('rejects a customerId without a workspace and a wrong shared key', async () => {
    const apps = await ctx.client(ContainerAppsAPIClient);
    const { ws } = await workspace('ws-env');
    const make = (customerId: string, sharedKey: string) =>
      apps.managedEnvironments.beginCreateOrUpdateAndWait(RG, 'env-bad', { location: 'eastus', appLogsConfiguration: { destination: 'log-analytics', logAnalyticsConfiguration: { customerId, sharedKey } } }, ctx.lroOptions());
    await expect(make('00000000-1111-2222-3333-444444444444', 'x')).rejects.toMatchObject({ statusCode: 400, code: 'LogAnalyticsWorkspaceNotFound' });
    // A workspace name or resource id where the GUID belongs, or a trailing newline: the real answer (Azure/azure-cli#27098).
    await expect(make(`${ws.customerId}\r`, 'x')).rejects.toMatchObject({ statusCode: 400, code: 'InvalidRequestParameterWithDetails', message: expect.stringContaining('CustomerId must be a GUID') });
    await expect(make('', 'x')).rejects.toMatchObject({ statusCode: 400, code: 'InvalidRequestParameterWithDetails', message: 'LogAnalyticsConfiguration is invalid.  Must provide a valid LogAnalyticsConfiguration' });
    await expect(make(ws.customerId!, 'wrong')).rejects.toMatchObject({ statusCode: 400, code: 'InvalidLogAnalyticsSharedKey' });
  });

  it('updates through a 202 PATCH LRO and deletes through a 202 Location LRO', async () => {
    const apps = await ctx.client(ContainerAppsAPIClient);
    emu.clearExchanges();
    const updated = await apps.managedEnvironments.beginUpdateAndWait(RG, 'env-one', { location: 'eastus', tags: { tier: 'gold' } }, ctx.lroOptions());
    expect(updated.tags).toEqual({ tier: 'gold' });
    expect(updated.appLogsConfiguration?.destination).toBe('log-analytics');
    expect(emu.exchanges().find((e) => e.request.method === 'PATCH')!.response.statusCode).toBe(202);
    const before = await apps.managedEnvironments.get(RG, 'env-one');
    expect(before.defaultDomain).toBe(updated.defaultDomain);

    await apps.managedEnvironments.beginDeleteAndWait(RG, 'env-one', ctx.lroOptions());
    const del = emu.exchanges().find((e) => e.request.method === 'DELETE')!;
    expect(del.response.statusCode).toBe(202);
    expect(del.response.headers['location']).toContain('/managedEnvironmentOperationResults/');
    await expect(apps.managedEnvironments.get(RG, 'env-one')).rejects.toMatchObject({ statusCode: 404 });
    const again = await arm(emu, 'DELETE', `/subscriptions/${emu.subscriptionId}/resourceGroups/${RG}/providers/Microsoft.App/managedEnvironments/env-one?api-version=2025-07-01`);
    expect(again.status).toBe(204);
  });

  it('lists environments per group and subscription with paging (page size 2)', async () => {
    const apps = await ctx.client(ContainerAppsAPIClient);
    for (const n of ['env-a', 'env-b', 'env-c']) await apps.managedEnvironments.beginCreateOrUpdateAndWait(RG, n, { location: 'eastus' }, ctx.lroOptions());
    emu.clearExchanges();
    const names: string[] = [];
    for await (const e of apps.managedEnvironments.listByResourceGroup(RG)) names.push(e.name!);
    expect(names).toEqual(['env-a', 'env-b', 'env-c']);
    expect(emu.exchanges().filter((e) => e.request.method === 'GET')).toHaveLength(2);
    const all: string[] = [];
    for await (const e of apps.managedEnvironments.listBySubscription()) all.push(e.name!);
    expect(all).toHaveLength(3);
  });
});

describe('resource group cascade and generic lists', () => {
  it('lists generic resources with a tag filter and deletes everything in a group with the group', async () => {
    const rm = await ctx.client(ResourceManagementClient);
    await rm.resourceGroups.createOrUpdate('rg-cascade', { location: 'westeurope' });
    const la = await ctx.client(OperationalInsightsManagementClient);
    const ws = await la.workspaces.beginCreateOrUpdateAndWait('rg-cascade', 'ws-cascade', { location: 'westeurope', tags: { owner: 'me' } }, ctx.lroOptions());
    const keys = await la.sharedKeys.getSharedKeys('rg-cascade', 'ws-cascade');
    const apps = await ctx.client(ContainerAppsAPIClient);
    await apps.managedEnvironments.beginCreateOrUpdateAndWait(
      'rg-cascade',
      'env-cascade',
      { location: 'westeurope', appLogsConfiguration: { destination: 'log-analytics', logAnalyticsConfiguration: { customerId: ws.customerId, sharedKey: keys.secondarySharedKey } } },
      ctx.lroOptions(),
    );
    const inGroup: string[] = [];
    for await (const r of rm.resources.listByResourceGroup('rg-cascade')) inGroup.push(r.type!);
    expect(inGroup.sort()).toEqual(['Microsoft.App/managedEnvironments', 'Microsoft.OperationalInsights/workspaces']);
    const tagged: string[] = [];
    for await (const r of rm.resources.list({ filter: "tagName eq 'owner' and tagValue eq 'me'" })) tagged.push(r.name!);
    expect(tagged).toEqual(['ws-cascade']);

    await rm.resourceGroups.beginDeleteAndWait('rg-cascade', ctx.lroOptions());
    await expect(la.workspaces.get('rg-cascade', 'ws-cascade')).rejects.toMatchObject({ statusCode: 404, code: 'ResourceGroupNotFound' });
    const left = (emu.dump() as any).resources.filter((r: any) => r.key.includes('/resourcegroups/rg-cascade'));
    expect(left).toEqual([]);
  });
});
