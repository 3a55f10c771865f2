import type { Problem } from '../../core/errors.js';
import type { CosmosAccountSpec } from '../cosmos-account/spec.js';
import { partitionKeyPaths, type CosmosSqlContainerSpec } from '../cosmos-sql-container/spec.js';
import type { CosmosSqlDatabaseSpec } from '../cosmos-sql-database/spec.js';
import type { CosmosSqlRoleAssignmentSpec } from '../cosmos-sql-role-assignment/spec.js';
import { consistencyProblem, keyAuthDisabledProblem } from '../cosmos-state-store/rules.js';
import type { BaseResourceSpec } from '../kind.js';
import type { DaprComponentSpec } from './spec.js';

/**
 * A `state.azure.cosmosdb` component however it is written: the same rules as the one-call cosmosStateStore,
 * checked against the account, database and container its metadata names. Dapr's Cosmos DB state store
 * needs the partition key `/partitionKey` (dapr/docs#668, components-contrib#1794).
 */
export const COSMOS_STATE_TYPE = 'state.azure.cosmosdb';
export const DAPR_PARTITION_KEY = '/partitionKey';

export interface CosmosTarget {
  /** Where the account is named: metadata index of `url`. */
  urlField: string;
  /** Logical name of the account when the url is `${<account>.documentEndpoint}`. */
  accountRef?: string;
  /** The account's Azure name when the url is a literal endpoint. */
  accountName?: string;
  database?: { field: string; name: string };
  collection?: { field: string; name: string };
  clientId?: { field: string; value: string; identityRef?: string };
  masterKey?: { field: string; secretRef?: string };
  consistency?: { field: string; value: string };
}

const ENDPOINT = /^https:\/\/([a-z0-9-]+)\.documents\.azure\.com(?::443)?\/?$/i;
const REF = /^\$\{([A-Za-z][A-Za-z0-9_-]*)\.([A-Za-z][A-Za-z0-9]*)\}$/;

/** What the component's metadata says about its Cosmos DB target, or undefined for another type. */
export function cosmosTarget(s: DaprComponentSpec): CosmosTarget | undefined {
  if (s.componentType !== COSMOS_STATE_TYPE) return undefined;
  const t: CosmosTarget = { urlField: 'metadata' };
  (s.metadata ?? []).forEach((m, i) => {
    const field = `metadata.${i}`;
    const v = m.value ?? '';
    switch (m.name) {
      case 'url': {
        t.urlField = `${field}.value`;
        const ref = REF.exec(v);
        if (ref && ref[2] === 'documentEndpoint') t.accountRef = ref[1];
        else t.accountName = ENDPOINT.exec(v)?.[1]?.toLowerCase();
        break;
      }
      case 'database':
        t.database = { field: `${field}.value`, name: v };
        break;
      case 'collection':
        t.collection = { field: `${field}.value`, name: v };
        break;
      case 'azureClientId': {
        const ref = REF.exec(v);
        t.clientId = { field: `${field}.value`, value: v, identityRef: ref && ref[2] === 'clientId' ? ref[1] : undefined };
        break;
      }
      case 'masterKey':
        t.masterKey = { field, secretRef: m.secretRef };
        break;
      case 'consistency':
        t.consistency = { field: `${field}.value`, value: v };
        break;
    }
  });
  return t;
}

/** The logical name of the stack's account the component points at, if any. */
export function stackAccountOf(t: CosmosTarget, all: Readonly<Record<string, BaseResourceSpec>>): string | undefined {
  if (t.accountRef) return all[t.accountRef]?.kind === 'cosmosAccount' ? t.accountRef : undefined;
  if (!t.accountName) return undefined;
  return Object.entries(all).find(([, r]) => r.kind === 'cosmosAccount' && r.name.toLowerCase() === t.accountName)?.[0];
}

function find<T extends BaseResourceSpec>(all: Readonly<Record<string, BaseResourceSpec>>, kind: string, pick: (r: T) => boolean): [string, T] | undefined {
  return Object.entries(all).find(([, r]) => r.kind === kind && pick(r as T)) as [string, T] | undefined;
}

/** The database and container of the stack the component names, by Azure name under its account. */
export function stackContainerOf(t: CosmosTarget, account: string, all: Readonly<Record<string, BaseResourceSpec>>) {
  const db = t.database ? find<CosmosSqlDatabaseSpec>(all, 'cosmosSqlDatabase', (r) => r.account === account && r.name === t.database!.name) : undefined;
  const container = db && t.collection ? find<CosmosSqlContainerSpec>(all, 'cosmosSqlContainer', (r) => r.database === db[0] && r.name === t.collection!.name) : undefined;
  return { db, container };
}

