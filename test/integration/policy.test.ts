import { readFileSync } from 'node:fs';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { PolicyClient } from '@azure/arm-policy';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyPlan } from '../../src/engine/apply.js';
import { destroyStack } from '../../src/engine/destroy.js';
import { outputsOf, planStack } from '../../src/engine/plan.js';
import { validateStack } from '../../src/engine/validate.js';
import { ValidationError } from '../../src/core/errors.js';
import { useEmulator } from '../helpers/emulator.js';

const fx = useEmulator();
const template = () => parse(readFileSync('templates/aks-policy.yaml', 'utf8'));
const RG = 'rg-aks-policy';
const NO_PRIVILEGED = '95edb821-ddaf-4404-9732-666045e056b4';

async function up(def: unknown, arm = fx.arm()) {
  return applyPlan(await planStack(validateStack(def), { arm, events: fx.sink }), { arm, events: fx.sink });
}

async function plan(def: unknown) {
  const state = await planStack(validateStack(def), { arm: fx.arm(), events: fx.sink });
  return { steps: state.plan.steps.filter((s) => s.op !== 'same'), outputs: outputsOf(state) };
}

// Policy Insights' summarize is a POST that reads (PolicyStates_SummarizeFor*): everything else must be a GET.
const writes = () => fx.emulator.exchanges().filter((e) => e.request.method !== 'GET' && !e.request.url.includes('/policyStates/latest/summarize'));

describe('Azure Policy on AKS: the add-on and a built-in assignment', () => {
  it('enables the add-on (with its identity) and assigns the built-in by display name, effect deny; a re-run only reads', async () => {
    const { outputs } = await up(template());
    expect(outputs.aks.azurePolicyIdentity).toMatch(/^[0-9a-f-]{36}$/);
    const aks = await fx.arm().client(ContainerServiceClient);
    expect((await aks.managedClusters.get(RG, 'aks-policy')).addonProfiles?.azurepolicy).toMatchObject({ enabled: true, identity: { objectId: outputs.aks.azurePolicyIdentity } });

    const policy = await fx.arm().client(PolicyClient);
    const a = await policy.policyAssignments.get(`/subscriptions/${fx.emulator.subscriptionId}/resourceGroups/${RG}`, 'no-privileged-containers');
    expect(a.policyDefinitionId).toBe(`/providers/Microsoft.Authorization/policyDefinitions/${NO_PRIVILEGED}`);
    expect(a.parameters?.effect).toEqual({ value: 'deny' });
    expect(a.parameters?.excludedNamespaces?.value).toContain('kube-system');
    expect(a.nonComplianceMessages?.[0].message).toMatch(/Privileged containers/);
    expect(outputs['no-privileged']).toMatchObject({ id: a.id, complianceState: 'NotStarted' });
    expect(fx.events.filter((e) => e.type === 'warning')).toEqual([]);

    fx.emulator.clearExchanges();
    const again = await plan(template());
    expect(again.steps).toEqual([]);
    expect(writes()).toEqual([]);
  });

  it('compliance comes from the Policy Insights summary once Azure has evaluated the cluster', async () => {
    const { outputs } = await up(template());
    const clusterId = outputs.aks.id;
    let state = '';
    for (let i = 0; i < 5 && state !== 'Compliant'; i++) state = (await plan(template())).outputs['no-privileged'].complianceState;
    expect(state).toBe('Compliant');
    fx.emulator.service<{ setViolations(c: string, d: string, n: number): void }>('microsoft.policyinsights/behaviour')!.setViolations(clusterId, NO_PRIVILEGED, 3);
    expect((await plan(template())).outputs['no-privileged']).toMatchObject({ complianceState: 'NonCompliant', nonCompliantResources: '1' });
  });

  it('an update of the effect, and drift in enforcement mode, are planned as updates and put back', async () => {
    await up(template());
    const def = template();
    def.resources['no-privileged'].parameters.effect = 'audit';
    const { steps } = await plan(def);
    expect(steps).toEqual([expect.objectContaining({ resource: 'no-privileged', op: 'update', changes: [expect.objectContaining({ path: 'parameters.effect', before: 'deny', after: 'audit' })] })]);
    await up(def);
    expect((await plan(def)).steps).toEqual([]);

    const policy = await fx.arm().client(PolicyClient);
    const scope = `/subscriptions/${fx.emulator.subscriptionId}/resourceGroups/${RG}`;
    const a = await policy.policyAssignments.get(scope, 'no-privileged-containers');
    await policy.policyAssignments.create(scope, 'no-privileged-containers', { ...a, enforcementMode: 'DoNotEnforce' });
    expect((await plan(def)).steps[0].changes).toEqual([expect.objectContaining({ path: 'enforcementMode', before: 'DoNotEnforce', after: 'Default' })]);
    await up(def);
    expect((await policy.policyAssignments.get(scope, 'no-privileged-containers')).enforcementMode).toBe('Default');
  });

  it('down deletes the assignment it owns (marked in its metadata), before the group', async () => {
    await up(template());
    const r = await destroyStack(validateStack(template()), { arm: fx.arm(), events: fx.sink });
    expect(r.deleted).toContain('no-privileged');
    expect(r.deleted.indexOf('no-privileged')).toBeLessThan(r.deleted.indexOf('rg'));
  });
});

