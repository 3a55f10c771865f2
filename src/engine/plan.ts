import type { ArmContext } from '../arm/context.js';
import { AzprovError, OwnershipError, ValidationError, type Problem } from '../core/errors.js';
import { noEvents, type EventSink } from '../core/events.js';
import { DEFAULT_CONCURRENCY } from './defaults.js';
import type { KindEnv, KindProvider, ResolvedSpec, StackInfo } from '../resources/kind.js';
import { kindSpec, loadProvider } from '../resources/kinds.js';
import { diffFields } from './diff.js';
import { interpolate } from './interpolate.js';
import { topologicalOrder } from './graph.js';
import { ownershipOf, ownershipTags, type Ownership } from './ownership.js';
import type { Plan, Step } from './plan-types.js';
import { StackResolver } from './resolver.js';
import type { Stack } from './stack.js';

export interface RunOptions {
  arm: ArmContext;
  events?: EventSink;
  /** How many resources are read or written at the same time. */
  concurrency?: number;
}

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
}

export { DEFAULT_CONCURRENCY };

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
export async function planStack(stack: Stack, options: RunOptions, check: { checkOwnership: boolean } = { checkOwnership: true }): Promise<PlanState> {
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

  await readWhatCanExist(order, resources, options.concurrency ?? DEFAULT_CONCURRENCY, async (name) => {
    const r = resources.get(name)!;
    r.actual = await r.provider.read(kindEnv(options, stack, name), r.id);
    if (r.actual !== undefined) resolver.setOutputs(name, r.provider.outputs(r.actual));
    return r.actual !== undefined;
  });

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
    const note = ownership === 'unowned' ? 'adopted: not created by azprov' : rollout && changes.length ? 'a rollout is in progress: app-wide settings changed here reach every revision at once and are not canaried' : undefined;
    return { ...base, op: changes.length ? 'update' : 'same', changes, note };
  });
  if (missingExisting.length) throw new ValidationError(missingExisting, stack.source);
  if (conflicts.length === 1) throw conflicts[0];
  if (conflicts.length > 1) throw new AzprovError('NotOwned', conflicts.map((c) => c.message).join('\n'));

  const plan: Plan = { stack: stack.name, target: { endpoint: options.arm.endpoint, subscriptionId: options.arm.subscriptionId }, steps };
  options.events?.({ type: 'plan', plan });
  return { stack, plan, order, resources, resolver };
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
