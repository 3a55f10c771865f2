import { PolicyClient, type PolicyAssignment } from '@azure/arm-policy';
import { PolicyInsightsClient, type Summary } from '@azure/arm-policyinsights';
import { parseResourceId } from '../../arm/ids.js';
import { armCall, readOrUndefined } from '../../arm/rest-errors.js';
import type { Problem } from '../../core/errors.js';
import type { KindEnv, KindProvider, ResolvedSpec } from '../kind.js';
import { STACK_TAG, RESOURCE_TAG } from '../ownership.js';
import { checkParameters, isKubernetesPolicy, resolvePolicy, type PolicyDefinitionInfo } from './definitions.js';
import { grantPolicyRoles, revokePolicyRoles } from './identity-roles.js';
import { addonInScope, clustersInScope, SUBSCRIPTION_SCOPE, type PolicyAssignmentSpec } from './spec.js';

const MARKER = '/providers/Microsoft.Authorization/policyAssignments/';
/** The policy as the stack wrote it, kept in the assignment's metadata so a re-run compares without resolving. */
const POLICY_KEY = 'azprovPolicy';

/** An assignment with its compliance, read from the Policy Insights summary. */
export type AssignmentWithCompliance = PolicyAssignment & { compliance?: { state: string; nonCompliantResources: number } };

function scopeIdOf(r: ResolvedSpec<PolicyAssignmentSpec>): string {
  return r.spec.scope === SUBSCRIPTION_SCOPE ? `/subscriptions/${r.subscriptionId}` : r.refs.get(r.spec.scope).id;
}

function split(id: string): { scope: string; name: string } {
  const i = id.toLowerCase().lastIndexOf(MARKER.toLowerCase());
  return { scope: id.slice(0, i), name: id.slice(i + MARKER.length) };
}

/**
 * The scope as arm-policy 7 takes it: its URL template is `/{+scope}/providers/…`, so a scope given with its
 * leading slash (as the docs write it) would be sent as `//subscriptions/…`.
 */
const sdkScope = (scope: string) => scope.replace(/^\/+/, '');

async function definitionOf(env: KindEnv, policy: string): Promise<PolicyDefinitionInfo> {
  const { def } = await resolvePolicy(env.arm, policy);
  if (!def) throw new Error(`internal: policy '${policy}' was not resolved by preflight`);
  return def;
}

/**
 * Compliance as Policy Insights summarizes it for the assignment's scope: `NotStarted` until the first
 * evaluation (minutes after the assignment in Azure; the assignment is left out of the summary until then).
 */
async function complianceOf(env: KindEnv, a: PolicyAssignment): Promise<{ state: string; nonCompliantResources: number }> {
  const client = await env.arm.client(PolicyInsightsClient);
  const { scope } = split(a.id!);
  const s = parseResourceId(scope);
  let summary: Summary | undefined;
  try {
    const res = s.namespace
      ? await client.policyStates.summarizeForResource('latest', scope)
      : s.resourceGroup
        ? await client.policyStates.summarizeForResourceGroup('latest', s.subscriptionId, s.resourceGroup)
        : await client.policyStates.summarizeForSubscription('latest', s.subscriptionId);
    summary = res.value?.[0];
  } catch {
    // Compliance is an output, not a condition of the write: a failing summary leaves it unknown.
    return { state: 'Unknown', nonCompliantResources: 0 };
  }
  const mine = summary?.policyAssignments?.find((p) => p.policyAssignmentId?.toLowerCase() === a.id!.toLowerCase());
  if (!mine) return { state: 'NotStarted', nonCompliantResources: 0 };
  const n = mine.results?.nonCompliantResources ?? 0;
  return { state: n > 0 ? 'NonCompliant' : 'Compliant', nonCompliantResources: n };
}


