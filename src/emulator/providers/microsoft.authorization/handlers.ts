import type { EmulatorCore } from '../../core.js';
import { errors } from '../../errors.js';
import type { ArmRequest, ArmResponse } from '../../router.js';
import { type StoredResource, resourceKey } from '../../state.js';
import { parseFilter, requireObjectBody } from '../../tracked-helpers.js';
import { DIRECTORY_SERVICE, type DirectoryService } from '../microsoft.managedidentity/index.js';
import {
  GUID,
  ROLE_ASSIGNMENT_TYPE,
  allAssignments,
  assignmentScopeKey,
  resolveScope,
  roleDefinitionBody,
  roleDefinitionId,
  scopeChain,
  splitScopedPath,
} from './backend.js';
import { authErrors } from './errors.js';
import { BUILT_IN_ROLES, findRole } from './roles.js';

/** Request handlers of role assignments and role definitions at any scope [spec-auth] (arm-facts §7). */

const PRINCIPAL_TYPES = ['User', 'Group', 'ServicePrincipal', 'ForeignGroup', 'Device'];

export function authorizationHandlers(core: EmulatorCore, settings: { propagationMs: number }) {
  const directory = () => core.registry.service<DirectoryService>(DIRECTORY_SERVICE);

  const present = (r: StoredResource) => structuredClone(r.body);

  function find(scope: string, name: string): StoredResource | undefined {
    return core.state.get(`${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`);
  }

  return {
    putAssignment(req: ArmRequest): ArmResponse {
      const { scope: rawScope, name } = splitScopedPath(req.path, 'roleAssignments');
      if (!name || !GUID.test(name)) throw authErrors.invalidRoleAssignmentId(name ?? '');
      const scope = resolveScope(core, rawScope);
      const body = requireObjectBody(req.body);
      const input = body.properties;
      if (!input || typeof input !== 'object') throw authErrors.missingProperty('properties');
      for (const k of ['roleDefinitionId', 'principalId']) if (typeof input[k] !== 'string' || !input[k]) throw authErrors.missingProperty(`properties.${k}`);
      const role = findRole(input.roleDefinitionId);
      if (!role || !/\/roleDefinitions\/[^/]+$/i.test(input.roleDefinitionId)) throw authErrors.roleDefinitionDoesNotExist(String(input.roleDefinitionId).split('/').pop()!);
      const principalId = String(input.principalId);
      const roleDefId = roleDefinitionId(core.config.subscriptionId, role.guid);

      const existing = find(scope, name);
      // Names are unique beyond one scope: the same GUID at another scope is an update of scope [doc-rbac-ts].
      const elsewhere = allAssignments(core).find((r) => r.body.name.toLowerCase() === name.toLowerCase() && r.key !== existing?.key);
      if (elsewhere) throw authErrors.updateNotPermitted();
      if (existing) {
        const p = existing.body.properties;
        if (p.principalId.toLowerCase() !== principalId.toLowerCase() || findRole(p.roleDefinitionId)?.guid !== role.guid) throw authErrors.updateNotPermitted();
      }

      // principalType needs 2018-09-01-preview or later; with it ARM skips the directory lookup [doc-rbac-ts].
      const typeHonoured = req.apiVersion! >= '2018-09-01-preview';
      const sentType = typeHonoured ? input.principalType : undefined;
      if (sentType !== undefined && sentType !== null && !PRINCIPAL_TYPES.includes(sentType)) throw authErrors.invalidPrincipalType(sentType);
      let principalType: string | undefined = sentType ?? undefined;
      if (!principalType && !existing) {
        const dir = directory();
        if (dir) {
          if (!dir.isVisible(principalId)) throw authErrors.principalNotFound(principalId, core.config.tenantId);
          principalType = dir.principal(principalId)!.type;
        } else principalType = 'User'; // no directory loaded: the spec default
      }

      const scopeKey = resourceKey(scope);
      const dup = allAssignments(core).find(
        (r) =>
          r.key !== existing?.key &&
          assignmentScopeKey(r) === scopeKey &&
          String(r.body.properties.principalId).toLowerCase() === principalId.toLowerCase() &&
          findRole(r.body.properties.roleDefinitionId)?.guid === role.guid,
      );
      if (dup) throw authErrors.roleAssignmentExists(dup.body.name);

      const now = new Date().toISOString();
      const caller = req.principal?.objectId ?? null;
      const id = existing?.id ?? `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`;
      const props: Record<string, any> = {
        roleDefinitionId: roleDefId,
        principalId,
        principalType: principalType ?? existing?.body.properties.principalType ?? 'User',
        scope,
        condition: input.condition ?? null,
        conditionVersion: input.conditionVersion ?? (input.condition ? '2.0' : null),
        createdOn: existing?.body.properties.createdOn ?? now,
        updatedOn: now,
        createdBy: existing?.body.properties.createdBy ?? caller,
        updatedBy: caller,
        delegatedManagedIdentityResourceId: input.delegatedManagedIdentityResourceId ?? null,
        description: input.description ?? null,
      };
      const r: StoredResource = {
        key: resourceKey(id),
        id,
        type: ROLE_ASSIGNMENT_TYPE,
        subscriptionId: core.config.subscriptionId,
        resourceGroup: /\/resourceGroups\/([^/]+)/i.exec(scope)?.[1],
        body: { properties: props, id, type: ROLE_ASSIGNMENT_TYPE, name: existing?.body.name ?? name },
        secrets: { effectiveAt: existing?.secrets.effectiveAt ?? Date.now() + settings.propagationMs },
        etag: core.newEtag(),
        createdTime: existing?.createdTime ?? now,
        changedTime: now,
        // Extension resources are not listed by the generic `/resources` lists: kept out of them this way.
        visible: false,
      };
      core.state.put(r);
      return { status: existing ? 200 : 201, body: present(r) };
    },

    getAssignment(req: ArmRequest): ArmResponse {
      const { scope, name } = splitScopedPath(req.path, 'roleAssignments');
      const canonical = resolveScope(core, scope);
      const r = find(canonical, name!);
      if (!r) throw authErrors.roleAssignmentNotFound(name!);
      return { status: 200, body: present(r) };
    },

    deleteAssignment(req: ArmRequest): ArmResponse {
      const { scope, name } = splitScopedPath(req.path, 'roleAssignments');
      const canonical = resolveScope(core, scope);
      const r = find(canonical, name!);
      if (!r) return { status: 204 };
      core.deleteTree(r.id);
      return { status: 200, body: present(r) };
    },

    /**
     * List at a scope: without a filter, assignments at, above and below the scope; `atScope()` only at or
     * above; `principalId eq '<id>'` (also with `atScope()`), `assignedTo('<id>')` for one principal [spec-auth].
     */
    listAssignments(req: ArmRequest): ArmResponse {
      const { scope } = splitScopedPath(req.path, 'roleAssignments');
      const canonical = resolveScope(core, scope);
      let filter = req.query.get('$filter') ?? '';
      const atScope = /\batScope\(\)/i.test(filter);
      const assignedTo = /assignedTo\('([^']*)'\)/i.exec(filter)?.[1];
      filter = filter.replace(/\batScope\(\)/gi, '').replace(/assignedTo\('[^']*'\)/gi, '').replace(/^\s*and\s+|\s+and\s*$/gi, '').trim();
      const clauses = parseFilter(filter || null);
      const above = new Set(scopeChain(canonical));
      const key = resourceKey(canonical);
      const items = allAssignments(core)
        .filter((r) => {
          const s = assignmentScopeKey(r);
          return above.has(s) || (!atScope && s.startsWith(key + '/'));
        })
        .filter((r) => !assignedTo || String(r.body.properties.principalId).toLowerCase() === assignedTo.toLowerCase())
        .filter((r) =>
          clauses.every((c) => {
            const v = c.field === 'principalid' ? r.body.properties.principalId : c.field === 'roledefinitionid' ? r.body.properties.roleDefinitionId : undefined;
            if (v === undefined) throw errors.invalidFilter(req.query.get('$filter') ?? '');
            const eq = String(v).toLowerCase() === c.value.toLowerCase();
            return c.op === 'ne' ? !eq : eq;
          }),
        )
        .map(present);
      return { status: 200, body: core.page(req, items) };
    },

    getRoleDefinition(req: ArmRequest): ArmResponse {
      const { scope, name } = splitScopedPath(req.path, 'roleDefinitions');
      const canonical = scope === '/' ? '/' : resolveScope(core, scope);
      const role = findRole(name!);
      if (!role || !GUID.test(name!)) throw authErrors.roleDefinitionNotFound(name!);
      return { status: 200, body: roleDefinitionBody(role, canonical === '/' ? undefined : core.config.subscriptionId) };
    },

    /** `$filter=roleName eq '<name>'` (what `az role assignment create --role <name>` sends) or `type eq 'BuiltInRole'`. */
    listRoleDefinitions(req: ArmRequest): ArmResponse {
      const { scope } = splitScopedPath(req.path, 'roleDefinitions');
      const canonical = scope === '/' ? '/' : resolveScope(core, scope);
      const clauses = parseFilter(req.query.get('$filter'));
      const items = BUILT_IN_ROLES.filter((role) =>
        clauses.every((c) => {
          const v = c.field === 'rolename' ? role.roleName : c.field === 'type' ? 'BuiltInRole' : undefined;
          if (v === undefined) throw errors.invalidFilter(req.query.get('$filter') ?? '');
          const eq = v.toLowerCase() === c.value.toLowerCase();
          return c.op === 'ne' ? !eq : eq;
        }),
      ).map((role) => roleDefinitionBody(role, canonical === '/' ? undefined : core.config.subscriptionId));
      return { status: 200, body: { value: items } };
    },
  };
}
