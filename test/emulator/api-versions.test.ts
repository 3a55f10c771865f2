import { ResourceManagementClient } from '@azure/arm-resources';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArmContext } from '../../src/arm/context.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { arm, contextFor, emulatorsPerTest } from './helpers.js';

/**
 * Published api-versions (the per-provider tables under src/emulator/providers/<namespace>/api-versions.ts):
 * old and preview versions real clients send are accepted, unpublished ones get ARM's errors, and provider
 * metadata lists the same versions through the real @azure/arm-resources client.
 */

let emu: RunningEmulator;
let ctx: ArmContext;
const RG = 'rg-versions';
const sub = () => `/subscriptions/${emu.subscriptionId}`;
const rgPath = () => `${sub()}/resourceGroups/${RG}`;

beforeAll(async () => {
  emu = await startEmulator({ pageSize: 3 });
  ctx = contextFor(emu);
  const rm = await ctx.client(ResourceManagementClient);
  await rm.resourceGroups.createOrUpdate(RG, { location: 'westeurope' });
});
afterAll(async () => {
  await emu?.close();
});

describe('provider metadata through ResourceManagementClient.providers', () => {
  it('get: Microsoft.App registered, child types as paths, display-name locations, versions newest first with previews', async () => {
    const rm = await ctx.client(ResourceManagementClient);
    const p = await rm.providers.get('microsoft.app');
    expect(p.id).toBe(`${sub()}/providers/Microsoft.App`);
    expect(p.namespace).toBe('Microsoft.App');
    expect(p.registrationState).toBe('Registered');
    expect(p.registrationPolicy).toBe('RegistrationRequired');
    const dapr = p.resourceTypes!.find((t) => t.resourceType === 'managedEnvironments/daprComponents')!;
    expect(dapr).toBeDefined();
    expect(dapr.locations).toContain('West Europe');
    expect(dapr.locations).toContain('East US 2');
    expect(dapr.apiVersions![0]).toBe('2026-07-01');
    expect(dapr.apiVersions).toContain('2022-01-01-preview');
    expect(dapr.apiVersions).toEqual([...dapr.apiVersions!].sort((a, b) => (a.slice(0, 10) === b.slice(0, 10) ? a.length - b.length : a < b ? 1 : -1)));
    expect(p.resourceTypes!.find((t) => t.resourceType === 'managedEnvironments')!.capabilities).toContain('SupportsLocation');
  });

  it('list: every namespace, across pages, each registered with its types', async () => {
    const rm = await ctx.client(ResourceManagementClient);
    const all = [];
    for await (const p of rm.providers.list()) all.push(p);
    expect(all.map((p) => p.namespace).sort()).toEqual(
      ['Microsoft.App', 'Microsoft.Authorization', 'Microsoft.ContainerService', 'Microsoft.DocumentDB', 'Microsoft.KubernetesConfiguration', 'Microsoft.ManagedIdentity', 'Microsoft.Network', 'Microsoft.OperationalInsights', 'Microsoft.PolicyInsights', 'Microsoft.Resources'].sort(),
    );
    expect(all.every((p) => p.registrationState === 'Registered')).toBe(true);
    const network = all.find((p) => p.namespace === 'Microsoft.Network')!;
    const zones = network.resourceTypes!.find((t) => t.resourceType === 'privateDnsZones')!;
    expect(zones.locations).toEqual(['global']);
    expect(network.resourceTypes!.find((t) => t.resourceType === 'virtualNetworks')!.apiVersions).toContain('2022-01-01');
    const resources = all.find((p) => p.namespace === 'Microsoft.Resources')!;
    expect(resources.registrationPolicy).toBe('RegistrationFree');
    expect(resources.resourceTypes!.map((t) => t.resourceType)).toEqual(expect.arrayContaining(['resourceGroups', 'subscriptions', 'providers']));
  });

  it('register answers the registered provider; an unknown namespace is 404 InvalidResourceNamespace', async () => {
    const rm = await ctx.client(ResourceManagementClient);
    const p = await rm.providers.register('Microsoft.DocumentDB');
    expect(p.registrationState).toBe('Registered');
    expect(p.resourceTypes!.map((t) => t.resourceType)).toContain('databaseAccounts/sqlDatabases/containers');
    await expect(rm.providers.get('Microsoft.Nope')).rejects.toMatchObject({ statusCode: 404, code: 'InvalidResourceNamespace' });
  });
});

