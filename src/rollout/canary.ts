import { setTimeout as sleep } from 'node:timers/promises';
import type { ArmContext } from '../arm/context.js';
import { AzprovError, ValidationError } from '../core/errors.js';
import { noEvents, type EventSink } from '../core/events.js';
import { evaluateGates, type GateResult, type Gates } from './gates.js';
import { loadDuring, type LoadSpec } from './load.js';
import { deployRevision, restoreTemplate, revisionAction, setTraffic } from './revision-ops.js';
import { getApp, listRevisions } from './revisions.js';
import { readRolloutTag, withRolloutTag, type RolloutState } from './rollout-state.js';
import { weightsOf } from './traffic.js';
import { DEFAULT_KEEP_REVISIONS, retireSuperseded } from '../resources/container-app/retire.js';
import { runHook, type Webhooks } from './webhooks.js';

export interface RolloutOptions {
  arm: ArmContext;
  appId: string;
  image?: string;
  env?: Record<string, string>;
  suffix?: string;
  gates: Gates;
  events?: EventSink;
  /** Wait after the new revision is at 100% before superseded revisions are deactivated (kept for a quick rollback). */
  deactivateAfterInMs?: number;
  /**
   * Superseded revisions (no traffic, no label) left active after promotion, newest first, for rollback
   * (default 1, like the stack's `keepRevisions`); older ones are deactivated.
   */
  keepRevisions?: number;
  /** Built-in load during each step's wait, so the metric analysis has requests to judge (load.ts). */
  load?: LoadSpec;
  webhooks?: Webhooks;
}

export interface CanaryOptions extends RolloutOptions {
  /** Percent of traffic at each step, ending at 100, e.g. [10, 25, 50, 100]. */
  steps: number[];
  intervalInMs: number;
}

export interface RolloutResult {
  outcome: 'promoted' | 'rolled-back' | 'ready';
  revision: string;
  stable: string;
  reason?: string;
}

/** The pre-rollout webhook said no: nothing was deployed. */
export class PreRolloutRejectedError extends AzprovError {
  constructor(readonly detail: string) {
    super('PreRolloutRejected', `the pre-rollout webhook stopped the rollout before it started: ${detail}`, 1);
  }
}

/** The rollout failed and was rolled back: the CLI exits non-zero with the reason. */
export class RolledBackError extends AzprovError {
  constructor(readonly result: RolloutResult) {
    super('RolledBack', `rolled back to ${result.stable}: ${result.reason}`, 1);
  }
}

export function checkSteps(steps: number[]): void {
  const bad = steps.some((s, i) => !Number.isInteger(s) || s < 1 || s > 100 || (i > 0 && s <= steps[i - 1]));
  if (!steps.length || bad || steps.at(-1) !== 100) {
    throw new ValidationError([{ field: '--steps', reason: `'${steps.join(',')}' is not a rising list of percents ending at 100.`, fix: 'use e.g. --steps 10,25,50,100.' }]);
  }
}

/** The one revision with all the traffic: where a rollout starts from. */
export async function stableRevision(arm: ArmContext, appId: string): Promise<string> {
  const app = await getApp(arm, appId);
  const weights = weightsOf(app.configuration?.ingress?.traffic, app.latestRevisionName);
  const full = Object.entries(weights).find(([, w]) => w === 100)?.[0];
  if (!full) throw new ValidationError([{ field: 'app', reason: `traffic is split (${Object.entries(weights).map(([k, w]) => `${k}=${w}`).join(', ')}), so there is no stable revision to roll out from.`, fix: 'finish or abort the rollout in progress (azprov rollout status), or set the traffic to one revision.' }]);
  return full;
}

/** Puts all traffic back on the stable revision, deactivates the new one and clears the rollout tag. */
export async function rollBack(arm: ArmContext, appId: string, state: RolloutState, events: EventSink, reason: string, webhooks?: Webhooks, results?: GateResult[]): Promise<RolloutResult> {
  const app = await getApp(arm, appId);
  await setTraffic(arm, appId, { [state.stable]: 100, [state.next]: 0 }, (tags) => withRolloutTag(tags, undefined));
  await revisionAction(arm, appId, state.next, 'deactivate');
  await restoreTemplate(arm, appId, state.stable);
  const result: RolloutResult = { outcome: 'rolled-back', revision: state.next, stable: state.stable, reason };
  events({ type: 'rollout-done', app: app.name!, outcome: 'rolled-back', revision: state.next, reason });
  await runHook(webhooks, { phase: 'rollback', app: app.name!, revisions: { canary: state.next, stable: state.stable }, weights: { [state.stable]: 100, [state.next]: 0 }, reason, results }, events);
  return result;
}

/**
 * All traffic to the new revision, then (after a wait) the superseded revisions nothing routes to are
 * deactivated, past the newest `keepRevisions`; the rollout tag goes.
 */
