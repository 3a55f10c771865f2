import { acceptedVersions } from '../../api-versions.js';
import type { EmulatorCore } from '../../core.js';
import type { ApiVersionPolicy } from '../../router.js';
import { API_VERSIONS } from './api-versions.js';
import { AZURE_POLICY_ADDON_SERVICE, POLICY_INSIGHTS_BEHAVIOUR_SERVICE, createEvaluation } from './evaluation.js';
import { summarizeHandler } from './summarize.js';

export {
  AZURE_POLICY_ADDON_SERVICE,
  EVALUATION_DELAY_MS,
  POLICY_INSIGHTS_BEHAVIOUR_SERVICE,
  type AzurePolicyAddonService,
  type PolicyInsightsBehaviourService,
} from './evaluation.js';

/**
 * Microsoft.PolicyInsights: the latest policy states summary (summarize.ts) of the Azure Policy assignments
 * (read through Microsoft.Authorization's policy service), evaluated on AKS clusters (evaluation.ts).
 * Publishes `POLICY_INSIGHTS_BEHAVIOUR_SERVICE` (report violations in a cluster) and `AZURE_POLICY_ADDON_SERVICE`
 * (the add-on identity and state, for the AKS provider). api-versions: `./api-versions.ts`.
 */
export const POLICY_STATES_TYPE = 'Microsoft.PolicyInsights/policyStates';

const RG = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}';
const SUMMARIZE = '/providers/Microsoft.PolicyInsights/policyStates/latest/summarize';
const SCOPES = [
  '/subscriptions/{subscriptionId}',
  RG,
  '/subscriptions/{subscriptionId}/providers/{authorizationNamespace}/policyAssignments/{policyAssignmentName}',
  `${RG}/providers/{authorizationNamespace}/policyAssignments/{policyAssignmentName}`,
  ...[1, 2, 3].map((depth) => `${RG}/providers/{ns}` + Array.from({ length: depth }, (_, i) => `/{type${i}}/{name${i}}`).join('')),
];

export function registerPolicyInsightsProvider(core: EmulatorCore): void {
  const versions = acceptedVersions(API_VERSIONS, POLICY_STATES_TYPE);
  core.registry.registerType({
    type: POLICY_STATES_TYPE,
    namespace: 'Microsoft.PolicyInsights',
    apiVersions: versions,
    locations: [],
    present: (r) => structuredClone(r.body),
    onOperationComplete: () => undefined, // no operations
  });
  const evaluation = createEvaluation(core);
  core.registry.provide(POLICY_INSIGHTS_BEHAVIOUR_SERVICE, evaluation.behaviour);
  core.registry.provide(AZURE_POLICY_ADDON_SERVICE, evaluation.addon);
  const policy: ApiVersionPolicy = { versions, kind: 'provider', typeName: 'policyStates' };
  const handler = summarizeHandler(core, evaluation);
  for (const scope of SCOPES) core.router.add({ method: 'POST', template: `${scope}${SUMMARIZE}`, handler, apiVersions: policy, namespace: 'Microsoft.PolicyInsights' });
}