describe('old and preview versions real clients send', () => {
  it('Log Analytics 2021-12-01-preview: a workspace is created and read', async () => {
    const ws = `${rgPath()}/providers/Microsoft.OperationalInsights/workspaces/ws-preview?api-version=2021-12-01-preview`;
    const put = await arm(emu, 'PUT', ws, { body: { location: 'westeurope', properties: { sku: { name: 'PerGB2018' } } } });
    expect(put.status).toBe(201);
    const get = await arm(emu, 'GET', ws);
    expect(get.status).toBe(200);
    expect(get.json.name).toBe('ws-preview');
  });

  it('virtual networks 2022-01-01 and Cosmos DB accounts 2020-06-01-preview are accepted', async () => {
    const vnet = await arm(emu, 'PUT', `${rgPath()}/providers/Microsoft.Network/virtualNetworks/vnet-old?api-version=2022-01-01`, {
      body: { location: 'westeurope', properties: { addressSpace: { addressPrefixes: ['10.10.0.0/16'] } } },
    });
    expect(vnet.status).toBe(201);
    const cosmos = await arm(emu, 'GET', `${rgPath()}/providers/Microsoft.DocumentDB/databaseAccounts?api-version=2020-06-01-preview`);
    expect(cosmos.status).toBe(200);
    expect(cosmos.json.value).toEqual([]);
  });

  it('the versions the latest SDK majors send: App 2026-07-01, Network 2026-01-01, AKS 2026-06-01', async () => {
    for (const path of [
      `${rgPath()}/providers/Microsoft.App/managedEnvironments?api-version=2026-07-01`,
      `${rgPath()}/providers/Microsoft.Network/virtualNetworks?api-version=2026-01-01`,
      `${rgPath()}/providers/Microsoft.ContainerService/managedClusters?api-version=2026-06-01`,
    ]) {
      expect((await arm(emu, 'GET', path)).status, path).toBe(200);
    }
  });

  it('Microsoft.Resources accepts its one list on every route (subscriptions at a resource-group version)', async () => {
    expect((await arm(emu, 'GET', `${sub()}?api-version=2025-04-01`)).status).toBe(200);
    expect((await arm(emu, 'GET', `${sub()}/resourcegroups?api-version=2022-12-01`)).status).toBe(200);
  });
});

describe('unpublished versions keep ARM errors', () => {
  it('NoRegisteredProviderFound with the type, location, versions oldest first and locations', async () => {
    const r = await arm(emu, 'GET', `${rgPath()}/providers/Microsoft.OperationalInsights/workspaces/ws-preview?api-version=2021-12-02-preview`);
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('NoRegisteredProviderFound');
    const m = /^No registered resource provider found for location 'westeurope' and API version '2021-12-02-preview' for type 'workspaces'\. The supported api-versions are '([^']+)'\. The supported locations are '([^']+)'\.$/.exec(r.json.error.message);
    expect(m, r.json.error.message).not.toBeNull();
    const versions = m![1].split(', ');
    expect(versions[0]).toBe('2015-03-20');
    expect(versions.at(-1)).toBe('2026-03-01');
    expect(versions).toContain('2021-12-01-preview');
    expect(m![2].split(', ')).toContain('westeurope');
  });

  it('InvalidApiVersionParameter on Microsoft.Resources, versions newest first without spaces', async () => {
    const r = await arm(emu, 'GET', `${sub()}/resourcegroups?api-version=2021-03-01`);
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('InvalidApiVersionParameter');
    const m = /^The api-version '2021-03-01' is invalid\. The supported versions are '([^']+)'\.$/.exec(r.json.error.message);
    expect(m, r.json.error.message).not.toBeNull();
    expect(m![1].split(',')[0]).toBe('2025-04-01');
    expect(m![1]).not.toContain(' ');
  });

  it('a version published for another type is refused (role assignments do not take a Cosmos version)', async () => {
    const r = await arm(emu, 'GET', `${rgPath()}/providers/Microsoft.Authorization/roleAssignments?api-version=2021-04-15`);
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('NoRegisteredProviderFound');
  });
});

describe('acceptAnyApiVersion', () => {
  const start = emulatorsPerTest();

  it('lets any yyyy-mm-dd[-preview] through, but not other shapes', async () => {
    const e = await start({ acceptAnyApiVersion: true });
    const base = `/subscriptions/${e.subscriptionId}`;
    await arm(e, 'PUT', `${base}/resourceGroups/rg-any?api-version=2025-04-01`, { body: { location: 'eastus' } });
    expect((await arm(e, 'GET', `${base}/resourceGroups/rg-any/providers/Microsoft.OperationalInsights/workspaces?api-version=2099-01-01`)).status).toBe(200);
    expect((await arm(e, 'GET', `${base}/resourceGroups/rg-any/providers/Microsoft.App/containerApps?api-version=2099-02-02-preview`)).status).toBe(200);
    expect((await arm(e, 'GET', `${base}/resourcegroups?api-version=2099-01-01`)).status).toBe(200);
    const bad = await arm(e, 'GET', `${base}/resourceGroups/rg-any/providers/Microsoft.App/containerApps?api-version=latest`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('NoRegisteredProviderFound');
  });
});