/** The partition key rule, for a container of the stack or one read from Azure. */
export function partitionKeyProblem(t: CosmosTarget, paths: readonly string[] | undefined, where: string): Problem | undefined {
  if (!paths || (paths.length === 1 && paths[0] === DAPR_PARTITION_KEY)) return undefined;
  return {
    field: t.collection?.field ?? t.urlField,
    reason: `the container '${t.collection?.name}' (${where}) has partition key ${paths.join(', ')}; Dapr's Cosmos DB state store writes '${DAPR_PARTITION_KEY}' and fails with any other.`,
    fix: `make a container with partitionKey: ${DAPR_PARTITION_KEY} (a partition key cannot be changed in place) and name it in 'collection'.`,
  };
}

/** Auth: an identity with a data-plane role, or a key through a secret reference (never a plain value). */
export function authProblems(t: CosmosTarget, account: { name: string; disableLocalAuth?: boolean }, hasRole: (identityRef: string) => boolean | undefined): Problem[] {
  const p: Problem[] = [];
  if (!t.clientId && !t.masterKey) p.push({ field: t.urlField, reason: 'the component gives neither azureClientId nor masterKey, so Dapr cannot authenticate to Cosmos DB.', fix: "add azureClientId: ${<identity>.clientId} (with a cosmosSqlRoleAssignment for it), or masterKey with a secretRef." });
  if (t.masterKey) {
    if (!t.masterKey.secretRef) p.push({ field: t.masterKey.field, reason: 'masterKey must come from a secret.', fix: 'put the key in secrets (fromCosmosAccount) and use secretRef.' });
    if (account.disableLocalAuth) p.push(keyAuthDisabledProblem(t.masterKey.field, account.name));
  }
  if (t.clientId?.identityRef && hasRole(t.clientId.identityRef) === false) {
    p.push({
      field: t.clientId.field,
      reason: `the identity '${t.clientId.identityRef}' holds no Cosmos DB data-plane role on the account '${account.name}', so Dapr is refused (403).`,
      fix: `add { kind: cosmosSqlRoleAssignment, account: <the account>, principal: ${t.clientId.identityRef}, role: DataContributor }.`,
    });
  }
  return p;
}

/**
 * The validation-time part: everything the stack itself says. An account outside the stack, or one marked
 * `existing: true` whose parts are not in the stack, is checked in Azure by the provider's preflight.
 */
export function checkCosmosComponent(s: DaprComponentSpec, all: Readonly<Record<string, BaseResourceSpec>>): Problem[] {
  const t = cosmosTarget(s);
  if (!t) return [];
  const p: Problem[] = [];
  for (const key of ['database', 'collection'] as const) {
    if (!t[key]?.name) p.push({ field: t[key]?.field ?? 'metadata', reason: `a ${COSMOS_STATE_TYPE} component needs the '${key}' metadata.`, fix: `add { name: ${key}, value: <${key === 'database' ? 'database' : 'container'} name> }.` });
  }
  if (t.accountRef && all[t.accountRef] && all[t.accountRef].kind !== 'cosmosAccount') p.push({ field: t.urlField, reason: `'${t.accountRef}' is a ${all[t.accountRef].kind}, not a cosmosAccount.`, fix: 'name a cosmosAccount: ${<account>.documentEndpoint}.' });
  const accountName = stackAccountOf(t, all);
  if (!accountName || p.length) return p;
  const account = all[accountName] as CosmosAccountSpec;
  const { db, container } = stackContainerOf(t, accountName, all);
  if (!account.existing) {
    if (!db) p.push({ field: t.database!.field, reason: `no cosmosSqlDatabase named '${t.database!.name}' of account '${accountName}' is in the stack, and the account is new, so the database cannot exist.`, fix: `add { kind: cosmosSqlDatabase, name: ${t.database!.name}, account: ${accountName} }, or fix the name.` });
    else if (!container) p.push({ field: t.collection!.field, reason: `no cosmosSqlContainer named '${t.collection!.name}' of database '${db[0]}' is in the stack, and the account is new, so the container cannot exist.`, fix: `add { kind: cosmosSqlContainer, name: ${t.collection!.name}, database: ${db[0]}, partitionKey: ${DAPR_PARTITION_KEY} }, or fix the name.` });
  }
  if (container) {
    const pk = partitionKeyProblem(t, partitionKeyPaths(container[1]), `resources.${container[0]}`);
    if (pk) p.push(pk);
  }
  if (t.consistency) {
    const c = consistencyProblem(t.consistency.value, account.consistency, t.consistency.field);
    if (c) p.push(c);
  }
  const roleInStack = (identity: string) =>
    Object.values(all).some((r) => r.kind === 'cosmosSqlRoleAssignment' && (r as CosmosSqlRoleAssignmentSpec).principal === identity && (r as CosmosSqlRoleAssignmentSpec).account === accountName);
  // Roles of an existing account may be in Azure already: that is the preflight's to read.
  p.push(...authProblems(t, { name: accountName, disableLocalAuth: account.disableLocalAuth }, (id) => (roleInStack(id) ? true : account.existing ? undefined : false)));
  return p;
}
