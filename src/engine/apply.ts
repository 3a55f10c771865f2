import { setTimeout as sleep } from 'node:timers/promises';
import { AzprovError } from '../core/errors.js';
import { noEvents } from '../core/events.js';
import { interpolate } from './interpolate.js';
import { hasChanges, type Plan, type Step } from './plan-types.js';
import { DEFAULT_CONCURRENCY, kindEnv, outputsOf, type PlannedResource, type PlanState, type RunOptions } from './plan.js';
import { isOperationInFlight, nextOperationRetry, type OperationRetryPolicy } from './retry-decision.js';
import { diffFields } from './diff.js';
import type { KindEnv } from '../resources/kind.js';
import { runGraph } from './run-graph.js';
import { runDeletes } from './delete-run.js';

export interface ApplyOptions extends RunOptions {
  operationRetry?: OperationRetryPolicy;
}

export interface ApplyResult {
  plan: Plan;
  outputs: Record<string, Record<string, string>>;
  changed: boolean;
}

/** Some steps failed; the ones that finished are kept (re-running resumes from there). */
export class ApplyError extends AzprovError {
  constructor(
    readonly failures: { resource: string; error: unknown }[],
    readonly skipped: string[],
    readonly outputs: Record<string, Record<string, string>>,
  ) {
    super(
      'ApplyFailed',
      `${failures.length} resource${failures.length === 1 ? '' : 's'} failed${skipped.length ? `, ${skipped.length} not attempted (${skipped.join(', ')})` : ''}:\n` +
        failures.map((f) => `  - ${f.resource}: ${(f.error as Error)?.message ?? String(f.error)}`).join('\n') +
        '\nWhat succeeded is kept; run the same command again to resume.',
    );
  }
}

const TERMINAL = new Set(['succeeded', 'failed', 'canceled', 'cancelled']);

/** Reads the resource until no operation runs on it (its provisioningState is terminal) or time is up. */
async function waitForSettled(r: PlannedResource, env: KindEnv, pollInMs: number, deadline: number): Promise<unknown> {
  for (;;) {
    const actual = await r.provider.read(env, r.id);
    const ps = (actual as { provisioningState?: string } | undefined)?.provisioningState?.toLowerCase();
    if (actual === undefined || ps === undefined || TERMINAL.has(ps) || Date.now() > deadline) return actual;
    await sleep(pollInMs);
  }
}

/**
 * Runs the plan's steps as a dependency graph: a resource is written as soon as everything it refers to
 * is done, up to `concurrency` at a time, each through the SDK's own poller.
 */
export async function applyPlan(state: PlanState, options: ApplyOptions): Promise<ApplyResult> {
  const events = options.events ?? noEvents;
  const emulator = options.arm.isEmulator;
  const retry: OperationRetryPolicy = options.operationRetry ?? {
    attempts: 3,
    delayInMs: emulator ? 50 : 10_000,
    replicationBudgetInMs: emulator ? 30_000 : 10 * 60_000,
    replicationPollInMs: emulator ? 100 : 10_000,
  };
  const steps = new Map<string, Step>(state.plan.steps.map((s) => [s.resource, s]));
  const toRun = state.order.filter((n) => steps.get(n)!.op === 'create' || steps.get(n)!.op === 'update');

  const run = async (name: string) => {
    const step = steps.get(name)!;
    const r = state.resources.get(name)!;
    const env = kindEnv(options, state.stack, name);
    // Outputs of what ran before are known now: resolve ${x.y} again.
    r.resolved = { ...r.resolved, spec: interpolate(state.stack.resources[name], state.resolver) };
    const started = Date.now();
    events({ type: 'step-start', resource: name, kind: step.kind, op: step.op, id: r.id });
    for (let attempt = 1; ; attempt++) {
      try {
        const actual = await r.provider.put(env, r.id, r.resolved, r.actual);
        r.actual = actual;
        // The write returned, but the resource says its operation failed (a poller that read the final
        // state without raising): not done. Write it again (now as an update of what exists), within the attempts.
        if ((actual as { provisioningState?: string } | undefined)?.provisioningState?.toLowerCase() === 'failed' && attempt < retry.attempts) {
          events({ type: 'step-retry', resource: name, attempt: attempt + 1, reason: 'the resource ended in provisioningState Failed', delayInMs: retry.delayInMs });
          await sleep(retry.delayInMs * 2 ** (attempt - 1));
          continue;
        }
        state.resolver.setOutputs(name, r.provider.outputs(actual));
        events({ type: 'step-done', resource: name, op: step.op, durationInMs: Date.now() - started });
        return;
      } catch (e) {
        if (isOperationInFlight(e) && Date.now() - started < (retry.replicationBudgetInMs ?? 10 * 60_000)) {
          events({ type: 'step-waiting', resource: name, reason: 'another operation is in progress on this resource; waiting for it, then comparing again' });
          const settled = await waitForSettled(r, env, retry.replicationPollInMs ?? 5_000, started + (retry.replicationBudgetInMs ?? 10 * 60_000));
          // A resource whose own (earlier) operation ended Failed matches on fields but is not done: write it again.
          const settledFailed = (settled as { provisioningState?: string } | undefined)?.provisioningState?.toLowerCase() === 'failed';
          if (settled !== undefined && !settledFailed && diffFields(r.provider.desired(r.resolved, settled), r.provider.observed(settled)).length === 0) {
            r.actual = settled;
            state.resolver.setOutputs(name, r.provider.outputs(settled));
            events({ type: 'step-done', resource: name, op: step.op, durationInMs: Date.now() - started });
            return;
          }
          if (settled !== undefined) r.actual = settled;
          continue;
        }
        const again = nextOperationRetry(e, attempt, retry, Date.now() - started);
        if (!again) {
          events({ type: 'step-failed', resource: name, op: step.op, error: (e as Error).message });
          throw e;
        }
        if (again.waiting) events({ type: 'step-waiting', resource: name, reason: again.waiting });
        else events({ type: 'step-retry', resource: name, attempt: attempt + 1, reason: (e as Error).message, delayInMs: again.delayInMs });
        await sleep(again.delayInMs);
      }
    }
  };

  const result = await runGraph(toRun, state.stack.dependencies, run, {
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    onSkip: (n, because) => events({ type: 'step-skipped', resource: n, reason: `${because} failed` }),
  });
  const outputs = outputsOf(state);
  if (result.failed.size > 0) {
    throw new ApplyError([...result.failed].map(([resource, error]) => ({ resource, error })), [...result.skipped.keys()], outputs);
  }
  // What left the stack goes once the stack itself is in place (what replaces it exists by then).
  const removals = state.removed.filter((r) => r.provider && r.kind && steps.get(r.key)?.op === 'delete');
  if (removals.length) {
    const waits = Object.fromEntries(removals.map((r) => [r.key, steps.get(r.key)!.dependsOn]));
    const gone = await runDeletes(state.stack, options, removals.map((r) => ({ key: r.key, id: r.id, kind: r.kind!, provider: r.provider! })), waits);
    if (gone.failed.size) throw new ApplyError([...gone.failed].map(([resource, error]) => ({ resource, error })), [...gone.skipped.keys()], outputs);
  }
  events({ type: 'outputs', outputs });
  return { plan: state.plan, outputs, changed: hasChanges(state.plan) };
}
