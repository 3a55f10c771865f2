import type { EmulatorCore } from '../../core.js';
import { resourceKey } from '../../state.js';
import { allPolicyAssignments } from './policy-assignments.js';
import { findBuiltIn, resolveMembers } from './policy-definitions.js';

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
          const members = resolveMembers(def, p.parameters ?? {});
          const isInitiative = def.kind === 'policySetDefinitions';
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
