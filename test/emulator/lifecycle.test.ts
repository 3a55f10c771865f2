import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ContainerAppsAPIClient } from '@azure/arm-appcontainers';
import { OperationalInsightsManagementClient } from '@azure/arm-operationalinsights';
import { ResourceManagementClient } from '@azure/arm-resources';
import { describe, expect, it } from 'vitest';
import { REDACTED, type RunningEmulator } from '../../src/emulator/index.js';
import { arm, contextFor, token, emulatorsPerTest } from './helpers.js';

const start = emulatorsPerTest();
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'azprov-emu-'));

async function withWorkspaceAndEnv(emu: RunningEmulator, rg = 'rg-x') {
  const ctx = contextFor(emu);
  const rm = await ctx.client(ResourceManagementClient);
  const la = await ctx.client(OperationalInsightsManagementClient);
  const apps = await ctx.client(ContainerAppsAPIClient);
  await rm.resourceGroups.createOrUpdate(rg, { location: 'eastus' });
  const ws = await la.workspaces.beginCreateOrUpdateAndWait(rg, 'ws-life', { location: 'eastus' }, ctx.lroOptions());
  const keys = await la.sharedKeys.getSharedKeys(rg, 'ws-life');
  const started = Date.now();
  const env = await apps.managedEnvironments.beginCreateOrUpdateAndWait(
    rg,
    'env-life',
    { location: 'eastus', appLogsConfiguration: { destination: 'log-analytics', logAnalyticsConfiguration: { customerId: ws.customerId, sharedKey: keys.primarySharedKey } } },
    ctx.lroOptions(),
  );
  return { ctx, ws, keys, env, envMs: Date.now() - started };
}

describe('latency profiles', () => {
  it('instant with pollsToComplete 2: the status goes InProgress, then Succeeded', async () => {
    const emu = await start({ pollsToComplete: 2 });
    await withWorkspaceAndEnv(emu);
    const polls = emu.exchanges().filter((e) => e.name === 'lro-status');
    expect(polls.map((p) => (p.response.body as any).status)).toEqual(['InProgress', 'Succeeded']);
    expect(polls[0].response.headers['retry-after']).toBe('0');
  });

  it('realistic with a tiny scale really waits, and Retry-After is whole seconds', async () => {
    // Environment create: 180 s × 0.004 = 0.72 s.
    const emu = await start({ latency: 'realistic', latencyScale: 0.004 });
    const { envMs, ctx } = await withWorkspaceAndEnv(emu);
    expect(envMs).toBeGreaterThanOrEqual(700);
    expect(envMs).toBeLessThan(5_000);
    const put = emu.exchanges().find((e) => e.request.method === 'PUT' && e.request.url.includes('managedEnvironments'))!;
    expect(put.response.headers['retry-after']).toBe('1');
    const statuses = emu.exchanges().filter((e) => e.name === 'lro-status').map((p) => (p.response.body as any).status);
    // The client waits out Retry-After (1 s > 0.72 s) before its first poll (src/arm/poll-pacing.ts),
    // so one poll finds the operation done.
    expect(statuses).toEqual(['Succeeded']);
    // Workspace: 201 Creating with Location = the resource URL (arm-facts §3). The SDK stops at the first
    // 200 there whatever it says; the client holds that GET for the Retry-After (≥ the remaining time), so
    // it finds the workspace Succeeded, in one poll.
    const seen = emu.exchanges().length;
    const la = await ctx.client(OperationalInsightsManagementClient);
    const ws = await la.workspaces.beginCreateOrUpdateAndWait('rg-x', 'ws-slow', { location: 'eastus' }, ctx.lroOptions());
    expect(ws.provisioningState).toBe('Succeeded');
    const wsExchanges = emu.exchanges().slice(seen);
    expect(wsExchanges.map((e) => `${e.request.method} ${e.response.statusCode}`)).toEqual(['PUT 201', 'GET 200']);
    expect((wsExchanges[0]!.response.body as any).properties.provisioningState).toBe('Creating');
    expect(wsExchanges[0]!.response.headers['location']).toContain('/workspaces/ws-slow');
  });
});

