import { describe, expect, it } from 'vitest';
import { POLICY_INSIGHTS_BEHAVIOUR_SERVICE, type PolicyInsightsBehaviourService } from '../../src/emulator/providers/microsoft.policyinsights/index.js';
import { useEmulator } from '../helpers/emulator.js';
import { arm, emulatorsPerTest } from './helpers.js';

/**
 * Azure Policy through raw HTTPS (@azure/arm-policy and @azure/arm-policyinsights are not dependencies yet):
 * the vendored Kubernetes built-ins, assignments at every scope with the service's refusals, and the Policy
 * Insights summary after its evaluation delay.
 */
const fx = useEmulator();
const RG = 'rg-policy';
const V = '2025-03-01';
const PI_V = '2024-10-01';
const NO_PRIVILEGED = '/providers/Microsoft.Authorization/policyDefinitions/95edb821-ddaf-4404-9732-666045e056b4';
const NO_ESCALATION = '/providers/Microsoft.Authorization/policyDefinitions/1c6e92c9-99f0-4e55-9cf2-0c234dc48f99';
const ALLOWED_IMAGES = '/providers/Microsoft.Authorization/policyDefinitions/febd0533-8e55-448f-b837-bd0e06f16469';
const FLUX_DINE = '/providers/Microsoft.Authorization/policyDefinitions/f9175d5f-abc8-1dc3-bd3c-5d7476ada3d1';
const BASELINE = '/providers/Microsoft.Authorization/policySetDefinitions/a8640138-9b0a-4a28-b8cb-1666c838647d';

const sub = () => `/subscriptions/${fx.emulator.subscriptionId}`;
const rgId = () => `${sub()}/resourceGroups/${RG}`;
const clusterId = (name = 'aks1') => `${rgId()}/providers/Microsoft.ContainerService/managedClusters/${name}`;
const assignment = (scope: string, name: string) => `${scope}/providers/Microsoft.Authorization/policyAssignments/${name}`;
const call = (method: string, path: string, v: string, body?: unknown) => arm(fx.emulator, method, `${path}${path.includes('?') ? '&' : '?'}api-version=${v}`, { body });
const summarize = (scope: string) => call('POST', `${scope}/providers/Microsoft.PolicyInsights/policyStates/latest/summarize`, PI_V);

async function group() {
  await call('PUT', `${sub()}/resourcegroups/${RG}`, '2021-04-01', { location: 'westeurope' });
}

async function cluster(name: string, azurePolicy: boolean) {
  const res = await call('PUT', clusterId(name), '2025-07-01', {
    location: 'westeurope',
    identity: { type: 'SystemAssigned' },
    properties: {
      dnsPrefix: name,
      agentPoolProfiles: [{ name: 'system', count: 1, vmSize: 'Standard_D2s_v5', mode: 'System', osType: 'Linux' }],
      addonProfiles: { azurepolicy: { enabled: azurePolicy } },
    },
  });
  expect(res.status, res.text).toBe(201);
  const url = String(res.headers['azure-asyncoperation']).replace(fx.emulator.endpoint, '');
  for (let i = 0; i < 5 && (await arm(fx.emulator, 'GET', url)).json.status === 'InProgress'; i++);
}

const denyPrivileged = {
  properties: {
    displayName: 'No privileged containers',
    policyDefinitionId: NO_PRIVILEGED,
    parameters: { effect: { value: 'deny' }, excludedNamespaces: { value: ['kube-system', 'gatekeeper-system'] } },
    nonComplianceMessages: [{ message: 'Privileged containers are not allowed.' }],
  },
};

