import type { Comparable } from '../resources/kind.js';
import type { FieldChange } from './plan-types.js';

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

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
