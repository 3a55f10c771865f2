import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/engine/apply.js';
import { containmentParents, planStack } from '../../src/engine/plan.js';
import type { StackDefinition } from '../../src/engine/stack.js';
import { validateStack } from '../../src/engine/validate.js';
import { useEmulator } from '../helpers/emulator.js';

// Plans read only what can exist: a resource contained (by id) in one the plan creates is not read.
const fx = useEmulator();

const daprStack = (withComponent = true): StackDefinition => ({
  name: 'reads',
  location: 'eastus',
  resources: {
    rg: { kind: 'resourceGroup', name: 'rg-reads' },
    logs: { kind: 'logAnalyticsWorkspace', name: 'log-reads', resourceGroup: 'rg' },
    env: { kind: 'managedEnvironment', name: 'cae-reads', resourceGroup: 'rg', logAnalyticsWorkspace: 'logs' },
    ...(withComponent ? { cache: { kind: 'daprComponent', name: 'cache', environment: 'env', componentType: 'state.redis', metadata: [{ name: 'redisHost', value: 'redis:6379' }] } } : {}),
  },
});

// The SDKs spell some path segments in lower case (resourcegroups): ARM ids are case-insensitive.
const pathOf = (url: string) => new URL(url).pathname.toLowerCase();
// Every plan also lists what is tagged for the stack (resource groups and resources of the subscription, to
// find what left the stack): two reads per stack, not per resource, so they are counted apart.
const LISTING = /^\/subscriptions\/[^/]+\/(resourcegroups|resources)$/;
const listings = () => fx.exchanges.filter((e) => LISTING.test(pathOf(e.url)));
const perResource = () => fx.exchanges.filter((e) => !LISTING.test(pathOf(e.url)));
const gets = () => perResource().filter((e) => e.method === 'GET').map((e) => pathOf(e.url));
const idOf = (state: Awaited<ReturnType<typeof planStack>>, name: string) => state.resources.get(name)!.id.toLowerCase();

async function up(def: StackDefinition) {
  const arm = fx.arm();
  return applyPlan(await planStack(validateStack(def), { arm }), { arm });
}

describe('plan reads', () => {
  it('a fresh stack reads only its resource group (404) before its writes', async () => {
    const arm = fx.arm();
    const state = await planStack(validateStack(daprStack()), { arm });
    expect(state.plan.steps.map((s) => [s.resource, s.op])).toEqual([['rg', 'create'], ['logs', 'create'], ['env', 'create'], ['cache', 'create']]);
    expect(perResource().map((e) => [e.method, pathOf(e.url), e.status])).toEqual([['GET', idOf(state, 'rg'), 404]]);
    expect(listings().map((e) => [e.method, e.status])).toEqual([['GET', 200], ['GET', 200]]);

    await applyPlan(state, { arm });
    const firstWrite = perResource().findIndex((e) => e.method !== 'GET');
    expect(perResource().slice(0, firstWrite).map((e) => pathOf(e.url))).toEqual([idOf(state, 'rg')]);
    // Apply did not make up for the skipped reads: no GET of the component, which is a synchronous PUT.
    expect(gets().filter((p) => p === idOf(state, 'cache'))).toEqual([]);
  });

  it('a stack that exists reads every resource once, and only reads', async () => {
    await up(daprStack());
    fx.exchanges.length = 0;
    const state = await planStack(validateStack(daprStack()), { arm: fx.arm() });
    expect(state.plan.steps.every((s) => s.op === 'same')).toBe(true);
    expect(perResource().every((e) => e.method === 'GET' && e.status === 200)).toBe(true);
    expect(gets().sort()).toEqual(['rg', 'logs', 'env', 'cache'].map((n) => idOf(state, n)).sort());
  });

  it('resuming (the environment exists, its component does not) still reads the component', async () => {
    await up(daprStack(false));
    fx.exchanges.length = 0;
    const state = await planStack(validateStack(daprStack()), { arm: fx.arm() });
    expect(state.plan.steps.map((s) => [s.resource, s.op])).toEqual([['rg', 'same'], ['logs', 'same'], ['env', 'same'], ['cache', 'create']]);
    expect(perResource().find((e) => pathOf(e.url) === idOf(state, 'cache'))?.status).toBe(404);
    expect(perResource()).toHaveLength(4);
  });

  it('a missing account skips its database and container, whatever the depth; its existing group is read', async () => {
    await up({ name: 'reads', location: 'eastus', resources: { rg: { kind: 'resourceGroup', name: 'rg-reads' } } });
    fx.exchanges.length = 0;
    const def: StackDefinition = {
      name: 'reads',
      location: 'eastus',
      resources: {
        rg: { kind: 'resourceGroup', name: 'rg-reads' },
        account: { kind: 'cosmosAccount', name: 'cosmos-reads', resourceGroup: 'rg', consistency: 'Session' },
        db: { kind: 'cosmosSqlDatabase', name: 'db', account: 'account' },
        items: { kind: 'cosmosSqlContainer', name: 'items', database: 'db', partitionKey: '/id' },
      },
    };
    const state = await planStack(validateStack(def), { arm: fx.arm() });
    expect(state.plan.steps.map((s) => [s.resource, s.op])).toEqual([['rg', 'same'], ['account', 'create'], ['db', 'create'], ['items', 'create']]);
    expect(perResource().map((e) => [pathOf(e.url), e.status])).toEqual([
      [idOf(state, 'rg'), 200],
      [idOf(state, 'account'), 404],
    ]);
  });
});

describe('containment parents', () => {
  const sub = '/subscriptions/s';
  it('is the nearest ancestor id the stack declares, case-insensitively, and not any reference', () => {
    const ids = new Map([
      ['rg', `${sub}/resourceGroups/rg-a`],
      ['env', `${sub}/resourceGroups/RG-A/providers/Microsoft.App/managedEnvironments/e`],
      ['comp', `${sub}/resourceGroups/rg-a/providers/Microsoft.App/managedEnvironments/e/daprComponents/c`],
      ['role', `${sub}/resourceGroups/rg-a/providers/Microsoft.App/managedEnvironments/e/providers/Microsoft.Authorization/roleAssignments/g`],
      ['other', `${sub}/resourceGroups/rg-b/providers/Microsoft.Network/privateDnsZones/z`],
      ['rg-ab', `${sub}/resourceGroups/rg-ab`],
    ]);
    expect(Object.fromEntries(containmentParents(ids))).toEqual({ rg: undefined, env: 'rg', comp: 'env', role: 'env', other: undefined, 'rg-ab': undefined });
  });
});