describe('Policy preflight, against the definitions Azure has', () => {
  it('refuses an effect in the wrong case, an unknown parameter and a wrong type, all at once, before any write', async () => {
    const def = template();
    def.resources['no-privileged'].parameters = { effect: 'DENY', excludedNamespaces: 'kube-system', labelSelectors: {} };
    fx.emulator.clearExchanges();
    const error = await planStack(validateStack(def), { arm: fx.arm() }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const byField = Object.fromEntries(error.problems.map((p: { field: string; reason: string; fix: string }) => [p.field, p]));
    expect(byField['resources.no-privileged.parameters.effect'].fix).toContain('"deny"');
    expect(byField['resources.no-privileged.parameters.excludedNamespaces'].reason).toMatch(/Array, not String/);
    expect(byField['resources.no-privileged.parameters.labelSelectors'].reason).toMatch(/has no parameter/);
    expect(writes()).toEqual([]);
  });

  it('an unknown policy is refused with the nearest display names', async () => {
    const def = template();
    def.resources['no-privileged'].policy = 'Kubernetes cluster should not allow privileged container';
    const error = await planStack(validateStack(def), { arm: fx.arm() }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.problems[0]).toMatchObject({ field: 'resources.no-privileged.policy', fix: expect.stringContaining("'Kubernetes cluster should not allow privileged containers'") });
    expect(writes()).toEqual([]);
  });

  it('by id works too; a Kubernetes policy warns when no cluster in scope has the add-on; deployIfNotExists needs an identity, which gets the roles the definition lists', async () => {
    const def = template();
    delete def.resources.aks.addons;
    def.resources['no-privileged'].policy = `/providers/Microsoft.Authorization/policyDefinitions/${NO_PRIVILEGED}`;
    await planStack(validateStack(def), { arm: fx.arm(), events: fx.sink });
    expect(fx.events).toContainEqual(expect.objectContaining({ type: 'warning', resource: 'no-privileged', message: expect.stringContaining('addons.azurePolicy') }));

    // The Flux-installation built-in deploys through the assignment's identity: without one Azure refuses it.
    def.resources['no-privileged'] = { kind: 'policyAssignment', name: 'install-flux', scope: 'subscription', policy: 'Configure installation of Flux extension on Kubernetes cluster' };
    fx.emulator.clearExchanges();
    const error = await planStack(validateStack(def), { arm: fx.arm() }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.problems).toEqual([expect.objectContaining({ field: 'resources.no-privileged.identity', reason: expect.stringContaining('DeployIfNotExists') })]);
    expect(writes()).toEqual([]);
    def.resources['no-privileged'].identity = true;
    const { outputs } = await up(def);
    const principalId = outputs['no-privileged'].principalId;
    expect(principalId).toMatch(/^[0-9a-f-]{36}$/);
    // The identity gets the roles the definition lists (roleDefinitionIds: Contributor), at the assignment's scope, once.
    const auth = await fx.arm().client(AuthorizationManagementClient);
    const roles = async () => {
      const out: string[] = [];
      for await (const ra of auth.roleAssignments.listForScope(`/subscriptions/${fx.emulator.subscriptionId}`, { filter: `principalId eq '${principalId}'` })) out.push(ra.roleDefinitionId!.split('/').pop()!);
      return out;
    };
    expect(await roles()).toEqual(['b24988ac-6180-42a0-ab88-20f7382dd24c']);
    await up(def);
    expect(await roles()).toEqual(['b24988ac-6180-42a0-ab88-20f7382dd24c']);
    // down takes the roles away with the assignment.
    await destroyStack(validateStack(def), { arm: fx.arm(), events: fx.sink });
    expect(await roles()).toEqual([]);
  });

  it('no warning when the add-on is enabled in Azure on a cluster whose add-ons the stack leaves alone', async () => {
    await up(template());
    const def = template();
    delete def.resources.aks.addons;
    fx.events.length = 0;
    const state = await planStack(validateStack(def), { arm: fx.arm(), events: fx.sink });
    expect(state.plan.steps.filter((s) => s.op !== 'same')).toEqual([]);
    expect(fx.events.filter((e) => e.type === 'warning')).toEqual([]);
  });
});