describe('built-in definitions', () => {
  it('serves the vendored Kubernetes built-ins with their real ids, names and allowed effects', async () => {
    const got = await call('GET', NO_PRIVILEGED, V);
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ id: NO_PRIVILEGED, name: '95edb821-ddaf-4404-9732-666045e056b4', type: 'Microsoft.Authorization/policyDefinitions' });
    expect(got.json.properties.displayName).toBe('Kubernetes cluster should not allow privileged containers');
    expect(got.json.properties.policyType).toBe('BuiltIn');
    expect(got.json.properties.parameters.effect.allowedValues).toEqual(['audit', 'Audit', 'deny', 'Deny', 'disabled', 'Disabled']);

    // The subscription-level GET answers the built-in too, with its tenant-level id.
    const atSub = await call('GET', `${sub()}/providers/Microsoft.Authorization/policyDefinitions/95edb821-ddaf-4404-9732-666045e056b4`, V);
    expect(atSub.json.id).toBe(NO_PRIVILEGED);

    const builtIns = await call('GET', "/providers/Microsoft.Authorization/policyDefinitions?$filter=policyType eq 'BuiltIn'", V);
    expect(builtIns.json.value).toHaveLength(22);
    expect((await call('GET', "/providers/Microsoft.Authorization/policyDefinitions?$filter=policyType eq 'Custom'", V)).json.value).toEqual([]);
    const sets = await call('GET', `${sub()}/providers/Microsoft.Authorization/policySetDefinitions`, V);
    expect(sets.json.value.map((s: any) => s.properties.displayName).sort()).toEqual([
      'Kubernetes cluster pod security baseline standards for Linux-based workloads',
      'Kubernetes cluster pod security restricted standards for Linux-based workloads',
    ]);
    const set = await call('GET', BASELINE, V);
    expect(set.json.properties.policyDefinitions.map((d: any) => d.policyDefinitionReferenceId)).toContain('NoPrivilegedContainers');

    const missing = await call('GET', '/providers/Microsoft.Authorization/policyDefinitions/00000000-0000-0000-0000-000000000000', V);
    expect([missing.status, missing.json.error.code]).toEqual([404, 'PolicyDefinitionNotFound']);
    const badFilter = await call('GET', "/providers/Microsoft.Authorization/policyDefinitions?$filter=displayName eq 'x'", V);
    expect(badFilter.status).toBe(400);
  });
});

