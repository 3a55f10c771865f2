import type { Comparable } from '../resources/kind.js';
import { deepEqual } from '../core/deep-equal.js';
import type { FieldChange } from '../core/plan.js';

/**
 * The fields where Azure differs from the stack. Only fields the stack declares are compared: what a
 * stack leaves out is not managed by it, so a value set elsewhere is not a change.
 */
export function diffFields(desired: Comparable, observed: Comparable | undefined): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [path, after] of Object.entries(desired)) {
    const before = observed?.[path];
    if (!deepEqual(before, after)) changes.push({ path, before, after });
  }
  return changes;
}
