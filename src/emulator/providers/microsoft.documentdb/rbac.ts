import type { EmulatorCore } from '../../core.js';
import type { StoredResource } from '../../state.js';
import type { WriteContext } from '../../tracked.js';
import { accountIdOf } from './sql.js';
import { cosmosErrors } from './errors.js';

/**
 * Cosmos DB data-plane RBAC: SQL role definitions and role assignments [spec-cosmos] (rbac.json)
 * [rec-4] [doc-cosmos-ra] (arm-facts §5). Built-in data roles always exist on every account (U: GUIDs from the
 * Cosmos RBAC how-to). A role definition's `type` is returned as an integer (0 built-in, 1 custom) [rec-4].
 */

export const SQL_ROLE_DEFINITION_TYPE = 'Microsoft.DocumentDB/databaseAccounts/sqlRoleDefinitions';
export const SQL_ROLE_ASSIGNMENT_TYPE = 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const BUILT_IN_DATA_ROLES = [
  {
    guid: '00000000-0000-0000-0000-000000000001',
    roleName: 'Cosmos DB Built-in Data Reader',
    dataActions: [
      'Microsoft.DocumentDB/databaseAccounts/readMetadata',
      'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/executeQuery',
      'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/readChangeFeed',
      'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/items/read',
    ],
  },
  {
    guid: '00000000-0000-0000-0000-000000000002',
    roleName: 'Cosmos DB Built-in Data Contributor',
    dataActions: [
      'Microsoft.DocumentDB/databaseAccounts/readMetadata',
      'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/*',
      'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/items/*',
    ],
  },
] as const;

export function isBuiltInDataRole(guid: string): boolean {
  return BUILT_IN_DATA_ROLES.some((r) => r.guid === guid.toLowerCase());
}

export function builtInRoleBody(accountId: string, guid: string): Record<string, any> | undefined {
  const r = BUILT_IN_DATA_ROLES.find((x) => x.guid === guid.toLowerCase());
  if (!r) return undefined;
  return {
    id: `${accountId}/sqlRoleDefinitions/${r.guid}`,
    name: r.guid,
    type: SQL_ROLE_DEFINITION_TYPE,
    properties: { roleName: r.roleName, type: 0, assignableScopes: [accountId], permissions: [{ dataActions: [...r.dataActions], notDataActions: [] }] },
  };
}

/** `<accountId>`, `<accountId>/dbs/<db>` or `<accountId>/dbs/<db>/colls/<container>` (trailing slash tolerated [rec-4]). */
function normaliseDataScope(accountId: string, scope: unknown): string | undefined {
  if (typeof scope !== 'string') return undefined;
  const s = scope.replace(/\/+$/, '');
  if (s.toLowerCase() === accountId.toLowerCase()) return accountId;
  if (!s.toLowerCase().startsWith(accountId.toLowerCase() + '/')) return undefined;
  const rest = s.slice(accountId.length);
  return /^\/dbs\/[^/]+(\/colls\/[^/]+)?$/i.test(rest) ? accountId + rest : undefined;
}

export function validateRoleDefinitionName(name: string) {
  return GUID.test(name) ? undefined : cosmosErrors.badRequest(`The role definition id '${name}' is not a valid GUID.`);
}

export function validateSqlRoleDefinition(c: WriteContext): void {
  const name = String(c.resource.body.name);
  if (isBuiltInDataRole(name)) throw cosmosErrors.badRequest(`The built-in role definition '${name}' cannot be created, changed or deleted.`);
  const p = c.resource.body.properties;
  const accountId = accountIdOf(c.resource.id);
  if (typeof p.roleName !== 'string' || !p.roleName) throw cosmosErrors.badRequest("The 'roleName' property is required.");
  if (p.type !== undefined && p.type !== 'CustomRole') throw cosmosErrors.badRequest(`The role definition type '${p.type}' is invalid: only CustomRole definitions can be created.`);
  if (!Array.isArray(p.assignableScopes) || p.assignableScopes.length === 0) throw cosmosErrors.badRequest("The 'assignableScopes' property is required.");
  for (const s of p.assignableScopes) if (!normaliseDataScope(accountId, s)) throw cosmosErrors.badRequest(`The assignable scope '${s}' is not the account or a database or container of it.`);
  if (!Array.isArray(p.permissions) || p.permissions.length === 0) throw cosmosErrors.badRequest("The 'permissions' property is required.");
}

