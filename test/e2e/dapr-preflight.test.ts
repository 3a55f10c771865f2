import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { azprov, tempDir } from '../helpers/cli.js';

const seed = parse(readFileSync('templates/dapr-cosmos-app.yaml', 'utf8'));

describe('the Dapr scenario refuses bad input before any request', () => {
  it.each<[string, (s: any) => void, string, string]>([
    [
      'Dapr asking for strong consistency against a Session account',
      (s) => (s.resources.state.daprConsistency = 'strong'),
      'resources.state.daprConsistency',
      "either set the account's consistency to Strong, or set daprConsistency: eventual",
    ],
    ['a cpu/memory pair Container Apps refuses', (s) => (s.resources.app.containers[0].memory = '3Gi'), 'resources.app.containers', '0.5 vCPU and 3Gi'],
    ['an env var naming a secret that does not exist', (s) => (s.resources.app.containers[0].env = [{ name: 'TOKEN', secretRef: 'api-token' }]), 'resources.app.containers.0.env.0.secretRef', "add a secret named 'api-token'"],
    [
      'a plaintext key in a Dapr component',
      (s) =>
        (s.resources.cache = { kind: 'daprComponent', name: 'cache', environment: 'env', componentType: 'state.redis', metadata: [{ name: 'redisHost', value: 'r:6379' }, { name: 'password', value: 'hunter2' }] }),
      'resources.cache.metadata.1.value',
      'move it under secrets and use secretRef',
    ],
    ['a secret read from an unset environment variable', (s) => (s.resources.app.secrets = [{ name: 'api-token', fromEnv: 'AZPROV_TEST_UNSET_VAR' }]), 'resources.app.secrets.0.fromEnv', 'export AZPROV_TEST_UNSET_VAR'],
    ['a Cosmos account name that is not lower-case', (s) => (s.resources.state.account.name = 'Cosmos_Dapr'), 'resources.state.account.name', 'lower-case letters'],
    ['an app name with a double hyphen', (s) => (s.resources.app.name = 'dapr--state'), 'resources.app.name', "use single '-'"],
    ['a Dapr component made twice', (s) => (s.resources['state-component'] = { kind: 'resourceGroup', name: 'x' }), 'resources.state-component', 'rename'],
  ])('%s: exit 3, the field, the fix, nothing sent', async (_, mutate, field, fix) => {
    const dir = tempDir();
    const s = structuredClone(seed);
    mutate(s);
    const file = join(dir, 'stack.yaml');
    writeFileSync(file, stringify(s));
    const log = join(dir, 'log.jsonl');
    const r = await azprov(['up', '-f', file, '--emulator', '--emulator-state', join(dir, 'state.json'), '--emulator-log', log]);
    expect(r.code).toBe(3);
    const line = r.stderr.split('\n').find((l) => l.includes(`- ${field} (line`) || l.includes(`- ${field}:`));
    expect(line, r.stderr).toBeDefined();
    expect(line).toContain(fix);
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').toBe('');
  });
});

describe('the private AKS templates refuse bad input before any request', () => {
  it('a short region code in the zone name: exit 3, the fix, nothing sent', async () => {
    const dir = tempDir();
    const s = parse(readFileSync('templates/private-aks-custom-dns.yaml', 'utf8'));
    s.resources.zone.name = 'privatelink.weu.azmk8s.io';
    const file = join(dir, 'stack.yaml');
    writeFileSync(file, stringify(s));
    const log = join(dir, 'log.jsonl');
    const r = await azprov(['plan', '-f', file, '--emulator', '--emulator-state', join(dir, 'state.json'), '--emulator-log', log]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/resources\.aks\.privateDnsZone.*for region 'weu'.*privatelink\.westeurope\.azmk8s\.io/);
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').toBe('');
  });
});
