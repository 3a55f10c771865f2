import { randomUUID } from 'node:crypto';
import type { EmulatorCore } from '../../core.js';
import { normaliseLocation } from '../../core.js';
import type { ArmRequest, ArmResponse } from '../../router.js';
import { type StoredResource, resourceKey } from '../../state.js';
import { parseFilter, requireObjectBody } from '../../tracked-helpers.js';
import { resolveScope } from './backend.js';
import { type PolicyDefinitionView, findBuiltIn, resolveMembers } from './policy-definitions.js';
import { policyErrors } from './policy-errors.js';

/**
 * Microsoft.Authorization/policyAssignments at any scope (subscription, resource group, resource) [spec policy
 * 2025-03-01]: PUT answers **201** whether it creates or replaces (PolicyAssignments_Create lists only 201), GET,
 * PATCH 200 (identity, location, metadata, …), DELETE 200 with the deleted assignment / 204 when absent; lists at a
 * subscription, group or resource with the spec's `$filter`s: none (assignments at, above and below the scope),
 * `atScope()` (at and above), `atExactScope()` (at), `policyDefinitionId eq '…'`. All synchronous.
 * Validation against the (built-in) definition, codes in policy-errors.ts: unknown definition, parameters the
 * definition does not define, values outside `allowedValues` (case-sensitive), required parameters (no default)
 * missing, values of the wrong type; an assignment whose effect is deployIfNotExists or modify needs an identity.
 * A system-assigned identity gets a generated principalId, kept across updates. Assignments live below their scope's id, so deleting the
 * scope deletes them (cascade); like role assignments they stay out of the generic `/resources` lists.
 */

export const POLICY_ASSIGNMENT_TYPE = 'Microsoft.Authorization/policyAssignments';
const SEGMENT = '/providers/Microsoft.Authorization/policyAssignments';

/** `{scope}/providers/Microsoft.Authorization/policyAssignments[/{name}]`, percent-decoded. */
export function splitAssignmentPath(path: string): { scope: string; name?: string } {
  const decoded = path.split('/').map((s) => decodeURIComponent(s)).join('/');
  const m = /^(.*)\/providers\/Microsoft\.Authorization\/policyAssignments(?:\/([^/]+))?$/i.exec(decoded);
  if (!m) throw policyErrors.assignmentNotFound(path);
  return { scope: m[1], name: m[2] };
}

export function allPolicyAssignments(core: EmulatorCore): StoredResource[] {
  const t = POLICY_ASSIGNMENT_TYPE.toLowerCase();
  return core.state.all().filter((r) => r.type.toLowerCase() === t);
}

/** Checks the assignment's parameters against its definition's (see the module comment). */
export function checkParameters(assignment: string, def: PolicyDefinitionView, given: Record<string, any>): Record<string, { value: unknown }> {
  const declared: Record<string, any> = def.properties.parameters ?? {};
  const find = (n: string) => Object.keys(declared).find((k) => k.toLowerCase() === n.toLowerCase());
  const undefinedNames = Object.keys(given).filter((n) => !find(n));
  if (undefinedNames.length) throw policyErrors.undefinedParameters(assignment, undefinedNames, def.name);
  const out: Record<string, { value: unknown }> = {};
  for (const [n, v] of Object.entries(given)) {
    if (!v || typeof v !== 'object' || Array.isArray(v) || !('value' in v)) throw policyErrors.malformedParameter(n);
    const spec = declared[find(n)!];
    const value = (v as { value: unknown }).value;
    const actual = typeName(value);
    const expected = String(spec.type ?? 'String');
    if (!typeMatches(expected, value)) throw policyErrors.wrongType(n, expected, actual);
    const allowed: unknown[] | undefined = spec.allowedValues;
    if (allowed) {
      for (const item of expected.toLowerCase() === 'array' && Array.isArray(value) ? value : [value]) {
        if (!allowed.some((a) => JSON.stringify(a) === JSON.stringify(item))) throw policyErrors.valueNotAllowed(item, find(n)!, def.name, def.properties.version, allowed);
      }
    }
    out[n] = { value };
  }
  const missing = Object.entries(declared)
    .filter(([k, spec]) => spec.defaultValue === undefined && !Object.keys(given).some((g) => g.toLowerCase() === k.toLowerCase()))
    .map(([k]) => k);
  if (missing.length) throw policyErrors.missingParameters(assignment, missing, def.name);
  return out;
}

