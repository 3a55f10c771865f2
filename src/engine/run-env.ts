import type { ArmContext } from '../arm/context.js';
import { noEvents, type EventSink } from '../core/events.js';
import type { KindEnv, StackInfo } from '../resources/kind.js';
import type { Stack } from './stack.js';

export interface RunOptions {
  arm: ArmContext;
  events?: EventSink;
  /** How many resources are read or written at the same time. */
  concurrency?: number;
  /** Keep resources removed from the stack instead of deleting them (the stack's `keepRemoved` does the same). */
  keepRemoved?: boolean;
}

export function kindEnv(options: RunOptions, stack: Stack, resource: string): KindEnv {
  return { arm: options.arm, stack: stackInfo(stack), events: options.events ?? noEvents, resource };
}

export function stackInfo(stack: Stack): StackInfo {
  return { name: stack.name, location: stack.location, tags: stack.tags, resources: stack.resources };
}

/** Runs `fn` over items with at most `limit` in flight; results keep the input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  });
  await Promise.all(lanes);
  return out;
}
