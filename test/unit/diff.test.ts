import { describe, expect, it } from 'vitest';
import { deepEqual } from '../../src/core/deep-equal.js';
import { diffFields } from '../../src/engine/diff.js';
import { KNOWN_AFTER_APPLY } from '../../src/engine/plan-types.js';

describe('diff', () => {
  it('reports only declared fields that differ, with before and after', () => {
    const changes = diffFields({ location: 'eastus', 'tags.team': 'b', retentionInDays: 30 }, { location: 'eastus', 'tags.team': 'a', retentionInDays: 30, 'tags.foreign': 'x' });
    expect(changes).toEqual([{ path: 'tags.team', before: 'a', after: 'b' }]);
  });

  it('treats every field as a change when the resource does not exist', () => {
    expect(diffFields({ location: 'eastus', sku: 'PerGB2018' }, undefined).map((c) => c.path)).toEqual(['location', 'sku']);
  });

  it('counts a value known only after apply as a change', () => {
    expect(diffFields({ logAnalyticsCustomerId: KNOWN_AFTER_APPLY }, { logAnalyticsCustomerId: 'abc' })).toHaveLength(1);
  });

  it('compares nested values structurally', () => {
    expect(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toBe(false);
    expect(deepEqual([1], { 0: 1 })).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
  });
});
