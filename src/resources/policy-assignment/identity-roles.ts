import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { deterministicGuid } from '../../arm/deterministic-guid.js';
import { armCall, isNotFound, toArmCallError } from '../../arm/rest-errors.js';
import { ArmCallError } from '../../core/errors.js';
import type { KindEnv } from '../kind.js';
import { roleDefinitionId } from '../role-assignment/roles.js';

/**
 * The roles a deployIfNotExists or modify policy needs its assignment's identity to hold: the GUIDs of
 * `policyRule.then.details.roleDefinitionIds` (learn.microsoft.com azure/governance/policy/how-to/remediate-resources:
 * "the managed identity ... is granted the roles listed in roleDefinitionIds" by the portal, not by the API).
 */
export function policyRoleGuids(policyRule: any): string[] {
  const ids: unknown = policyRule?.then?.details?.roleDefinitionIds;
  return Array.isArray(ids) ? ids.map((id) => String(id).split('/').pop()!.toLowerCase()) : [];
}

/** Named by (scope, principal, role), so a re-run finds its own assignment instead of adding one. */
const nameOf = (scope: string, principalId: string, guid: string) => deterministicGuid('policy-identity', scope, principalId, guid);

/** Grants the identity its roles at the assignment's scope; principalType is sent so replication is no obstacle. */
export async function grantPolicyRoles(env: KindEnv, scope: string, principalId: string, guids: readonly string[]): Promise<void> {
  if (!guids.length) return;
  const client = await env.arm.client(AuthorizationManagementClient);
  const subscriptionId = scope.split('/')[2];
  for (const guid of guids) {
    try {
      await armCall(`Granting role ${guid} on ${scope.split('/').pop()} to the policy assignment's identity`, scope, () =>
        client.roleAssignments.create(scope, nameOf(scope, principalId, guid), { roleDefinitionId: roleDefinitionId(subscriptionId, guid), principalId, principalType: 'ServicePrincipal' }),
      );
    } catch (e) {
      // The same access under another name: what was asked exists.
      if (!(e instanceof ArmCallError && e.armCode === 'RoleAssignmentExists')) throw e;
    }
  }
}

/** Removes the roles azprov granted (they would otherwise outlive the identity as unknown principals). */
export async function revokePolicyRoles(env: KindEnv, scope: string, principalId: string, guids: readonly string[]): Promise<void> {
  if (!guids.length) return;
  const client = await env.arm.client(AuthorizationManagementClient);
  for (const guid of guids) {
    try {
      await client.roleAssignments.delete(scope, nameOf(scope, principalId, guid));
    } catch (e) {
      if (!isNotFound(e)) throw toArmCallError(`Removing role ${guid} of the policy assignment's identity`, e, scope);
    }
  }
}
