import { NetworkManagementClient } from '@azure/arm-network';
import { ResourceManagementClient } from '@azure/arm-resources';
import { describe, expect, it } from 'vitest';
import type { ArmContext } from '../../src/arm/context.js';
import { contextFor, emulatorsPerTest } from '../emulator/helpers.js';

// The pacing policies (src/arm/poll-pacing.ts, src/arm/rate-limit.ts) through the real SDK clients.
const emulator = emulatorsPerTest();

describe('LRO polls wait for Retry-After', () => {
  // A virtual network: its PUT answers Retry-After (Private DNS, used here before, sends none [rec-1]).
  it('a virtual network create costs the PUT, one status poll after Retry-After and the final GET', async () => {
    const emu = await emulator({ latency: 'realistic', latencyScale: 0.3 });
    const sent: Array<{ method: string; at: number }> = [];
    const ctx = contextFor(emu, { onExchange: (e) => sent.push({ method: e.method, at: Date.now() - e.durationInMs }) });
    await (await ctx.client(ResourceManagementClient)).resourceGroups.createOrUpdate('rg-p', { location: 'westeurope' });
    emu.clearExchanges();
    sent.length = 0;
    const net = await ctx.client(NetworkManagementClient);
    const vnet = await net.virtualNetworks.beginCreateOrUpdateAndWait('rg-p', 'vnet1', { location: 'westeurope', addressSpace: { addressPrefixes: ['10.1.0.0/16'] } }, ctx.lroOptions());
    expect(vnet.provisioningState).toBe('Succeeded');
    const log = emu.exchanges();
    expect(log.map((e) => `${e.request.method} ${e.name ?? 'vnet'}`)).toEqual(['PUT vnet', 'GET lro-status', 'GET vnet']);
    const retryAfter = Number(log[0]!.response.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(retryAfter * 1000 - 100);
  });
});

describe('requests pace themselves on the remaining-budget header', () => {
  const throttling = { reads: { capacity: 10, refillPerSecond: 25 } };
  const burst = async (ctx: ArmContext) => {
    const rm = await ctx.client(ResourceManagementClient);
    await rm.resourceGroups.createOrUpdate('rg-t', { location: 'westeurope' });
    await rm.resourceGroups.get('rg-t');
    await Promise.all(Array.from({ length: 40 }, () => rm.resourceGroups.get('rg-t')));
  };

  it('40 concurrent reads against a bucket of 10 (25/s): no 429, all answered', async () => {
    const emu = await emulator({ throttling });
    await burst(contextFor(emu));
    const codes = emu.exchanges().map((e) => e.response.statusCode);
    expect(codes.filter((c) => c === 429)).toHaveLength(0);
    expect(codes.filter((c) => c === 200)).toHaveLength(41);
  });

  it('without pacing the same burst is throttled (and still succeeds through the SDK retries)', async () => {
    const emu = await emulator({ throttling });
    await burst(contextFor(emu, { rateLimit: false, maxRetries: 10 }));
    expect(emu.exchanges().filter((e) => e.response.statusCode === 429).length).toBeGreaterThan(0);
  });
});
