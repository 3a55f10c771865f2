import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { azprov, tempDir } from '../helpers/cli.js';

describe('two runs of the same stack at once', () => {
  let emulator: RunningEmulator;
  const caFile = join(tempDir(), 'ca.pem');
  beforeAll(async () => {
    // Realistic (scaled) durations, so that the two runs' long-running operations overlap.
    emulator = await startEmulator({ port: 0, caFile, latency: 'realistic', latencyScale: 0.01 });
  });
  afterAll(() => emulator.close());

  it('both converge without an error, and nothing exists twice', async () => {
    const target = ['--endpoint', emulator.endpoint, '--ca', caFile, '--subscription', emulator.subscriptionId];
    const [a, b] = await Promise.all([azprov(['up', '-f', 'templates/environment.yaml', ...target]), azprov(['up', '-f', 'templates/environment.yaml', ...target])]);
    expect([a.code, b.code, a.stderr + b.stderr]).toEqual([0, 0, '']);
    const again = await azprov(['plan', '-f', 'templates/environment.yaml', ...target, '--detailed-exitcode']);
    expect(again.code).toBe(0);
    const puts = emulator.exchanges().filter((e) => e.request.method === 'PUT' && /managedEnvironments\/cae-azprov-demo\?/.test(e.request.url));
    expect(puts.length).toBeGreaterThanOrEqual(1);
    const envs = JSON.stringify(emulator.dump()).match(/"\/subscriptions\/[^"]*\/managedEnvironments\/cae-azprov-demo"/gi) ?? [];
    expect(new Set(envs.map((e) => e.toLowerCase())).size).toBe(1);
  }, 60_000);
});
