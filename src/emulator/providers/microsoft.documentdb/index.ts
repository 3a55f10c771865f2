import type { EmulatorCore } from '../../core.js';
import { normaliseLocation } from '../../core.js';
import type { ArmRequest, ArmResponse, Route } from '../../router.js';
import { type PathContext, registerResourceType, resourceNotFound } from '../../tracked.js';
import { ACCOUNT_TYPE, computeAccount, keyActions, onAccountProvisioned, validateAccount, validateAccountName } from './account.js';
import { CosmosFlatError } from './errors.js';
import {
  SQL_ROLE_ASSIGNMENT_TYPE,
  SQL_ROLE_DEFINITION_TYPE,
  BUILT_IN_DATA_ROLES,
  builtInRoleBody,
  computeSqlRoleAssignment,
  computeSqlRoleDefinition,
  isBuiltInDataRole,
  presentSqlRoleDefinition,
  validateRoleDefinitionName,
  validateSqlRoleAssignment,
  validateSqlRoleDefinition,
} from './rbac.js';
import { CONTAINER_TYPE, DATABASE_TYPE, accountIdOf, computeContainer, computeDatabase, cosmosErrorsNotFound, throughputHandlers, validateContainer, validateDatabase } from './sql.js';

/**
 * Microsoft.DocumentDB (API for NoSQL) [spec-cosmos] (arm-facts §5):
 * - databaseAccounts: PUT **200 only** with `provisioningState: Creating`, `Azure-AsyncOperation`
 *   (`…/locations/{loc}/operationsStatus/{id}`) and `Location` (`…/operationResults/{id}`), polls answer
 *   `Dequeued` until `Succeeded` [rec-3] [rec-4]; PATCH 200 LRO; DELETE 202 (204 absent) LRO; POST listKeys,
 *   listConnectionStrings, readonlykeys (also GET), listReadOnlyKeys.
 * - sqlDatabases, containers, sqlRoleDefinitions, sqlRoleAssignments: PUT **202** with body
 *   `{"status":"Enqueued"}` and both headers, DELETE 202 likewise [rec-3] [rec-4]; missing children answer the
 *   bare Cosmos 404 (arm-facts §1.3).
 * Retry-After: the real service sends none; the core's LRO engine sends its own (0 with the instant profile).
 * Durations: account create from the latency table; child operations use the sqlDatabases key (≤ 30 s each
 * [rec-3] [rec-4]); account update/delete fall back to the table's default.
 */
export const COSMOS_API_VERSIONS = [
  '2021-04-15', '2021-05-15', '2021-06-15', '2021-10-15', '2022-05-15', '2022-08-15', '2022-08-15-preview', '2022-11-15',
  '2023-04-15', '2023-09-15', '2023-11-15', '2024-05-15', '2024-08-15', '2024-11-15', '2025-04-15', '2025-10-15', '2026-03-15',
] as const;

const ACCOUNT = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DocumentDB/databaseAccounts/{accountName}';
const CHILD_KEY = 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases:create';

/** Wraps the generic handler's routes: Cosmos-shaped 404s, the `Enqueued` body of 202s, extra per-route hooks. */
function cosmosCore(core: EmulatorCore, opts: { enqueuedBody: boolean; around?: (route: Route, req: ArmRequest, next: () => Promise<ArmResponse>) => Promise<ArmResponse> }): EmulatorCore {
  const router = {
    add: (route: Route) =>
      core.router.add({
        ...route,
        handler: async (req: ArmRequest) => {
          let res: ArmResponse;
          try {
            const next = async () => route.handler(req);
            res = opts.around ? await opts.around(route, req, next) : await next();
          } catch (e) {
            if (e instanceof CosmosFlatError) return { status: e.status, headers: e.extra.headers, body: { code: e.code, message: e.message } };
            throw e;
          }
          if (opts.enqueuedBody && res.status === 202 && res.body === undefined && res.headers?.['Azure-AsyncOperation']) res = { ...res, body: { status: 'Enqueued' } };
          return res;
        },
      }),
  };
  return Object.create(core, { router: { value: router } }) as EmulatorCore;
}