function typeName(v: unknown): string {
  if (Array.isArray(v)) return 'Array';
  if (v === null) return 'Null';
  if (typeof v === 'boolean') return 'Boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Float';
  if (typeof v === 'object') return 'Object';
  return 'String';
}

/** The definition parameter types (`String`, `Array`, `Object`, `Boolean`, `Integer`, `Float`, `DateTime`), case-insensitive as the built-ins write them (`object` in ContainerNoPrivilege.json). */
function typeMatches(expected: string, v: unknown): boolean {
  switch (expected.toLowerCase()) {
    case 'array':
      return Array.isArray(v);
    case 'object':
      return !!v && typeof v === 'object' && !Array.isArray(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'float':
      return typeof v === 'number';
    default:
      return typeof v === 'string';
  }
}

export function policyAssignmentHandlers(core: EmulatorCore) {
  const find = (scope: string, name: string) => core.state.get(`${scope}${SEGMENT}/${name}`);

  function identityOf(input: any, existing: StoredResource | undefined, secrets: Record<string, any>): Record<string, any> | undefined {
    const type = input?.type;
    if (!type || type === 'None') return type === 'None' ? { type: 'None' } : undefined;
    if (type === 'SystemAssigned') {
      secrets.principalId = existing?.secrets.principalId ?? randomUUID();
      return { type, principalId: secrets.principalId, tenantId: core.config.tenantId };
    }
    const ids = Object.keys(input.userAssignedIdentities ?? {});
    return {
      type,
      userAssignedIdentities: Object.fromEntries(
        ids.map((id) => {
          const ident = core.state.get(id);
          return [id, { principalId: ident?.body.properties?.principalId, clientId: ident?.body.properties?.clientId }];
        }),
      ),
    };
  }

  function write(req: ArmRequest, scope: string, name: string, input: Record<string, any>, existing: StoredResource | undefined): StoredResource {
    const props = input.properties ?? {};
    if (typeof props.policyDefinitionId !== 'string' || !props.policyDefinitionId) throw policyErrors.missingDefinitionId();
    const def = findBuiltIn(props.policyDefinitionId);
    if (!def) {
      throw /policySetDefinitions/i.test(props.policyDefinitionId) ? policyErrors.setDefinitionNotFound(props.policyDefinitionId) : policyErrors.definitionNotFound(props.policyDefinitionId);
    }
    const parameters = checkParameters(name, def, props.parameters ?? {});
    // deployIfNotExists and modify act through the assignment's identity: Azure refuses the assignment without one
    // (Azure/azure-cli#13150, ResourceIdentityRequired, for 'Modify'; 'DeployIfNotExists' worded the same (U)).
    const acting = resolveMembers(def, parameters).find((m) => /^(deployifnotexists|modify)$/i.test(m.effect));
    const identityType = String(input.identity?.type ?? 'None');
    if (acting && identityType.toLowerCase() === 'none') throw policyErrors.identityRequired(name, acting.effect);
    const enforcementMode = props.enforcementMode ?? 'Default';
    if (!['Default', 'DoNotEnforce', 'Enroll'].includes(enforcementMode)) throw policyErrors.invalidEnforcementMode(enforcementMode);

    const now = new Date().toISOString();
    const id = existing?.id ?? `${scope}${SEGMENT}/${name}`;
    const secrets: Record<string, any> = {};
    const identity = identityOf(input.identity, existing, secrets);
    const prevMeta = existing?.body.properties.metadata ?? {};
    const caller = req.principal?.objectId ?? null;
    const body: Record<string, any> = {
      properties: {
        displayName: props.displayName ?? null,
        ...(props.description !== undefined ? { description: props.description } : {}),
        // Azure stamps who and when into metadata (createdBy/createdOn/updatedBy/updatedOn) (U: from portal exports).
        metadata: { ...(props.metadata ?? {}), createdBy: prevMeta.createdBy ?? caller, createdOn: prevMeta.createdOn ?? now, updatedBy: existing ? caller : null, updatedOn: existing ? now : null },
        policyDefinitionId: def.id,
        ...(props.definitionVersion !== undefined ? { definitionVersion: props.definitionVersion } : {}),
        ...(def.properties.version ? { latestDefinitionVersion: def.properties.version, effectiveDefinitionVersion: def.properties.version } : {}),
        scope,
        notScopes: props.notScopes ?? [],
        parameters,
        enforcementMode,
        ...(props.nonComplianceMessages ? { nonComplianceMessages: props.nonComplianceMessages } : {}),
        ...(props.resourceSelectors ? { resourceSelectors: props.resourceSelectors } : {}),
        ...(props.overrides ? { overrides: props.overrides } : {}),
        instanceId: existing?.body.properties.instanceId ?? randomUUID(),
      },
      id,
      type: POLICY_ASSIGNMENT_TYPE,
      name: existing?.body.name ?? name,
      ...(input.location ? { location: normaliseLocation(String(input.location)) } : {}),
      ...(identity ? { identity } : {}),
      systemData: core.systemData(req.principal, existing),
    };
    const r: StoredResource = {
      key: resourceKey(id),
      id,
      type: POLICY_ASSIGNMENT_TYPE,
      subscriptionId: core.config.subscriptionId,
      resourceGroup: /\/resourceGroups\/([^/]+)/i.exec(scope)?.[1],
      body,
      secrets: { ...(existing?.secrets ?? {}), ...secrets, assignedAt: existing?.secrets.assignedAt ?? Date.now() },
      etag: core.newEtag(),
      createdTime: existing?.createdTime ?? now,
      changedTime: now,
      visible: false, // an extension resource: kept out of the generic `/resources` lists
    };
    core.state.put(r);
    return r;
  }

  const locate = (req: ArmRequest) => {
    const { scope, name } = splitAssignmentPath(req.path);
    return { scope: resolveScope(core, scope), name: name! };
  };

  return {
    put(req: ArmRequest): ArmResponse {
      const { scope, name } = locate(req);
      const r = write(req, scope, name, requireObjectBody(req.body), find(scope, name));
      return { status: 201, body: structuredClone(r.body) };
    },
    get(req: ArmRequest): ArmResponse {
      const { scope, name } = locate(req);
      const r = find(scope, name);
      if (!r) throw policyErrors.assignmentNotFound(name);
      return { status: 200, body: structuredClone(r.body) };
    },
    patch(req: ArmRequest): ArmResponse {
      const { scope, name } = locate(req);
      const existing = find(scope, name);
      if (!existing) throw policyErrors.assignmentNotFound(name);
      const patch = requireObjectBody(req.body);
      const merged = {
        location: patch.location ?? existing.body.location,
        identity: patch.identity ?? existing.body.identity,
        properties: { ...existing.body.properties, ...(patch.properties ?? {}) },
      };
      const r = write(req, scope, name, merged, existing);
      return { status: 200, body: structuredClone(r.body) };
    },
    delete(req: ArmRequest): ArmResponse {
      const { scope, name } = locate(req);
      const r = find(scope, name);
      if (!r) return { status: 204 };
      core.deleteTree(r.id);
      return { status: 200, body: structuredClone(r.body) };
    },
    list(req: ArmRequest): ArmResponse {
      const { scope } = locate(req);
      const filter = req.query.get('$filter')?.trim() ?? '';
      const here = resourceKey(scope);
      const at = (r: StoredResource) => resourceKey(String(r.body.properties.scope));
      const above = (r: StoredResource) => here === at(r) || here.startsWith(at(r) + '/');
      const below = (r: StoredResource) => at(r).startsWith(here + '/');
      let keep: (r: StoredResource) => boolean;
      if (/^atExactScope\(\)$/i.test(filter)) keep = (r) => at(r) === here;
      else if (/^atScope\(\)$/i.test(filter)) keep = above;
      else if (filter) {
        const [c] = parseFilter(filter);
        if (!c || c.field !== 'policydefinitionid' || c.op !== 'eq') throw policyErrors.unsupportedFilter(filter);
        keep = (r) => (above(r) || below(r)) && String(r.body.properties.policyDefinitionId).toLowerCase() === c.value.toLowerCase();
      } else keep = (r) => above(r) || below(r);
      const items = allPolicyAssignments(core)
        .filter(keep)
        .map((r) => structuredClone(r.body));
      return { status: 200, body: core.page(req, items) };
    },
  };
}
