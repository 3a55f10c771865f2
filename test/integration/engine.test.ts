import { ResourceManagementClient } from '@azure/arm-resources';
import { OperationalInsightsManagementClient } from '@azure/arm-operationalinsights';
import { describe, expect, it } from 'vitest';
import { ArmCallError, OwnershipError } from '../../src/core/errors.js';
import { ApplyError, applyPlan } from '../../src/engine/apply.js';
import { destroyStack } from '../../src/engine/destroy.js';
import { planStack } from '../../src/engine/plan.js';
import { STACK_TAG } from '../../src/resources/ownership.js';
import { validateStack } from '../../src/engine/validate.js';
import type { StackDefinition } from '../../src/engine/stack.js';
import { useEmulator } from '../helpers/emulator.js';

const fx = useEmulator();

function demoStack(extra: Partial<StackDefinition> = {}, resources: StackDefinition['resources'] = {}) {
  return validateStack({
    name: 'demo',
    location: 'eastus',
    ...extra,
    resources: {
      rg: { kind: 'resourceGroup', name: 'rg-demo' },
      logs: { kind: 'logAnalyticsWorkspace', name: 'log-demo', resourceGroup: 'rg', retentionInDays: 30 },
      env: { kind: 'managedEnvironment', name: 'cae-demo', resourceGroup: 'rg', logAnalyticsWorkspace: 'logs' },
      ...resources,
    },
  });
}

async function up(stack = demoStack(), arm = fx.arm()) {
  const state = await planStack(stack, { arm, events: fx.sink });
  return applyPlan(state, { arm, events: fx.sink });
}

describe('plan and apply against the emulator, through the real SDK clients', () => {
  it('creates the three resources in order, wires the workspace to the environment, and keeps secrets out of outputs', async () => {
    const arm = fx.arm();
    const state = await planStack(demoStack(), { arm });
    expect(state.plan.steps.map((s) => [s.resource, s.op])).toEqual([['rg', 'create'], ['logs', 'create'], ['env', 'create']]);
    const result = await applyPlan(state, { arm, events: fx.sink });
    expect(result.outputs.env.defaultDomain).toMatch(/\.eastus\.azurecontainerapps\.io$/);
    expect(result.outputs.logs.customerId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.outputs.env.id).toBe(`/subscriptions/${fx.emulator.subscriptionId}/resourceGroups/rg-demo/providers/Microsoft.App/managedEnvironments/cae-demo`);
    expect(JSON.stringify(result.outputs)).not.toMatch(/sharedKey|primary/i);

    const env = await (await arm.client((await import('@azure/arm-appcontainers')).ContainerAppsAPIClient)).managedEnvironments.get('rg-demo', 'cae-demo');
    expect(env.appLogsConfiguration?.logAnalyticsConfiguration?.customerId).toBe(result.outputs.logs.customerId);
    expect(env.tags?.[STACK_TAG]).toBe('demo');

    const order = fx.events.filter((e) => e.type === 'step-done').map((e) => (e as { resource: string }).resource);
    expect(order).toEqual(['rg', 'logs', 'env']);
  });

  it('sends reads only on a second run, one per resource plus two list reads for the stack', async () => {
    await up();
    fx.exchanges.length = 0;
    const arm = fx.arm();
    const state = await planStack(demoStack(), { arm });
    expect(state.plan.steps.every((s) => s.op === 'same')).toBe(true);
    const calls = fx.exchanges.filter((e) => e.url.includes('/subscriptions/'));
    expect(calls.map((e) => e.method)).toEqual(['GET', 'GET', 'GET', 'GET', 'GET']);
    // The two list reads are ARM's tag filter (groups, then resources), which finds what left the stack.
    expect(calls.filter((e) => decodeURIComponent(e.url).includes("tagName eq 'azprov-stack'")).length).toBe(2);
  });

  it('plans an update with the field that changed, and converges after apply', async () => {
    await up();
    const changed = demoStack({ tags: { team: 'payments' } }, { logs: { kind: 'logAnalyticsWorkspace', name: 'log-demo', resourceGroup: 'rg', retentionInDays: 60 } });
    const arm = fx.arm();
    const state = await planStack(changed, { arm });
    const logs = state.plan.steps.find((s) => s.resource === 'logs')!;
    expect(logs.op).toBe('update');
    expect(logs.changes).toEqual(expect.arrayContaining([{ path: 'retentionInDays', before: 30, after: 60 }, { path: 'tags.team', before: undefined, after: 'payments' }]));
    await applyPlan(state, { arm });
    const again = await planStack(changed, { arm });
    expect(again.plan.steps.map((s) => s.op)).toEqual(['same', 'same', 'same']);
  });

  it('sees a change made out of band and puts it back, keeping tags it does not manage', async () => {
    await up();
    const wsId = `/subscriptions/${fx.emulator.subscriptionId}/resourceGroups/rg-demo/providers/Microsoft.OperationalInsights/workspaces/log-demo`;
    fx.emulator.mutate(wsId, (r) => {
      r.properties.retentionInDays = 90;
      r.tags = { ...r.tags, costCenter: '42' };
    });
    const arm = fx.arm();
    const state = await planStack(demoStack(), { arm });
    expect(state.plan.steps.find((s) => s.resource === 'logs')).toMatchObject({ op: 'update', changes: [{ path: 'retentionInDays', before: 90, after: 30 }] });
    await applyPlan(state, { arm });
    const ws = await (await arm.client(OperationalInsightsManagementClient)).workspaces.get('rg-demo', 'log-demo');
    expect(ws.retentionInDays).toBe(30);
    expect(ws.tags?.costCenter).toBe('42');
  });

  it('writes independent resources in parallel', async () => {
    const stack = demoStack({}, { logs2: { kind: 'logAnalyticsWorkspace', name: 'log-demo-2', resourceGroup: 'rg' } });
    await up(stack);
    const kinds = fx.events.filter((e) => e.type === 'step-start' || e.type === 'step-done').map((e) => `${e.type}:${(e as { resource: string }).resource}`);
    const firstDone = kinds.findIndex((k) => k.startsWith('step-done:log'));
    expect(kinds.indexOf('step-start:logs')).toBeLessThan(firstDone);
    expect(kinds.indexOf('step-start:logs2')).toBeLessThan(firstDone);
  });
});

