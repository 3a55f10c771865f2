import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { azprov, tempDir } from '../helpers/cli.js';

// Each CLI run gets a bound well below the test's: a hang shows as code null (killed), not as a stuck suite.
const BOUND = { timeoutInMs: 20_000 };

describe('a damaged emulator state file', () => {
  const damaged: Array<[string, (file: string) => void, RegExp]> = [
    ['bad JSON', (f) => writeFileSync(f, '{"version": 1, "resources": ['), /is not valid JSON/],
    ['null', (f) => writeFileSync(f, 'null'), /holds null/],
    ['an array', (f) => writeFileSync(f, '[]'), /holds an array/],
    ['no version', (f) => writeFileSync(f, '{"resources": []}'), /has no "version"/],
    ['records of the wrong shape', (f) => writeFileSync(f, '{"version": 1, "resources": [1, 2]}'), /must be lists of stored records/],
    ['a directory', (f) => mkdirSync(f), /is a directory/],
  ];
  for (const [what, make, reason] of damaged) {
    it(`(${what}) is invalid input: exit 3, the path and the fix, no hang`, async () => {
      const file = join(tempDir(), 'state.json');
      make(file);
      const r = await azprov(['plan', '-f', 'templates/environment.yaml', '--emulator', '--emulator-state', file], BOUND);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toMatch(reason);
      expect(r.stderr).toMatch(/Fix: move it aside \(mv /);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(`${file}.lock`)).toBe(false); // the lock is not left behind
    }, 30_000);
  }

  // Root reads any file: the check only means something for an ordinary user.
  it.skipIf(process.getuid?.() === 0)('(unreadable) is invalid input with the fix', async () => {
    const file = join(tempDir(), 'state.json');
    writeFileSync(file, '{"version": 1}', { mode: 0o000 });
    const r = await azprov(['plan', '-f', 'templates/environment.yaml', '--emulator', '--emulator-state', file], BOUND);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cannot be read \(EACCES\)\. Fix: make it readable/);
  }, 30_000);

  it('is invalid input for the zx scripts too (exit 3, one line, no hang)', async () => {
    const file = join(tempDir(), 'state.json');
    writeFileSync(file, 'null');
    const child = spawn(process.execPath, [resolve('node_modules/zx/build/cli.js'), resolve('scripts/create-environment.mjs'), '--resource-group', 'rg', '--location', 'eastus', '--name', 'cae', '--emulator', '--emulator-state', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await new Promise((r) => child.on('close', r));
    clearTimeout(timer);
    expect(code).toBe(3);
    expect(stderr.trim()).toMatch(/^error: emulator state file .*state\.json: holds null.*Fix: move it aside/);
  }, 30_000);

  it('an empty file is an empty emulator', async () => {
    const file = join(tempDir(), 'state.json');
    writeFileSync(file, '');
    const r = await azprov(['plan', '-f', 'templates/environment.yaml', '--emulator', '--emulator-state', file], BOUND);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Plan: 3 to create');
  }, 30_000);
});

describe('two --emulator commands sharing the state file', () => {
  it('queue (one says it waits) and both stacks are kept', async () => {
    const state = join(tempDir(), 'state.json');
    const target = ['--emulator', '--emulator-state', state];
    // Two different stacks: before the lock each command saved its whole state and the last one won.
    const [a, b] = await Promise.all([azprov(['up', '-f', 'templates/environment.yaml', ...target], BOUND), azprov(['up', '-f', 'templates/rollout-canary.yaml', ...target], BOUND)]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    expect(a.stderr + b.stderr).toMatch(/azprov: waiting for .*state\.json: process \d+ \(azprov up -f templates\/[\w-]+\.yaml .*\) uses it; waiting until \d{4}-\d\d-\d\dT/);
    for (const stack of ['templates/environment.yaml', 'templates/rollout-canary.yaml']) {
      const again = await azprov(['plan', '-f', stack, ...target, '--detailed-exitcode'], BOUND);
      expect(again.code, `${stack}: ${again.stdout}`).toBe(0);
    }
  }, 60_000);

  it('fail clearly after the bound when the other one does not finish', async () => {
    const state = join(tempDir(), 'state.json');
    // A live holder: this test process.
    writeFileSync(`${state}.lock`, JSON.stringify({ pid: process.pid, command: 'azprov up -f other.yaml', since: new Date().toISOString() }));
    const r = await azprov(['plan', '-f', 'templates/environment.yaml', '--emulator', '--emulator-state', state], { ...BOUND, env: { AZPROV_EMULATOR_STATE_WAIT: '1' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/waiting for .*: process \d+ \(azprov up -f other\.yaml\) uses it; waiting until/);
    expect(r.stderr).toMatch(/in use by process \d+ \(azprov up -f other\.yaml\).*waited 1 s\. Fix: wait for that command to finish/);
  }, 30_000);

  it('take over the lock of a command that was killed', async () => {
    const state = join(tempDir(), 'state.json');
    const dead = spawn(process.execPath, ['-e', '0']);
    const pid = dead.pid!;
    await new Promise((r) => dead.on('close', r));
    writeFileSync(`${state}.lock`, JSON.stringify({ pid, command: 'azprov up (killed)', since: new Date().toISOString() }));
    const r = await azprov(['up', '-f', 'templates/environment.yaml', '--emulator', '--emulator-state', state], BOUND);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/waiting/);
    expect(existsSync(`${state}.lock`)).toBe(false);
  }, 30_000);
});

describe('the environment `azprov emulator start` prints', () => {
  let emulator: RunningEmulator;
  const caFile = join(tempDir(), 'ca.pem');
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, caFile });
  });
  afterAll(() => emulator.close());

  it('selects that emulator when no target flag is given, and whoami says so', async () => {
    const env = { AZPROV_EMULATOR_ENDPOINT: emulator.endpoint, AZPROV_EMULATOR_CA_FILE: caFile, AZURE_SUBSCRIPTION_ID: emulator.subscriptionId };
    const who = await azprov(['whoami', '-o', 'json'], { ...BOUND, env });
    expect(who.code, who.stderr).toBe(0);
    const w = JSON.parse(who.stdout);
    expect(w.target).toBe('emulator (from AZPROV_EMULATOR_ENDPOINT)');
    expect(w.endpoint).toBe(emulator.endpoint);
    emulator.clearExchanges();
    const up = await azprov(['up', '-f', 'templates/environment.yaml'], { ...BOUND, env });
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toContain(`on ${emulator.endpoint}`);
    expect(emulator.exchanges().filter((e) => e.request.method === 'PUT').length).toBeGreaterThanOrEqual(3);
  }, 30_000);

  it('needs the CA file with the endpoint', async () => {
    const r = await azprov(['plan', '-f', 'templates/environment.yaml'], { ...BOUND, env: { AZPROV_EMULATOR_ENDPOINT: emulator.endpoint, AZPROV_EMULATOR_CA_FILE: '' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('AZPROV_EMULATOR_CA_FILE: is required with AZPROV_EMULATOR_ENDPOINT');
  }, 30_000);
});

describe('azprov emulator start on a busy port', () => {
  let busy: Server;
  let port: number;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
    port = (busy.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => busy.close(() => r())));

  it('is one line with the fix, exit 3', async () => {
    const r = await azprov(['emulator', 'start', '--port', String(port), '--ca-file', join(tempDir(), 'ca.pem')], BOUND);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toEqual([`azprov: --port: port ${port} on 127.0.0.1 is already in use (another emulator or server). Fix: stop what listens there, or pass another port (--port ${port + 1}, or --port 0 for any free one).`]);
    expect(r.stderr).not.toContain('EADDRINUSE');
  }, 30_000);
});

describe('no Azure credential', () => {
  it('is one line with the fix', async () => {
    // Nothing to sign in with: no environment credential, no az/azd/pwsh on PATH, IMDS unreachable.
    const env = { PATH: '/nonexistent', AZURE_CLIENT_ID: '', AZURE_TENANT_ID: '', AZURE_CLIENT_SECRET: '', IDENTITY_ENDPOINT: '', MSI_ENDPOINT: '', AZURE_FEDERATED_TOKEN_FILE: '', ACTIONS_ID_TOKEN_REQUEST_URL: '', SYSTEM_OIDCREQUESTURI: '', AZURE_POD_IDENTITY_AUTHORITY_HOST: 'https://127.0.0.1:1' };
    const r = await azprov(['plan', '-f', 'templates/environment.yaml', '--subscription', '11111111-1111-1111-1111-111111111111'], { env, timeoutInMs: 40_000 });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^azprov: no Azure credential found \(tried .*\)\. Fix: sign in with `az login`/);
    expect(r.stderr).not.toContain('CredentialUnavailableError');
  }, 60_000);
});