describe('assignments', () => {
  it('creates (201 twice: PUT never answers 200), reads, patches, lists by scope and deletes', async () => {
    await group();
    const path = assignment(rgId(), 'no-privileged');
    const created = await call('PUT', path, V, denyPrivileged);
    expect(created.status, created.text).toBe(201);
    const p = created.json.properties;
    expect(created.json).toMatchObject({ id: path, name: 'no-privileged', type: 'Microsoft.Authorization/policyAssignments' });
    expect(p).toMatchObject({ scope: rgId(), policyDefinitionId: NO_PRIVILEGED, enforcementMode: 'Default', notScopes: [], parameters: { effect: { value: 'deny' } } });
    expect(p.instanceId).toMatch(/^[0-9a-f-]{36}$/);

    const again = await call('PUT', path, V, denyPrivileged);
    expect(again.status).toBe(201);
    expect(again.json.properties.instanceId).toBe(p.instanceId);

    const patched = await call('PATCH', path, V, { properties: { enforcementMode: 'DoNotEnforce' } });
    expect([patched.status, patched.json.properties.enforcementMode]).toEqual([200, 'DoNotEnforce']);
    expect((await call('GET', path, V)).json.properties.enforcementMode).toBe('DoNotEnforce');

    await call('PUT', assignment(sub(), 'sub-wide'), V, { properties: { policyDefinitionId: NO_ESCALATION } });
    const names = async (scope: string, filter = '') =>
      (await call('GET', `${scope}/providers/Microsoft.Authorization/policyAssignments${filter}`, V)).json.value.map((a: any) => a.name).sort();
    expect(await names(sub())).toEqual(['no-privileged', 'sub-wide']);
    expect(await names(sub(), '?$filter=atExactScope()')).toEqual(['sub-wide']);
    expect(await names(rgId())).toEqual(['no-privileged', 'sub-wide']);
    expect(await names(rgId(), '?$filter=atExactScope()')).toEqual(['no-privileged']);
    expect(await names(sub(), `?$filter=policyDefinitionId eq '${NO_ESCALATION}'`)).toEqual(['sub-wide']);

    const del = await call('DELETE', path, V);
    expect([del.status, del.json.name]).toEqual([200, 'no-privileged']);
    expect((await call('DELETE', path, V)).status).toBe(204);
    const gone = await call('GET', path, V);
    expect([gone.status, gone.json.error.code]).toEqual([404, 'PolicyAssignmentNotFound']);
  });

  it('assigns at a cluster, gives deployIfNotExists a system identity, and goes with its scope', async () => {
    await group();
    await cluster('aks1', true);
    const atCluster = await call('PUT', assignment(clusterId(), 'flux-dine'), V, { location: 'westeurope', identity: { type: 'SystemAssigned' }, properties: { policyDefinitionId: FLUX_DINE } });
    expect(atCluster.status, atCluster.text).toBe(201);
    expect(atCluster.json.identity).toMatchObject({ type: 'SystemAssigned', tenantId: fx.emulator.tenantId });
    const principal = atCluster.json.identity.principalId;
    expect(principal).toMatch(/^[0-9a-f-]{36}$/);
    const again = await call('PUT', assignment(clusterId(), 'flux-dine'), V, { location: 'westeurope', identity: { type: 'SystemAssigned' }, properties: { policyDefinitionId: FLUX_DINE } });
    expect(again.json.identity.principalId).toBe(principal);

    const listed = async () => (await call('GET', `${sub()}/providers/Microsoft.Authorization/policyAssignments`, V)).json.value.map((a: any) => a.id);
    expect(await listed()).toEqual([assignment(clusterId(), 'flux-dine')]);
    const missingScope = await call('PUT', assignment(clusterId('nope'), 'x'), V, denyPrivileged);
    expect([missingScope.status, missingScope.json.error.code]).toEqual([404, 'ResourceNotFound']);
    await call('DELETE', `${sub()}/resourcegroups/${RG}`, '2021-04-01');
    for (let i = 0; i < 5; i++) await call('GET', `${sub()}/resourcegroups/${RG}`, '2021-04-01');
    await group();
    expect(await listed()).toEqual([]);
  });

  it('refuses what Azure refuses, with its codes and messages', async () => {
    await group();
    const put = async (properties: Record<string, unknown>) => {
      const r = await call('PUT', assignment(rgId(), 'a1'), V, { properties });
      return { status: r.status, code: r.json?.error?.code, message: r.json?.error?.message };
    };
    expect(await put({ policyDefinitionId: '/providers/Microsoft.Authorization/policyDefinitions/00000000-0000-0000-0000-000000000000' })).toEqual({
      status: 400,
      code: 'PolicyDefinitionNotFound',
      message: "The policy assignment create request is invalid. The policy definition '/providers/Microsoft.Authorization/policyDefinitions/00000000-0000-0000-0000-000000000000' could not be found.",
    });
    expect(await put({ policyDefinitionId: NO_PRIVILEGED, parameters: { evaluationDelay: { value: 'PT5M' } } })).toEqual({
      status: 400,
      code: 'UndefinedPolicyParameter',
      message: "The policy assignment 'a1' has the parameter(s) 'evaluationDelay' which are not defined in the policy definition '95edb821-ddaf-4404-9732-666045e056b4'.",
    });
    // Case-sensitive: this definition allows 'Deny' only, so 'deny' is refused (as in the public report).
    expect(await put({ policyDefinitionId: NO_ESCALATION, parameters: { effect: { value: 'deny' } } })).toEqual({
      status: 400,
      code: 'PolicyParameterValueNotAllowed',
      message: "The value 'deny' is not allowed for policy parameter 'effect' in policy definition '1c6e92c9-99f0-4e55-9cf2-0c234dc48f99 version 8.0.0'. The allowed values are 'Audit, Deny, Disabled'.",
    });
    expect(await put({ policyDefinitionId: ALLOWED_IMAGES })).toEqual({
      status: 400,
      code: 'MissingPolicyParameter',
      message: "The policy assignment 'a1' is missing the parameter(s) 'allowedContainerImagesRegex' as defined in the policy definition 'febd0533-8e55-448f-b837-bd0e06f16469'.",
    });
    const wrongType = await put({ policyDefinitionId: NO_PRIVILEGED, parameters: { excludedNamespaces: { value: 'kube-system' } } });
    expect([wrongType.status, wrongType.code]).toEqual([400, 'InvalidPolicyParameters']);
    expect((await put({ policyDefinitionId: NO_PRIVILEGED, parameters: { effect: 'Deny' } })).code).toBe('InvalidPolicyParameters');
    expect((await put({ policyDefinitionId: BASELINE, parameters: { effect: { value: 'Nope' } } })).code).toBe('PolicyParameterValueNotAllowed');
    expect((await put({})).code).toBe('InvalidCreatePolicyAssignmentRequest');
    expect((await put({ policyDefinitionId: '/providers/Microsoft.Authorization/policySetDefinitions/00000000-0000-0000-0000-000000000000' })).code).toBe('PolicySetDefinitionNotFound');
    expect((await put({ policyDefinitionId: NO_PRIVILEGED, enforcementMode: 'Strict' })).code).toBe('InvalidCreatePolicyAssignmentRequest');
    expect(await put({ policyDefinitionId: FLUX_DINE })).toEqual({
      status: 400,
      code: 'ResourceIdentityRequired',
      message: "The policy assignment 'a1' request is invalid. Policy assignments must include a resource identity when assigning 'DeployIfNotExists' policy definitions.",
    });
    const disabled = await call('PUT', assignment(rgId(), 'dine-off'), V, { properties: { policyDefinitionId: FLUX_DINE, parameters: { effect: { value: 'Disabled' } } } });
    expect(disabled.status).toBe(201);
    expect((await call('GET', assignment(rgId(), 'a1'), V)).status).toBe(404);
    const oldVersion = await call('GET', assignment(rgId(), 'a1'), '2014-01-01');
    expect([oldVersion.status, oldVersion.json.error.code]).toEqual([400, 'NoRegisteredProviderFound']);
  });
});