describe('resource group deletion as an LRO', () => {
  it('reads Deleting and refuses new resources while running; the Location URL answers 202 until done', async () => {
    const emu = await start({ pollsToComplete: 3 });
    const rg = `/subscriptions/${emu.subscriptionId}/resourcegroups/rg-slow`;
    await arm(emu, 'PUT', `${rg}?api-version=2021-04-01`, { body: { location: 'eastus' } });
    const del = await arm(emu, 'DELETE', `${rg}?api-version=2021-04-01`);
    expect(del.status).toBe(202);
    const loc = new URL(del.headers['location'] as string);
    expect((await arm(emu, 'GET', `${rg}?api-version=2021-04-01`)).json.properties.provisioningState).toBe('Deleting'); // poll 1
    const late = await arm(emu, 'PUT', `${rg}/providers/Microsoft.OperationalInsights/workspaces/ws-late?api-version=2022-10-01`, { body: { location: 'eastus' } });
    expect(late.status).toBe(409);
    expect(late.json.error.code).toBe('ResourceGroupBeingDeleted');
    const running = await arm(emu, 'GET', loc.pathname + loc.search); // poll 2
    expect(running.status).toBe(202);
    expect(running.text).toBe('');
    expect((await arm(emu, 'GET', loc.pathname + loc.search)).status).toBe(200); // poll 3: done
    expect((await arm(emu, 'HEAD', `${rg}?api-version=2021-04-01`)).status).toBe(404);
  });
});

describe('request log', () => {
  it('appends JSONL records without the bearer token or any shared key', async () => {
    const dir = tmp();
    const file = path.join(dir, 'log.jsonl');
    const emu = await start({ requestLog: file });
    const { keys } = await withWorkspaceAndEnv(emu);
    const bearer = await token(emu);
    await arm(emu, 'GET', `/subscriptions?api-version=2022-12-01`);
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBe(emu.exchanges().length);
    expect(lines.every((l) => l.request && l.response && 'body' in l.request)).toBe(true);
    expect(text).not.toContain(bearer.split('.')[2]);
    expect(text).not.toContain(keys.primarySharedKey);
    expect(text).not.toContain(keys.secondarySharedKey);
    expect(text).not.toMatch(/Bearer ey/);
    const keyCall = lines.find((l) => l.request.url.includes('/sharedKeys'));
    expect(keyCall.response.body).toEqual({ primarySharedKey: REDACTED, secondarySharedKey: REDACTED });
    expect(keyCall.request.headers.authorization).toBe(REDACTED);
    const envPut = lines.find((l) => l.request.method === 'PUT' && l.request.url.includes('managedEnvironments'));
    expect(envPut.request.body.properties.appLogsConfiguration.logAnalyticsConfiguration.sharedKey).toBe(REDACTED);
    expect(lines.some((l) => l.request.url.includes('/oauth2/token'))).toBe(false);
  });

  it('can leave LRO polls out', async () => {
    const emu = await start({ requestLogPolls: false });
    await withWorkspaceAndEnv(emu);
    expect(emu.exchanges().some((e) => e.request.url.includes('OperationStatuses'))).toBe(false);
    expect(emu.exchanges().some((e) => e.request.method === 'PUT')).toBe(true);
  });
});

describe('state', () => {
  it('round-trips through the state file (same ids, keys and computed properties)', async () => {
    const stateFile = path.join(tmp(), 'state.json');
    const a = await start({ stateFile });
    const { keys, env } = await withWorkspaceAndEnv(a);
    await a.close();
    expect(JSON.parse(fs.readFileSync(stateFile, 'utf8')).resources.length).toBe(3);

    const b = await start({ stateFile });
    const ctx = contextFor(b);
    const la = await ctx.client(OperationalInsightsManagementClient);
    expect((await la.sharedKeys.getSharedKeys('rg-x', 'ws-life')).primarySharedKey).toBe(keys.primarySharedKey);
    const apps = await ctx.client(ContainerAppsAPIClient);
    const again = await apps.managedEnvironments.get('rg-x', 'env-life');
    expect(again.defaultDomain).toBe(env.defaultDomain);
    expect(again.staticIp).toBe(env.staticIp);
  });

  it('two emulators in one process do not share state', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    expect(a.endpoint).not.toBe(b.endpoint);
    expect(a.caCertPem).not.toBe(b.caCertPem);
    await withWorkspaceAndEnv(a, 'only-in-a');
    const rmB = await contextFor(b).client(ResourceManagementClient);
    expect(await rmB.resourceGroups.checkExistence('only-in-a')).toEqual({ body: false });
    expect((b.dump() as any).resources).toEqual([]);
    expect((a.dump() as any).resources.length).toBe(3);
  });

  it('mutate changes a resource out of band; reset drops everything', async () => {
    const emu = await start();
    const { env } = await withWorkspaceAndEnv(emu);
    emu.mutate(env.id!, (r) => {
      r.tags = { edited: 'portal' };
    });
    const apps = await contextFor(emu).client(ContainerAppsAPIClient);
    expect((await apps.managedEnvironments.get('rg-x', 'env-life')).tags).toEqual({ edited: 'portal' });
    emu.reset();
    expect((emu.dump() as any).resources).toEqual([]);
    await expect(apps.managedEnvironments.get('rg-x', 'env-life')).rejects.toMatchObject({ statusCode: 404, code: 'ResourceGroupNotFound' });
  });
});