describe('ownership', () => {
  it('refuses to take over a resource it did not create, and names the fix', async () => {
    const arm = fx.arm();
    await (await arm.client(ResourceManagementClient)).resourceGroups.createOrUpdate('rg-demo', { location: 'eastus' });
    fx.exchanges.length = 0;
    const error = await planStack(demoStack(), { arm }).catch((e) => e);
    expect(error).toBeInstanceOf(OwnershipError);
    expect(error.message).toContain("set 'adopt: true'");
    expect(fx.exchanges.filter((e) => e.method !== 'GET')).toEqual([]);
  });

  it('adopts it when told to', async () => {
    const arm = fx.arm();
    await (await arm.client(ResourceManagementClient)).resourceGroups.createOrUpdate('rg-demo', { location: 'eastus', tags: { keep: 'me' } });
    const stack = demoStack({}, { rg: { kind: 'resourceGroup', name: 'rg-demo', adopt: true } });
    const result = await up(stack, arm);
    expect(result.plan.steps[0]).toMatchObject({ op: 'update', note: 'adopted: not created by azprov' });
    const rg = await (await arm.client(ResourceManagementClient)).resourceGroups.get('rg-demo');
    expect(rg.tags).toMatchObject({ keep: 'me', [STACK_TAG]: 'demo' });
  });

  it('down deletes what the stack owns and keeps a group that holds someone else\'s resources', async () => {
    await up();
    const arm = fx.arm();
    const la = await arm.client(OperationalInsightsManagementClient);
    await la.workspaces.beginCreateOrUpdateAndWait('rg-demo', 'log-foreign', { location: 'eastus' }, arm.lroOptions());
    const result = await destroyStack(demoStack(), { arm, events: fx.sink });
    expect(result.deleted.sort()).toEqual(['env', 'logs']);
    expect(result.kept).toEqual([expect.objectContaining({ resource: 'rg', reason: expect.stringContaining('Microsoft.OperationalInsights/workspaces/log-foreign') })]);
    expect((await la.workspaces.get('rg-demo', 'log-foreign')).name).toBe('log-foreign');
  });

  it('down deletes dependents first and everything when all is owned', async () => {
    await up();
    const arm = fx.arm();
    fx.events.length = 0;
    const result = await destroyStack(demoStack(), { arm, events: fx.sink });
    expect(result.deleted).toEqual(['env', 'logs', 'rg']);
    const plan = await planStack(demoStack(), { arm });
    expect(plan.plan.steps.map((s) => s.op)).toEqual(['create', 'create', 'create']);
  });

  it('down never deletes an untagged resource that has a stack resource\'s name', async () => {
    const arm = fx.arm();
    await (await arm.client(ResourceManagementClient)).resourceGroups.createOrUpdate('rg-demo', { location: 'eastus' });
    const result = await destroyStack(demoStack(), { arm });
    expect(result.deleted).toEqual([]);
    expect(result.kept).toEqual([{ resource: 'rg', reason: "not owned by stack 'demo'" }]);
    expect(fx.exchanges.filter((e) => e.method === 'DELETE')).toEqual([]);
  });
});

