import { CosmosDBManagementClient, type SqlRoleAssignmentGetResults } from '@azure/arm-cosmosdb';
import { deterministicGuid } from '../../arm/deterministic-guid.js';
import { parseResourceId } from '../../arm/ids.js';
import { armCall, readOrUndefined } from '../../arm/rest-errors.js';
import { KNOWN_AFTER_APPLY } from '../../core/plan.js';
import type { KindProvider, ResolvedSpec } from '../kind.js';
import { roleDefinitionGuid, type CosmosSqlRoleAssignmentSpec } from './spec.js';

type Spec = CosmosSqlRoleAssignmentSpec & { name: string };

function scopeOf(r: ResolvedSpec<Spec>): string {
  const account = r.refs.get(r.spec.account).id;
  return r.spec.database ? `${account}/dbs/${r.refs.get(r.spec.database).name}` : account;
}

function roleDefinitionId(r: ResolvedSpec<Spec>): string {
  return `${r.refs.get(r.spec.account).id}/sqlRoleDefinitions/${roleDefinitionGuid(r.spec)}`;
}

export const cosmosSqlRoleAssignmentProvider: KindProvider<Spec, SqlRoleAssignmentGetResults> = {
  // The name is a GUID of (scope, principal identity, role): the same on every run, so a re-run reads the
  // assignment it made instead of making a second one.
  resourceId: (r) => `${r.refs.get(r.spec.account).id}/sqlRoleAssignments/${deterministicGuid(scopeOf(r), r.refs.get(r.spec.principal).id, roleDefinitionGuid(r.spec))}`,

  async read(env, id) {
    const client = await env.arm.client(CosmosDBManagementClient);
    const { resourceGroup, names } = parseResourceId(id);
    return readOrUndefined('Cosmos DB role assignment', id, () => client.sqlResources.getSqlRoleAssignment(resourceGroup!, names[0], names[1]));
  },

  desired: (r) => ({
    roleDefinitionId: roleDefinitionId(r).toLowerCase(),
    scope: scopeOf(r).toLowerCase(),
    principalId: r.refs.get(r.spec.principal).outputs?.principalId ?? KNOWN_AFTER_APPLY,
  }),
  observed: (a) => ({ roleDefinitionId: a.roleDefinitionId?.toLowerCase(), scope: a.scope?.toLowerCase(), principalId: a.principalId }),

  async put(env, id, r) {
    const client = await env.arm.client(CosmosDBManagementClient);
    const { resourceGroup, names } = parseResourceId(id);
    const principalId = r.refs.get(r.spec.principal).outputs!.principalId;
    return armCall(`Writing Cosmos DB role assignment for ${r.spec.principal}`, id, () =>
      client.sqlResources.createUpdateSqlRoleAssignment(resourceGroup!, names[0], names[1], { roleDefinitionId: roleDefinitionId(r), scope: scopeOf(r), principalId }, env.arm.lroOptions()),
    );
  },

  async delete(env, id) {
    const client = await env.arm.client(CosmosDBManagementClient);
    const { resourceGroup, names } = parseResourceId(id);
    await armCall('Deleting Cosmos DB role assignment', id, () => client.sqlResources.deleteSqlRoleAssignment(resourceGroup!, names[0], names[1], env.arm.lroOptions()));
  },

  outputs: (a) => ({ id: a.id!, name: a.name! }),
  tags: () => undefined,
};
