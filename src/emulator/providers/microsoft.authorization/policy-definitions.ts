import type { EmulatorCore } from '../../core.js';
import type { ArmRequest, ArmResponse } from '../../router.js';
import { parseFilter } from '../../tracked-helpers.js';
import { BUILT_IN_POLICY_DEFINITIONS, BUILT_IN_POLICY_SET_DEFINITIONS, type BuiltInPolicyFile } from './builtin-policies/index.js';
import { policyErrors } from './policy-errors.js';

/**
 * Built-in policy definitions and initiatives (policy set definitions), read-only [spec policy 2025-03-01]:
 * PolicyDefinitions_GetBuiltIn / _ListBuiltIn at the tenant root (`/providers/Microsoft.Authorization/…`) and
 * PolicyDefinitions_Get / _List at a subscription, which also answer the built-ins ("List … retrieves … built-in
 * policy definitions", the spec's description of the subscription list), the same for policy set definitions.
 * Ids stay the tenant-level ones (`/providers/Microsoft.Authorization/policyDefinitions/{guid}`), as Azure gives
 * them at any scope. `$filter=policyType eq 'BuiltIn'|'Custom'|'Static'` and `category eq '…'` are honoured (the
 * spec's filters); custom definitions are not emulated, so the subscription lists hold the built-ins only.
 */

export const POLICY_DEFINITION_TYPE = 'Microsoft.Authorization/policyDefinitions';
export const POLICY_SET_DEFINITION_TYPE = 'Microsoft.Authorization/policySetDefinitions';
export type DefinitionKind = 'policyDefinitions' | 'policySetDefinitions';

const CATALOGUE: Record<DefinitionKind, readonly BuiltInPolicyFile[]> = {
  policyDefinitions: BUILT_IN_POLICY_DEFINITIONS,
  policySetDefinitions: BUILT_IN_POLICY_SET_DEFINITIONS,
};

export interface PolicyDefinitionView {
  kind: DefinitionKind;
  id: string;
  name: string;
  properties: Record<string, any>;
}

/** A built-in by name (GUID) or full id, either kind; case-insensitive as ARM ids are. */
export function findBuiltIn(idOrName: string, kind?: DefinitionKind): PolicyDefinitionView | undefined {
  const m = /\/providers\/Microsoft\.Authorization\/(policyDefinitions|policySetDefinitions)\/([^/]+)$/i.exec(idOrName);
  const wantKind = m ? ((m[1].toLowerCase() === 'policydefinitions' ? 'policyDefinitions' : 'policySetDefinitions') as DefinitionKind) : kind;
  const name = (m ? m[2] : idOrName).toLowerCase();
  for (const k of wantKind ? [wantKind] : (['policyDefinitions', 'policySetDefinitions'] as const)) {
    const f = CATALOGUE[k].find((d) => d.name.toLowerCase() === name);
    if (f) return { kind: k, id: f.id, name: f.name, properties: f.properties };
  }
  return undefined;
}

/** The body ARM answers: the file plus `type` (the files have none). */
export function definitionBody(d: { id: string; name: string; properties: Record<string, any> }, kind: DefinitionKind): Record<string, any> {
  return { properties: structuredClone(d.properties), id: d.id, type: kind === 'policyDefinitions' ? POLICY_DEFINITION_TYPE : POLICY_SET_DEFINITION_TYPE, name: d.name };
}

export function policyDefinitionHandlers(core: EmulatorCore, kind: DefinitionKind) {
  const list = (req: ArmRequest): ArmResponse => {
    const clauses = parseFilter(req.query.get('$filter'));
    const items = CATALOGUE[kind]
      .filter((d) =>
        clauses.every((c) => {
          const field = c.field === 'policytype' ? d.properties.policyType : c.field === 'category' ? d.properties.metadata?.category : undefined;
          if (field === undefined) throw policyErrors.unsupportedFilter(req.query.get('$filter')!);
          return c.op === 'eq' ? String(field).toLowerCase() === c.value.toLowerCase() : String(field).toLowerCase() !== c.value.toLowerCase();
        }),
      )
      .map((d) => definitionBody(d, kind));
    return { status: 200, body: core.page(req, items) };
  };
  const get = (req: ArmRequest): ArmResponse => {
    const name = req.params.policyDefinitionName ?? req.params.policySetDefinitionName;
    const d = findBuiltIn(name, kind);
    if (!d || d.kind !== kind) throw policyErrors.builtInNotFound(kind, name);
    return { status: 200, body: definitionBody(d, kind) };
  };
  return { list, get };
}

export interface ResolvedMember {
  policyDefinitionId: string;
  policyDefinitionReferenceId?: string;
  mode?: string;
  /** The effect after parameters: `[parameters('effect')]` resolved through the assignment (and the initiative). */
  effect: string;
}

const PARAM_REF = /^\[parameters\('([^']+)'\)\]$/;

function valueOf(params: Record<string, any>, name: string, declared: Record<string, any>): unknown {
  const k = Object.keys(params).find((x) => x.toLowerCase() === name.toLowerCase());
  return k ? params[k]?.value : declared[name]?.defaultValue;
}

function effectOf(def: PolicyDefinitionView | undefined, params: Record<string, any>): string {
  const raw = def?.properties.policyRule?.then?.effect;
  const m = PARAM_REF.exec(String(raw ?? ''));
  return String(m ? valueOf(params, m[1], def?.properties.parameters ?? {}) : (raw ?? 'Audit'));
}

/** The definitions an assignment applies (an initiative's members, or the definition itself) with their effects. */
export function resolveMembers(def: PolicyDefinitionView, assigned: Record<string, { value: unknown }>): ResolvedMember[] {
  if (def.kind === 'policyDefinitions') return [{ policyDefinitionId: def.id, mode: def.properties.mode, effect: effectOf(def, assigned) }];
  return (def.properties.policyDefinitions as any[]).map((ref) => {
    const member = findBuiltIn(ref.policyDefinitionId, 'policyDefinitions');
    // Member parameters reference the initiative's: "[parameters('effect')]".
    const params: Record<string, any> = {};
    for (const [k, v] of Object.entries<any>(ref.parameters ?? {})) {
      const m = PARAM_REF.exec(String(v?.value ?? ''));
      params[k] = { value: m ? valueOf(assigned, m[1], def.properties.parameters ?? {}) : v?.value };
    }
    return { policyDefinitionId: ref.policyDefinitionId, policyDefinitionReferenceId: ref.policyDefinitionReferenceId, mode: member?.properties.mode, effect: effectOf(member, params) };
  });
}
