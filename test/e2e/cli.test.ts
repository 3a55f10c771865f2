import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArmContext } from '../../src/arm/context.js';
import { azprov, startEmulatorProcess, tempDir } from '../helpers/cli.js';

const STACK = resolve('templates/environment.yaml');

describe('azprov demo', () => {
  it('plans 3 creates, applies them, prints the outputs and then finds no changes', async () => {
    const r = await azprov(['demo', '--scenario', 'environment', '--latency', 'instant']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Plan: 3 to create, 0 to update, 0 to delete, 0 unchanged.');
    expect(r.stdout).toMatch(/defaultDomain: \S+\.eastus\.azurecontainerapps\.io/);
    expect(r.stdout).toMatch(/✓ env: create done/);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('No changes. Azure matches the stack (3 resources).');
    expect(r.stdout).not.toMatch(/sharedKey|Bearer/);
  });
});

describe('plan / up / plan / down on the embedded emulator', () => {
  it('goes from 3 changes to none and back, with the documented exit codes', async () => {
    const dir = tempDir();
    const state = join(dir, 'state.json');
    const log = join(dir, 'log.jsonl');
    const target = ['--emulator', '--emulator-state', state, '--emulator-log', log];

    const plan1 = await azprov(['plan', '-f', STACK, ...target, '--detailed-exitcode']);
    expect(plan1.code).toBe(2);
    expect(plan1.stdout).toContain('3 to create');

    const up = await azprov(['up', '-f', STACK, ...target]);
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('env: create started');

    const plan2 = await azprov(['plan', '-f', STACK, ...target, '--detailed-exitcode']);
    expect(plan2.code).toBe(0);
    expect(plan2.stdout).toContain('No changes.');

    const outputs = await azprov(['outputs', '-f', STACK, ...target, '--output', 'json']);
    expect(outputs.code).toBe(0);
    const parsed = JSON.parse(outputs.stdout);
    expect(parsed.env.defaultDomain).toMatch(/azurecontainerapps\.io$/);
    const env = await azprov(['outputs', '-f', STACK, ...target, '--output', 'env']);
    expect(env.stdout).toContain(`AZPROV_ENV_DEFAULT_DOMAIN=${parsed.env.defaultDomain}`);

    const json = await azprov(['plan', '-f', STACK, ...target, '--output', 'json']);
    const events = json.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(events.find((e) => e.type === 'plan').plan.steps.map((s: { op: string }) => s.op)).toEqual(['same', 'same', 'same']);

    const down = await azprov(['down', '-f', STACK, ...target]);
    expect(down.code).toBe(0);
    expect(down.stdout).toContain('Deleted 3: env, logs, rg.');

    const plan3 = await azprov(['plan', '-f', STACK, ...target, '--detailed-exitcode']);
    expect(plan3.code).toBe(2);

    const logText = readFileSync(log, 'utf8');
    expect(logText).not.toMatch(/Bearer ey/);
    const lines = logText.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.some((l) => l.request.method === 'PUT')).toBe(true);
    expect(lines.every((l) => l.request.headers.authorization === undefined || l.request.headers.authorization === 'REDACTED')).toBe(true);
  }, 120_000);
});

