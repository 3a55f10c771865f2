import { describe, expect, it } from 'vitest';
import { dependentsOf, findCycle, reverse, topologicalOrder } from '../../src/engine/graph.js';
import { runGraph } from '../../src/engine/run-graph.js';

describe('graph order', () => {
  const deps = { env: ['rg', 'logs'], logs: ['rg'], rg: [], app: ['env'] };

  it('puts every resource after what it depends on', () => {
    const order = topologicalOrder(deps);
    for (const [n, ds] of Object.entries(deps)) for (const d of ds) expect(order.indexOf(d)).toBeLessThan(order.indexOf(n));
  });

  it('finds a cycle and names its path', () => {
    expect(findCycle({ a: ['b'], b: ['c'], c: ['a'] })).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(deps)).toBeUndefined();
    expect(() => topologicalOrder({ a: ['a'] })).toThrow('a -> a');
  });

  it('reverses edges for deletion and finds dependents', () => {
    expect(reverse(deps).rg.sort()).toEqual(['env', 'logs']);
    expect([...dependentsOf(deps, 'logs')].sort()).toEqual(['app', 'env']);
  });
});

describe('runGraph', () => {
  const tick = () => new Promise((r) => setTimeout(r, 5));

  it('runs independent nodes in parallel, within the concurrency bound', async () => {
    let inFlight = 0;
    let peak = 0;
    const nodes = ['a', 'b', 'c', 'd', 'e'];
    const result = await runGraph(nodes, {}, async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await tick();
      inFlight--;
    }, { concurrency: 3 });
    expect(result.done.sort()).toEqual(nodes);
    expect(peak).toBe(3);
  });

  it('starts a node only after its dependencies finished', async () => {
    const finished: string[] = [];
    const started: Record<string, string[]> = {};
    await runGraph(['rg', 'logs', 'env'], { logs: ['rg'], env: ['rg', 'logs'] }, async (n) => {
      started[n] = [...finished];
      await tick();
      finished.push(n);
    }, { concurrency: 8 });
    expect(started.logs).toEqual(['rg']);
    expect(started.env).toEqual(['rg', 'logs']);
  });

  it('skips what depends on a failure and still runs the independent nodes', async () => {
    const skipped: string[] = [];
    const result = await runGraph(['rg', 'logs', 'env', 'other'], { logs: ['rg'], env: ['logs'] }, async (n) => {
      if (n === 'logs') throw new Error('boom');
    }, { concurrency: 2, onSkip: (n) => skipped.push(n) });
    expect([...result.failed.keys()]).toEqual(['logs']);
    expect(result.skipped.get('env')).toBe('logs');
    expect(skipped).toEqual(['env']);
    expect(result.done.sort()).toEqual(['other', 'rg']);
  });
});
