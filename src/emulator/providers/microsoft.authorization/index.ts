import { acceptedVersions } from '../../api-versions.js';
import type { EmulatorCore } from '../../core.js';
import type { ApiVersionPolicy, ArmRequest, ArmResponse } from '../../router.js';
import { API_VERSIONS } from './api-versions.js';
import { ACCESS_SERVICE, ROLE_ASSIGNMENT_TYPE, ROLE_DEFINITION_TYPE, createAccessService } from './backend.js';
import { authorizationHandlers } from './handlers.js';
import { registerPolicy } from './policy.js';

export { ACCESS_SERVICE, type AccessService } from './backend.js';
export { BUILT_IN_ROLES } from './roles.js';
export { POLICY_SERVICE, type PolicyService, type PolicyAssignmentInfo } from './policy-service.js';

/**
 * Microsoft.Authorization: role assignments and (built-in) role definitions at any scope [spec-auth]
 * (arm-facts §7). Role assignment PUT 201 created / 200 updated, synchronous; DELETE 200 (204 absent).
 * Assignments live under their scope's id, so deleting the scope (resource, group) deletes them (cascade).
 * Publishes the access service (effective roles, with a propagation delay).
 * api-versions: `./api-versions.ts` (2022-04-01 is what arm-authorization 9.0.0 sends; 2020-04-01-preview and
 * 2018-01-01-preview the Azure CLI 2.45).
 */
export const ROLE_ASSIGNMENT_API_VERSIONS = acceptedVersions(API_VERSIONS, ROLE_ASSIGNMENT_TYPE);
export const ROLE_DEFINITION_API_VERSIONS = acceptedVersions(API_VERSIONS, ROLE_DEFINITION_TYPE);

/** Scope shapes served: subscription, group, and resources (top level and up to three levels of children). */
const RG = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}';
const RESOURCE_SCOPES = [RG, '/subscriptions/{subscriptionId}'].flatMap((base) =>
  [1, 2, 3, 4].map((depth) => `${base}/providers/{ns}` + Array.from({ length: depth }, (_, i) => `/{type${i}}/{name${i}}`).join('')),
);
const SCOPES = ['/subscriptions/{subscriptionId}', RG, ...RESOURCE_SCOPES];

export function registerAuthorizationProvider(core: EmulatorCore): void {
  const settings = { propagationMs: 0 };
  core.registry.provide(ACCESS_SERVICE, createAccessService(core, settings));
  core.registry.registerType({
    type: ROLE_ASSIGNMENT_TYPE,
    namespace: 'Microsoft.Authorization',
    apiVersions: ROLE_ASSIGNMENT_API_VERSIONS,
    locations: [],
    present: (r) => structuredClone(r.body),
    onOperationComplete: () => undefined, // synchronous type: no operations
  });
  core.registry.registerType({
    type: 'Microsoft.Authorization/roleDefinitions',
    namespace: 'Microsoft.Authorization',
    apiVersions: ROLE_DEFINITION_API_VERSIONS,
    locations: [],
    present: (r) => structuredClone(r.body),
    onOperationComplete: () => undefined,
  });

  const h = authorizationHandlers(core, settings);
  const ra: ApiVersionPolicy = { versions: ROLE_ASSIGNMENT_API_VERSIONS, kind: 'provider', typeName: 'roleAssignments' };
  const rd: ApiVersionPolicy = { versions: ROLE_DEFINITION_API_VERSIONS, kind: 'provider', typeName: 'roleDefinitions' };
  const route = (method: string, template: string, handler: (req: ArmRequest) => ArmResponse, apiVersions: ApiVersionPolicy) =>
    core.router.add({ method, template, handler, apiVersions, namespace: 'Microsoft.Authorization' });

  for (const scope of SCOPES) {
    const a = `${scope}/providers/Microsoft.Authorization/roleAssignments`;
    route('GET', a, h.listAssignments, ra);
    route('PUT', `${a}/{roleAssignmentName}`, h.putAssignment, ra);
    route('GET', `${a}/{roleAssignmentName}`, h.getAssignment, ra);
    route('DELETE', `${a}/{roleAssignmentName}`, h.deleteAssignment, ra);
    const d = `${scope}/providers/Microsoft.Authorization/roleDefinitions`;
    route('GET', d, h.listRoleDefinitions, rd);
    route('GET', `${d}/{roleDefinitionId}`, h.getRoleDefinition, rd);
  }
  // Tenant root (`/`): built-in role definitions only.
  route('GET', '/providers/Microsoft.Authorization/roleDefinitions', h.listRoleDefinitions, rd);
  route('GET', '/providers/Microsoft.Authorization/roleDefinitions/{roleDefinitionId}', h.getRoleDefinition, rd);
  registerPolicy(core, SCOPES);
}