export function registerDocumentDbProvider(core: EmulatorCore): void {
  const statusPath = (c: PathContext) => {
    const account = core.state.get(accountIdOf(c.resourceId));
    const loc = normaliseLocation(String(account?.body.location ?? c.location));
    return `/subscriptions/${c.subscriptionId}/providers/Microsoft.DocumentDB/locations/${loc}/operationsStatus/${c.opId}`;
  };
  const resultPath = (c: PathContext) => `${c.resourceId}/operationResults/${c.opId}`;
  const child = cosmosCore(core, { enqueuedBody: true });
  const accountCore = cosmosCore(core, { enqueuedBody: false });
  const notFound = (_name: string, req: ArmRequest) => cosmosErrorsNotFound(req);

  registerResourceType(accountCore, {
    type: ACCOUNT_TYPE,
    item: ACCOUNT,
    listBySubscription: '/subscriptions/{subscriptionId}/providers/Microsoft.DocumentDB/databaseAccounts',
    apiVersions: COSMOS_API_VERSIONS,
    create: { mode: 'both', status: 200, inProgressWord: 'Dequeued', provisioningState: 'Creating', durationKey: `${ACCOUNT_TYPE}:create` },
    replace: { mode: 'both', status: 200, inProgressWord: 'Dequeued', provisioningState: 'Updating', durationKey: `${ACCOUNT_TYPE}:update` },
    patch: { mode: 'both', status: 200, inProgressWord: 'Dequeued', provisioningState: 'Updating', durationKey: `${ACCOUNT_TYPE}:update` },
    delete: { mode: 'both', status: 202, absentStatus: 204, inProgressWord: 'Dequeued', provisioningState: 'Deleting', durationKey: `${ACCOUNT_TYPE}:delete` },
    statusPath,
    resultPath,
    validateName: validateAccountName,
    validate: validateAccount(core),
    compute: computeAccount,
    onProvisioned: onAccountProvisioned,
    actions: keyActions(),
  });
  // GET readonlykeys is in the spec besides the POST.
  const readonly = keyActions().readonlykeys;
  core.router.add({
    method: 'GET',
    template: `${ACCOUNT}/readonlykeys`,
    namespace: 'Microsoft.DocumentDB',
    apiVersions: { versions: COSMOS_API_VERSIONS, kind: 'provider', typeName: 'databaseAccounts' },
    handler: (req) => {
      core.requireResourceGroup(req.params.subscriptionId, req.params.resourceGroupName);
      const r = core.state.get(req.path.replace(/\/readonlykeys$/i, ''));
      if (!r || !r.visible) throw resourceNotFound(req, req.params.accountName);
      return readonly(req, r);
    },
  });

  const childOps = (inProgressWord = 'Enqueued') => ({
    create: { mode: 'both' as const, status: 202, inProgressWord, durationKey: CHILD_KEY },
    replace: { mode: 'both' as const, status: 202, inProgressWord, durationKey: CHILD_KEY },
    delete: { mode: 'both' as const, status: 202, absentStatus: 204, inProgressWord, durationKey: CHILD_KEY },
  });
  const childBase = { tracked: false, systemData: false, provisioningState: false, apiVersions: COSMOS_API_VERSIONS, statusPath, resultPath, notFound };

  registerResourceType(child, {
    ...childBase,
    ...childOps(),
    type: DATABASE_TYPE,
    item: `${ACCOUNT}/sqlDatabases/{databaseName}`,
    validate: validateDatabase(core),
    compute: computeDatabase,
  });
  registerResourceType(child, {
    ...childBase,
    ...childOps(),
    type: CONTAINER_TYPE,
    item: `${ACCOUNT}/sqlDatabases/{databaseName}/containers/{containerName}`,
    validate: validateContainer(core),
    compute: computeContainer,
  });
  const tp = throughputHandlers(core);
  const tpPolicy = { versions: COSMOS_API_VERSIONS, kind: 'provider' as const, typeName: 'databaseAccounts/sqlDatabases/throughputSettings' };
  for (const [method, handler] of [['GET', tp.get], ['PUT', tp.put]] as const) {
    child.router.add({ method, template: `${ACCOUNT}/sqlDatabases/{databaseName}/throughputSettings/default`, handler, apiVersions: tpPolicy, namespace: 'Microsoft.DocumentDB' });
  }

  // Role definitions: the built-in data roles exist on every account without being stored.
  const roleDefCore = cosmosCore(core, {
    enqueuedBody: true,
    around: async (route, req, next) => {
      const accountId = req.path.replace(/\/sqlRoleDefinitions(\/[^/]*)?$/i, '');
      const account = core.state.get(accountId);
      if (route.method !== 'GET' || !account?.visible) return next();
      const name = req.params.roleDefinitionId;
      if (name !== undefined) return isBuiltInDataRole(name) ? { status: 200, body: builtInRoleBody(account.id, name) } : next();
      const res = await next();
      const page = res.body as { value: unknown[] };
      if (!req.query.get('$skiptoken')) page.value = [...BUILT_IN_DATA_ROLES.map((r) => builtInRoleBody(account.id, r.guid)), ...page.value];
      return res;
    },
  });
  registerResourceType(roleDefCore, {
    ...childBase,
    ...childOps(),
    type: SQL_ROLE_DEFINITION_TYPE,
    item: `${ACCOUNT}/sqlRoleDefinitions/{roleDefinitionId}`,
    validateName: validateRoleDefinitionName,
    validate: validateSqlRoleDefinition,
    compute: computeSqlRoleDefinition,
    present: presentSqlRoleDefinition,
  });
  registerResourceType(child, {
    ...childBase,
    ...childOps(),
    type: SQL_ROLE_ASSIGNMENT_TYPE,
    item: `${ACCOUNT}/sqlRoleAssignments/{roleAssignmentId}`,
    validate: validateSqlRoleAssignment(core),
    compute: computeSqlRoleAssignment,
  });
}