describe('faults', () => {
  it('gets through throttling, server errors and dropped connections with the SDK\'s own retries', async () => {
    // The seed gives each fault at least once in this run's requests (a plan of a fresh stack reads only its group).
    fx.emulator.setFaults({ rate: 0.3, seed: 3, kinds: ['429', '500', '503', 'drop'] });
    const result = await up(demoStack(), fx.arm({ maxRetries: 10 }));
    expect(result.outputs.env.defaultDomain).toBeTruthy();
    const statuses = new Set(fx.exchanges.map((e) => e.status ?? 'dropped'));
    expect([...statuses]).toEqual(expect.arrayContaining([429, 'dropped']));
    expect(statuses.has(500) || statuses.has(503)).toBe(true);
  });

  it('runs a write again when its long-running operation fails with a retryable code', async () => {
    fx.emulator.setFaults({ rate: 1, kinds: ['lro-failed'], pathIncludes: 'managedEnvironments' });
    const arm = fx.arm();
    const state = await planStack(demoStack(), { arm });
    // The first attempt fails; the fault is lifted as soon as azprov decides to try again.
    const events = (e: Parameters<typeof fx.sink>[0]) => (fx.sink(e), e.type === 'step-retry' && fx.emulator.setFaults(undefined));
    await applyPlan(state, { arm, events, operationRetry: { attempts: 3, delayInMs: 1 } });
    expect(fx.events.filter((e) => e.type === 'step-retry')).toEqual([expect.objectContaining({ resource: 'env', attempt: 2, reason: expect.stringContaining('InternalServerError') })]);
    expect((await planStack(demoStack(), { arm })).plan.steps.every((s) => s.op === 'same')).toBe(true);
  });

  it('treats a failed read as an error, never as "missing", and writes nothing', async () => {
    fx.emulator.setFaults({ rate: 1, kinds: ['500'], methods: ['GET'] });
    const error = await planStack(demoStack(), { arm: fx.arm({ maxRetries: 1 }) }).catch((e) => e);
    expect(error).toBeInstanceOf(ArmCallError);
    expect(error.statusCode).toBe(500);
    expect(fx.exchanges.filter((e) => e.method !== 'GET')).toEqual([]);
  });

  it('resumes an interrupted run: what finished is kept, the rest is created by the next run', async () => {
    fx.emulator.setFaults({ rate: 1, kinds: ['lro-failed'], pathIncludes: 'managedEnvironments' });
    const arm = fx.arm();
    const error = await up(demoStack(), arm).catch((e) => e);
    expect(error).toBeInstanceOf(ApplyError);
    expect(error.failures.map((f: { resource: string }) => f.resource)).toEqual(['env']);
    fx.emulator.setFaults(undefined);
    const state = await planStack(demoStack(), { arm });
    expect(state.plan.steps.map((s) => [s.resource, s.op])).toEqual([['rg', 'same'], ['logs', 'same'], ['env', expect.stringMatching(/create|update/)]]);
    await applyPlan(state, { arm });
    expect((await planStack(demoStack(), { arm })).plan.steps.every((s) => s.op === 'same')).toBe(true);
  });
});
