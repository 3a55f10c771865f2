import { ContainerAppsAPIClient, type DaprComponent } from '@azure/arm-appcontainers';
import { ResourceManagementClient } from '@azure/arm-resources';
import { describe, expect, it } from 'vitest';
import { arm } from './helpers.js';
import { useEmulator } from '../helpers/emulator.js';

const fx = useEmulator({ requestLog: process.env.AZPROV_EMULATOR_TEST_LOG });
const RG = 'rg-dapr';
const ENV = 'env-dapr';

async function setup() {
  const ctx = fx.arm();
  await (await ctx.client(ResourceManagementClient)).resourceGroups.createOrUpdate(RG, { location: 'eastus' });
  const apps = await ctx.client(ContainerAppsAPIClient);
  const env = await apps.managedEnvironments.beginCreateOrUpdateAndWait(RG, ENV, { location: 'eastus' }, ctx.lroOptions());
  return { ctx, apps, env };
}

const stateStore = (over: Partial<DaprComponent> = {}): DaprComponent => ({
  componentType: 'state.azure.cosmosdb',
  version: 'v1',
  ignoreErrors: false,
  initTimeout: '50s',
  secrets: [{ name: 'masterkey', value: 's3cr3t-value' }],
  metadata: [
    { name: 'url', value: 'https://db.documents.azure.com:443/' },
    { name: 'masterKey', secretRef: 'masterkey' },
  ],
  scopes: ['app-one'],
  ...over,
});

