import { describe, expect, it } from 'vitest';
import { depths, findCycle } from '../../src/emulator/providers/microsoft.kubernetesconfiguration/index.js';

/** The emulator's reading of kustomization `dependsOn`: the order Flux applies them in, and the cycles it refuses. */
describe('kustomization dependencies', () => {
  it('gives each kustomization the depth of its longest dependency chain, whatever the listing order', () => {
    const ks = { a: { dependsOn: ['c', 'b'] }, b: { dependsOn: ['c'] }, c: { dependsOn: ['d'] }, d: {} };
    expect(Object.fromEntries(depths(ks))).toEqual({ a: 3, b: 2, c: 1, d: 0 });
    expect(Object.fromEntries(depths({ infra: {}, secrets: { dependsOn: ['infra'] }, apps: { dependsOn: ['secrets', 'infra'] } }))).toEqual({ infra: 0, secrets: 1, apps: 2 });
  });

  it('finds a cycle and names it in order, or none', () => {
    expect(findCycle({ a: { dependsOn: ['b'] }, b: { dependsOn: ['c'] }, c: { dependsOn: ['a'] } })).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle({ a: { dependsOn: ['a'] } })).toEqual(['a', 'a']);
    expect(findCycle({ a: { dependsOn: ['b'] }, b: {}, c: { dependsOn: ['a', 'b'] } })).toBeUndefined();
  });
});
