import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { azprov, tempDir } from '../helpers/cli.js';

describe('releases from the CLI', () => {
  it('revision deploy, traffic set, then a canary that succeeds and one that rolls back', async () => {
    const target = ['--emulator', '--emulator-state', join(tempDir(), 'state.json')];
    expect((await azprov(['up', '-f', 'templates/rollout-canary.yaml', ...target])).code).toBe(0);
    const app = ['web', '-g', 'rg-web'];

    const deploy = await azprov(['revision', 'deploy', ...app, '--image', 'gbaeke/dapr-state:1.5.0', '--suffix', 'v15', ...target]);
    expect(deploy.stdout).toMatch(/^revision web--v15 \(was web--r[0-9a-f]{8}\) at 0%$/m);
    const reuse = await azprov(['revision', 'deploy', ...app, '--image', 'gbaeke/dapr-state:1.6.0', '--suffix', 'v15', ...target]);
    expect(reuse.code).toBe(3);
    expect(reuse.stderr).toContain('revision web--v15 already exists');

    const bad = await azprov(['traffic', 'set', ...app, 'web--v15=30', ...target]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('the weights add up to 30, not 100 (web--v15=30)');

    const list = await azprov(['revision', 'list', ...app, '--output', 'json', ...target]);
    const v1 = JSON.parse(list.stdout).find((r: { name: string }) => r.name !== 'web--v15').name;
    expect((await azprov(['traffic', 'set', ...app, `${v1}=100`, 'web--v15=0', ...target])).code).toBe(0);
    expect((await azprov(['revision', 'deactivate', ...app, 'web--v15', ...target])).code).toBe(0);

    const canary = await azprov(['rollout', 'canary', ...app, '--image', 'gbaeke/dapr-state:2.0.0', '--steps', '25,50,100', '--interval', '10ms', '--http-path', '/', '--http-requests', '5', ...target]);
    expect(canary.stderr).toBe('');
    expect(canary.code).toBe(0);
    expect(canary.stdout).toMatch(/step 1\/3: web--r[0-9a-f]{8}=25% web--r[0-9a-f]{8}=75%/);
    expect(canary.stdout).toMatch(/✓ http: 5\/5 answered 200/);
    expect(canary.stdout).toMatch(/promoted web--r[0-9a-f]{8}: 100% of the traffic/);

    const failing = await azprov(['rollout', 'canary', ...app, '--image', 'gbaeke/dapr-state:3.0.0', '--env', 'AZPROV_EMULATOR_FAIL_RATE=0.5', '--steps', '10,100', '--interval', '10ms', '--http-path', '/', '--http-requests', '10', '--success-rate', '0.9', ...target]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/✗ http: \d+\/10 answered 200/);
    expect(failing.stderr).toMatch(/rolled back to web--r[0-9a-f]{8}: at 10%: http gate/);

    const status = await azprov(['rollout', 'status', ...app, ...target]);
    expect(status.stdout).toMatch(/^no rollout in progress: web--r[0-9a-f]{8}=100%$/m);
    // The stack owns the app shell, releases own the image: up after the rollout changes nothing.
    expect((await azprov(['plan', '-f', 'templates/rollout-canary.yaml', ...target, '--detailed-exitcode'])).code).toBe(0);
  }, 120_000);

  it('the blue-green zx script: v2 behind the green label, checked, promoted', async () => {
    const state = join(tempDir(), 'state.json');
    expect((await azprov(['up', '-f', 'templates/rollout-canary.yaml', '--emulator', '--emulator-state', state])).code).toBe(0);
    const outputs = JSON.parse((await azprov(['outputs', '-f', 'templates/rollout-canary.yaml', '--emulator', '--emulator-state', state, '--output', 'json'])).stdout);
    const r = await new Promise<{ code: number | null; out: string }>((res) => {
      const child = spawn(process.execPath, [resolve('node_modules/zx/build/cli.js'), resolve('scripts/blue-green.mjs'), '--app-id', outputs.app.id, '--image', 'gbaeke/dapr-state:2.0.0', '--emulator', '--emulator-state', state], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.on('close', (code) => res({ code, out }));
    });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/web--r[0-9a-f]{8} is up behind the green label/);
    expect(r.out).toContain('promoted: ');
  }, 60_000);
});

describe('rollout flags', () => {
  it('bad steps, gates and durations: every problem at once, exit 3, nothing started or sent', async () => {
    const dir = tempDir();
    const log = join(dir, 'log.jsonl');
    const r = await azprov(['rollout', 'canary', 'web', '-g', 'rg-web', '--success-rate', '2', '--steps', '10,5', '--interval', 'soon', '--emulator', '--emulator-state', join(dir, 's.json'), '--emulator-log', log]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('3 problems found');
    for (const flag of ['--steps', '--success-rate', '--interval']) expect(r.stderr).toContain(`- ${flag}:`);
    const { existsSync } = await import('node:fs');
    expect(existsSync(log)).toBe(false);
  });
});
