import type { EmulatorCore } from '../../core.js';
import { resourceKey } from '../../state.js';
import { allPolicyAssignments } from './policy-assignments.js';
import { findBuiltIn } from './policy-definitions.js';

/**
 * What other providers may know of Azure Policy, through the registry (Microsoft.PolicyInsights evaluates the
 * assignments with it): the assignments that apply at or below a scope, and a definition's effective view.
 */
export const POLICY_SERVICE = 'microsoft.authorization/policy';

export interface PolicyAssignmentInfo {
  id: string;
  scope: string;
  notScopes: string[];
  policyDefinitionId: string;
  /** Member definitions for an initiative (with their reference ids), the definition itself otherwise. */
  members: Array<{ policyDefinitionId: string; policyDefinitionReferenceId?: string; mode?: string; effect: string }>;
  isInitiative: boolean;
  enforcementMode: string;
  /** Epoch ms of the first PUT (compliance data appears some time after it). */
  assignedAt: number;
}

export interface PolicyService {
  /** Assignments whose scope is `scope`, one of its ancestors (they apply to it) or one of its descendants. */
  assignmentsRelatedTo(scope: string): PolicyAssignmentInfo[];
}

export function createPolicyService(core: EmulatorCore): PolicyService {
  return {
    assignmentsRelatedTo(scope) {
      const here = resourceKey(scope);
      return allPolicyAssignments(core)
        .filter((r) => {
          const at = resourceKey(String(r.body.properties.scope));
          return at === here || here.startsWith(at + '/') || at.startsWith(here + '/');
        })
        .map((r) => {
          const p = r.body.properties;
          const def = findBuiltIn(p.policyDefinitionId)!;
          const assigned: Record<string, { value: unknown }> = p.parameters ?? {};
          const valueOf = (params: Record<string, any>, n: string, declared: Record<string, any>): unknown => {
            const k = Object.keys(params).find((x) => x.toLowerCase() === n.toLowerCase());
            return k ? params[k].value : declared[n]?.defaultValue;
          };
          const effectOf = (memberDef: ReturnType<typeof findBuiltIn>, memberParams: Record<string, any>): string => {
            const declared = memberDef?.properties.parameters ?? {};
            const raw = memberDef?.properties.policyRule?.then?.effect;
            const m = /^\[parameters\('([^']+)'\)\]$/.exec(String(raw ?? ''));
            return String(m ? valueOf(memberParams, m[1], declared) : raw ?? 'Audit');
          };
          const isInitiative = def.kind === 'policySetDefinitions';
          const members = isInitiative
            ? (def.properties.policyDefinitions as any[]).map((ref) => {
                const memberDef = findBuiltIn(ref.policyDefinitionId);
                // Member parameters reference the initiative's: "[parameters('effect')]".
                const memberParams: Record<string, any> = {};
                for (const [k, v] of Object.entries<any>(ref.parameters ?? {})) {
                  const m = /^\[parameters\('([^']+)'\)\]$/.exec(String(v?.value ?? ''));
                  memberParams[k] = { value: m ? valueOf(assigned, m[1], def.properties.parameters ?? {}) : v?.value };
                }
                return { policyDefinitionId: ref.policyDefinitionId, policyDefinitionReferenceId: ref.policyDefinitionReferenceId, mode: memberDef?.properties.mode, effect: effectOf(memberDef, memberParams) };
              })
            : [{ policyDefinitionId: def.id, mode: def.properties.mode, effect: effectOf(def, assigned) }];
          return {
            id: r.id,
            scope: String(p.scope),
            notScopes: p.notScopes ?? [],
            policyDefinitionId: def.id,
            members,
            isInitiative,
            enforcementMode: p.enforcementMode,
            assignedAt: Number(r.secrets.assignedAt ?? 0),
          };
        });
    },
  };
}
