import { AzprovError, OwnershipError, ValidationError, type Problem } from '../core/errors.js';
import { DEFAULT_CONCURRENCY } from './defaults.js';
import type { KindProvider, ResolvedSpec } from '../resources/kind.js';
import { kindSpec, loadProvider } from '../resources/kinds.js';
import { diffFields } from './diff.js';
import { interpolate } from './interpolate.js';
import { topologicalOrder } from './graph.js';
import { ownershipOf, ownershipTags, RESOURCE_TAG, type Ownership } from '../resources/ownership.js';
import type { Plan, Step } from './plan-types.js';
import { StackResolver } from './resolver.js';
import type { Stack } from './stack.js';
import { kindEnv, mapLimit, type RunOptions } from './run-env.js';
import { deleteOrder, findRemoved, refersTo, taggedForStack, within, type RemovedResource } from './removed.js';
import { sameResourceId } from '../arm/ids.js';

/** One resource as the run knows it: what the stack wants and what Azure has. */
export interface PlannedResource {
  logicalName: string;
  provider: KindProvider<any, any>;
  resolved: ResolvedSpec;
  id: string;
  actual: unknown;
}

/** A plan and what was read to make it; `apply` acts on it without reading again. */
export interface PlanState {
  stack: Stack;
  plan: Plan;
  order: string[];
  resources: Map<string, PlannedResource>;
  resolver: StackResolver;
  /** Resources tagged for the stack that it no longer declares (their steps say whether they are deleted). */
  removed: RemovedResource[];
}

export { DEFAULT_CONCURRENCY };
export { kindEnv, mapLimit, stackInfo, type RunOptions } from './run-env.js';

/**
 * The stack resource each one is contained in by id: its nearest ancestor among the stack's ids (a
 * resource group for what is in it, an environment for its Dapr components, an account for its
 * databases). References that are not containment (an app's identity, a link's VNet) do not count.
 */
export function containmentParents(ids: ReadonlyMap<string, string>): Map<string, string | undefined> {
  const byId = new Map([...ids].map(([name, id]) => [id.toLowerCase(), name]));
  const parents = new Map<string, string | undefined>();
  for (const [name, id] of ids) {
    let parent: string | undefined;
    // ARM ids are case-insensitive; walk up segment by segment to the nearest id the stack declares.
    for (let p = id.toLowerCase(); !parent && p.lastIndexOf('/') > 0; ) {
      p = p.slice(0, p.lastIndexOf('/'));
      parent = byId.get(p);
    }
    parents.set(name, parent);
  }
  return parents;
}

/**
 * Reads every resource that can exist, at most `limit` at a time. A resource whose parent (by id) was
 * read as missing, or skipped for the same reason, cannot exist either (its id lives under the parent's,
 * and ARM deletes what a resource contains with it): it is not read and plans as a create. A child's read starts as soon as its parent's
 * read finds the parent, so the reads go level by level only where they must. `read` says whether the
 * resource exists.
 */
export async function readWhatCanExist(order: readonly string[], resources: ReadonlyMap<string, PlannedResource>, limit: number, read: (name: string) => Promise<boolean>): Promise<void> {
  const parents = containmentParents(new Map(order.map((n) => [n, resources.get(n)!.id])));
  const slots = lanes(limit);
  const exists = new Map<string, Promise<boolean>>();
  const visit = (name: string): Promise<boolean> => {
    let p = exists.get(name);
    if (!p) {
      const parent = parents.get(name);
      p = (async () => ((parent === undefined || (await visit(parent))) ? slots(() => read(name)) : false))();
      exists.set(name, p);
    }
    return p;
  };
  await Promise.all(order.map(visit));
}

/** Runs at most `limit` of the functions given at a time, in the order they were given. */
function lanes(limit: number): <R>(fn: () => Promise<R>) => Promise<R> {
  let running = 0;
  const queue: Array<() => void> = [];
  return async (fn) => {
    if (running >= limit) await new Promise<void>((go) => queue.push(go));
    else running++;
    try {
      return await fn();
    } finally {
      const next = queue.shift();
      if (next) next();
      else running--;
    }
  };
}

