import { ContainerAppsAPIClient } from '@azure/arm-appcontainers';
import { OperationalInsightsManagementClient } from '@azure/arm-operationalinsights';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { applyPlan } from '../../src/engine/apply.js';
import { destroyStack } from '../../src/engine/destroy.js';
import { planStack } from '../../src/engine/plan.js';
import type { StackDefinition } from '../../src/engine/stack.js';
import { validateStack } from '../../src/engine/validate.js';
import { useEmulator } from '../helpers/emulator.js';

const fx = useEmulator();

const app = (name: string) => ({ kind: 'containerApp', name, resourceGroup: 'rg', environment: 'env', containers: [{ image: 'mcr.microsoft.com/k8se/quickstart:latest' }] });

const base: StackDefinition['resources'] = {
  rg: { kind: 'resourceGroup', name: 'rg-gone' },
  logs: { kind: 'logAnalyticsWorkspace', name: 'log-gone', resourceGroup: 'rg' },
  env: { kind: 'managedEnvironment', name: 'cae-gone', resourceGroup: 'rg', logAnalyticsWorkspace: 'logs' },
};

function stackOf(resources: StackDefinition['resources'], extra: Partial<StackDefinition> = {}) {
  return validateStack({ name: 'gone', location: 'eastus', ...extra, resources });
}

async function up(resources: StackDefinition['resources'], options: { keepRemoved?: boolean; extra?: Partial<StackDefinition> } = {}) {
  const arm = fx.arm();
  const run = { arm, events: fx.sink, keepRemoved: options.keepRemoved };
  return applyPlan(await planStack(stackOf(resources, options.extra), run), run);
}

async function appExists(name: string): Promise<boolean> {
  const apps = await fx.arm().client(ContainerAppsAPIClient);
  try {
    await apps.containerApps.get('rg-gone', name);
    return true;
  } catch (e) {
    if ((e as { statusCode?: number }).statusCode === 404) return false;
    throw e;
  }
}

const deletesDone = () => fx.events.flatMap((e) => (e.type === 'step-done' && e.op === 'delete' ? [e.resource] : []));

