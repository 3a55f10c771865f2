import { describe, expect, it } from 'vitest';
import { kindSpecs, loadProvider } from '../../src/resources/registry.js';

/**
 * The output types (src/resources/outputs.ts) are read from each kind's declared `outputs`; what `up` really
 * returns comes from the provider's `outputs()`. They must name the same things, or the types would lie.
 */
describe('declared outputs are what the providers give', () => {
  it.each(kindSpecs.map((k) => [k.kind, k] as const))('%s', async (kind, spec) => {
    const provider = await loadProvider(kind);
    // Every provider maps a read resource to strings; an empty one still yields every key.
    const given = Object.keys(provider.outputs({} as never)).sort();
    expect(given).toEqual([...spec.outputs].sort());
  });
});
