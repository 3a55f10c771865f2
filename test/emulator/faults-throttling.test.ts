import { ContainerAppsAPIClient } from '@azure/arm-appcontainers';
import { OperationalInsightsManagementClient } from '@azure/arm-operationalinsights';
import { ResourceManagementClient } from '@azure/arm-resources';
import { describe, expect, it } from 'vitest';
import { arm, contextFor, raw, emulatorsPerTest } from './helpers.js';

const start = emulatorsPerTest();

describe('fault injection', () => {
  it('a seeded 30 % rate of 429/500/503/drop is retried to success by the SDK retry policies', async () => {
    const emu = await start({ faults: { rate: 0.3, seed: 42, kinds: ['429', '500', '503', 'drop'] } });
    const ctx = contextFor(emu, { retryDelayInMs: 10, maxRetries: 8 });
    const rm = await ctx.client(ResourceManagementClient);
    const la = await ctx.client(OperationalInsightsManagementClient);
    const apps = await ctx.client(ContainerAppsAPIClient);
    await rm.resourceGroups.createOrUpdate('rg-f', { location: 'eastus' });
    const ws = await la.workspaces.beginCreateOrUpdateAndWait('rg-f', 'ws-faulty', { location: 'eastus' }, ctx.lroOptions());
    const keys = await la.sharedKeys.getSharedKeys('rg-f', 'ws-faulty');
    const env = await apps.managedEnvironments.beginCreateOrUpdateAndWait(
      'rg-f',
      'env-faulty',
      { location: 'eastus', appLogsConfiguration: { destination: 'log-analytics', logAnalyticsConfiguration: { customerId: ws.customerId, sharedKey: keys.primarySharedKey } } },
      ctx.lroOptions(),
    );
    expect(env.provisioningState).toBe('Succeeded');
    for (let i = 0; i < 5; i++) await rm.resourceGroups.get('rg-f');
    await rm.resourceGroups.beginDeleteAndWait('rg-f', ctx.lroOptions());
    expect(await rm.resourceGroups.checkExistence('rg-f')).toEqual({ body: false });

    const statuses = emu.exchanges().map((e) => e.response.statusCode);
    expect(statuses).toContain(429);
    expect(statuses.some((s) => s === 500 || s === 503)).toBe(true);
    const injected = (await raw(emu, 'GET', '/_emulator/faults')).json.injected;
    expect(injected.drop).toBeGreaterThan(0);
    const throttled = emu.exchanges().find((e) => e.response.statusCode === 429)!;
    expect(throttled.response.body).toMatchObject({ error: { code: 'TooManyRequests' } });
    expect(throttled.response.headers['retry-after']).toBe('0');
  });

  it('the same seed gives the same fault sequence', async () => {
    const run = async () => {
      const emu = await start({ faults: { rate: 0.5, seed: 7, kinds: ['500'] } });
      const codes: number[] = [];
      for (let i = 0; i < 12; i++) codes.push((await arm(emu, 'GET', `/subscriptions?api-version=2022-12-01`)).status);
      return codes;
    };
    const a = await run();
    expect(a).toContain(500);
    expect(a).toContain(200);
    expect(await run()).toEqual(a);
  });

  it('lro-failed ends the operation Failed with a retryable code; the resource is left Failed; faults set through the admin API', async () => {
    const emu = await start();
    const ctx = contextFor(emu);
    const rm = await ctx.client(ResourceManagementClient);
    const apps = await ctx.client(ContainerAppsAPIClient);
    await rm.resourceGroups.createOrUpdate('rg-l', { location: 'eastus' });
    const set = await raw(emu, 'POST', '/_emulator/faults', { body: { rate: 1, kinds: ['lro-failed'], methods: ['PUT'], pathIncludes: 'managedEnvironments' } });
    expect(set.status).toBe(200);
    // core-lro builds a plain Error from the status body's error.code and error.message [core-lro].
    await expect(apps.managedEnvironments.beginCreateOrUpdateAndWait('rg-l', 'env-fail', { location: 'eastus' }, ctx.lroOptions())).rejects.toThrow(
      /long-running operation has failed\. InternalServerError\./,
    );
    expect((await apps.managedEnvironments.get('rg-l', 'env-fail')).provisioningState).toBe('Failed');
    await raw(emu, 'POST', '/_emulator/faults', { body: null });
    const ok = await apps.managedEnvironments.beginCreateOrUpdateAndWait('rg-l', 'env-fail', { location: 'eastus' }, ctx.lroOptions());
    expect(ok.provisioningState).toBe('Succeeded');

    // Location-mode failure: the result URL answers the error; the group is left as it was.
    emu.setFaults({ rate: 1, kinds: ['lro-failed'], methods: ['DELETE'] });
    const del = await arm(emu, 'DELETE', `/subscriptions/${emu.subscriptionId}/resourcegroups/rg-l?api-version=2025-04-01`);
    expect(del.status).toBe(202);
    emu.setFaults(undefined);
    const result = await arm(emu, 'GET', new URL(del.headers['location'] as string).pathname + new URL(del.headers['location'] as string).search);
    expect(result.status).toBe(500);
    expect(result.json.error.code).toBe('InternalServerError');
    expect((await rm.resourceGroups.get('rg-l')).properties?.provisioningState).toBe('Succeeded');
  });

  it('never faults token, metadata or admin endpoints', async () => {
    const emu = await start({ faults: { rate: 1, kinds: ['500'] } });
    for (let i = 0; i < 5; i++) {
      expect((await raw(emu, 'GET', '/metadata/endpoints?api-version=2015-01-01')).status).toBe(200);
      expect((await raw(emu, 'GET', '/_emulator/health')).status).toBe(200);
    }
    const r = await arm(emu, 'GET', '/subscriptions?api-version=2022-12-01'); // arm() gets a token first: it must not fail
    expect(r.status).toBe(500);
    expect(r.json.error.code).toBe('InternalServerError');
  });
});

describe('throttling', () => {
  it('empties the read bucket, answers 429 TooManyRequests with Retry-After, and counts down the remaining header', async () => {
    const emu = await start({ throttling: { reads: { capacity: 3, refillPerSecond: 0.5 } } });
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await arm(emu, 'GET', '/subscriptions?api-version=2022-12-01');
      expect(r.status).toBe(200);
      remaining.push(r.headers['x-ms-ratelimit-remaining-subscription-reads'] as string);
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const t = await arm(emu, 'GET', '/subscriptions?api-version=2022-12-01');
    expect(t.status).toBe(429);
    expect(t.json.error.code).toBe('TooManyRequests');
    expect(Number(t.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Writes have their own bucket.
    const w = await arm(emu, 'PUT', `/subscriptions/${emu.subscriptionId}/resourcegroups/tw?api-version=2025-04-01`, { body: { location: 'eastus' } });
    expect(w.status).toBe(201);
    expect(w.headers['x-ms-ratelimit-remaining-subscription-writes']).toBe('199');
  });

  it('refills faster with scale', async () => {
    const emu = await start({ throttling: { scale: 1000, reads: { capacity: 1, refillPerSecond: 1 } } });
    for (let i = 0; i < 4; i++) {
      expect((await arm(emu, 'GET', '/subscriptions?api-version=2022-12-01')).status).toBe(200);
      await new Promise((r) => setTimeout(r, 5));
    }
  });
});