describe('policy insights summary', () => {
  it('answers per assignment after the evaluation delay, the add-on deciding which clusters report', async () => {
    await group();
    await cluster('aks1', true);
    await cluster('aks2', false);
    await call('PUT', assignment(rgId(), 'no-privileged'), V, denyPrivileged);
    await call('PUT', assignment(rgId(), 'baseline'), V, { properties: { policyDefinitionId: BASELINE, parameters: { effect: { value: 'audit' } } } });

    const first = await summarize(rgId());
    expect(first.status, first.text).toBe(200);
    expect(first.json['@odata.count']).toBe(1);
    expect(first.json.value[0].policyAssignments).toEqual([]); // not evaluated yet

    const s = (await summarize(rgId())).json.value[0];
    const byName = Object.fromEntries(s.policyAssignments.map((a: any) => [a.policyAssignmentId.split('/').pop(), a]));
    expect(Object.keys(byName).sort()).toEqual(['baseline', 'no-privileged']);
    // Only aks1 runs the add-on: one compliant resource per assignment.
    expect(byName['no-privileged'].results).toMatchObject({ nonCompliantResources: 0, resourceDetails: [{ complianceState: 'compliant', count: 1 }] });
    expect(byName['no-privileged'].policyDefinitions[0]).toMatchObject({ policyDefinitionId: NO_PRIVILEGED.toLowerCase(), effect: 'deny' });
    expect(byName.baseline.policySetDefinitionId).toBe(BASELINE.toLowerCase());
    expect(byName.baseline.policyDefinitions.length).toBeGreaterThan(3);
    expect(s.results.nonCompliantResources).toBe(0);

    fx.emulator.service<PolicyInsightsBehaviourService>(POLICY_INSIGHTS_BEHAVIOUR_SERVICE)!.setViolations(clusterId('aks1'), NO_PRIVILEGED, 2);
    const after = (await summarize(rgId())).json.value[0];
    expect(after.results).toMatchObject({ nonCompliantResources: 1, resourceDetails: [{ complianceState: 'noncompliant', count: 1 }] });
    const np = after.policyAssignments.find((a: any) => a.policyAssignmentId.endsWith('/no-privileged'));
    expect(np.results).toMatchObject({ nonCompliantResources: 1, nonCompliantPolicies: 1 });
    const base = after.policyAssignments.find((a: any) => a.policyAssignmentId.endsWith('/baseline'));
    expect(base.policyDefinitions.find((d: any) => d.policyDefinitionReferenceId === 'noprivilegedcontainers').results.nonCompliantResources).toBe(1);

    // Summaries at the assignment and at the cluster; an unknown assignment is a 404.
    const one = (await summarize(assignment(rgId(), 'no-privileged'))).json.value[0];
    expect(one.policyAssignments.map((a: any) => a.policyAssignmentId.split('/').pop())).toEqual(['no-privileged']);
    const atAks2 = (await summarize(clusterId('aks2'))).json.value[0];
    expect(atAks2.results.resourceDetails).toEqual([]);
    expect((await summarize(assignment(rgId(), 'nope'))).status).toBe(404);
  });

  it('reports the add-on audit and the Flux installation policies on clusters without them', async () => {
    await group();
    await cluster('aks2', false);
    await call('PUT', assignment(rgId(), 'addon'), V, { properties: { policyDefinitionId: '/providers/Microsoft.Authorization/policyDefinitions/0a15ec92-a229-4763-bb14-0ea34a568f8d' } });
    await call('PUT', assignment(rgId(), 'flux'), V, { location: 'westeurope', identity: { type: 'SystemAssigned' }, properties: { policyDefinitionId: FLUX_DINE } });
    await summarize(rgId());
    const s = (await summarize(rgId())).json.value[0];
    expect(s.results.nonCompliantResources).toBe(1);
    expect(s.results.nonCompliantPolicies).toBe(2);
    expect(s.policyAssignments.map((a: any) => a.policyDefinitions[0].effect).sort()).toEqual(['audit', 'deployifnotexists']);
  });
});

