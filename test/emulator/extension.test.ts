import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, registerResourceType, startEmulator } from '../../src/emulator/index.js';
import { arm } from './helpers.js';

/**
 * A provider plugged in through `options.providers`: a tracked type created through a 202 flow (both
 * headers, like private DNS zones) and a synchronous nested child type. Shows what a new provider costs
 * and checks the generic handler's 202 / nested behaviour.
 */
let emu: RunningEmulator;
const V = '2024-01-01';
beforeAll(async () => {
  emu = await startEmulator({
    pollsToComplete: 2,
    providers: [
      (core) => {
        registerResourceType(core, {
          type: 'Microsoft.Contoso/widgets',
          item: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Contoso/widgets/{widgetName}',
          apiVersions: [V],
          create: { mode: 'both', status: 202, provisioningState: 'Creating', durationKey: 'Microsoft.Contoso/widgets:create' },
          replace: { mode: 'sync', status: 200, durationKey: 'x' },
          delete: { mode: 'sync', status: 200, absentStatus: 204, durationKey: 'x' },
          statusPath: (c) => `/subscriptions/${c.subscriptionId}/providers/Microsoft.Contoso/widgetOperationStatuses/${c.opId}`,
          resultPath: (c) => `/subscriptions/${c.subscriptionId}/providers/Microsoft.Contoso/widgetOperationResults/${c.opId}`,
        });
        registerResourceType(core, {
          type: 'Microsoft.Contoso/widgets/gears',
          item: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Contoso/widgets/{widgetName}/gears/{gearName}',
          apiVersions: [V],
          tracked: false,
          create: { mode: 'sync', status: 201, durationKey: 'x' },
          replace: { mode: 'sync', status: 200, durationKey: 'x' },
          delete: { mode: 'sync', status: 200, absentStatus: 204, durationKey: 'x' },
        });
      },
    ],
  });
  await arm(emu, 'PUT', `/subscriptions/${emu.subscriptionId}/resourceGroups/rg-w?api-version=2025-04-01`, { body: { location: 'eastus' } });
});
afterAll(async () => {
  await emu?.close();
});

const widget = (name: string) => `/subscriptions/${emu.subscriptionId}/resourceGroups/rg-w/providers/Microsoft.Contoso/widgets/${name}`;

describe('a provider plugged in through options.providers', () => {
  it('a 202 create is invisible (404) until its operation ends; the Location URL answers 202 then the resource', async () => {
    const put = await arm(emu, 'PUT', `${widget('w1')}?api-version=${V}`, { body: { location: 'eastus' } });
    expect(put.status).toBe(202);
    expect(put.text).toBe('');
    const loc = new URL(put.headers['location'] as string);
    const status = new URL(put.headers['azure-asyncoperation'] as string);
    expect((await arm(emu, 'GET', `${widget('w1')}?api-version=${V}`)).status).toBe(404); // poll 1 of 2
    const first = await arm(emu, 'GET', loc.pathname + loc.search); // poll 2: done
    expect(first.status).toBe(200);
    expect(first.json.properties.provisioningState).toBe('Succeeded');
    const st = await arm(emu, 'GET', status.pathname + status.search);
    expect(st.json).toMatchObject({ status: 'Succeeded', name: expect.any(String), startTime: expect.any(String), endTime: expect.any(String) });
    expect((await arm(emu, 'GET', `${widget('W1')}?api-version=${V}`)).json.name).toBe('w1');
  });

  it('nested resources need their parent, list under it and go with it', async () => {
    const orphan = await arm(emu, 'PUT', `${widget('nope')}/gears/g1?api-version=${V}`, { body: {} });
    expect(orphan.status).toBe(404);
    expect(orphan.json.error.code).toBe('ParentResourceNotFound');
    const g = await arm(emu, 'PUT', `${widget('w1')}/gears/g1?api-version=${V}`, { body: { properties: { teeth: 12 } } });
    expect(g.status).toBe(201);
    expect(g.json.type).toBe('Microsoft.Contoso/widgets/gears');
    const list = await arm(emu, 'GET', `${widget('w1')}/gears?api-version=${V}`);
    expect(list.json.value.map((x: any) => x.name)).toEqual(['g1']);
    expect((await arm(emu, 'DELETE', `${widget('w1')}?api-version=${V}`)).status).toBe(200);
    expect((await arm(emu, 'GET', `${widget('w1')}/gears/g1?api-version=${V}`)).json.error.code).toBe('ParentResourceNotFound');
    expect((emu.dump() as any).resources.some((r: any) => r.type.startsWith('Microsoft.Contoso'))).toBe(false);
  });

  it('lists the implemented operations (coverage) through the admin API', async () => {
    const routes = (await (await import('./helpers.js')).raw(emu, 'GET', '/_emulator/routes')).json as Array<{ method: string; template: string }>;
    expect(routes).toContainEqual({ method: 'PUT', template: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.App/managedEnvironments/{environmentName}' });
    expect(routes.some((r) => r.template.includes('Microsoft.Contoso/widgets/{widgetName}/gears'))).toBe(true);
  });
});