describe('bad input', () => {
  it('exits 3, names every problem with its path and fix, and sends no request', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'name: demo\nlocation: eastus\nresources:\n  rg: { kind: resourceGroup, name: "bad/name" }\n  logs: { kind: logAnalyticsWorkspace, name: l, resourceGroup: rgx }\n');
    const log = join(dir, 'log.jsonl');
    const r = await azprov(['up', '-f', file, '--emulator', '--emulator-state', join(dir, 's.json'), '--emulator-log', log]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('3 problems found, nothing was sent to Azure');
    expect(r.stderr).toContain('resources.rg.name (line 4)');
    expect(r.stderr).toContain('resources.logs.name (line 5)');
    expect(r.stderr).toContain("resources.logs.resourceGroup (line 5): refers to 'rgx'");
    expect(r.stderr).toContain('Fix: use one of: rg.');
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').toBe('');
  });

  it('exits 3 without a target, and for a missing file', async () => {
    const noTarget = await azprov(['plan', '-f', STACK], { env: { AZURE_SUBSCRIPTION_ID: '' } });
    expect(noTarget.code).toBe(3);
    expect(noTarget.stderr).toContain('--subscription: no target given.');
    const missing = await azprov(['plan', '-f', 'nope.yaml', '--emulator']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('cannot read nope.yaml');
  });

  it('reports errors as JSON with --output json', async () => {
    const r = await azprov(['plan', '-f', 'nope.yaml', '--emulator', '--output', 'json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ type: 'error', code: 'InvalidInput', exitCode: 3 });
  });

  it('exits 3 on an unknown option', async () => {
    const r = await azprov(['plan', '-f', STACK, '--frobnicate']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("unknown option '--frobnicate'");
  });
});

describe('start-up', () => {
  it('--version prints the version without loading the ARM SDKs or the emulator', async () => {
    const dir = tempDir();
    const trace = join(dir, 'imports.txt');
    const r = await azprov(['--version'], { nodeArgs: ['--import', resolve('test/fixtures/trace-imports.mjs')], env: { TRACE_IMPORTS_FILE: trace } });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    const loaded = readFileSync(trace, 'utf8');
    expect(loaded).toContain('commander');
    expect(loaded).not.toMatch(/@azure|\/emulator\/|yaml|zod/);
  });

  it('--help lists every command', async () => {
    const r = await azprov(['--help']);
    for (const c of ['plan', 'up', 'down', 'outputs', 'demo', 'emulator', 'schema']) expect(r.stdout).toContain(`  ${c}`);
  });
});

describe('azprov emulator start', () => {
  it('serves other clients: prints endpoint, CA file and environment, and answers the SDK', async () => {
    const dir = tempDir();
    const caFile = join(dir, 'ca.pem');
    const { child, out } = await startEmulatorProcess(['--ca-file', caFile]);
    try {
      const endpoint = /listening on (https:\/\/\S+)/.exec(out)![1];
      expect(out).toContain(`CA certificate: ${caFile}`);
      expect(out).toMatch(/export NODE_EXTRA_CA_CERTS=/);
      expect(out).toMatch(/export MSI_ENDPOINT="https:\/\/127\.0\.0\.1:\d+\/metadata\/identity\/oauth2\/token"/);
      const subscriptionId = /Subscription: (\S+)/.exec(out)![1];
      const arm = new ArmContext({ kind: 'emulator', endpoint, caCertPem: readFileSync(caFile, 'utf8'), subscriptionId });
      const { ResourceManagementClient } = await import('@azure/arm-resources');
      const client = await arm.client(ResourceManagementClient);
      await client.resourceGroups.createOrUpdate('rg-external', { location: 'westeurope' });
      expect((await client.resourceGroups.get('rg-external')).location).toBe('westeurope');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.on('close', r));
    }
    expect(child.exitCode).toBe(0);
  });
});

describe('README promises', () => {
  it('-v shows each HTTP request with method, path and status, and no token', async () => {
    const dir = tempDir();
    const r = await azprov(['plan', '-f', STACK, '--emulator', '--emulator-state', join(dir, 's.json'), '-v']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {4}GET https:\/\/127\.0\.0\.1:\d+\/subscriptions\/[^?\s]+\/resourcegroups\/rg-azprov-demo -> 404$/m);
    expect(r.stdout).not.toMatch(/Bearer|api-version=/);
  });

  it('schema --check passes on the shipped schema and fails on a stale one', async () => {
    expect((await azprov(['schema', '--check', 'templates/schema/stack.schema.json'])).code).toBe(0);
    const stale = join(tempDir(), 'stale.json');
    writeFileSync(stale, '{}\n');
    const r = await azprov(['schema', '--check', stale]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("is out of date. Fix: run 'npm run schema'");
  });

  it('emulator start refuses bad fault and latency flags with exit 3', async () => {
    const r = await azprov(['emulator', 'start', '--port', '0', '--fault-rate', '2', '--fault-kinds', '429,boom', '--scale', '-1']);
    expect(r.code).toBe(3);
    for (const flag of ['--fault-rate', '--fault-kinds', '--scale']) expect(r.stderr).toContain(`- ${flag}:`);
  });
});