export async function finish(o: RolloutOptions, state: RolloutState): Promise<RolloutResult> {
  const events = o.events ?? noEvents;
  const app = await getApp(o.arm, o.appId);
  const promoted = await setTraffic(o.arm, o.appId, { [state.next]: 100, [state.stable]: 0 }, (tags) => withRolloutTag(tags, undefined));
  if (o.deactivateAfterInMs) await sleep(o.deactivateAfterInMs);
  await retireSuperseded(o.arm, o.appId, o.keepRevisions ?? DEFAULT_KEEP_REVISIONS, events, o.deactivateAfterInMs ? undefined : promoted);
  events({ type: 'rollout-done', app: app.name!, outcome: 'promoted', revision: state.next });
  await runHook(o.webhooks, { phase: 'post-rollout', app: app.name!, revisions: { canary: state.next, stable: state.stable }, weights: { [state.next]: 100, [state.stable]: 0 } }, events);
  return { outcome: 'promoted', revision: state.next, stable: state.stable };
}

async function gatesPass(o: RolloutOptions, state: RolloutState, windowStart: number, step: { step: number; of: number; weights: Record<string, number> }, judged: GateResult[] = []): Promise<string | undefined> {
  const events = o.events ?? noEvents;
  const app = await getApp(o.arm, o.appId);
  const revision = (await listRevisions(o.arm, o.appId)).find((r) => r.name === state.next);
  if (!revision) return `revision ${state.next} is gone`;
  const revisions = { canary: state.next, stable: state.stable };
  const hook = await runHook(o.webhooks, { phase: 'rollout', app: app.name!, revisions, ...step }, events);
  const onWait = (detail: string) => events({ type: 'info', message: `  … ${detail}` });
  const results = await evaluateGates(o.arm, o.gates, { app: app.name!, appFqdn: app.configuration?.ingress?.fqdn ?? '', revision, analysis: { appId: o.appId, stable: state.stable, windowStart, onWait } });
  for (const r of results) events({ type: 'gate', app: app.name!, revision: state.next, gate: r.gate, pass: r.pass, detail: r.detail, value: r.value, threshold: r.threshold });
  if (hook && !hook.pass) results.unshift({ gate: 'webhook:rollout', pass: false, detail: hook.detail });
  judged.splice(0, judged.length, ...results);
  const failed = results.filter((r) => !r.pass);
  return failed.length ? failed.map((r) => `${r.gate} gate: ${r.detail}`).join('; ') : undefined;
}

/**
 * Canary: a new revision at 0%, then each step's share of traffic, with every gate checked at every step;
 * a failing gate rolls back (all traffic to the old revision, the new one deactivated). Re-running after an
 * interruption continues from the app's traffic and rollout tag.
 */
export async function runCanary(o: CanaryOptions): Promise<RolloutResult> {
  checkSteps(o.steps);
  const events = o.events ?? noEvents;
  let app = await getApp(o.arm, o.appId);
  let state = readRolloutTag(app.tags);
  if (state && state.strategy !== 'canary') throw new ValidationError([{ field: 'app', reason: `a ${state.strategy} rollout of ${state.next} is in progress.`, fix: 'promote or abort it first (azprov rollout promote|abort).' }]);
  if (!state) {
    const stable = await stableRevision(o.arm, o.appId);
    const pre = await runHook(o.webhooks, { phase: 'pre-rollout', app: app.name!, revisions: { canary: '', stable } }, events);
    if (pre && !pre.pass) throw new PreRolloutRejectedError(pre.detail);
    const { revision } = await deployRevision(o.arm, o.appId, { image: o.image, env: o.env, suffix: o.suffix, weight: 0 });
    state = { strategy: 'canary', stable, next: revision, steps: o.steps };
    await setTraffic(o.arm, o.appId, { [stable]: 100, [revision]: 0 }, (tags) => withRolloutTag(tags, state));
  }
  app = await getApp(o.arm, o.appId);
  const current = weightsOf(app.configuration?.ingress?.traffic, app.latestRevisionName)[state.next] ?? 0;
  const steps = state.steps ?? o.steps;
  // The last step's gate and analysis results, for the confirm-promotion and rollback webhooks.
  const judged: GateResult[] = [];
  for (const [i, weight] of steps.entries()) {
    // Steps below the current weight were done before an interruption; the current one is checked again.
    if (weight < current) continue;
    const alreadyThere = weight === current;
    const weights = { [state.next]: weight, [state.stable]: 100 - weight };
    // All traffic moves only when the confirm-promotion webhook (if any) says go.
    if (weight === 100 && !alreadyThere) {
      const confirm = await runHook(o.webhooks, { phase: 'confirm-promotion', app: app.name!, revisions: { canary: state.next, stable: state.stable }, step: i + 1, of: steps.length, weights, results: judged }, events);
      if (confirm && !confirm.pass) throw new RolledBackError(await rollBack(o.arm, o.appId, state, events, `confirm-promotion: ${confirm.detail}`, o.webhooks));
    }
    // Every step alike, the last (100%) included: move the traffic, wait, check every gate.
    if (!alreadyThere) await setTraffic(o.arm, o.appId, weights);
    events({ type: 'rollout-step', app: app.name!, weights, step: i + 1, of: steps.length, nextInMs: o.intervalInMs });
    const windowStart = Date.now();
    await Promise.all([sleep(o.intervalInMs), o.load && loadDuring(o.arm, o.appId, state.next, o.load, o.intervalInMs, events)]);
    const failure = await gatesPass(o, state, windowStart, { step: i + 1, of: steps.length, weights }, judged);
    if (failure) {
      const result = await rollBack(o.arm, o.appId, state, events, `at ${weight}%: ${failure}`, o.webhooks, judged);
      throw new RolledBackError(result);
    }
  }
  return finish(o, state);
}
