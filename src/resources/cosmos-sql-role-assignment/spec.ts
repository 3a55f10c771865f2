import { z } from 'zod';
import { baseResourceShape, referenceSchema, withFix } from '../common-spec.js';
import type { KindSpec, Reference } from '../kind.js';

/** Built-in Cosmos DB data-plane roles (sqlRoleDefinitions), arm-facts §5. */
export const COSMOS_BUILT_IN_ROLES = {
  DataReader: '00000000-0000-0000-0000-000000000001',
  DataContributor: '00000000-0000-0000-0000-000000000002',
} as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const cosmosSqlRoleAssignmentSchema = z
  .strictObject({
    ...baseResourceShape('cosmosSqlRoleAssignment'),
    // Named by a deterministic GUID of (scope, principal, role): the stack gives no name.
    name: z.string().optional().meta({ description: 'Leave out: azprov names the assignment after (scope, principal, role) so re-runs are no-ops.' }),
    account: referenceSchema('cosmosAccount'),
    principal: referenceSchema('userAssignedIdentity').meta({ description: 'The identity that gets the role (a userAssignedIdentity of the stack).' }),
    role: z
      .union([z.enum(['DataReader', 'DataContributor']), z.string().regex(GUID)], { error: withFix('unknown Cosmos DB data role.', 'use DataContributor, DataReader, or the GUID of a custom sqlRoleDefinition.') })
      .optional()
      .meta({ description: 'DataContributor (default), DataReader, or a custom role definition GUID.' }),
    database: referenceSchema('cosmosSqlDatabase').optional().meta({ description: 'Limit the role to one database (default: the whole account).' }),
  })
  .meta({ title: 'cosmosSqlRoleAssignment', description: 'A Cosmos DB data-plane role assignment (keyless access for an identity).' });

export type CosmosSqlRoleAssignmentSpec = z.infer<typeof cosmosSqlRoleAssignmentSchema>;

export function roleDefinitionGuid(s: CosmosSqlRoleAssignmentSpec): string {
  const role = s.role ?? 'DataContributor';
  return role in COSMOS_BUILT_IN_ROLES ? COSMOS_BUILT_IN_ROLES[role as keyof typeof COSMOS_BUILT_IN_ROLES] : role;
}

export const cosmosSqlRoleAssignmentOutputs = ['id', 'name'] as const;

export const cosmosSqlRoleAssignmentKind: KindSpec<CosmosSqlRoleAssignmentSpec & { name: string }> = {
  kind: 'cosmosSqlRoleAssignment',
  description: 'Cosmos DB data-plane role assignment',
  schema: cosmosSqlRoleAssignmentSchema as unknown as z.ZodType<CosmosSqlRoleAssignmentSpec & { name: string }>,
  outputs: cosmosSqlRoleAssignmentOutputs,
  references: (s) => {
    const refs: Reference[] = [
      { field: 'account', target: s.account, kind: 'cosmosAccount' },
      { field: 'principal', target: s.principal, kind: 'userAssignedIdentity' },
    ];
    if (s.database) refs.push({ field: 'database', target: s.database, kind: 'cosmosSqlDatabase' });
    return refs;
  },
  ownedThrough: (s) => s.account,
};
