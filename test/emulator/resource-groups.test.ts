import { ResourceManagementClient } from '@azure/arm-resources';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArmContext } from '../../src/arm/context.js';
import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { arm, contextFor } from './helpers.js';

let emu: RunningEmulator;
let ctx: ArmContext;

beforeAll(async () => {
  emu = await startEmulator({ pageSize: 3, requestLog: process.env.AZPROV_EMULATOR_TEST_LOG });
  ctx = contextFor(emu);
});
afterAll(async () => {
  await emu?.close();
});

describe('resource groups through @azure/arm-resources', () => {
  it('creates (201), reads, replaces (200), updates tags and deletes a group', async () => {
    const client = await ctx.client(ResourceManagementClient);
    const created = await client.resourceGroups.createOrUpdate('Rg-One', { location: 'eastus', tags: { env: 'dev' } });
    expect(created).toMatchObject({ name: 'Rg-One', location: 'eastus', properties: { provisioningState: 'Succeeded' } });
    expect(created.id).toBe(`/subscriptions/${emu.subscriptionId}/resourceGroups/Rg-One`);
    const createExchange = emu.exchanges().find((e) => e.request.method === 'PUT');
    expect(createExchange?.response.statusCode).toBe(201);

    // Names are case-insensitive; casing preserved as first given.
    const got = await client.resourceGroups.get('rg-one');
    expect(got.name).toBe('Rg-One');

    const again = await client.resourceGroups.createOrUpdate('RG-ONE', { location: 'eastus', tags: { env: 'test' } });
    expect(again.name).toBe('Rg-One');
    expect(emu.exchanges().filter((e) => e.request.method === 'PUT').at(-1)?.response.statusCode).toBe(200);

    const patched = await client.resourceGroups.update('Rg-One', { tags: { team: 'a' } });
    expect(patched.tags).toEqual({ team: 'a' });

    expect(await client.resourceGroups.checkExistence('Rg-One')).toEqual({ body: true });
    const poller = await client.resourceGroups.beginDelete('Rg-One', ctx.lroOptions());
    const del = emu.exchanges().find((e) => e.request.method === 'DELETE');
    expect(del?.response.statusCode).toBe(202);
    expect(del?.response.headers['location']).toMatch(new RegExp(`^${emu.endpoint}/subscriptions/${emu.subscriptionId}/operationresults/`));
    expect(del?.response.headers['retry-after']).toBe('0');
    await poller.pollUntilDone();
    expect(await client.resourceGroups.checkExistence('Rg-One')).toEqual({ body: false });
    await expect(client.resourceGroups.get('Rg-One')).rejects.toMatchObject({ statusCode: 404, code: 'ResourceGroupNotFound' });
  });

  it('lists with paging (page size 3) and a tag filter', async () => {
    const client = await ctx.client(ResourceManagementClient);
    for (let i = 0; i < 7; i++) await client.resourceGroups.createOrUpdate(`page-${i}`, { location: 'westeurope', tags: { parity: i % 2 ? 'odd' : 'even' } });
    emu.clearExchanges();
    const all = [];
    for await (const g of client.resourceGroups.list()) all.push(g.name);
    expect(all.filter((n) => n!.startsWith('page-'))).toHaveLength(7);
    const pages = emu.exchanges().filter((e) => e.request.method === 'GET');
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const nextLink = (pages[0].response.body as any).nextLink as string;
    expect(nextLink.startsWith(`${emu.endpoint}/`)).toBe(true);
    expect(nextLink).toContain('%24skiptoken=');

    const odd = [];
    for await (const g of client.resourceGroups.list({ filter: "tagName eq 'parity' and tagValue eq 'odd'" })) odd.push(g.name);
    expect(odd.sort()).toEqual(['page-1', 'page-3', 'page-5']);
  });

  it('rejects a bad name, a missing location and a location change', async () => {
    const client = await ctx.client(ResourceManagementClient);
    await expect(client.resourceGroups.createOrUpdate('ends-with-dot.', { location: 'eastus' })).rejects.toMatchObject({ statusCode: 400, code: 'InvalidResourceGroup' });
    const sub = `/subscriptions/${emu.subscriptionId}`;
    // ARM's own words for characters it does not take (Azure/azure-cli#14481).
    const bad = await arm(emu, 'PUT', `${sub}/resourcegroups/rg!x?api-version=2025-04-01`, { body: { location: 'eastus' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({
      code: 'InvalidResourceGroup',
      message: "The provided resource group name 'rg!x' has these invalid characters: '!'. The name can only be a letter, digit, '-', '.', '(', ')' or '_'.",
    });
    const noLoc = await arm(emu, 'PUT', `${sub}/resourcegroups/noloc?api-version=2025-04-01`, { body: {} });
    expect(noLoc.json.error.code).toBe('LocationRequired');
    await client.resourceGroups.createOrUpdate('fixed-loc', { location: 'eastus' });
    // Azure/azure-cli#22242, microsoft/bedrock#100: a group keeps its location; 409 with Azure's words.
    await expect(client.resourceGroups.createOrUpdate('fixed-loc', { location: 'westus' })).rejects.toMatchObject({
      statusCode: 409,
      code: 'InvalidResourceGroupLocation',
      message: "Invalid resource group location 'westus'. The Resource group already exists in location 'eastus'.",
    });
    await expect(client.resourceGroups.createOrUpdate('bad-region', { location: 'atlantis' })).rejects.toMatchObject({ code: 'LocationNotAvailableForResourceGroup' });
  });

  it('tolerates doubled slashes, answers HEAD and If-None-Match: *', async () => {
    const sub = `/subscriptions/${emu.subscriptionId}`;
    const put = await arm(emu, 'PUT', `${sub}//resourcegroups//slashes?api-version=2021-04-01`, { body: { location: 'eastus' } });
    expect(put.status).toBe(201);
    const head = await arm(emu, 'HEAD', `${sub}/resourcegroups/SLASHES?api-version=2021-04-01`);
    expect(head.status).toBe(204);
    const missing = await arm(emu, 'HEAD', `${sub}/resourcegroups/nope?api-version=2021-04-01`);
    expect(missing.status).toBe(404);
    const again = await arm(emu, 'PUT', `${sub}/resourcegroups/slashes?api-version=2021-04-01`, { body: { location: 'eastus' }, headers: { 'if-none-match': '*' } });
    expect(again.status).toBe(412);
    expect(again.json.error.code).toBe('PreconditionFailed');
  });
});
