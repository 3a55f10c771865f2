import { readFileSync } from 'node:fs';
import { CosmosDBManagementClient } from '@azure/arm-cosmosdb';
import { ContainerAppsAPIClient } from '@azure/arm-appcontainers';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyPlan } from '../../src/engine/apply.js';
import { planStack } from '../../src/engine/plan.js';
import { validateStack } from '../../src/engine/validate.js';
import { listRevisions } from '../../src/rollout/revisions.js';
import { updateContainerApp } from '../../src/rollout/update-app.js';
import { ensureCosmosStateStore } from '../../src/workflows/state-store.js';
import { createEnvironment } from '../../src/workflows/create-environment.js';
import { useEmulator } from '../helpers/emulator.js';

const fx = useEmulator();
const seed = parse(readFileSync('templates/dapr-cosmos-app.yaml', 'utf8'));

async function up(def: unknown = seed, arm = fx.arm()) {
  const stack = validateStack(def);
  return applyPlan(await planStack(stack, { arm, events: fx.sink }), { arm, events: fx.sink });
}

describe('the seed scenario: a Dapr app with a Cosmos DB state store', () => {
  it('creates everything in order, keyless, with the component wired to the account and the identity', async () => {
    const result = await up();
    const arm = fx.arm();
    const apps = await arm.client(ContainerAppsAPIClient);
    const component = await apps.daprComponents.get('rg-dapr', 'dapr-ca', 'statestore');
    const meta = Object.fromEntries((component.metadata ?? []).map((m) => [m.name, m.value ?? `secretRef:${m.secretRef}`]));
    expect(meta).toEqual({
      url: result.outputs['state-account'].documentEndpoint,
      database: 'dapr-db',
      collection: 'statestore',
      azureClientId: result.outputs['state-identity'].clientId,
    });
    expect(component.scopes).toEqual(['daprstate']);
    expect(component.secrets ?? []).toEqual([]);

    const cosmos = await arm.client(CosmosDBManagementClient);
    const container = await cosmos.sqlResources.getSqlContainer('rg-dapr', 'cosmos-dapr-state', 'dapr-db', 'statestore');
    expect(container.resource?.partitionKey?.paths).toEqual(['/partitionKey']);
    const roles = [];
    for await (const r of cosmos.sqlResources.listSqlRoleAssignments('rg-dapr', 'cosmos-dapr-state')) roles.push(r);
    expect(roles).toEqual([expect.objectContaining({ principalId: result.outputs['state-identity'].principalId, roleDefinitionId: expect.stringMatching(/00000000-0000-0000-0000-000000000002$/) })]);

    const app = await apps.containerApps.get('rg-dapr', 'daprstate');
    expect(app.configuration?.dapr).toMatchObject({ enabled: true, appId: 'daprstate', appPort: 8080 });
    expect(Object.keys(app.identity?.userAssignedIdentities ?? {})).toEqual([result.outputs['state-identity'].id]);
    expect(app.latestRevisionName).toBe(result.outputs.app.revisionName);

    // The component only after its container and role; the app only after the component.
    const done = fx.events.filter((e) => e.type === 'step-done').map((e) => (e as { resource: string }).resource);
    expect(done.indexOf('state-component')).toBeGreaterThan(Math.max(done.indexOf('state-container'), done.indexOf('state-role')));
    expect(done.indexOf('app')).toBeGreaterThan(done.indexOf('state-component'));
  });

  it('re-runs with reads only', async () => {
    await up();
    fx.emulator.clearExchanges();
    const state = await planStack(validateStack(seed), { arm: fx.arm() });
    expect(state.plan.steps.every((s) => s.op === 'same')).toBe(true);
    const methods = fx.emulator.exchanges().map((e) => e.request.method);
    // One read per resource, and the two list reads (ARM's tag filter) that find what left the stack.
    expect(methods.length).toBe(12);
    expect(new Set(methods)).toEqual(new Set(['GET']));
  });

  it('an environment-variable update makes exactly one new revision, and the old one keeps running', async () => {
    const result = await up();
    const arm = fx.arm();
    const before = await listRevisions(arm, result.outputs.app.id);
    const update = await updateContainerApp(arm, result.outputs.app.id, { env: { WELCOME: 'Hello from new revision' } });
    const after = await listRevisions(arm, result.outputs.app.id);
    expect(after.length).toBe(before.length + 1);
    expect(update.previousRevision).toBe(before[0].name);
    expect(after.map((r) => r.name)).toEqual([update.revision, before[0].name]);
    expect(after.every((r) => r.active)).toBe(true);
    const again = await updateContainerApp(arm, result.outputs.app.id, { env: { WELCOME: 'Hello from new revision' } });
    expect(again.changed).toBe(false);
    expect((await listRevisions(arm, result.outputs.app.id)).length).toBe(after.length);
  });

  it('waits out the replication of the new identity before the data-plane role assignment', async () => {
    fx.emulator.setIdentityReplicationDelay(400);
    await up();
    expect(fx.events).toContainEqual(expect.objectContaining({ type: 'step-waiting', resource: 'state-role', reason: expect.stringContaining('replicate') }));
    expect(fx.events).toContainEqual(expect.objectContaining({ type: 'step-done', resource: 'state-role' }));
  });

  it('key auth puts the master key in a component secret only, never in metadata, outputs or the request log', async () => {
    const keyed = structuredClone(seed);
    keyed.resources.state.auth = 'key';
    delete keyed.resources.app.identities;
    const result = await up(keyed);
    const arm = fx.arm();
    const cosmos = await arm.client(CosmosDBManagementClient);
    const keys = await cosmos.databaseAccounts.listKeys('rg-dapr', 'cosmos-dapr-state');
    const apps = await arm.client(ContainerAppsAPIClient);
    const component = await apps.daprComponents.get('rg-dapr', 'dapr-ca', 'statestore');
    expect(component.metadata?.find((m) => m.name === 'masterKey')).toEqual(expect.objectContaining({ secretRef: 'cosmos-master-key' }));
    expect((await apps.daprComponents.listSecrets('rg-dapr', 'dapr-ca', 'statestore')).value).toEqual([{ name: 'cosmos-master-key', value: keys.primaryMasterKey }]);
    const everything = JSON.stringify([result.outputs, fx.events, fx.emulator.exchanges()]);
    expect(everything).not.toContain(keys.primaryMasterKey!);
  });
});

