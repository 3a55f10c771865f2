/** The closed set of things a plan can do to a resource. */
export type StepOp = 'create' | 'update' | 'same' | 'delete';

/** Shown where a value depends on a resource that does not exist yet. */
export const KNOWN_AFTER_APPLY = '(known after apply)';

export interface FieldChange {
  /** Dotted path of the field, e.g. `tags.team` or `retentionInDays`. */
  path: string;
  before: unknown;
  after: unknown;
}

export interface Step {
  /** Logical name in the stack. */
  resource: string;
  kind: string;
  /** ARM id, known before the resource exists. */
  id: string;
  op: StepOp;
  changes: FieldChange[];
  /** Logical names this step waits for (for delete steps: the ones that must be deleted first). */
  dependsOn: string[];
  /** Why a step is what it is, when that is not obvious (e.g. "not owned by this stack"). */
  note?: string;
}

export interface Plan {
  stack: string;
  /** Where the plan was made: the ARM endpoint and subscription. */
  target: { endpoint: string; subscriptionId: string };
  steps: Step[];
}

export function summarize(plan: Plan): Record<StepOp, number> {
  const s: Record<StepOp, number> = { create: 0, update: 0, same: 0, delete: 0 };
  for (const step of plan.steps) s[step.op]++;
  return s;
}

export function hasChanges(plan: Plan): boolean {
  return plan.steps.some((s) => s.op !== 'same');
}