export function computeSqlRoleDefinition(c: WriteContext): void {
  const p = c.resource.body.properties;
  const accountId = accountIdOf(c.resource.id);
  c.resource.body.properties = {
    roleName: p.roleName,
    type: 'CustomRole',
    assignableScopes: p.assignableScopes.map((s: string) => normaliseDataScope(accountId, s)),
    permissions: p.permissions.map((x: any) => ({ dataActions: [...(x?.dataActions ?? [])], notDataActions: [...(x?.notDataActions ?? [])] })),
  };
}

/** `type` as the integer the service returns [rec-4]. */
export function presentSqlRoleDefinition(b: Record<string, any>): Record<string, any> {
  if (b.properties) b.properties.type = b.properties.type === 'BuiltInRole' ? 0 : 1;
  return b;
}

/** Reaches the directory through the registry only; undefined when Microsoft.ManagedIdentity is not loaded. */
interface Directory {
  isVisible(principalId: string, now?: number): boolean;
}

export function validateSqlRoleAssignment(core: EmulatorCore) {
  return (c: WriteContext): void => {
    const name = String(c.resource.body.name);
    if (!GUID.test(name)) throw cosmosErrors.badRequest(`The role assignment id '${name}' is not a valid GUID.`);
    const p = c.resource.body.properties;
    const accountId = accountIdOf(c.resource.id);
    for (const k of ['roleDefinitionId', 'scope', 'principalId']) if (typeof p[k] !== 'string' || !p[k]) throw cosmosErrors.badRequest(`The '${k}' property is required.`);
    const m = /^(.*)\/sqlRoleDefinitions\/([^/]+)$/i.exec(p.roleDefinitionId);
    const known = m && m[1].toLowerCase() === accountId.toLowerCase() && (isBuiltInDataRole(m[2]) || core.state.get(`${accountId}/sqlRoleDefinitions/${m[2]}`)?.visible);
    if (!known) throw cosmosErrors.badRequest(`The role definition '${p.roleDefinitionId}' does not exist in the database account '${accountId.split('/').pop()}'.`);
    if (!normaliseDataScope(accountId, p.scope)) {
      throw cosmosErrors.badRequest(`The scope '${p.scope}' is not valid: it must be the account id or a sub-path such as '${accountId}/dbs/<database>'.`);
    }
    if (!GUID.test(p.principalId)) throw cosmosErrors.badRequest(`The principal id '${p.principalId}' is not a valid GUID.`);
    const dir = core.registry.service<Directory>('microsoft.managedidentity/directory');
    // Cosmos DB looks the principal up in the tenant: code and message as the service answered them
    // (pulumi/pulumi-azure-native#2816, a just-created identity; a retry succeeded). Whether the refusal comes
    // on the PUT or as the failed operation is not shown there (U); the PUT keeps it, as the docs thread's
    // sibling check shows the wording of (MicrosoftDocs/azure-docs#122530).
    if (dir && !dir.isVisible(p.principalId)) {
      throw cosmosErrors.badRequest(`The provided principal ID [${p.principalId}] was not found in the AAD tenant(s) [${core.config.tenantId}] which are associated with the customer's subscription.`);
    }
    if (c.existing && c.existing.body.properties.principalId.toLowerCase() !== p.principalId.toLowerCase()) {
      throw cosmosErrors.badRequest('The principal of an existing role assignment cannot be changed.');
    }
  };
}

export function computeSqlRoleAssignment(c: WriteContext): void {
  const p = c.resource.body.properties;
  const accountId = accountIdOf(c.resource.id);
  const guid = p.roleDefinitionId.split('/').pop()!.toLowerCase();
  c.resource.body.properties = { roleDefinitionId: `${accountId}/sqlRoleDefinitions/${guid}`, scope: normaliseDataScope(accountId, p.scope), principalId: p.principalId };
}

/** Role assignments that use a custom role definition block its deletion (U wording). */
export function assignmentsUsing(core: EmulatorCore, roleDef: StoredResource): StoredResource[] {
  const id = roleDef.id.toLowerCase();
  const t = SQL_ROLE_ASSIGNMENT_TYPE.toLowerCase();
  return core.state.all().filter((r) => r.type.toLowerCase() === t && String(r.body.properties.roleDefinitionId).toLowerCase() === id);
}
