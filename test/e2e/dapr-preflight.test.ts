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

describe('a Dapr state store on Cosmos DB however it is written', () => {
  const base = { name: 'shared-cosmos', location: 'northeurope' };
  const rg = { kind: 'resourceGroup', name: 'rg-shared-cosmos' };
  const account = { kind: 'cosmosAccount', name: 'cosmos-shared-w5', resourceGroup: 'rg', consistency: 'Session' };
  // Made by another stack (or by hand): a container with the partition key Dapr cannot use.
  const shared = { ...base, resources: { rg, cosmos: account, db: { kind: 'cosmosSqlDatabase', name: 'dapr-db', account: 'cosmos' }, container: { kind: 'cosmosSqlContainer', name: 'statestore', database: 'db', partitionKey: '/id' } } };
  const app = (cosmos: Record<string, unknown> | undefined, url: string) => ({
    name: 'dapr-parts',
    location: 'northeurope',
    resources: {
      rg: { kind: 'resourceGroup', name: 'rg-dapr-parts' },
      logs: { kind: 'logAnalyticsWorkspace', name: 'log-dapr-parts', resourceGroup: 'rg' },
      env: { kind: 'managedEnvironment', name: 'cae-dapr-parts', resourceGroup: 'rg', logAnalyticsWorkspace: 'logs' },
      ...(cosmos ? { cosmos, sharedRg: { kind: 'resourceGroup', name: 'rg-shared-cosmos', existing: true } } : {}),
      store: {
        kind: 'daprComponent',
        name: 'statestore',
        environment: 'env',
        componentType: 'state.azure.cosmosdb',
        metadata: [
          { name: 'url', value: url },
          { name: 'database', value: 'dapr-db' },
          { name: 'collection', value: 'statestore' },
          { name: 'azureClientId', value: '00000000-0000-0000-0000-000000000123' },
        ],
      },
    },
  });

  async function run(stack: unknown, dir: string, log: string, args = ['up']) {
    const file = join(dir, `${log}.yaml`);
    writeFileSync(file, stringify(stack));
    return azprov([...args, '-f', file, '--emulator', '--emulator-state', join(dir, 'state.json'), '--emulator-log', join(dir, `${log}.jsonl`)]);
  }
  const writes = (dir: string, log: string) =>
    readFileSync(join(dir, `${log}.jsonl`), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { request: { method: string; url: string } })
      .filter((e) => e.request.method !== 'GET' && !/\/listKeys|\/list/i.test(e.request.url));

  it.each([
    ['named by its endpoint, only in Azure', undefined, 'https://cosmos-shared-w5.documents.azure.com:443/'],
    ['referenced with existing: true', { ...account, resourceGroup: 'sharedRg', existing: true }, '${cosmos.documentEndpoint}'],
  ])('a wrong partition key in a container %s fails in preflight, nothing written', async (_, cosmos, url) => {
    const dir = tempDir();
    expect((await run(shared, dir, 'shared')).code).toBe(0);
    const r = await run(app(cosmos, url), dir, 'app');
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/resources\.store\.metadata\.2\.value.*partition key \/id/);
    expect(r.stderr).toContain('partitionKey: /partitionKey');
    expect(writes(dir, 'app')).toEqual([]);
  });

  it('a composed store written right plans clean, and a /id container in the stack is refused before any request', async () => {
    const { composed } = await import('../reliability/bad-input-cases.js');
    const dir = tempDir();
    const good = structuredClone(seed);
    composed(good);
    const ok = await run(good, dir, 'good', ['plan']);
    expect(ok.code, ok.stderr).toBe(0);
    const bad = structuredClone(seed);
    composed(bad, { partitionKey: '/id' });
    const r = await run(bad, dir, 'bad');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/resources\.store\.metadata\.2\.value.*\/id/);
    expect(existsSync(join(dir, 'bad.jsonl')) ? readFileSync(join(dir, 'bad.jsonl'), 'utf8') : '').toBe('');
  });
});