describe('realistic profile', () => {
  const start = emulatorsPerTest();
  it('reports an assignment only after the evaluation delay (5 min x latencyScale)', async () => {
    const emu = await start({ latency: 'realistic', latencyScale: 0.004 });
    const c = (method: string, path: string, v: string, body?: unknown) => arm(emu, method, `${path}?api-version=${v}`, { body });
    const rg = `/subscriptions/${emu.subscriptionId}/resourceGroups/${RG}`;
    await c('PUT', `/subscriptions/${emu.subscriptionId}/resourcegroups/${RG}`, '2021-04-01', { location: 'westeurope' });
    expect((await c('PUT', assignment(rg, 'no-privileged'), V, denyPrivileged)).status).toBe(201);
    const count = async () => (await c('POST', `${rg}/providers/Microsoft.PolicyInsights/policyStates/latest/summarize`, PI_V)).json.value[0].policyAssignments.length;
    expect(await count()).toBe(0);
    expect(await count()).toBe(0); // reads do not hurry it with this profile
    await new Promise((r) => setTimeout(r, 1300));
    expect(await count()).toBe(1);
  });
});

describe('provider metadata', () => {
  it('lists the policy types and policyStates with their api-versions, newest first', async () => {
    const auth = (await call('GET', `${sub()}/providers/Microsoft.Authorization`, '2021-04-01')).json;
    const types = Object.fromEntries(auth.resourceTypes.map((t: any) => [t.resourceType, t.apiVersions]));
    expect(types.policyAssignments[0]).toBe('2025-11-01');
    expect(types.policyDefinitions).toContain('2025-03-01');
    expect(types.policySetDefinitions).toContain('2017-06-01-preview');
    const pi = (await call('GET', `${sub()}/providers/Microsoft.PolicyInsights`, '2021-04-01')).json;
    expect(pi.resourceTypes.map((t: any) => [t.resourceType, t.apiVersions])).toEqual([['policyStates', ['2024-10-01']]]);
  });
});