describe('resources removed from the stack', () => {
  it('are planned as deletes, deleted by up (which then converges), and down still finishes', async () => {
    await up({ ...base, a: app('app-a'), b: app('app-b') });
    const arm = fx.arm();
    const plan = (await planStack(stackOf({ ...base, a: app('app-a') }), { arm })).plan;
    expect(plan.steps.filter((s) => s.op !== 'same')).toEqual([expect.objectContaining({ resource: 'b', kind: 'containerApp', op: 'delete', note: 'removed from the stack' })]);
    expect(plan.steps.find((s) => s.resource === 'b')!.id).toMatch(/\/containerApps\/app-b$/);

    fx.events.length = 0;
    fx.exchanges.length = 0;
    const result = await up({ ...base, a: app('app-a') });
    expect(result.changed).toBe(true);
    expect(deletesDone()).toEqual(['b']);
    // Deleted with its own SDK client (Microsoft.App), not a generic call.
    expect(fx.exchanges.filter((e) => e.method === 'DELETE').map((e) => new URL(e.url).pathname)).toEqual([expect.stringMatching(/Microsoft\.App\/containerApps\/app-b$/)]);
    expect(await appExists('app-b')).toBe(false);
    expect(await appExists('app-a')).toBe(true);

    const again = (await planStack(stackOf({ ...base, a: app('app-a') }), { arm })).plan;
    expect(again.steps.every((s) => s.op === 'same')).toBe(true);

    const down = await destroyStack(stackOf({ ...base, a: app('app-a') }), { arm, events: fx.sink });
    expect(down.deleted.sort()).toEqual(['a', 'env', 'logs', 'rg']);
  });

  it('are kept with --keep-removed or keepRemoved: true, and the plan says so', async () => {
    await up({ ...base, a: app('app-a'), b: app('app-b') });
    const arm = fx.arm();
    const flagged = (await planStack(stackOf({ ...base, a: app('app-a') }), { arm, keepRemoved: true })).plan;
    expect(flagged.steps.find((s) => s.resource === 'b')).toMatchObject({ op: 'same', note: 'removed from the stack; kept (--keep-removed)' });
    const fromFile = (await planStack(stackOf({ ...base, a: app('app-a') }, { keepRemoved: true }), { arm })).plan;
    expect(fromFile.steps.find((s) => s.resource === 'b')).toMatchObject({ op: 'same', note: 'removed from the stack; kept (keepRemoved: true)' });

    fx.exchanges.length = 0;
    await up({ ...base, a: app('app-a') }, { keepRemoved: true });
    await up({ ...base, a: app('app-a') }, { extra: { keepRemoved: true } });
    expect(fx.exchanges.filter((e) => e.method !== 'GET')).toEqual([]);
    expect(await appExists('app-b')).toBe(true);
  });

  it('delete dependents first when several left the stack: the app before its environment', async () => {
    await up({ ...base, a: app('app-a') });
    const { env: _env, ...rest } = base;
    const plan = (await planStack(stackOf(rest), { arm: fx.arm() })).plan;
    const removed = plan.steps.filter((s) => s.op === 'delete');
    expect(removed.map((s) => s.resource).sort()).toEqual(['a', 'env']);
    // Read from Azure: the app's managedEnvironmentId names the environment.
    expect(removed.find((s) => s.resource === 'env')!.dependsOn).toEqual(['a']);
    // Its Dapr components carry no tags (never listed): the plan says they go with it.
    expect(removed.find((s) => s.resource === 'env')!.note).toBe('removed from the stack; its Dapr components go with it');
    fx.events.length = 0;
    await up(rest);
    expect(deletesDone()).toEqual(['a', 'env']);
  });

  it('are deleted by down, in order, when the stack file lost them (no 409 ManagedEnvironmentHasContainerApps)', async () => {
    await up({ ...base, a: app('app-a'), b: app('app-b') });
    fx.events.length = 0;
    // The file now has only the group: the environment and both apps are known from their tags only.
    const down = await destroyStack(stackOf({ rg: base.rg }), { arm: fx.arm(), events: fx.sink });
    const order = deletesDone();
    expect(down.deleted.sort()).toEqual(['a', 'b', 'env', 'logs', 'rg']);
    expect(order.indexOf('a')).toBeLessThan(order.indexOf('env'));
    expect(order.indexOf('b')).toBeLessThan(order.indexOf('env'));
    // The environment names its workspace by customer id only: the rank table puts the workspace after it.
    expect(order.indexOf('env')).toBeLessThan(order.indexOf('logs'));
    expect(order.at(-1)).toBe('rg');
    expect(fx.exchanges.some((e) => e.status === 409)).toBe(false);
  });

  it('never touch a resource owned by another stack or untagged, in plan, up or down', async () => {
    await up(base);
    const arm = fx.arm();
    const la = await arm.client(OperationalInsightsManagementClient);
    await la.workspaces.beginCreateOrUpdateAndWait('rg-gone', 'log-other', { location: 'eastus', tags: { 'azprov-stack': 'other', 'azprov-resource': 'logs' } }, arm.lroOptions());
    await la.workspaces.beginCreateOrUpdateAndWait('rg-gone', 'log-untagged', { location: 'eastus' }, arm.lroOptions());
    // 'gone ' and 'Gone' are other stacks: the value must match exactly.
    await la.workspaces.beginCreateOrUpdateAndWait('rg-gone', 'log-case', { location: 'eastus', tags: { 'azprov-stack': 'Gone' } }, arm.lroOptions());

    const plan = (await planStack(stackOf(base), { arm })).plan;
    expect(plan.steps.filter((s) => s.op !== 'same')).toEqual([]);
    fx.exchanges.length = 0;
    const down = await destroyStack(stackOf(base), { arm, events: fx.sink });
    expect(down.deleted.sort()).toEqual(['env', 'logs']);
    expect(down.kept).toEqual([expect.objectContaining({ resource: 'rg', reason: expect.stringContaining('3 resources not owned') })]);
    for (const name of ['log-other', 'log-untagged', 'log-case']) expect((await la.workspaces.get('rg-gone', name)).name).toBe(name);
    expect(fx.exchanges.filter((e) => e.method === 'DELETE').map((e) => e.url).join('\n')).not.toMatch(/log-other|log-untagged|log-case/);
  });

  it('a rename (same Azure resource, new logical name) updates the tag: no delete, no create', async () => {
    await up({ ...base, a: app('app-a') });
    const renamed = { ...base, web: app('app-a') };
    const plan = (await planStack(stackOf(renamed), { arm: fx.arm() })).plan;
    expect(plan.steps.filter((s) => s.op !== 'same')).toEqual([
      expect.objectContaining({ resource: 'web', op: 'update', changes: [{ path: 'tags.azprov-resource', before: 'a', after: 'web' }], note: "renamed from 'a': the same Azure resource, its azprov-resource tag is updated" }),
    ]);
    fx.exchanges.length = 0;
    await up(renamed);
    expect(fx.exchanges.filter((e) => e.method === 'DELETE')).toEqual([]);
    const got = await (await fx.arm().client(ContainerAppsAPIClient)).containerApps.get('rg-gone', 'app-a');
    expect(got.tags?.['azprov-resource']).toBe('web');
    expect((await planStack(stackOf(renamed), { arm: fx.arm() })).plan.steps.every((s) => s.op === 'same')).toBe(true);
  });

  it('two logical resources naming one Azure resource are refused, naming both, before any request', async () => {
    const stack = stackOf({ ...base, again: { kind: 'logAnalyticsWorkspace', name: 'Log-Gone', resourceGroup: 'rg' } });
    fx.exchanges.length = 0;
    const err = await planStack(stack, { arm: fx.arm() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).problems).toEqual([
      expect.objectContaining({ field: 'resources.again', reason: expect.stringContaining('the same Azure resource as resources.logs') }),
    ]);
    expect((err as ValidationError).exitCode).toBe(3);
    expect(fx.exchanges).toEqual([]);
    expect(fx.emulator.exchanges().length).toBe(0);
  });

  it('references with existing: true may name a resource the stack also writes: they only read it', async () => {
    await up(base);
    const plan = (await planStack(stackOf({ ...base, ref1: { kind: 'resourceGroup', name: 'rg-gone', existing: true }, ref2: { kind: 'resourceGroup', name: 'RG-GONE', existing: true } }), { arm: fx.arm() })).plan;
    expect(plan.steps.every((s) => s.op === 'same')).toBe(true);
  });
});
