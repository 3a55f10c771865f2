import type { EmulatorCore } from '../../core.js';
import { errors } from '../../errors.js';
import type { ArmRequest, ArmResponse } from '../../router.js';
import { resourceKey } from '../../state.js';
import type { createEvaluation } from './evaluation.js';

/**
 * `POST {scope}/providers/Microsoft.PolicyInsights/policyStates/latest/summarize` [spec policyStates 2024-10-01]
 * (PolicyStates_SummarizeFor{Subscription,ResourceGroup,Resource,SubscriptionLevelPolicyAssignment,
 * ResourceGroupLevelPolicyAssignment}): 200 `SummarizeResults` with one `Summary`: totals, and per assignment its
 * non-compliant resources and policies, `resourceDetails` / `policyDetails` counts per complianceState and the
 * member definitions with their effects. Assignments without results yet (evaluation.ts) are left out. Ids are
 * lower-cased and the states are `compliant` / `noncompliant`, as Policy Insights writes them (U: from the
 * service's documented examples, not a recording). `$top`, `$from`, `$to` and `$filter` are accepted and ignored.
 */

/** The shape of Microsoft.Authorization's `POLICY_SERVICE` this provider uses (providers meet through the registry). */
export const POLICY_SERVICE = 'microsoft.authorization/policy';
interface PolicyServiceView {
  assignmentsRelatedTo(scope: string): Array<{
    id: string;
    scope: string;
    notScopes: string[];
    policyDefinitionId: string;
    isInitiative: boolean;
    assignedAt: number;
    members: Array<{ policyDefinitionId: string; policyDefinitionReferenceId?: string; mode?: string; effect: string }>;
  }>;
}

type Evaluation = ReturnType<typeof createEvaluation>;
type State = 'compliant' | 'noncompliant';

function details(states: State[]): Array<{ complianceState: string; count: number }> {
  const c = states.filter((s) => s === 'compliant').length;
  const n = states.length - c;
  return [
    ...(c ? [{ complianceState: 'compliant', count: c }] : []),
    ...(n ? [{ complianceState: 'noncompliant', count: n }] : []),
  ];
}

export function summarizeHandler(core: EmulatorCore, evaluation: Evaluation) {
  return (req: ArmRequest): ArmResponse => {
    const path = decodeURIComponent(req.path);
    const scope = path.replace(/\/providers\/Microsoft\.PolicyInsights\/policyStates\/[^/]+\/summarize$/i, '');
    const policy = core.registry.service<PolicyServiceView>(POLICY_SERVICE);
    const assignmentScoped = /\/providers\/Microsoft\.Authorization\/policyAssignments\/[^/]+$/i.test(scope);
    let queryScope = scope;
    let related = policy?.assignmentsRelatedTo(scope) ?? [];
    if (assignmentScoped) {
      const owner = scope.replace(/\/providers\/Microsoft\.Authorization\/policyAssignments\/[^/]+$/i, '');
      related = (policy?.assignmentsRelatedTo(owner) ?? []).filter((a) => resourceKey(a.id) === resourceKey(scope));
      if (!related.length) throw errors.resourceNotFound('Microsoft.Authorization/policyAssignments', scope.split('/').pop()!, req.params.resourceGroupName ?? '');
      queryScope = related[0].scope;
    } else if (scope.split('/').length > 3 && !core.state.get(scope)?.visible) {
      // A group or resource that does not exist: ARM's 404s.
      if (req.params.resourceGroupName) core.requireResourceGroup(req.params.subscriptionId, req.params.resourceGroupName);
      if (!/\/resourceGroups\/[^/]+$/i.test(scope)) throw errors.resourceNotFound(scope.split('/providers/')[1]?.split('/').slice(0, -1).join('/') ?? '', scope.split('/').pop()!, req.params.resourceGroupName ?? '');
    }

    const resourceStates = new Map<string, State>();
    const assignments = [];
    const policyDetails: State[] = [];
    for (const a of related) {
      if (!evaluation.evaluated(a.id, a.assignedAt)) continue;
      // Resources both in the assignment's scope and in the query's.
      const inAssignment = new Set(evaluation.clustersUnder(a.scope, a.notScopes).map(resourceKey));
      const clusters = evaluation.clustersUnder(queryScope, a.notScopes).filter((c) => inAssignment.has(resourceKey(c)));
      const byResource = new Map<string, State>();
      const members = a.members.map((m) => {
        const states = clusters.map((c) => [c, evaluation.state(m, c)] as const).filter((x): x is readonly [string, State] => x[1] !== undefined);
        for (const [c, s] of states) if (byResource.get(c) !== 'noncompliant') byResource.set(c, s);
        const nonCompliant = states.filter(([, s]) => s === 'noncompliant').length;
        return {
          policyDefinitionId: m.policyDefinitionId.toLowerCase(),
          policyDefinitionReferenceId: (m.policyDefinitionReferenceId ?? '').toLowerCase(),
          policyDefinitionGroupNames: [''],
          effect: m.effect.toLowerCase(),
          results: { nonCompliantResources: nonCompliant, resourceDetails: details(states.map(([, s]) => s)) },
          state: (nonCompliant ? 'noncompliant' : 'compliant') as State,
          evaluated: states.length > 0,
        };
      });
      const evaluatedMembers = members.filter((m) => m.evaluated);
      for (const [c, s] of byResource) if (resourceStates.get(c) !== 'noncompliant') resourceStates.set(c, s);
      policyDetails.push(...evaluatedMembers.map((m) => m.state));
      const states = [...byResource.values()];
      assignments.push({
        policyAssignmentId: a.id.toLowerCase(),
        policySetDefinitionId: a.isInitiative ? a.policyDefinitionId.toLowerCase() : '',
        results: {
          nonCompliantResources: states.filter((s) => s === 'noncompliant').length,
          nonCompliantPolicies: evaluatedMembers.filter((m) => m.state === 'noncompliant').length,
          resourceDetails: details(states),
          policyDetails: details(evaluatedMembers.map((m) => m.state)),
          policyGroupDetails: [],
        },
        policyDefinitions: members.map(({ state: _s, evaluated: _e, ...m }) => m),
        policyGroups: [],
      });
    }
    const all = [...resourceStates.values()];
    const context = `${core.config.endpoint}${scope.split('/providers/Microsoft.Authorization/')[0]}/providers/Microsoft.PolicyInsights/policyStates/$metadata#summary/$entity`;
    return {
      status: 200,
      body: {
        '@odata.context': context,
        '@odata.count': 1,
        value: [
          {
            '@odata.id': null,
            '@odata.context': context,
            results: {
              queryResultsUri: `${core.config.endpoint}${scope}/providers/Microsoft.PolicyInsights/policyStates/latest/queryResults?api-version=${req.apiVersion}&$from=${new Date(Date.now() - 86_400_000).toISOString()}&$to=${new Date().toISOString()}&$filter=ComplianceState eq 'NonCompliant'`,
              nonCompliantResources: all.filter((s) => s === 'noncompliant').length,
              nonCompliantPolicies: policyDetails.filter((s) => s === 'noncompliant').length,
              resourceDetails: details(all),
              policyDetails: details(policyDetails),
              policyGroupDetails: [],
            },
            policyAssignments: assignments,
          },
        ],
      },
    };
  };
}
