/**
 * The words a plan is made of. They live here, below every layer, because events (core), kinds
 * (resources) and the engine all speak them.
 */

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
  /** Logical name in the stack (for a resource removed from the stack: the name its tag still carries). */
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
