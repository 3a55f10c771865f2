import type { DependencyMap } from './graph.js';

export interface GraphRunResult {
  done: string[];
  failed: Map<string, unknown>;
  /** Not run because something they depend on failed (name -> the failed dependency). */
  skipped: Map<string, string>;
}

/**
 * Runs `work` for every node once all its dependencies have finished, with at most `concurrency` at a
 * time. A failure skips the nodes that depend on it; independent nodes go on.
 */
export async function runGraph(
  nodes: readonly string[],
  deps: DependencyMap,
  work: (node: string) => Promise<void>,
  options: { concurrency: number; onSkip?: (node: string, because: string) => void },
): Promise<GraphRunResult> {
  const inGraph = new Set(nodes);
  const pending = new Set(nodes);
  const finished = new Set<string>();
  const result: GraphRunResult = { done: [], failed: new Map(), skipped: new Map() };
  const running = new Set<Promise<void>>();

  const blockedBy = (n: string) => (deps[n] ?? []).filter((d) => inGraph.has(d));
  const skipDependents = (failedNode: string) => {
    let changed = true;
    while (changed) {
      changed = false;
      for (const n of pending) {
        const bad = blockedBy(n).find((d) => result.failed.has(d) || result.skipped.has(d));
        if (bad) {
          pending.delete(n);
          result.skipped.set(n, result.skipped.get(bad) ?? bad);
          options.onSkip?.(n, result.skipped.get(n) ?? failedNode);
          changed = true;
        }
      }
    }
  };

  const startReady = () => {
    for (const n of [...pending]) {
      if (running.size >= options.concurrency) return;
      if (!blockedBy(n).every((d) => finished.has(d))) continue;
      pending.delete(n);
      const p: Promise<void> = work(n).then(
        () => {
          finished.add(n);
          result.done.push(n);
        },
        (e: unknown) => {
          result.failed.set(n, e);
          skipDependents(n);
        },
      );
      const tracked = p.finally(() => running.delete(tracked));
      running.add(tracked);
    }
  };

  startReady();
  while (running.size > 0) {
    await Promise.race(running);
    startReady();
  }
  // Anything still pending waits on a node outside the finished set: only possible with a cycle.
  for (const n of pending) result.skipped.set(n, blockedBy(n).find((d) => !finished.has(d)) ?? '?');
  return result;
}
