import { noEvents } from '../core/events.js';
import { ApplyError } from './apply.js';
import { runDeletes, type DeleteTarget } from './delete-run.js';
import { ownershipOfResource, planStack, type RunOptions } from './plan.js';
import type { Plan, Step } from './plan-types.js';
import { deleteOrder, type DeleteNode } from './removed.js';
import type { Stack } from './stack.js';

export interface DestroyResult {
  plan: Plan;
  deleted: string[];
  /** Resources left in place, with the reason (not owned, still holds foreign resources). */
  kept: { resource: string; reason: string }[];
}

/**
 * Deletes what the stack owns, dependents first: what the file declares and what Azure still holds under
 * the stack's tag that the file no longer declares. A resource without the stack's ownership tag is never
 * deleted, whatever its name.
 */
export async function destroyStack(stack: Stack, options: RunOptions & { dryRun?: boolean }): Promise<DestroyResult> {
  const events = options.events ?? noEvents;
  // Ownership is decided per resource below: a resource someone else owns is kept, not an error.
  const state = await planStack(stack, { ...options, events: undefined }, { checkOwnership: false });
  const kept: DestroyResult['kept'] = [];
  const nodes: (DeleteNode & DeleteTarget)[] = [];
  for (const name of [...state.order].reverse()) {
    const r = state.resources.get(name)!;
    if (r.actual === undefined || r.resolved.spec.existing) continue;
    if (ownershipOfResource(stack, state.resources, name) !== 'owned') {
      kept.push({ resource: name, reason: `not owned by stack '${stack.name}'` });
      continue;
    }
    nodes.push({ key: name, id: r.id, kind: r.resolved.spec.kind, actual: r.actual, declared: true, provider: r.provider });
  }
  // Down takes everything tagged for the stack, whatever the file says now (keepRemoved is for up).
  for (const r of state.removed) {
    if (r.kind && r.provider) nodes.push({ key: r.key, id: r.id, kind: r.kind, actual: r.actual, declared: false, provider: r.provider });
    else kept.push({ resource: r.key, reason: `azprov has no kind for ${r.type}; delete it yourself if it is not wanted` });
  }
  const waitFor = deleteOrder(nodes, stack.dependencies);
  const steps: Step[] = nodes.map((n) => ({ resource: n.key, kind: n.kind, id: n.id, op: 'delete', changes: [], dependsOn: waitFor[n.key], ...(n.declared ? {} : { note: 'removed from the stack' }) }));
  const plan: Plan = { stack: stack.name, target: state.plan.target, steps };
  events({ type: 'plan', plan });
  for (const k of kept) events({ type: 'warning', resource: k.resource, message: `kept: ${k.reason}` });
  if (options.dryRun) return { plan, deleted: [], kept };

  const result = await runDeletes(stack, options, nodes, waitFor);
  kept.push(...result.kept);
  if (result.failed.size) throw new ApplyError([...result.failed].map(([resource, error]) => ({ resource, error })), [...result.skipped.keys()], {});
  return { plan, deleted: result.deleted, kept };
}