/** Works out ids and desired state of every resource, reads what Azure has (in parallel), and diffs. */
export async function planStack(stack: Stack, options: RunOptions, check: { checkOwnership: boolean; removed?: boolean } = { checkOwnership: true }): Promise<PlanState> {
  const order = topologicalOrder(stack.dependencies);
  const resolver = new StackResolver();
  const resources = new Map<string, PlannedResource>();
  const providers = await Promise.all(order.map((n) => loadProvider(stack.resources[n].kind)));

  // Ids first: they depend on referenced names only, so they are known before anything exists.
  order.forEach((name, i) => {
    const spec = stack.resources[name];
    const resolved: ResolvedSpec = {
      logicalName: name,
      spec,
      location: spec.location ?? stack.location,
      tags: { ...stack.tags, ...(spec.tags ?? {}), ...ownershipTags(stack.name, name) },
      refs: resolver,
      subscriptionId: options.arm.subscriptionId,
    };
    const id = providers[i].resourceId(resolved);
    resolver.set(name, { id, spec });
    resources.set(name, { logicalName: name, provider: providers[i], resolved, id, actual: undefined });
  });

  const sameIdentity = duplicateIds(order, resources);
  if (sameIdentity.length) throw new ValidationError(sameIdentity, stack.source);

  // Reads of what can exist (bounded), with the listing of what is tagged for the stack (two list reads),
  // which finds what the stack no longer declares.
  const [tagged] = await Promise.all([
    check.removed === false ? Promise.resolve([]) : taggedForStack(options, stack.name),
    readWhatCanExist(order, resources, options.concurrency ?? DEFAULT_CONCURRENCY, async (name) => {
      const r = resources.get(name)!;
      r.actual = await r.provider.read(kindEnv(options, stack, name), r.id);
      if (r.actual !== undefined) resolver.setOutputs(name, r.provider.outputs(r.actual));
      return r.actual !== undefined;
    }),
  ]);

  // Values that refer to other resources' outputs (${x.y}) now resolve, or are known after apply.
  for (const name of order) {
    const r = resources.get(name)!;
    r.resolved = { ...r.resolved, spec: interpolate(stack.resources[name], resolver) };
  }

  // Fail before spending: rules that need Azure's answer (the kind's preflight), for what will be written.
  const preflight = (
    await mapLimit(order, options.concurrency ?? DEFAULT_CONCURRENCY, async (name) => {
      const r = resources.get(name)!;
      if (!r.provider.preflight || r.resolved.spec.existing) return [];
      return (await r.provider.preflight(kindEnv(options, stack, name), r.resolved, r.actual)).map((p) => ({ ...p, field: `resources.${name}.${p.field}` }));
    })
  ).flat();
  if (preflight.length) throw new ValidationError(preflight, stack.source);

  const conflicts: OwnershipError[] = [];
  const missingExisting: Problem[] = [];
  const steps: Step[] = order.map((name) => {
    const r = resources.get(name)!;
    const base = { resource: name, kind: r.resolved.spec.kind, id: r.id, dependsOn: stack.dependencies[name] ?? [] };
    if (r.resolved.spec.existing) {
      if (r.actual === undefined) missingExisting.push({ field: `resources.${name}`, reason: `is declared existing, but ${r.id} does not exist.`, fix: 'create it first, fix its name, or remove existing: true to let the stack create it.' });
      return { ...base, op: 'same', changes: [], note: 'existing: read only' };
    }
    const desired = r.provider.desired(r.resolved, r.actual);
    if (r.actual === undefined) return { ...base, op: 'create', changes: diffFields(desired, undefined) };
    const ownership = ownershipOfResource(stack, resources, name);
    if (check.checkOwnership && ownership !== 'owned' && !(ownership === 'unowned' && r.resolved.spec.adopt)) conflicts.push(new OwnershipError(r.id, name, stack.name));
    const changes = diffFields(desired, r.provider.observed(r.actual));
    // A resource whose last operation failed is written again even when its fields match.
    const provisioningState = (r.actual as { provisioningState?: string }).provisioningState;
    if (provisioningState?.toLowerCase() === 'failed') changes.push({ path: 'provisioningState', before: provisioningState, after: 'Succeeded' });
    // Settings of an app reach all its revisions at once: during a rollout they cannot be canaried
    // (microsoft/azure-container-apps#132).
    const rollout = (r.provider.tags(r.actual) ?? {})['azprov-rollout'];
    // Same Azure id, another logical name: a rename, which only moves the tag.
    const renamedFrom = changes.find((c) => c.path === `tags.${RESOURCE_TAG}` && typeof c.before === 'string')?.before;
    const note =
      ownership === 'unowned'
        ? 'adopted: not created by azprov'
        : rollout && changes.length
          ? 'a rollout is in progress: app-wide settings changed here reach every revision at once and are not canaried'
          : renamedFrom
            ? `renamed from '${String(renamedFrom)}': the same Azure resource, its ${RESOURCE_TAG} tag is updated`
            : undefined;
    return { ...base, op: changes.length ? 'update' : 'same', changes, note };
  });
  if (missingExisting.length) throw new ValidationError(missingExisting, stack.source);
  if (conflicts.length === 1) throw conflicts[0];
  if (conflicts.length > 1) throw new AzprovError('NotOwned', conflicts.map((c) => c.message).join('\n'));

  // At once: what an update does beyond its fields (a kind's own reads, only for resources that change),
  // and one read of each resource that left the stack.
  const [removed] = await Promise.all([
    findRemoved(stack, options, tagged, order.map((n) => resources.get(n)!.id)),
    mapLimit(
      steps.filter((s) => s.op === 'update' && resources.get(s.resource)!.provider.planNote),
      options.concurrency ?? DEFAULT_CONCURRENCY,
      async (step) => {
        const r = resources.get(step.resource)!;
        const extra = await r.provider.planNote!(kindEnv(options, stack, step.resource), r.id, r.resolved, r.actual);
        if (extra) step.note = step.note ? `${step.note}; ${extra}` : extra;
      },
    ),
  ]);
  steps.push(...removedSteps(stack, options, resources, removed));

  const plan: Plan = { stack: stack.name, target: { endpoint: options.arm.endpoint, subscriptionId: options.arm.subscriptionId }, steps };
  options.events?.({ type: 'plan', plan });
  return { stack, plan, order, resources, resolver, removed };
}