describe('Dapr components (managedEnvironments/daprComponents)', () => {
  it('creates and updates with a synchronous 200, never echoes secret values, lists, gets and deletes (204)', async () => {
    const { apps, env } = await setup();
    fx.emulator.clearExchanges();
    const created = await apps.daprComponents.createOrUpdate(RG, ENV, 'statestore', stateStore());
    expect(created.id).toBe(`${env.id}/daprComponents/statestore`);
    expect(created.type).toBe('Microsoft.App/managedEnvironments/daprComponents');
    expect(created.provisioningState).toBe('Succeeded');
    expect(created.secrets).toEqual([{ name: 'masterkey' }]);
    expect(created.metadata).toEqual([
      { name: 'url', value: 'https://db.documents.azure.com:443/' },
      { name: 'masterKey', secretRef: 'masterkey' },
    ]);
    const put = fx.emulator.exchanges().find((e) => e.request.method === 'PUT')!;
    expect(put.response.statusCode).toBe(200);
    expect(put.response.headers['azure-asyncoperation']).toBeUndefined();
    expect(JSON.stringify(put.response.body)).not.toContain('s3cr3t-value');

    const updated = await apps.daprComponents.createOrUpdate(RG, ENV, 'statestore', stateStore({ version: 'v2', initTimeout: '60s' }));
    expect(updated.version).toBe('v2');
    expect(updated.systemData?.createdAt?.getTime()).toBe(created.systemData?.createdAt?.getTime());
    expect(fx.emulator.exchanges().filter((e) => e.request.method === 'PUT').map((e) => e.response.statusCode)).toEqual([200, 200]);

    const got = await apps.daprComponents.get(RG, ENV, 'statestore');
    expect(got.initTimeout).toBe('60s');
    expect(JSON.stringify(got)).not.toContain('s3cr3t-value');
    await apps.daprComponents.createOrUpdate(RG, ENV, 'pubsub', { componentType: 'pubsub.azure.servicebus.topics', version: 'v1' });
    const names: string[] = [];
    for await (const c of apps.daprComponents.list(RG, ENV)) names.push(c.name!);
    expect(names.sort()).toEqual(['pubsub', 'statestore']);

    await apps.daprComponents.delete(RG, ENV, 'statestore');
    const del = fx.emulator.exchanges().find((e) => e.request.method === 'DELETE')!;
    expect(del.response.statusCode).toBe(204);
    await expect(apps.daprComponents.get(RG, ENV, 'statestore')).rejects.toMatchObject({ statusCode: 404 });
  });

  it('returns the secret values through listSecrets only, and keeps a value re-sent without it', async () => {
    const { apps } = await setup();
    await apps.daprComponents.createOrUpdate(RG, ENV, 'statestore', stateStore());
    const secrets = await apps.daprComponents.listSecrets(RG, ENV, 'statestore');
    expect(secrets.value).toEqual([{ name: 'masterkey', value: 's3cr3t-value' }]);
    const raw = fx.emulator.exchanges().find((e) => e.request.url.includes('/listSecrets'))!;
    expect(raw.response.statusCode).toBe(200);
    // A GET → PUT round trip sends the secret without its value: the stored value stays.
    const got = await apps.daprComponents.get(RG, ENV, 'statestore');
    await apps.daprComponents.createOrUpdate(RG, ENV, 'statestore', { ...got, version: 'v2' });
    expect((await apps.daprComponents.listSecrets(RG, ENV, 'statestore')).value).toEqual([{ name: 'masterkey', value: 's3cr3t-value' }]);
  });

  it('rejects a metadata secretRef that names no secret of the component', async () => {
    const { apps } = await setup();
    const bad = stateStore({ metadata: [{ name: 'masterKey', secretRef: 'nope' }] });
    await expect(apps.daprComponents.createOrUpdate(RG, ENV, 'statestore', bad)).rejects.toMatchObject({ statusCode: 400, code: 'DaprComponentSecretNotFound' });
  });

  it('accepts secretRefs into an existing secret store component and rejects a missing store', async () => {
    const { apps } = await setup();
    const viaStore = stateStore({ secrets: undefined, secretStoreComponent: 'vault', metadata: [{ name: 'masterKey', secretRef: 'cosmos-key' }] });
    await expect(apps.daprComponents.createOrUpdate(RG, ENV, 'statestore', viaStore)).rejects.toMatchObject({ statusCode: 400, code: 'DaprComponentSecretStoreNotFound' });
    await apps.daprComponents.createOrUpdate(RG, ENV, 'vault', {
      componentType: 'secretstores.azure.keyvault',
      version: 'v1',
      metadata: [{ name: 'vaultName', value: 'kv1' }],
    });
    const ok = await apps.daprComponents.createOrUpdate(RG, ENV, 'statestore', viaStore);
    expect(ok.secretStoreComponent).toBe('vault');
  });

  it('validates componentType, names and Key Vault secret identities', async () => {
    const { apps } = await setup();
    await expect(apps.daprComponents.createOrUpdate(RG, ENV, 'statestore', { version: 'v1' })).rejects.toMatchObject({ statusCode: 400, code: 'DaprComponentInvalidProperty', message: expect.stringContaining('componentType') });
    // The service's rule (CommunityToolkit/Aspire#557): a letter first, '.' allowed, no '--', at most 60.
    for (const bad of ['State_Store', '1store', 'state--store', 'store-', 'a'.repeat(61)]) {
      await expect(apps.daprComponents.createOrUpdate(RG, ENV, bad, stateStore())).rejects.toMatchObject({ statusCode: 400, code: 'DaprComponentInvalidName' });
    }
    expect((await apps.daprComponents.createOrUpdate(RG, ENV, 'state.store', stateStore())).name).toBe('state.store');
    const kv = (identity?: string) => stateStore({ secrets: [{ name: 'masterkey', keyVaultUrl: 'https://kv1.vault.azure.net/secrets/cosmos-key', identity }] });
    await expect(apps.daprComponents.createOrUpdate(RG, ENV, 'statestore', kv())).rejects.toMatchObject({ statusCode: 400, message: expect.stringContaining('needs an identity') });
    const ok = await apps.daprComponents.createOrUpdate(RG, ENV, 'statestore', kv('system'));
    expect(ok.secrets).toEqual([{ name: 'masterkey', keyVaultUrl: 'https://kv1.vault.azure.net/secrets/cosmos-key', identity: 'system' }]);
  });

  it('answers 404 for a missing environment and deletes the components with their environment', async () => {
    const { apps } = await setup();
    const r = await arm(fx.emulator, 'PUT', `/subscriptions/${fx.emulator.subscriptionId}/resourceGroups/${RG}/providers/Microsoft.App/managedEnvironments/nope/daprComponents/c1?api-version=2025-07-01`, {
      body: { properties: { componentType: 'state.redis', version: 'v1' } },
    });
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('ParentResourceNotFound');
    await apps.daprComponents.createOrUpdate(RG, ENV, 'statestore', stateStore());
    await apps.managedEnvironments.beginDeleteAndWait(RG, ENV, fx.arm().lroOptions());
    const left = (fx.emulator.dump() as any).resources.filter((x: any) => x.key.includes('/daprcomponents/'));
    expect(left).toEqual([]);
  });

  it('refuses a component write while an environment operation runs (409 ManagedEnvironmentOperationInProgress)', async () => {
    const { apps } = await setup();
    // Start an environment update and do not poll it (raw call): it stays running with the instant profile.
    const envPath = `/subscriptions/${fx.emulator.subscriptionId}/resourceGroups/${RG}/providers/Microsoft.App/managedEnvironments/${ENV}?api-version=2025-07-01`;
    expect((await arm(fx.emulator, 'PATCH', envPath, { body: { location: 'eastus', tags: { x: '1' } } })).status).toBe(202);
    await expect(apps.daprComponents.createOrUpdate(RG, ENV, 'statestore', stateStore())).rejects.toMatchObject({ statusCode: 409, code: 'ManagedEnvironmentOperationInProgress' });
  });
});
