import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPOSITE_KIND_NAMES, KIND_NAMES } from '../../src/resources/kinds.js';
import { compositeKinds, kindSpecs } from '../../src/resources/registry.js';
import { azprov, tempDir } from '../helpers/cli.js';

// Start-up pays for the kinds the stack names: specs and providers (with their SDKs) of other kinds are
// not imported. Timing is in `npm run bench` (section 5); here, what is loaded.
const traced = async (args: string[]) => {
  const trace = join(tempDir(), 'imports.txt');
  const r = await azprov(args, { nodeArgs: ['--import', resolve('test/fixtures/trace-imports.mjs')], env: { TRACE_IMPORTS_FILE: trace } });
  return { ...r, loaded: readFileSync(trace, 'utf8') };
};

const OTHER_KINDS = /\/resources\/(cosmos-[a-z-]+|aks-cluster|virtual-network|private-dns-zone(-link)?|role-assignment|user-assigned-identity|container-app|dapr-component)\/|@azure\/arm-(cosmosdb|containerservice|network|privatedns|authorization|msi)\//;

describe('start-up loads only the kinds the stack names', () => {
  it('planning the environment stack loads its three kinds and no module of the Cosmos, AKS, network or authorization kinds or their SDKs', async () => {
    const r = await traced(['plan', '-f', 'templates/environment.yaml', '--emulator']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Plan: 3 to create');
    for (const k of ['resource-group', 'log-analytics-workspace', 'managed-environment']) expect(r.loaded).toMatch(new RegExp(`/resources/${k}/(spec|provider)\\.js`));
    expect(r.loaded).toMatch(/@azure\/arm-appcontainers\//);
    expect(r.loaded.split('\n').filter((l) => OTHER_KINDS.test(l))).toEqual([]);
  });

  it('an unknown kind is still named against the list of every kind, and a composite still validates its parts', async () => {
    const dir = tempDir();
    const file = join(dir, 'stack.yaml');
    writeFileSync(file, 'name: demo\nlocation: eastus\nresources:\n  rg:\n    kind: resourceGroupp\n    name: rg-x\n');
    const r = await azprov(['plan', '-f', file, '--emulator']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`use one of: ${[...KIND_NAMES, ...COMPOSITE_KIND_NAMES].join(', ')}.`);

    const dapr = await azprov(['plan', '-f', 'templates/dapr-cosmos-app.yaml', '--emulator']);
    expect(dapr.code).toBe(0);
    expect(dapr.stdout).toMatch(/state-component/);
  });

  it('the static list of names is the list of kinds, in the same order', () => {
    expect(kindSpecs.map((k) => k.kind)).toEqual([...KIND_NAMES]);
    expect(compositeKinds.map((k) => k.kind)).toEqual([...COMPOSITE_KIND_NAMES]);
  });

  it('azprov schema still describes every kind', async () => {
    const r = await azprov(['schema']);
    expect(r.code).toBe(0);
    for (const k of [...KIND_NAMES, ...COMPOSITE_KIND_NAMES]) expect(r.stdout).toContain(`"${k}"`);
    expect(r.stdout).toBe(readFileSync('templates/schema/stack.schema.json', 'utf8'));
  });
});
