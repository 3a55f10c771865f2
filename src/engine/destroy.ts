import { noEvents } from '../core/events.js';
import { ApplyError } from './apply.js';
import { reverse } from './graph.js';
import { DEFAULT_CONCURRENCY, kindEnv, ownershipOfResource, planStack, type RunOptions } from './plan.js';
import type { Plan, Step } from './plan-types.js';
import { runGraph } from './run-graph.js';
import type { Stack } from './stack.js';

export interface DestroyResult {
  plan: Plan;
  deleted: string[];
  /** Resources left in place, with the reason (not owned, still holds foreign resources). */
  kept: { resource: string; reason: string }[];
}

/**
 * Deletes what the stack owns, dependents first. A resource without the stack's ownership tag is never
 * deleted, whatever its name.
 */
export async function destroyStack(stack: Stack, options: RunOptions & { dryRun?: boolean }): Promise<DestroyResult> {
  const events = options.events ?? noEvents;
  // Ownership is decided per resource below: a resource someone else owns is kept, not an error.
  const state = await planStack(stack, { ...options, events: undefined }, { checkOwnership: false });
  const kept: DestroyResult['kept'] = [];
  const steps: Step[] = [];
  for (const name of [...state.order].reverse()) {
    const r = state.resources.get(name)!;
    if (r.actual === undefined || r.resolved.spec.existing) continue;
    if (ownershipOfResource(stack, state.resources, name) !== 'owned') {
      kept.push({ resource: name, reason: `not owned by stack '${stack.name}'` });
      continue;
    }
    steps.push({ resource: name, kind: r.resolved.spec.kind, id: r.id, op: 'delete', changes: [], dependsOn: [] });
  }
  const deleting = new Set(steps.map((s) => s.resource));
  const rev = reverse(stack.dependencies);
  for (const s of steps) s.dependsOn = (rev[s.resource] ?? []).filter((n) => deleting.has(n));
  const plan: Plan = { stack: stack.name, target: state.plan.target, steps };
  events({ type: 'plan', plan });
  for (const k of kept) events({ type: 'warning', resource: k.resource, message: `kept: ${k.reason}` });
  if (options.dryRun) return { plan, deleted: [], kept };

  const deleted: string[] = [];
  const result = await runGraph(
    steps.map((s) => s.resource),
    Object.fromEntries(steps.map((s) => [s.resource, s.dependsOn])),
    async (name) => {
      const r = state.resources.get(name)!;
      const env = kindEnv(options, stack, name);
      const why = await r.provider.keepReason?.(env, r.id);
      if (why) {
        kept.push({ resource: name, reason: why });
        events({ type: 'warning', resource: name, message: `kept: ${why}` });
        return;
      }
      const started = Date.now();
      events({ type: 'step-start', resource: name, kind: r.resolved.spec.kind, op: 'delete', id: r.id });
      try {
        await r.provider.delete(env, r.id);
      } catch (e) {
        events({ type: 'step-failed', resource: name, op: 'delete', error: (e as Error).message });
        throw e;
      }
      deleted.push(name);
      events({ type: 'step-done', resource: name, op: 'delete', durationInMs: Date.now() - started });
    },
    { concurrency: options.concurrency ?? DEFAULT_CONCURRENCY, onSkip: (n, b) => events({ type: 'step-skipped', resource: n, reason: `${b} failed` }) },
  );
  if (result.failed.size) throw new ApplyError([...result.failed].map(([resource, error]) => ({ resource, error })), [...result.skipped.keys()], {});
  return { plan, deleted, kept };
}

