import { z } from 'zod';
import type { Problem } from '../../core/errors.js';
import { azurePolicyAddon, type AksClusterSpec } from '../aks-cluster/spec.js';
import { baseResourceShape, LOGICAL_NAME, withFix } from '../common-spec.js';
import type { BaseResourceSpec, KindSpec, Reference } from '../kind.js';

// Assignment names: at most 64 characters (24 at a management group), none of < > * % & : \ ? . + /, not
// ending with a space (learn.microsoft.com azure-resource-manager/management/resource-name-rules, Microsoft.Authorization).
const ASSIGNMENT_NAME = /^[^<>*%&:\\?.+/]{0,63}[^<>*%&:\\?.+/ ]$/;

export const policyAssignmentSchema = z
  .strictObject({
    ...baseResourceShape('policyAssignment'),
    name: z.string().regex(ASSIGNMENT_NAME, { error: withFix('assignment names are 1–64 characters without < > * % & : \\ ? . + / and cannot end with a space.', "rename it, e.g. 'no-privileged-containers'.") }),
    scope: z.string().meta({ description: "'subscription', or the logical name of a resourceGroup or aksCluster of the stack." }),
    policy: z.string().min(1).meta({ description: 'A built-in policy or initiative: its display name, its name (GUID) or its full id.' }),
    displayName: z.string().max(128).optional(),
    parameters: z.record(z.string(), z.unknown()).optional().meta({ description: "Parameter values by name, e.g. effect: deny, excludedNamespaces: [kube-system]." }),
    enforcementMode: z.enum(['Default', 'DoNotEnforce']).optional(),
    nonComplianceMessage: z.string().max(1024).optional(),
    identity: z.boolean().optional().meta({ description: 'A system-assigned identity, needed by deployIfNotExists and modify effects.' }),
  })
  .meta({ title: 'policyAssignment', description: 'An Azure Policy assignment of a built-in policy or initiative (Microsoft.Authorization/policyAssignments).' });

export type PolicyAssignmentSpec = z.infer<typeof policyAssignmentSchema>;

export const policyAssignmentOutputs = ['id', 'name', 'principalId', 'complianceState', 'nonCompliantResources'] as const;

export const SUBSCRIPTION_SCOPE = 'subscription';

/** The stack's clusters the assignment reaches: at the cluster, in the resource group, or the whole subscription. */
export function clustersInScope(s: PolicyAssignmentSpec, all: Readonly<Record<string, BaseResourceSpec>>): [string, AksClusterSpec][] {
  return Object.entries(all).filter((e): e is [string, AksClusterSpec] => {
    if (e[1].kind !== 'aksCluster') return false;
    const c = e[1] as AksClusterSpec;
    return s.scope === SUBSCRIPTION_SCOPE || s.scope === e[0] || s.scope === c.resourceGroup;
  });
}

/** Whether any cluster in scope has the Azure Policy add-on enabled in the stack. */
export function addonInScope(s: PolicyAssignmentSpec, all: Readonly<Record<string, BaseResourceSpec>>): boolean {
  return clustersInScope(s, all).some(([, c]) => azurePolicyAddon(c) === true);
}

export function checkPolicyAssignment(s: PolicyAssignmentSpec, lookup: (n: string) => BaseResourceSpec | undefined): Problem[] {
  if (s.scope === SUBSCRIPTION_SCOPE) return [];
  if (!LOGICAL_NAME.test(s.scope)) return [{ field: 'scope', reason: `'${s.scope}' is not 'subscription' nor a logical name.`, fix: "use 'subscription', or the key of a resourceGroup or aksCluster under resources:." }];
  const t = lookup(s.scope);
  if (t && t.kind !== 'resourceGroup' && t.kind !== 'aksCluster') return [{ field: 'scope', reason: `'${s.scope}' is a ${t.kind}; azprov assigns policies to the subscription, a resource group or an AKS cluster.`, fix: "name a resourceGroup or aksCluster, or use 'subscription'." }];
  return [];
}

export const policyAssignmentKind: KindSpec<PolicyAssignmentSpec> = {
  kind: 'policyAssignment',
  description: 'Azure Policy assignment',
  schema: policyAssignmentSchema,
  outputs: policyAssignmentOutputs,
  references: (s): Reference[] => (s.scope === SUBSCRIPTION_SCOPE ? [] : [{ field: 'scope', target: s.scope, kind: '*' }]),
  // Assignments take no tags; azprov marks its own in `metadata` (see the provider's tags()).
  check: (s, lookup) => checkPolicyAssignment(s, lookup),
};
