import type { EmulatorCore } from '../../core.js';
import { errors } from '../../errors.js';
import { type StoredResource, resourceKey } from '../../state.js';
import { type RoleDefinitionData, findRole, roleAllows, roleCovers } from './roles.js';

/** Scopes, role-assignment state and the access service of Microsoft.Authorization. */

export const ROLE_ASSIGNMENT_TYPE = 'Microsoft.Authorization/roleAssignments';
export const ROLE_DEFINITION_TYPE = 'Microsoft.Authorization/roleDefinitions';
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Splits `<scope>/providers/Microsoft.Authorization/<kind>[/<name>]` (percent-decoded). */
export function splitScopedPath(path: string, kind: 'roleAssignments' | 'roleDefinitions'): { scope: string; name?: string } {
  const decoded = path.split('/').map((s) => decodeURIComponent(s)).join('/');
  const m = new RegExp(`^(.*)/providers/Microsoft\\.Authorization/${kind}(?:/([^/]+))?$`, 'i').exec(decoded);
  if (!m) throw errors.noRoute(path);
  return { scope: m[1] || '/', name: m[2] };
}

/**
 * The scope must exist, as ARM checks before the RP sees the request: subscription (checked by the
 * server), resource group (404 ResourceGroupNotFound) or a resource (404 ResourceNotFound [rec-2]).
 * Returns the scope with the casing of what exists.
 */
export function resolveScope(core: EmulatorCore, scope: string): string {
  const parts = scope.split('/').filter(Boolean);
  if (parts.length === 0 || parts[0].toLowerCase() !== 'subscriptions') throw errorsFor(scope);
  const sub = `/subscriptions/${parts[1]}`;
  if (parts.length === 2) return sub;
  if (parts[2].toLowerCase() !== 'resourcegroups' && parts[2].toLowerCase() !== 'providers') throw errorsFor(scope);
  let rg: string | undefined;
  if (parts[2].toLowerCase() === 'resourcegroups') {
    if (!parts[3]) throw errorsFor(scope);
    const group = core.requireResourceGroup(core.config.subscriptionId, parts[3]);
    rg = group.body.name;
    if (parts.length === 4) return group.id;
  }
  const r = core.state.get(scope);
  if (!r || !r.visible) {
    const m = /\/providers\/(.+)$/i.exec(scope);
    const tail = m ? m[1].split('/') : [scope];
    throw errors.resourceNotFound(tail.slice(0, -1).join('/'), tail[tail.length - 1], rg ?? '');
  }
  return r.id;
}

function errorsFor(scope: string) {
  return errors.badRequest('InvalidScope', `The scope '${scope}' is not supported by the emulator.`);
}

/** Scope keys from the subscription down to the scope itself (the scope and its parents). */
export function scopeChain(scope: string): string[] {
  const parts = resourceKey(scope).split('/').filter(Boolean);
  const out: string[] = [];
  for (let i = 2; i <= parts.length; i++) {
    const prefix = '/' + parts.slice(0, i).join('/');
    // Only real scopes: subscription, group, and resource ids (even segment counts after `providers/<ns>`).
    if (i === 2 || (parts[2] === 'resourcegroups' && i === 4)) out.push(prefix);
    else {
      const p = parts.indexOf('providers');
      if (p >= 0 && i > p + 1 && (i - (p + 2)) % 2 === 0 && i >= p + 4) out.push(prefix);
    }
  }
  return out;
}

export function roleDefinitionId(subscriptionId: string | undefined, guid: string): string {
  return `${subscriptionId ? `/subscriptions/${subscriptionId}` : ''}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
}

/** The RoleDefinition body [spec-auth] [rec-1]; ids are subscription-scoped whatever the scope asked. */
export function roleDefinitionBody(role: RoleDefinitionData, subscriptionId: string | undefined): Record<string, unknown> {
  return {
    properties: {
      roleName: role.roleName,
      type: 'BuiltInRole',
      description: role.description,
      assignableScopes: ['/'],
      permissions: [{ actions: [...role.actions], notActions: [...role.notActions], dataActions: [...(role.dataActions ?? [])], notDataActions: [...(role.notDataActions ?? [])] }],
      // Built-in roles: their dates, and no creator (`null`) [rec-1].
      createdOn: role.createdOn,
      updatedOn: role.updatedOn,
      createdBy: null,
      updatedBy: null,
    },
    id: roleDefinitionId(subscriptionId, role.guid),
    type: ROLE_DEFINITION_TYPE,
    name: role.guid,
  };
}

/** All stored role assignments. They are stored with `visible: false` so generic resource lists skip them (extension resources). */
export function allAssignments(core: EmulatorCore): StoredResource[] {
  const t = ROLE_ASSIGNMENT_TYPE.toLowerCase();
  return core.state.all().filter((r) => r.type.toLowerCase() === t);
}

export function assignmentScopeKey(r: StoredResource): string {
  return resourceKey(String(r.body.properties.scope));
}

/** Published as `microsoft.authorization/access`. */
export interface AccessService {
  /**
   * Whether the principal holds the role (GUID, role definition id or role name) at the scope, through an
   * assignment at the scope or a parent scope whose propagation delay has passed. A role that grants every
   * action of the asked one counts (Owner, or Contributor for a non-Authorization role).
   */
  hasRole(principalId: string, roleDefinitionGuidOrName: string, scopeId: string, now?: number): boolean;
  /** Whether an effective assignment grants the action (e.g. `Microsoft.Network/privateDnsZones/write`) at the scope. */
  hasPermission(principalId: string, action: string, scopeId: string, now?: number): boolean;
  /** Role assignments (ARM bodies) of a principal, or all. */
  assignmentsFor(principalId?: string): Record<string, any>[];
  /** An assignment takes effect this long after its PUT (default 0; real: up to 10 min [doc-rbac-ts]). Not reset by `reset()`. */
  setPropagationDelay(ms: number): void;
  propagationDelay(): number;
}

export const ACCESS_SERVICE = 'microsoft.authorization/access';

export function createAccessService(core: EmulatorCore, settings: { propagationMs: number }): AccessService {
  const effective = (principalId: string, scopeId: string, now: number) => {
    const chain = new Set(scopeChain(scopeId));
    const p = principalId.toLowerCase();
    return allAssignments(core).filter(
      (r) =>
        String(r.body.properties.principalId).toLowerCase() === p &&
        chain.has(assignmentScopeKey(r)) &&
        Number(r.secrets.effectiveAt ?? 0) <= now,
    );
  };
  const roleOf = (r: StoredResource) => findRole(String(r.body.properties.roleDefinitionId));
  return {
    hasRole(principalId, wanted, scopeId, now = Date.now()) {
      const role = findRole(wanted);
      if (!role) return false;
      return effective(principalId, scopeId, now).some((r) => {
        const held = roleOf(r);
        return !!held && roleCovers(held, role);
      });
    },
    hasPermission(principalId, action, scopeId, now = Date.now()) {
      return effective(principalId, scopeId, now).some((r) => {
        const held = roleOf(r);
        return !!held && roleAllows(held, action);
      });
    },
    assignmentsFor(principalId) {
      const p = principalId?.toLowerCase();
      return allAssignments(core)
        .filter((r) => !p || String(r.body.properties.principalId).toLowerCase() === p)
        .map((r) => structuredClone(r.body));
    },
    setPropagationDelay(ms) {
      if (!(ms >= 0)) throw new Error(`propagation delay must be >= 0, got ${ms}`);
      settings.propagationMs = ms;
    },
    propagationDelay: () => settings.propagationMs,
  };
}
