import { ResourceManagementClient } from '@azure/arm-resources';
import { sameResourceId } from '../arm/ids.js';
import { armCall } from '../arm/rest-errors.js';
import { STACK_TAG } from '../resources/ownership.js';
import { planStack, type RunOptions } from './plan.js';
import type { Plan, Step } from './plan-types.js';
import type { Stack } from './stack.js';

export interface DriftReport {
  plan: Plan;
  /** Resources whose fields differ from the stack, or that are missing. */
  drifted: Step[];
  /** Resources tagged for the stack that the stack no longer declares. */
  orphans: { id: string; type: string }[];
}

/** Resources and groups that carry the stack's ownership tag, from ARM's tag filter (two list reads). */
async function taggedForStack(options: RunOptions, stack: string) {
  const client = await options.arm.client(ResourceManagementClient);
  const filter = `tagName eq '${STACK_TAG}' and tagValue eq '${stack}'`;
  return armCall(`Listing the resources tagged ${STACK_TAG}=${stack}`, `/subscriptions/${options.arm.subscriptionId}`, async () => {
    // ARM leaves tags out of results filtered by tag: the ids and types are what there is.
    const out: { id: string; type: string }[] = [];
    for await (const g of client.resourceGroups.list({ filter })) out.push({ id: g.id!, type: 'Microsoft.Resources/resourceGroups' });
    for await (const r of client.resources.list({ filter })) out.push({ id: r.id!, type: r.type! });
    return out;
  });
}

/**
 * Desired against actual for every resource of the stack, plus what Azure still holds under the stack's
 * tag that the stack no longer declares. Reads only.
 */
export async function detectDrift(stack: Stack, options: RunOptions): Promise<DriftReport> {
  const [state, tagged] = await Promise.all([planStack(stack, { ...options, events: undefined }, { checkOwnership: false }), taggedForStack(options, stack.name)]);
  const drifted = state.plan.steps.filter((s) => s.op !== 'same');
  const declared = [...state.resources.values()].map((r) => r.id);
  const orphans = tagged
    .filter((t) => !declared.some((id) => sameResourceId(id, t.id)))
    .map((t) => ({ id: t.id, type: t.type }));
  return { plan: state.plan, drifted, orphans };
}

export function hasDrift(r: DriftReport): boolean {
  return r.drifted.length > 0 || r.orphans.length > 0;
}