export const policyAssignmentProvider: KindProvider<PolicyAssignmentSpec, AssignmentWithCompliance> = {
  resourceId: (r) => `${scopeIdOf(r)}${MARKER}${r.spec.name}`,

  async read(env, id) {
    const client = await env.arm.client(PolicyClient);
    const { scope, name } = split(id);
    const a = await readOrUndefined('policy assignment', id, () => client.policyAssignments.get(sdkScope(scope), name));
    return a && { ...a, compliance: await complianceOf(env, a) };
  },

  desired: (r) => {
    const s = r.spec;
    const d: Record<string, unknown> = { policy: s.policy, enforcementMode: s.enforcementMode ?? 'Default', identity: s.identity ?? false };
    if (s.displayName !== undefined) d.displayName = s.displayName;
    if (s.nonComplianceMessage !== undefined) d.nonComplianceMessage = s.nonComplianceMessage;
    for (const [k, v] of Object.entries(s.parameters ?? {})) d[`parameters.${k}`] = v;
    return d;
  },

  observed: (a) => {
    const o: Record<string, unknown> = {
      policy: a.metadata?.[POLICY_KEY] ?? a.policyDefinitionId,
      enforcementMode: a.enforcementMode ?? 'Default',
      identity: a.identity?.type === 'SystemAssigned',
      displayName: a.displayName,
      nonComplianceMessage: a.nonComplianceMessages?.[0]?.message,
    };
    for (const [k, v] of Object.entries(a.parameters ?? {})) o[`parameters.${k}`] = v.value;
    return o;
  },

  async put(env, id, r, actual) {
    const client = await env.arm.client(PolicyClient);
    const { scope, name } = split(id);
    const s = r.spec;
    const def = await definitionOf(env, s.policy);
    const body: PolicyAssignment = {
      policyDefinitionId: def.id,
      displayName: s.displayName ?? def.displayName,
      parameters: Object.fromEntries(Object.entries(s.parameters ?? {}).map(([k, v]) => [k, { value: v }])),
      enforcementMode: s.enforcementMode ?? 'Default',
      nonComplianceMessages: s.nonComplianceMessage ? [{ message: s.nonComplianceMessage }] : undefined,
      // ARM gives assignments no tags: the ownership marks go in metadata, which tags() reads back.
      metadata: { ...(actual?.metadata ?? {}), [STACK_TAG]: r.tags[STACK_TAG], [RESOURCE_TAG]: r.tags[RESOURCE_TAG], [POLICY_KEY]: s.policy },
      ...(s.identity ? { identity: { type: 'SystemAssigned' as const }, location: r.location } : {}),
    };
    // PUT, synchronous (PolicyAssignments_Create answers 201 on create and replace).
    const a = await armCall(`Assigning policy '${def.displayName}' to ${scope.split('/').pop()}`, id, () => client.policyAssignments.create(sdkScope(scope), name, body));
    if (a.identity?.principalId) await grantPolicyRoles(env, scope, a.identity.principalId, def.roleGuids);
    return { ...a, compliance: await complianceOf(env, a) };
  },

  /** The definition exists and the parameters are the ones it takes, with allowed values; Kubernetes policies need the add-on. */
  async preflight(env, r): Promise<Problem[]> {
    const s = r.spec;
    const { def, candidates } = await resolvePolicy(env.arm, s.policy);
    if (!def) return [{ field: 'policy', reason: `no built-in policy or initiative '${s.policy}'.`, fix: candidates.length ? `did you mean: ${candidates.map((c) => `'${c}'`).join(', ')}?` : "give its display name exactly, its name (GUID) or its id (az policy definition list --query \"[?policyType=='BuiltIn'].displayName\")." }];
    const problems = checkParameters(def, s.parameters ?? {}, s.identity === true);
    const clusters = clustersInScope(s, env.stack.resources).map(([n]) => n);
    // A cluster the stack does not manage the add-on of (existing: true, or no addons:) may have it in Azure.
    const enabledInAzure = clusters.some((n) => !!r.refs.get(n).outputs?.azurePolicyIdentity);
    if (isKubernetesPolicy(def) && !addonInScope(s, env.stack.resources) && !enabledInAzure) {
      env.events({
        type: 'warning',
        resource: env.resource,
        message: `'${def.displayName}' is a Kubernetes policy: it reaches a cluster only through the Azure Policy add-on, and ${clusters.length ? `no cluster in scope (${clusters.join(', ')})` : 'no cluster of the stack in scope'} has addons.azurePolicy enabled.`,
      });
    }
    return problems;
  },

  async delete(env, id) {
    const client = await env.arm.client(PolicyClient);
    const { scope, name } = split(id);
    const a = await armCall(`Deleting policy assignment ${name}`, id, () => client.policyAssignments.delete(sdkScope(scope), name));
    // The roles go with the identity they were granted to (the definition names them; read from its id).
    const principalId = a?.identity?.principalId;
    if (principalId && a.policyDefinitionId) {
      const { def } = await resolvePolicy(env.arm, a.policyDefinitionId);
      if (def) await revokePolicyRoles(env, scope, principalId, def.roleGuids);
    }
  },

  outputs: (a) => ({
    id: a.id!,
    name: a.name!,
    principalId: a.identity?.principalId ?? '',
    complianceState: a.compliance?.state ?? 'Unknown',
    nonCompliantResources: String(a.compliance?.nonCompliantResources ?? 0),
  }),
  tags: (a) => {
    const m = a.metadata ?? {};
    return m[STACK_TAG] ? { [STACK_TAG]: String(m[STACK_TAG]), [RESOURCE_TAG]: String(m[RESOURCE_TAG] ?? '') } : undefined;
  },
};
