import { CosmosDBManagementClient, type DatabaseAccountGetResults } from '@azure/arm-cosmosdb';
import { parseResourceId } from '../../arm/ids.js';
import { readOrUndefined } from '../../arm/rest-errors.js';
import type { Problem } from '../../core/errors.js';
import type { CosmosSqlRoleAssignmentSpec } from '../cosmos-sql-role-assignment/spec.js';
import { consistencyProblem } from '../cosmos-state-store/rules.js';
import type { KindEnv, ResolvedSpec } from '../kind.js';
import { authProblems, cosmosTarget, partitionKeyProblem, stackAccountOf, stackContainerOf, type CosmosTarget } from './cosmos-check.js';
import type { DaprComponentSpec } from './spec.js';

/** The account the component names, read from Azure: by the stack's `existing` reference, else by name. */
async function findAccount(env: KindEnv, r: ResolvedSpec<DaprComponentSpec>, t: CosmosTarget, logical: string | undefined) {
  const client = await env.arm.client(CosmosDBManagementClient);
  if (logical) {
    const id = r.refs.get(logical).id;
    const { resourceGroup, names } = parseResourceId(id);
    return readOrUndefined('Cosmos DB account', id, () => client.databaseAccounts.get(resourceGroup!, names[0]));
  }
  // A literal endpoint names the account globally (<name>.documents.azure.com), not its group: one list.
  for await (const a of client.databaseAccounts.list()) if (a.name?.toLowerCase() === t.accountName) return a;
  return undefined;
}

/**
 * The Dapr/Cosmos rules for an account outside the stack (or `existing: true`): read the account, its
 * container and role assignments before any write, so a wrong partition key fails here and not in Dapr.
 */
export async function cosmosComponentPreflight(env: KindEnv, r: ResolvedSpec<DaprComponentSpec>): Promise<Problem[]> {
  const all = env.stack.resources;
  // The stack's own spec: the resolved one has its ${...} replaced by values.
  const t = cosmosTarget((all[env.resource] as DaprComponentSpec | undefined) ?? r.spec);
  if (!t || !t.database?.name || !t.collection?.name) return [];
  const logical = stackAccountOf(t, all);
  if (logical && !all[logical].existing) return []; // the stack makes it: validation checked everything
  if (!logical && !t.accountName) return [];
  const account: DatabaseAccountGetResults | undefined = await findAccount(env, r, t, logical);
  if (!account) {
    return [{ field: t.urlField, reason: `the Cosmos DB account '${logical ?? t.accountName}' the url names does not exist in subscription ${env.arm.subscriptionId}.`, fix: 'fix the url, or add the account to the stack.' }];
  }
  const p: Problem[] = [];
  const { resourceGroup } = parseResourceId(account.id!);
  const client = await env.arm.client(CosmosDBManagementClient);
  const planned = logical ? stackContainerOf(t, logical, all).container : undefined;
  if (!planned) {
    const id = `${account.id}/sqlDatabases/${t.database.name}/containers/${t.collection.name}`;
    const container = await readOrUndefined('Cosmos DB container', id, () => client.sqlResources.getSqlContainer(resourceGroup!, account.name!, t.database!.name, t.collection!.name));
    if (!container) p.push({ field: t.collection.field, reason: `account '${account.name}' has no container '${t.collection.name}' in database '${t.database.name}', and the stack does not make one.`, fix: `create it with partitionKey: /partitionKey (a cosmosSqlContainer in the stack), or fix database / collection.` });
    else {
      const pk = partitionKeyProblem(t, container.resource?.partitionKey?.paths, `in Azure, account ${account.name}`);
      if (pk) p.push(pk);
    }
  }
  if (t.consistency) {
    const c = consistencyProblem(t.consistency.value, account.consistencyPolicy?.defaultConsistencyLevel, t.consistency.field);
    if (c) p.push(c);
  }
  const hasRole = async (identity: string): Promise<boolean> => {
    const inStack = Object.values(all).some((x) => x.kind === 'cosmosSqlRoleAssignment' && (x as CosmosSqlRoleAssignmentSpec).principal === identity && (x as CosmosSqlRoleAssignmentSpec).account === logical);
    if (inStack) return true;
    const principalId = r.refs.get(identity).outputs?.principalId;
    if (!principalId) return false; // a new identity cannot hold a role yet
    for await (const a of client.sqlResources.listSqlRoleAssignments(resourceGroup!, account.name!)) if (a.principalId === principalId) return true;
    return false;
  };
  const identityRef = t.clientId?.identityRef;
  const roleHeld = identityRef && all[identityRef]?.kind === 'userAssignedIdentity' ? await hasRole(identityRef) : undefined;
  p.push(...authProblems(t, { name: account.name!, disableLocalAuth: account.disableLocalAuth }, () => roleHeld));
  return p;
}
