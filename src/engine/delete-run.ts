import { noEvents } from '../core/events.js';
import type { KindProvider } from '../resources/kind.js';
import { DEFAULT_CONCURRENCY } from './defaults.js';
import { kindEnv, type RunOptions } from './run-env.js';
import { runGraph, type GraphRunResult } from './run-graph.js';
import type { Stack } from './stack.js';

export interface DeleteTarget {
  key: string;
  id: string;
  kind: string;
  provider: KindProvider<any, any>;
}

export interface DeleteOutcome extends GraphRunResult {
  deleted: string[];
  kept: { resource: string; reason: string }[];
}

/**
 * Deletes `targets` as a graph (`waitFor`: key -> keys to delete first), each with its kind's own SDK
 * client, after asking the kind for a reason to keep it (a group that holds someone else's resources).
 */
export async function runDeletes(stack: Stack, options: RunOptions, targets: DeleteTarget[], waitFor: Record<string, string[]>): Promise<DeleteOutcome> {
  const events = options.events ?? noEvents;
  const byKey = new Map(targets.map((t) => [t.key, t]));
  const deleted: string[] = [];
  const kept: DeleteOutcome['kept'] = [];
  const result = await runGraph(
    targets.map((t) => t.key),
    waitFor,
    async (key) => {
      const t = byKey.get(key)!;
      const env = kindEnv(options, stack, key);
      const why = await t.provider.keepReason?.(env, t.id);
      if (why) {
        kept.push({ resource: key, reason: why });
        events({ type: 'warning', resource: key, message: `kept: ${why}` });
        return;
      }
      const started = Date.now();
      events({ type: 'step-start', resource: key, kind: t.kind, op: 'delete', id: t.id });
      try {
        await t.provider.delete(env, t.id);
      } catch (e) {
        events({ type: 'step-failed', resource: key, op: 'delete', error: (e as Error).message });
        throw e;
      }
      deleted.push(key);
      events({ type: 'step-done', resource: key, op: 'delete', durationInMs: Date.now() - started });
    },
    { concurrency: options.concurrency ?? DEFAULT_CONCURRENCY, onSkip: (n, b) => events({ type: 'step-skipped', resource: n, reason: `${b} failed` }) },
  );
  return { ...result, deleted, kept };
}
