import { ContainerAppsAPIClient } from '@azure/arm-appcontainers';
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/engine/apply.js';
import { planStack } from '../../src/engine/plan.js';
import { validateStack } from '../../src/engine/validate.js';
import { setLabel, setTraffic } from '../../src/rollout/revision-ops.js';
import { listRevisions } from '../../src/rollout/revisions.js';
import { useEmulator } from '../helpers/emulator.js';

const fx = useEmulator();

const stackDef = (welcome: string, app: Record<string, unknown> = {}) =>
  validateStack({
    name: 'revs',
    location: 'eastus',
    resources: {
      rg: { kind: 'resourceGroup', name: 'rg-revs' },
      env: { kind: 'managedEnvironment', name: 'cae-revs', resourceGroup: 'rg' },
      app: { kind: 'containerApp', name: 'web', resourceGroup: 'rg', environment: 'env', containers: [{ image: 'gbaeke/dapr-state:1.0.0', env: [{ name: 'WELCOME', value: welcome }] }], ingress: { external: true, targetPort: 8080 }, ...app },
    },
  });

async function up(welcome: string, app: Record<string, unknown> = {}) {
  const arm = fx.arm();
  const state = await planStack(stackDef(welcome, app), { arm });
  const result = await applyPlan(state, { arm, events: fx.sink });
  return { plan: state.plan, appId: result.outputs.app.id, revision: result.outputs.app.revisionName };
}

const active = async (appId: string) => (await listRevisions(fx.arm(), appId)).filter((r) => r.active).map((r) => r.name).sort();

describe('revisions a stack update supersedes', () => {
  it('after two edits, only the newest revision and one before it are active; the plan said so', async () => {
    const v1 = await up('one');
    const v2 = await up('two');
    expect(await active(v1.appId)).toEqual([v1.revision, v2.revision].sort());
    const third = await planStack(stackDef('three'), { arm: fx.arm() });
    expect(third.plan.steps.find((s) => s.resource === 'app')!.note).toBe('new revision; will deactivate 1 superseded revision once it is ready (keeps 1 for rollback)');
    const v3 = await up('three');
    expect(await active(v1.appId)).toEqual([v2.revision, v3.revision].sort());
    // A no-op run lists no revisions and deactivates nothing.
    fx.exchanges.length = 0;
    const same = await planStack(stackDef('three'), { arm: fx.arm() });
    expect(same.plan.steps.every((s) => s.op === 'same')).toBe(true);
    expect(fx.exchanges.filter((e) => /revisions/i.test(e.url))).toEqual([]);
  });

  it('never deactivates a revision that carries traffic or a label', async () => {
    const v1 = await up('one');
    const v2 = await up('two');
    const arm = fx.arm();
    await setTraffic(arm, v1.appId, { [v1.revision]: 30, [v2.revision]: 70 });
    const v3 = await up('three', { keepRevisions: 0 });
    // The stack keeps what the release side routes: v1 and v2 still carry traffic.
    expect(await active(v1.appId)).toEqual([v1.revision, v2.revision, v3.revision].sort());
    await setTraffic(arm, v1.appId, { [v3.revision]: 100 });
    await setLabel(arm, v1.appId, 'previous', v1.revision);
    const v4 = await up('four', { keepRevisions: 0 });
    // v2 has neither: deactivated. v1 has a label; v3 keeps its 100% (named traffic stays where a release put it).
    expect(await active(v1.appId)).toEqual([v1.revision, v3.revision, v4.revision].sort());
  });

  it('sets Container Apps\' maxInactiveRevisions when the stack gives it, and keeps it when the stack does not', async () => {
    const { appId } = await up('one', { maxInactiveRevisions: 5 });
    const apps = await fx.arm().client(ContainerAppsAPIClient);
    expect((await apps.containerApps.get('rg-revs', 'web')).configuration?.maxInactiveRevisions).toBe(5);
    await up('two');
    expect((await apps.containerApps.get('rg-revs', 'web')).configuration?.maxInactiveRevisions).toBe(5);
    expect(appId).toMatch(/containerApps\/web$/);
  });
});