/**
 * Two logical resources that write one Azure resource would fight over its tags on every run. References
 * to it with `existing: true` only read it, so any number of them may name it.
 */
function duplicateIds(order: string[], resources: Map<string, PlannedResource>): Problem[] {
  const problems: Problem[] = [];
  const written = order.filter((n) => !resources.get(n)!.resolved.spec.existing);
  written.forEach((name, i) => {
    const first = written.slice(0, i).find((other) => sameResourceId(resources.get(other)!.id, resources.get(name)!.id));
    if (first) {
      problems.push({
        field: `resources.${name}`,
        reason: `names the same Azure resource as resources.${first} (${resources.get(name)!.id}).`,
        fix: `keep one of resources.${first} and resources.${name}, or give them different names.`,
      });
    }
  });
  return problems;
}

/** Children ARM gives no tags, so the tag filter never lists them: they go when their parent is deleted. */
const TAGLESS_CHILDREN: Readonly<Record<string, string>> = {
  managedEnvironment: 'its Dapr components',
  cosmosAccount: 'its SQL databases, containers and role assignments',
};

/**
 * Steps for what the stack no longer declares: deletes (dependents first), or kept, with the reason. A
 * removed resource that holds or is used by a resource the stack still declares is kept: deleting it
 * would take that one with it or break it.
 */
function removedSteps(stack: Stack, options: RunOptions, resources: Map<string, PlannedResource>, removed: RemovedResource[]): Step[] {
  const keepAll = options.keepRemoved || stack.keepRemoved ? `kept (${options.keepRemoved ? '--keep-removed' : 'keepRemoved: true'})` : undefined;
  const steps: Step[] = removed.map((r) => {
    const base = { resource: r.key, kind: r.kind ?? r.type, id: r.id, changes: [], dependsOn: [] };
    if (!r.kind) return { ...base, op: 'same', note: `tagged for the stack but no longer in it; azprov has no kind for ${r.type}: left alone` };
    const declared = [...resources.values()].filter((d) => d.actual !== undefined);
    const holds = declared.find((d) => within(d.id, r.id));
    if (holds) return { ...base, op: 'same', note: `removed from the stack, kept: it holds ${holds.logicalName}, which the stack declares` };
    const user = declared.find((d) => refersTo(d.actual, d.id, r.id));
    if (user) return { ...base, op: 'same', note: `removed from the stack, kept: ${user.logicalName} still uses it` };
    if (keepAll) return { ...base, op: 'same', note: `removed from the stack; ${keepAll}` };
    const children = TAGLESS_CHILDREN[r.kind];
    return { ...base, op: 'delete', note: children ? `removed from the stack; ${children} go with it` : 'removed from the stack' };
  });
  const deleting = removed.filter((r) => steps.find((s) => s.resource === r.key)!.op === 'delete');
  const waits = deleteOrder(deleting.map((r) => ({ key: r.key, id: r.id, kind: r.kind, actual: r.actual, declared: false })), {});
  for (const s of steps) if (s.op === 'delete') s.dependsOn = waits[s.resource];
  return steps;
}

/**
 * Whether the stack owns a resource that exists: by its own tags, or, for kinds ARM gives no tags, by
 * the tags of the resource it belongs to.
 */
export function ownershipOfResource(stack: Stack, resources: Map<string, PlannedResource>, name: string): Ownership {
  const spec = stack.resources[name];
  const through = kindSpec(spec.kind)?.ownedThrough?.(spec);
  if (through) {
    if (resources.get(through)?.actual === undefined) return 'unowned';
    // Under a parent the stack only refers to (existing: true), a tagless child of the stack's is its own:
    // nothing else can tell who made it.
    if (stack.resources[through].existing) return 'owned';
    return ownershipOfResource(stack, resources, through);
  }
  const r = resources.get(name)!;
  return ownershipOf(r.provider.tags(r.actual), stack.name);
}

/** Outputs of every resource that exists, by logical name. */
export function outputsOf(state: PlanState): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const name of state.order) {
    const o = state.resolver.get(name).outputs;
    if (o) out[name] = o;
  }
  return out;
}
