import { acceptedVersions } from '../../api-versions.js';
import type { EmulatorCore } from '../../core.js';
import type { ApiVersionPolicy, ArmRequest, ArmResponse } from '../../router.js';
import { API_VERSIONS } from './api-versions.js';
import { POLICY_ASSIGNMENT_TYPE, policyAssignmentHandlers } from './policy-assignments.js';
import { POLICY_DEFINITION_TYPE, POLICY_SET_DEFINITION_TYPE, policyDefinitionHandlers } from './policy-definitions.js';
import { POLICY_SERVICE, createPolicyService } from './policy-service.js';

/**
 * Azure Policy in Microsoft.Authorization: built-in definitions and initiatives (policy-definitions.ts) and
 * assignments at any scope (policy-assignments.ts) [spec policy 2025-03-01]; publishes `POLICY_SERVICE`.
 * api-versions: `./api-versions.ts`.
 */
export function registerPolicy(core: EmulatorCore, scopes: readonly string[]): void {
  const versions = (type: string) => acceptedVersions(API_VERSIONS, type);
  for (const type of [POLICY_ASSIGNMENT_TYPE, POLICY_DEFINITION_TYPE, POLICY_SET_DEFINITION_TYPE]) {
    core.registry.registerType({
      type,
      namespace: 'Microsoft.Authorization',
      apiVersions: versions(type),
      locations: [],
      present: (r) => structuredClone(r.body),
      onOperationComplete: () => undefined, // synchronous types
    });
  }
  core.registry.provide(POLICY_SERVICE, createPolicyService(core));

  const policyOf = (type: string): ApiVersionPolicy => ({ versions: versions(type), kind: 'provider', typeName: type.split('/')[1] });
  const route = (method: string, template: string, handler: (req: ArmRequest) => ArmResponse, type: string) =>
    core.router.add({ method, template, handler, apiVersions: policyOf(type), namespace: 'Microsoft.Authorization' });

  const a = policyAssignmentHandlers(core);
  for (const scope of scopes) {
    const base = `${scope}/providers/Microsoft.Authorization/policyAssignments`;
    route('GET', base, a.list, POLICY_ASSIGNMENT_TYPE);
    route('PUT', `${base}/{policyAssignmentName}`, a.put, POLICY_ASSIGNMENT_TYPE);
    route('GET', `${base}/{policyAssignmentName}`, a.get, POLICY_ASSIGNMENT_TYPE);
    route('PATCH', `${base}/{policyAssignmentName}`, a.patch, POLICY_ASSIGNMENT_TYPE);
    route('DELETE', `${base}/{policyAssignmentName}`, a.delete, POLICY_ASSIGNMENT_TYPE);
  }
  for (const [kind, type, param] of [
    ['policyDefinitions', POLICY_DEFINITION_TYPE, 'policyDefinitionName'],
    ['policySetDefinitions', POLICY_SET_DEFINITION_TYPE, 'policySetDefinitionName'],
  ] as const) {
    const h = policyDefinitionHandlers(core, kind);
    for (const base of ['', '/subscriptions/{subscriptionId}']) {
      route('GET', `${base}/providers/Microsoft.Authorization/${kind}`, h.list, type);
      route('GET', `${base}/providers/Microsoft.Authorization/${kind}/{${param}}`, h.get, type);
    }
  }
}

