import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import type { AzprovEvent } from '../../src/core/events.js';
import { applyPlan } from '../../src/engine/apply.js';
import { planStack } from '../../src/engine/plan.js';
import { validateStack } from '../../src/engine/validate.js';
import { abortRollout, promoteBlueGreen, runBlueGreen } from '../../src/rollout/blue-green.js';
import { RolledBackError, runCanary } from '../../src/rollout/canary.js';
import { deployRevision, revisionAction, setTraffic } from '../../src/rollout/revision-ops.js';
import { parseResourceId } from '../../src/arm/ids.js';
import { appsClient, getApp, listRevisions } from '../../src/rollout/revisions.js';
import { readRolloutTag } from '../../src/rollout/rollout-state.js';
import { weightsOf } from '../../src/rollout/traffic.js';
import { useEmulator } from '../helpers/emulator.js';

const fx = useEmulator();

const stackDef = (image = 'gbaeke/dapr-state:1.0.0') => ({
  name: 'web',
  location: 'westeurope',
  resources: {
    rg: { kind: 'resourceGroup', name: 'rg-web' },
    env: { kind: 'managedEnvironment', name: 'cae-web', resourceGroup: 'rg' },
    app: { kind: 'containerApp', name: 'web', resourceGroup: 'rg', environment: 'env', containers: [{ image, env: [{ name: 'WELCOME', value: 'Hello from v1' }] }], ingress: { external: true, targetPort: 8080 }, scale: { minReplicas: 1, maxReplicas: 1 } },
  },
});

async function setup() {
  const arm = fx.arm();
  const stack = validateStack(stackDef());
  const result = await applyPlan(await planStack(stack, { arm }), { arm });
  const appId = result.outputs.app.id;
  return { arm, appId, v1: result.outputs.app.revisionName, stack };
}

const weights = async (arm: ReturnType<typeof fx.arm>, appId: string) => {
  const app = await getApp(arm, appId);
  return weightsOf(app.configuration?.ingress?.traffic, app.latestRevisionName);
};

const gates = { health: {}, http: { path: '/', requests: 10, successRate: 1 } };

