import { ArmContext } from '../arm/context.js';
import type { Target } from '../arm/target.js';
import type { EventSink } from '../core/events.js';
import { applyPlan, type ApplyResult } from '../engine/apply.js';
import { planStack } from '../engine/plan.js';
import type { StackDefinition } from '../engine/stack.js';
import { validateStack } from '../engine/validate.js';
import { loadKindSpecs } from '../resources/kinds.js';
import { parseResourceId } from '../arm/ids.js';

export interface WorkflowOptions {
  target: Target | ArmContext;
  events?: EventSink;
}

export function contextOf(target: Target | ArmContext): ArmContext {
  return target instanceof ArmContext ? target : new ArmContext(target);
}

/** Validates, plans and applies a stack built by a workflow; a second call with the same input only reads. */
export async function runStack(definition: StackDefinition, o: WorkflowOptions, source: string): Promise<ApplyResult> {
  await loadKindSpecs(Object.values(definition.resources ?? {}).map((r) => String((r as { kind?: unknown })?.kind)));
  const stack = validateStack(definition, source);
  for (const w of stack.warnings) o.events?.({ type: 'warning', message: w });
  const arm = contextOf(o.target);
  // A workflow writes a part of a stack (one app, one store): what it does not name was not removed, so the
  // stack's tagged resources are not listed, and nothing of theirs is deleted.
  const state = await planStack(stack, { arm, events: o.events }, { checkOwnership: true, removed: false });
  return applyPlan(state, { arm, events: o.events });
}

/** Stack resources that refer to an environment that already exists (read, never written). */
export function existingEnvironment(environmentId: string) {
  const id = parseResourceId(environmentId);
  return {
    rg: { kind: 'resourceGroup', name: id.resourceGroup!, existing: true },
    env: { kind: 'managedEnvironment', name: id.names[0], resourceGroup: 'rg', existing: true },
  };
}
