import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { azprov, tempDir } from '../helpers/cli.js';

describe('private AKS from the CLI and the zx script', () => {
  it('create-private-aks.mjs --dns custom, then azprov aks run -- kubectl get ns', async () => {
    const state = join(tempDir(), 'state.json');
    const r = await new Promise<{ code: number | null; out: string }>((res) => {
      const child = spawn(process.execPath, [resolve('node_modules/zx/build/cli.js'), resolve('scripts/create-private-aks.mjs'), '--dns', 'custom', '--emulator', '--emulator-state', state], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.on('close', (code) => res({ code, out }));
    });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('plan: 8 of 8 resources to create or update');
    expect(r.out).toContain('private FQDN     aks-private.privatelink.westeurope.azmk8s.io');

    const run = await azprov(['aks', 'run', '-g', 'rg-aks-private', '-n', 'aks-private', '--emulator', '--emulator-state', state, '--', 'kubectl', 'get', 'ns']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/kube-system/);
    const bad = await azprov(['aks', 'run', '-g', 'rg-aks-private', '-n', 'aks-private', '--emulator', '--emulator-state', state, '--', 'kubectl', 'frobnicate']);
    expect(bad.code).not.toBe(0);
    const usage = await azprov(['aks', 'run', '-n', 'aks-private', '--emulator', '--emulator-state', state, '--', 'kubectl', 'get', 'ns']);
    expect(usage.code).toBe(3);
    expect(usage.stderr).toContain('--resource-group: is required.');
  }, 60_000);
});