describe('library workflows on an existing environment', () => {
  it('ensureCosmosStateStore builds on createEnvironment, and a second call only reads', async () => {
    const target = fx.arm();
    const env = await createEnvironment({ target, resourceGroup: 'rg-lib', location: 'westeurope', name: 'cae-lib' });
    const options = { target, location: 'westeurope', environmentId: env.environmentId, account: { name: 'cosmos-lib', consistency: 'Session' as const }, scopes: ['app1'] };
    const first = await ensureCosmosStateStore(options);
    expect(first).toMatchObject({ changed: true, componentId: `${env.environmentId}/daprComponents/statestore`, identityClientId: expect.any(String) });
    fx.emulator.clearExchanges();
    const second = await ensureCosmosStateStore(options);
    expect(second.changed).toBe(false);
    expect(fx.emulator.exchanges().filter((e) => e.request.method !== 'GET')).toEqual([]);
  });
});

describe('secret stores', () => {
  const withStore = (extra: Record<string, unknown> = {}) => ({
    name: 'stores',
    location: 'westeurope',
    resources: {
      rg: { kind: 'resourceGroup', name: 'rg-stores' },
      env: { kind: 'managedEnvironment', name: 'cae-stores', resourceGroup: 'rg' },
      pubsub: { kind: 'daprComponent', name: 'pubsub', environment: 'env', componentType: 'pubsub.redis', secretStoreComponent: 'vault', metadata: [{ name: 'redisPassword', secretRef: 'redis-password' }] },
      ...extra,
    },
  });

  it('refuses, before any write, a component whose secret store is neither in the stack nor in Azure', async () => {
    const arm = fx.arm();
    const { ValidationError } = await import('../../src/core/errors.js');
    const error = await planStack(validateStack(withStore()), { arm }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.problems).toEqual([expect.objectContaining({ field: 'resources.pubsub.secretStoreComponent', fix: expect.stringContaining("named 'vault'") })]);
    expect(fx.emulator.exchanges().filter((e) => e.request.method !== 'GET')).toEqual([]);
  });

  it('accepts it when the stack declares the store', async () => {
    const result = await up(withStore({ vault: { kind: 'daprComponent', name: 'vault', environment: 'env', componentType: 'secretstores.azure.keyvault', metadata: [{ name: 'vaultName', value: 'kv1' }] } }));
    expect(result.outputs.pubsub.id).toMatch(/daprComponents\/pubsub$/);
  });
});
