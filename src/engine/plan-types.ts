import type { Plan, StepOp } from '../core/plan.js';

// The plan's words live in core (events and kinds use them too); re-exported for the public API.
export { KNOWN_AFTER_APPLY, type FieldChange, type Plan, type Step, type StepOp } from '../core/plan.js';

export function summarize(plan: Plan): Record<StepOp, number> {
  const s: Record<StepOp, number> = { create: 0, update: 0, same: 0, delete: 0 };
  for (const step of plan.steps) s[step.op]++;
  return s;
}

export function hasChanges(plan: Plan): boolean {
  return plan.steps.some((s) => s.op !== 'same');
}
