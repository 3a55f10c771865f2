import { planStack, type RunOptions } from './plan.js';
import type { Plan, Step } from './plan-types.js';
import type { Stack } from './stack.js';

export interface DriftReport {
  plan: Plan;
  /** Resources whose fields differ from the stack, or that are missing. */
  drifted: Step[];
  /** Resources tagged for the stack that the stack no longer declares. */
  orphans: { id: string; type: string }[];
}

/**
 * Desired against actual for every resource of the stack, plus what Azure still holds under the stack's
 * tag that the stack no longer declares (found by the plan, from ARM's tag filter). Reads only.
 */
export async function detectDrift(stack: Stack, options: RunOptions): Promise<DriftReport> {
  const state = await planStack(stack, { ...options, events: undefined }, { checkOwnership: false });
  // Removed resources are orphans here, reported on their own rather than as steps.
  const declared = state.plan.steps.filter((s) => state.resources.has(s.resource));
  const orphans = state.removed.map((r) => ({ id: r.id, type: r.type }));
  return { plan: { ...state.plan, steps: declared }, drifted: declared.filter((s) => s.op !== 'same'), orphans };
}

export function hasDrift(r: DriftReport): boolean {
  return r.drifted.length > 0 || r.orphans.length > 0;
}
