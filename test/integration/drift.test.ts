import { OperationalInsightsManagementClient } from '@azure/arm-operationalinsights';
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/engine/apply.js';
import { detectDrift, hasDrift } from '../../src/engine/drift.js';
import { planStack } from '../../src/engine/plan.js';
import { validateStack } from '../../src/engine/validate.js';
import { driftMarkdown } from '../../src/cli/markdown.js';
import { useEmulator } from '../helpers/emulator.js';

const fx = useEmulator();

const full = {
  name: 'drifty',
  location: 'eastus',
  resources: {
    rg: { kind: 'resourceGroup', name: 'rg-drift' },
    logs: { kind: 'logAnalyticsWorkspace', name: 'log-drift', resourceGroup: 'rg', retentionInDays: 30 },
    old: { kind: 'logAnalyticsWorkspace', name: 'log-drift-old', resourceGroup: 'rg' },
  },
};

describe('drift', () => {
  it('finds nothing right after up, with reads only', async () => {
    const arm = fx.arm();
    const stack = validateStack(full);
    await applyPlan(await planStack(stack, { arm }), { arm });
    fx.exchanges.length = 0;
    const report = await detectDrift(stack, { arm });
    expect(hasDrift(report)).toBe(false);
    expect(fx.exchanges.every((e) => e.method === 'GET')).toBe(true);
  });

  it('reports out-of-band changes per field, deleted resources, and resources the stack no longer declares', async () => {
    const arm = fx.arm();
    await applyPlan(await planStack(validateStack(full), { arm }), { arm });
    const sub = fx.emulator.subscriptionId;
    fx.emulator.mutate(`/subscriptions/${sub}/resourceGroups/rg-drift/providers/Microsoft.OperationalInsights/workspaces/log-drift`, (r) => {
      r.properties.retentionInDays = 90;
    });
    const { old: _old, ...kept } = full.resources;
    const smaller = validateStack({ ...full, resources: kept });
    const report = await detectDrift(smaller, { arm });
    expect(report.drifted).toEqual([expect.objectContaining({ resource: 'logs', op: 'update', changes: [{ path: 'retentionInDays', before: 90, after: 30 }] })]);
    expect(report.orphans).toEqual([{ id: expect.stringContaining('/workspaces/log-drift-old'), type: 'Microsoft.OperationalInsights/workspaces' }]);
    const md = driftMarkdown(report);
    expect(md).toContain('| logs | logAnalyticsWorkspace | log-drift | ✏️ update | `retentionInDays`: 90 → 30 |');
    expect(md).toContain('Tagged for the stack but no longer in it');

    const la = await arm.client(OperationalInsightsManagementClient);
    await la.workspaces.beginDeleteAndWait('rg-drift', 'log-drift', arm.lroOptions());
    const after = await detectDrift(smaller, { arm });
    expect(after.drifted.map((d) => [d.resource, d.op])).toEqual([['logs', 'create']]);
  });
});

describe('drift in the Dapr scenario', () => {
  it('sees a tag changed, a scale setting changed and a Dapr component deleted out of band', async () => {
    const { readFileSync } = await import('node:fs');
    const { parse } = await import('yaml');
    const { ContainerAppsAPIClient } = await import('@azure/arm-appcontainers');
    const seed = validateStack(parse(readFileSync('templates/dapr-cosmos-app.yaml', 'utf8')));
    const arm = fx.arm();
    await applyPlan(await planStack(seed, { arm }), { arm });
    const sub = fx.emulator.subscriptionId;
    const appId = `/subscriptions/${sub}/resourceGroups/rg-dapr/providers/Microsoft.App/containerApps/daprstate`;
    fx.emulator.mutate(appId, (r) => {
      r.tags['azprov-stack'] = 'someone-else';
      r.properties.template.scale.maxReplicas = 5;
    });
    const apps = await arm.client(ContainerAppsAPIClient);
    await apps.daprComponents.delete('rg-dapr', 'dapr-ca', 'statestore');
    const report = await detectDrift(seed, { arm });
    const app = report.drifted.find((d) => d.resource === 'app')!;
    expect(app.changes).toEqual(expect.arrayContaining([{ path: 'tags.azprov-stack', before: 'someone-else', after: 'dapr-state' }, { path: 'scale.maxReplicas', before: 5, after: 1 }]));
    expect(report.drifted.find((d) => d.resource === 'state-component')).toMatchObject({ op: 'create' });
  });
});
