import { AuthorizationManagementClient, type RoleAssignment } from '@azure/arm-authorization';
import { deterministicGuid } from '../../arm/deterministic-guid.js';
import { armCall, readOrUndefined } from '../../arm/rest-errors.js';
import { ArmCallError } from '../../core/errors.js';
import { KNOWN_AFTER_APPLY } from '../../core/plan.js';
import type { KindProvider, ResolvedSpec } from '../kind.js';
import { roleDefinitionId, roleGuid } from './roles.js';
import { scopeIsResourceId, type RoleAssignmentSpec } from './spec.js';

const MARKER = '/providers/Microsoft.Authorization/roleAssignments/';

export function scopeIdOf(r: ResolvedSpec<RoleAssignmentSpec>): string {
  const base = scopeIsResourceId(r.spec.scope) ? r.spec.scope : r.refs.get(r.spec.scope).id;
  return r.spec.subnet ? `${base}/subnets/${r.spec.subnet}` : base;
}

function split(id: string): { scope: string; name: string } {
  const i = id.toLowerCase().lastIndexOf(MARKER.toLowerCase());
  return { scope: id.slice(0, i), name: id.slice(i + MARKER.length) };
}

export const roleAssignmentProvider: KindProvider<RoleAssignmentSpec, RoleAssignment> = {
  // Named by a GUID of (scope, principal, role): a re-run finds its own assignment instead of adding one.
  resourceId: (r) => `${scopeIdOf(r)}${MARKER}${deterministicGuid(scopeIdOf(r), r.refs.get(r.spec.principal).id, roleGuid(r.spec.role)!)}`,

  async read(env, id) {
    const client = await env.arm.client(AuthorizationManagementClient);
    const { scope, name } = split(id);
    return readOrUndefined('role assignment', id, () => client.roleAssignments.get(scope, name));
  },

  desired: (r) => ({
    roleDefinitionId: roleDefinitionId(r.subscriptionId, roleGuid(r.spec.role)!).toLowerCase(),
    principalId: r.refs.get(r.spec.principal).outputs?.principalId ?? KNOWN_AFTER_APPLY,
  }),
  observed: (a) => ({ roleDefinitionId: a.roleDefinitionId?.toLowerCase(), principalId: a.principalId }),

  async put(env, id, r) {
    const client = await env.arm.client(AuthorizationManagementClient);
    const { scope, name } = split(id);
    const principalId = r.refs.get(r.spec.principal).outputs!.principalId;
    const roleDefinition = roleDefinitionId(r.subscriptionId, roleGuid(r.spec.role)!);
    try {
      // principalType is always sent: ARM then skips the directory lookup that fails with PrincipalNotFound
      // while a new identity replicates (arm-facts §7, issue-tf-2204).
      return await armCall(`Assigning ${r.spec.role} on ${scope.split('/').pop()} to ${r.spec.principal}`, id, () =>
        client.roleAssignments.create(scope, name, { roleDefinitionId: roleDefinition, principalId, principalType: 'ServicePrincipal' }),
      );
    } catch (e) {
      // The same principal, role and scope under another name: the access exists, which is what was asked.
      if (e instanceof ArmCallError && e.armCode === 'RoleAssignmentExists') {
        for await (const a of client.roleAssignments.listForScope(scope, { filter: `principalId eq '${principalId}'` })) {
          if (a.roleDefinitionId?.toLowerCase() === roleDefinition.toLowerCase() && a.scope?.toLowerCase() === scope.toLowerCase()) return a;
        }
      }
      throw e;
    }
  },

  async delete(env, id) {
    const client = await env.arm.client(AuthorizationManagementClient);
    const { scope, name } = split(id);
    await armCall('Deleting role assignment', id, () => client.roleAssignments.delete(scope, name));
  },

  outputs: (a) => ({ id: a.id!, name: a.name! }),
  tags: () => undefined,
};
