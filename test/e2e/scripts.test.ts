import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';

/** Runs a zx script as a user does (`npx zx scripts/...`), against the embedded emulator's state file. */
function zx(script: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [resolve('node_modules/zx/build/cli.js'), resolve('scripts', script), ...args], { env: { ...process.env, CI: 'true', FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', rej);
    child.on('close', (code) => res({ code, stdout, stderr }));
  });
}

describe('zx scripts', () => {
  it('compose: environment, state store, app, then an env-var update that shows the new revision beside the old', async () => {
    const state = ['--emulator', '--emulator-state', join(tempDir(), 'state.json')];
    const env = await zx('create-environment.mjs', ['--resource-group', 'rg-dapr', '--location', 'northeurope', '--name', 'dapr-ca', ...state]);
    expect(env.code).toBe(0);
    const envId = /environment\s+(\/subscriptions\/\S+)/.exec(env.stdout)![1];

    const store = await zx('create-state-store.mjs', ['--environment-id', envId, '--location', 'northeurope', '--account', 'cosmos-dapr-zx', '--scopes', 'daprstate', ...state]);
    expect(store.code, store.stderr).toBe(0);
    const identityId = /identity\s+(\/subscriptions\/\S+)/.exec(store.stdout)![1];

    const app = await zx('deploy-app.mjs', ['--environment-id', envId, '--location', 'northeurope', '--name', 'daprstate', '--image', 'gbaeke/dapr-state:1.0.0', '--port', '8080', '--dapr-app-id', 'daprstate', '--identity-id', identityId, ...state]);
    expect(app.code, app.stderr).toBe(0);
    const appId = /app\s+(\/subscriptions\/\S+)/.exec(app.stdout)![1];
    const first = /revision\s+(\S+)/.exec(app.stdout)![1];

    const update = await zx('update-app.mjs', ['--app-id', appId, '--env', 'WELCOME=Hello from new revision', ...state]);
    expect(update.code, update.stderr).toBe(0);
    expect(update.stdout).toMatch(new RegExp(`new revision daprstate--r[0-9a-f]{8} \\(was ${first}\\)`));
    expect(update.stdout).toMatch(/REVISION\s+ACTIVE\s+TRAFFIC/);
    expect(update.stdout).toContain(first);

    const again = await zx('create-state-store.mjs', ['--environment-id', envId, '--location', 'northeurope', '--account', 'cosmos-dapr-zx', '--scopes', 'daprstate', ...state]);
    expect(again.stdout).toContain('already up to date');
  }, 120_000);

  it('exits 3 and names the missing flags', async () => {
    const r = await zx('deploy-app.mjs', ['--emulator']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('missing: --environment-id, --location, --name, --image');
  });
});
