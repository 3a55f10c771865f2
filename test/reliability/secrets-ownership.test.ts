import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { azprov, tempDir } from '../helpers/cli.js';

const SECRET = 'app-secret-7f3a9c1e-do-not-print';

/** The seed scenario with keys everywhere: Cosmos key auth, an app secret, a Dapr component secret. */
function secretStack(): string {
  const s = parse(readFileSync('templates/dapr-cosmos-app.yaml', 'utf8'));
  s.resources.state.auth = 'key';
  delete s.resources.app.identities;
  s.resources.app.secrets = [{ name: 'api-token', fromEnv: 'AZPROV_TEST_SECRET' }];
  s.resources.app.containers[0].env = [{ name: 'API_TOKEN', secretRef: 'api-token' }];
  s.resources.cache = {
    kind: 'daprComponent',
    name: 'cache',
    environment: 'env',
    componentType: 'state.redis',
    metadata: [{ name: 'redisHost', value: 'redis:6379' }, { name: 'redisPassword', secretRef: 'redis-password' }],
    secrets: [{ name: 'redis-password', fromEnv: 'AZPROV_TEST_SECRET' }],
  };
  return stringify(s);
}

describe('secrets never leave: outputs, events, plans, drift, step summary, request log', () => {
  it('finds no secret value and no token anywhere', async () => {
    const dir = tempDir();
    const file = join(dir, 'stack.yaml');
    writeFileSync(file, secretStack());
    const state = join(dir, 'state.json');
    const log = join(dir, 'log.jsonl');
    const summary = join(dir, 'summary.md');
    const target = ['--emulator', '--emulator-state', state, '--emulator-log', log];
    const env = { AZPROV_TEST_SECRET: SECRET, GITHUB_STEP_SUMMARY: summary, GITHUB_ACTIONS: 'true' };
    const runs = [
      await azprov(['up', '-f', file, ...target, '--output', 'json', '--verbose'], { env }),
      await azprov(['plan', '-f', file, ...target], { env }),
      await azprov(['plan', '-f', file, ...target, '--output', 'markdown'], { env }),
      await azprov(['drift', '-f', file, ...target, '--output', 'markdown'], { env }),
      await azprov(['outputs', '-f', file, ...target, '--output', 'env'], { env }),
      await azprov(['whoami', ...target, '--output', 'json'], { env }),
    ];
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0, 0, 0]);
    // The emulator's own store keeps the keys (it is Azure's side): that is where the key to look for comes from.
    const masterKey = /"primaryMasterKey": ?"([^"]+)"/.exec(readFileSync(state, 'utf8'))?.[1];
    expect(masterKey).toBeTruthy();
    const everything = [...runs.flatMap((r) => [r.stdout, r.stderr]), readFileSync(summary, 'utf8'), existsSync(log) ? readFileSync(log, 'utf8') : ''].join('\n');
    const hits = [SECRET, masterKey!, 'eyJ'].map((needle) => everything.split(needle).length - 1);
    expect(hits).toEqual([0, 0, 0]);
    // The writes happened: the key and the secret went where they belong, and the log shows the requests.
    expect(readFileSync(log, 'utf8')).toMatch(/daprComponents\/cache/);
  }, 120_000);
});

describe('ownership from the CLI', () => {
  it('down removes only what the stack made and keeps a group that holds another stack\'s resource', async () => {
    const dir = tempDir();
    const target = ['--emulator', '--emulator-state', join(dir, 'state.json')];
    expect((await azprov(['up', '-f', 'templates/environment.yaml', ...target])).code).toBe(0);
    const other = join(dir, 'other.yaml');
    writeFileSync(other, stringify({ name: 'other', location: 'eastus', resources: { rg: { kind: 'resourceGroup', name: 'rg-azprov-demo', existing: true }, logs: { kind: 'logAnalyticsWorkspace', name: 'log-other-team', resourceGroup: 'rg' } } }));
    expect((await azprov(['up', '-f', other, ...target])).code).toBe(0);
    const down = await azprov(['down', '-f', 'templates/environment.yaml', ...target]);
    expect(down.code).toBe(0);
    expect(down.stdout).toContain('Deleted 2: env, logs.');
    expect(down.stdout).toMatch(/rg: kept: it still holds 1 resource not owned by stack 'demo' \(Microsoft\.OperationalInsights\/workspaces\/log-other-team\)/);
    const stillThere = await azprov(['plan', '-f', other, ...target, '--detailed-exitcode']);
    expect(stillThere.code).toBe(0);
  }, 60_000);
});

describe('up racing down', () => {
  let emulator: RunningEmulator;
  const caFile = join(tempDir(), 'ca.pem');
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, caFile, latency: 'realistic', latencyScale: 0.01 });
  });
  afterAll(() => emulator.close());

  it('ends with clear messages, no crash, and a re-run converges', async () => {
    const target = ['--endpoint', emulator.endpoint, '--ca', caFile, '--subscription', emulator.subscriptionId];
    expect((await azprov(['up', '-f', 'templates/environment.yaml', ...target])).code).toBe(0);
    const [down, up] = await Promise.all([azprov(['down', '-f', 'templates/environment.yaml', ...target]), azprov(['up', '-f', 'templates/environment.yaml', ...target])]);
    for (const r of [down, up]) {
      expect([0, 1]).toContain(r.code);
      if (r.code === 1) expect(r.stderr).toMatch(/^azprov: /);
      expect(r.stderr).not.toMatch(/\n\s+at .*\(.*\.js:\d+:\d+\)/); // no stack trace
    }
    expect((await azprov(['up', '-f', 'templates/environment.yaml', ...target])).code).toBe(0);
    expect((await azprov(['plan', '-f', 'templates/environment.yaml', ...target, '--detailed-exitcode'])).code).toBe(0);
  }, 90_000);
});