describe('revisions and traffic', () => {
  it('deploys a revision at 0% with a name known beforehand, and refuses a used suffix before writing', async () => {
    const { arm, appId, v1 } = await setup();
    const r = await deployRevision(arm, appId, { image: 'gbaeke/dapr-state:2.0.0', suffix: 'v2', weight: 0 });
    expect(r).toEqual({ revision: 'web--v2', previous: v1 });
    expect(await weights(arm, appId)).toEqual({ [v1]: 100 });
    fx.emulator.clearExchanges();
    const error = await deployRevision(arm, appId, { image: 'gbaeke/dapr-state:3.0.0', suffix: 'v2' }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(fx.emulator.exchanges().filter((e) => e.request.method === 'PUT')).toEqual([]);
  });

  it('sets an explicit split, refuses one that does not sum to 100, and refuses to deactivate a revision with traffic', async () => {
    const { arm, appId, v1 } = await setup();
    await deployRevision(arm, appId, { image: 'gbaeke/dapr-state:2.0.0', suffix: 'v2' });
    await setTraffic(arm, appId, { [v1]: 80, 'web--v2': 20 });
    expect(await weights(arm, appId)).toEqual({ [v1]: 80, 'web--v2': 20 });
    const bad = await setTraffic(arm, appId, { [v1]: 80 }).catch((e) => e);
    expect(bad.problems[0].reason).toContain('add up to 80, not 100');
    fx.emulator.clearExchanges();
    const busy = await revisionAction(arm, appId, 'web--v2', 'deactivate').catch((e) => e);
    expect(busy.message).toContain('still receives 20%');
    // The guard refuses before any write ...
    expect(fx.emulator.exchanges().filter((e) => e.request.method !== 'GET')).toEqual([]);
    // ... because Azure itself would accept it (the emulator does so too [rec-5], microsoft/azure-container-apps#410):
    // the raw SDK call succeeds and the 20% keep pointing at a revision that no longer runs.
    const { resourceGroup } = parseResourceId(appId);
    await (await appsClient(arm)).containerAppsRevisions.deactivateRevision(resourceGroup!, 'web', 'web--v2');
    expect(await weights(arm, appId)).toEqual({ [v1]: 80, 'web--v2': 20 });
    expect((await listRevisions(arm, appId)).find((r) => r.name === 'web--v2')).toMatchObject({ active: false });
  });
});

describe('canary', () => {
  it('promotes through every step when the gates pass', async () => {
    const { arm, appId, v1 } = await setup();
    const events: AzprovEvent[] = [];
    const result = await runCanary({ arm, appId, image: 'gbaeke/dapr-state:2.0.0', env: { WELCOME: 'Hello from v2!' }, steps: [20, 50, 100], intervalInMs: 5, gates, events: (e) => events.push(e) });
    expect(result).toMatchObject({ outcome: 'promoted', stable: v1 });
    expect(events.filter((e) => e.type === 'rollout-step').map((e) => (e as { weights: Record<string, number> }).weights[result.revision])).toEqual([20, 50, 100]);
    expect(events.filter((e) => e.type === 'gate' && !e.pass)).toEqual([]);
    expect(await weights(arm, appId)).toEqual({ [result.revision]: 100 });
    // The superseded stable revision stays active for rollback (keepRevisions defaults to 1).
    const revs = await listRevisions(arm, appId);
    expect(revs.find((r) => r.name === v1)?.active).toBe(true);
    expect(readRolloutTag((await getApp(arm, appId)).tags)).toBeUndefined();
  });

  it('after promotion, deactivates superseded revisions past keepRevisions, never one with a label', async () => {
    const { arm, appId, v1 } = await setup();
    await deployRevision(arm, appId, { image: 'gbaeke/dapr-state:1.5.0', suffix: 'v15', label: 'old' });
    const first = await runCanary({ arm, appId, image: 'gbaeke/dapr-state:2.0.0', steps: [100], intervalInMs: 5, gates });
    const second = await runCanary({ arm, appId, image: 'gbaeke/dapr-state:3.0.0', steps: [100], intervalInMs: 5, gates, keepRevisions: 0 });
    const active = (await listRevisions(arm, appId)).filter((r) => r.active).map((r) => r.name).sort();
    // v1 and the first canary carry nothing: deactivated; web--v15 keeps its label, so it stays.
    expect(active).toEqual([second.revision, 'web--v15'].sort());
    expect(active).not.toContain(v1);
    expect(active).not.toContain(first.revision);
  });

  it.each<[string, Record<string, string>, string]>([
    ['an HTTP gate failing at the first step', { AZPROV_EMULATOR_FAIL_RATE: '1' }, 'http gate'],
    ['a health gate', { AZPROV_EMULATOR_UNHEALTHY: 'true' }, 'health gate'],
  ])('rolls back on %s', async (_, env, reason) => {
    const { arm, appId, v1 } = await setup();
    const error = await runCanary({ arm, appId, image: 'gbaeke/dapr-state:2.0.0', env, steps: [20, 100], intervalInMs: 5, gates }).catch((e) => e);
    expect(error).toBeInstanceOf(RolledBackError);
    expect(error.message).toContain(reason);
    expect(await weights(arm, appId)).toEqual({ [v1]: 100 });
    expect((await listRevisions(arm, appId)).find((r) => r.name === error.result.revision)?.active).toBe(false);
  });

  it('rolls back when a gate fails at a later step (the revision goes bad after 20%)', async () => {
    const { arm, appId, v1 } = await setup();
    const events: AzprovEvent[] = [];
    const error = await runCanary({
      arm,
      appId,
      image: 'gbaeke/dapr-state:2.0.0',
      steps: [20, 50, 100],
      intervalInMs: 5,
      gates,
      events: (e) => {
        events.push(e);
        if (e.type === 'rollout-step' && e.step === 2) fx.emulator.setRevisionBehaviour(`${appId}/revisions/${Object.keys(e.weights)[0]}`, { failRate: 1 });
      },
    }).catch((e) => e);
    expect(error).toBeInstanceOf(RolledBackError);
    expect(error.message).toContain('at 50%');
    expect(await weights(arm, appId)).toEqual({ [v1]: 100 });
  });

  it('a command gate decides too', async () => {
    const { arm, appId } = await setup();
    const error = await runCanary({ arm, appId, image: 'gbaeke/dapr-state:2.0.0', steps: [100], intervalInMs: 1, gates: { command: 'test "$AZPROV_REVISION" = nope' } }).catch((e) => e);
    expect(error.message).toContain("command gate: 'test \"$AZPROV_REVISION\" = nope' exited 1");
  });

  it('resumes after an interruption, from the traffic and the rollout tag', async () => {
    const { arm, appId } = await setup();
    const crash = await runCanary({
      arm,
      appId,
      image: 'gbaeke/dapr-state:2.0.0',
      steps: [20, 50, 100],
      intervalInMs: 5,
      gates: {},
      events: (e) => {
        if (e.type === 'rollout-step' && e.step === 2) throw new Error('runner killed');
      },
    }).catch((e) => e);
    expect(crash.message).toBe('runner killed');
    const tag = readRolloutTag((await getApp(arm, appId)).tags)!;
    expect(await weights(arm, appId)).toEqual({ [tag.next]: 50, [tag.stable]: 50 });
    const steps: number[] = [];
    const resumed = await runCanary({ arm, appId, image: 'gbaeke/dapr-state:2.0.0', steps: [20, 50, 100], intervalInMs: 5, gates: {}, events: (e) => e.type === 'rollout-step' && steps.push(e.step) });
    expect(resumed).toMatchObject({ outcome: 'promoted', revision: tag.next });
    expect(steps).toEqual([2, 3]);
    expect((await listRevisions(arm, appId)).length).toBe(2);
  });

  it('after a rollout, azprov up reverts neither the image nor the traffic', async () => {
    const { arm, appId, stack } = await setup();
    const result = await runCanary({ arm, appId, image: 'gbaeke/dapr-state:2.0.0', steps: [100], intervalInMs: 1, gates: {} });
    const state = await planStack(stack, { arm });
    expect(state.plan.steps.find((s) => s.resource === 'app')?.op).toBe('same');
    // During a rollout, app-wide changes are flagged: they reach every revision at once.
    await runBlueGreen({ arm, appId, image: 'gbaeke/dapr-state:3.0.0', gates: {} });
    const changed = structuredClone(stackDef());
    (changed.resources.app as { scale: { maxReplicas: number } }).scale.maxReplicas = 2;
    const during = await planStack(validateStack(changed), { arm });
    expect(during.plan.steps.find((s) => s.resource === 'app')?.note).toContain('a rollout is in progress');
    expect(await weights(arm, appId)).toEqual({ [result.revision]: 100 });
  });
});

describe('blue-green', () => {
  it('deploys to the green label, checks it there, and promotes by swapping labels', async () => {
    const { arm, appId, v1 } = await setup();
    const ready = await runBlueGreen({ arm, appId, image: 'gbaeke/dapr-state:2.0.0', env: { WELCOME: 'Hello from v2!' }, gates });
    expect(ready.outcome).toBe('ready');
    const before = await listRevisions(arm, appId);
    expect(before.find((r) => r.name === ready.revision)?.labels).toEqual(['green']);
    expect(before.find((r) => r.name === ready.revision)?.labelFqdns).toEqual([expect.stringMatching(/^web---green\./)]);
    expect(before.find((r) => r.name === v1)?.labels).toEqual(['blue']);
    expect(await weights(arm, appId)).toEqual({ [v1]: 100 });
    const promoted = await promoteBlueGreen({ arm, appId, gates: {} });
    expect(promoted.outcome).toBe('promoted');
    const after = await listRevisions(arm, appId);
    expect(after.find((r) => r.name === ready.revision)?.labels).toEqual(['blue']);
    expect(await weights(arm, appId)).toEqual({ [ready.revision]: 100 });
  });

  it('aborts back to blue', async () => {
    const { arm, appId, v1 } = await setup();
    const ready = await runBlueGreen({ arm, appId, image: 'gbaeke/dapr-state:2.0.0', gates: {} });
    const aborted = await abortRollout(arm, appId);
    expect(aborted).toMatchObject({ outcome: 'rolled-back', stable: v1 });
    expect((await listRevisions(arm, appId)).find((r) => r.name === ready.revision)?.active).toBe(false);
  });

  it('rolls back by itself when the green revision fails its gate', async () => {
    const { arm, appId, v1 } = await setup();
    const error = await runBlueGreen({ arm, appId, image: 'gbaeke/dapr-state:2.0.0', env: { AZPROV_EMULATOR_FAIL_RATE: '1' }, gates, promote: true }).catch((e) => e);
    expect(error).toBeInstanceOf(RolledBackError);
    expect(await weights(arm, appId)).toEqual({ [v1]: 100 });
  });
});
