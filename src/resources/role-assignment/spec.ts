import { z } from 'zod';
import type { Problem } from '../../core/errors.js';
import { baseResourceShape, LOGICAL_NAME, referenceSchema, withFix } from '../common-spec.js';
import type { KindSpec, Reference } from '../kind.js';
import { BUILT_IN_ROLES, roleGuid } from './roles.js';

export const roleAssignmentSchema = z
  .strictObject({
    ...baseResourceShape('roleAssignment'),
    name: z.string().optional().meta({ description: 'Leave out: azprov names it after (scope, principal, role) so re-runs are no-ops.' }),
    role: z
      .string()
      .refine((r) => roleGuid(r) !== undefined, { error: withFix('is not a built-in role azprov knows, nor a role definition GUID.', `use one of: ${Object.keys(BUILT_IN_ROLES).join(', ')}, or the role's GUID.`) })
      .meta({ description: "Role name (e.g. 'Network Contributor') or role definition GUID." }),
    scope: z
      .string()
      .meta({ description: 'Logical name of a resource of the stack, or the full id of a resource that exists outside it.' }),
    subnet: z.string().optional().meta({ description: 'With a virtualNetwork scope: narrow the scope to this subnet.' }),
    principal: referenceSchema('userAssignedIdentity').meta({ description: 'The identity that gets the role.' }),
  })
  .meta({ title: 'roleAssignment', description: 'An Azure role assignment (Microsoft.Authorization/roleAssignments); principalType is always sent.' });

export type RoleAssignmentSpec = z.infer<typeof roleAssignmentSchema> & { name: string };

export function scopeIsResourceId(scope: string): boolean {
  return scope.startsWith('/subscriptions/');
}

export const roleAssignmentOutputs = ['id', 'name'] as const;

export const roleAssignmentKind: KindSpec<RoleAssignmentSpec> = {
  kind: 'roleAssignment',
  description: 'Role assignment',
  schema: roleAssignmentSchema as unknown as z.ZodType<RoleAssignmentSpec>,
  outputs: roleAssignmentOutputs,
  references: (s) => {
    const refs: Reference[] = [{ field: 'principal', target: s.principal, kind: 'userAssignedIdentity' }];
    if (!scopeIsResourceId(s.scope)) refs.push({ field: 'scope', target: s.scope, kind: '*' });
    return refs;
  },
  // Role assignments carry no tags: they belong to the stack when their principal does.
  ownedThrough: (s) => s.principal,
  check: (s, lookup): Problem[] => {
    if (scopeIsResourceId(s.scope)) return [];
    if (!LOGICAL_NAME.test(s.scope)) {
      return [{ field: 'scope', reason: `'${s.scope}' is neither a logical name nor a resource id.`, fix: 'name a resource under resources:, or give the full /subscriptions/... id of an existing one.' }];
    }
    if (!lookup(s.scope)) return []; // reported as a dangling reference
    if (s.subnet && lookup(s.scope)?.kind !== 'virtualNetwork') return [{ field: 'subnet', reason: 'a subnet scope needs a virtualNetwork scope.', fix: 'set scope to the virtualNetwork, or remove subnet.' }];
    const subnets = (lookup(s.scope) as { subnets?: { name: string }[] } | undefined)?.subnets;
    if (s.subnet && !subnets?.some((x) => x.name === s.subnet)) return [{ field: 'subnet', reason: `the virtual network has no subnet '${s.subnet}'.`, fix: `use one of: ${(subnets ?? []).map((x) => x.name).join(', ') || '(none declared)'}.` }];
    return [];
  },
};
