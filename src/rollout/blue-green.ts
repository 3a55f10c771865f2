import type { ArmContext } from '../arm/context.js';
import { ValidationError } from '../core/errors.js';
import { noEvents } from '../core/events.js';
import { finish, PreRolloutRejectedError, RolledBackError, rollBack, stableRevision, type RolloutOptions, type RolloutResult } from './canary.js';
import { evaluateGates } from './gates.js';
import { deployRevision, setLabel, setTraffic, swapLabels } from './revision-ops.js';
import { getApp, listRevisions } from './revisions.js';
import { readRolloutTag, withRolloutTag } from './rollout-state.js';
import { labelsOf } from './traffic.js';
import { runHook } from './webhooks.js';

export interface BlueGreenOptions extends RolloutOptions {
  /** Move the traffic at once when the gates pass; otherwise stop at "ready" (promote later). */
  promote?: boolean;
  blueLabel?: string;
  greenLabel?: string;
}

/**
 * Blue-green: the new revision comes up at 0% behind the green (preview) label, the gates run against the
 * label's own FQDN, and promotion swaps the labels and moves all traffic; the old revision, now labelled
 * green, is deactivated after `deactivateAfterInMs` (kept until then for a quick way back).
 */
export async function runBlueGreen(o: BlueGreenOptions): Promise<RolloutResult> {
  const events = o.events ?? noEvents;
  const blue = o.blueLabel ?? 'blue';
  const green = o.greenLabel ?? 'green';
  const since = Date.now();
  let app = await getApp(o.arm, o.appId);
  let state = readRolloutTag(app.tags);
  if (state && state.strategy !== 'blue-green') throw new ValidationError([{ field: 'app', reason: `a ${state.strategy} rollout of ${state.next} is in progress.`, fix: 'promote or abort it first.' }]);
  if (!state) {
    const stable = await stableRevision(o.arm, o.appId);
    const pre = await runHook(o.webhooks, { phase: 'pre-rollout', app: app.name!, revisions: { canary: '', stable } }, events);
    if (pre && !pre.pass) throw new PreRolloutRejectedError(pre.detail);
    if (!labelsOf(app.configuration?.ingress?.traffic, app.latestRevisionName)[blue]) await setLabel(o.arm, o.appId, blue, stable);
    const { revision } = await deployRevision(o.arm, o.appId, { image: o.image, env: o.env, suffix: o.suffix, weight: 0, label: green });
    state = { strategy: 'blue-green', stable, next: revision };
    await setTraffic(o.arm, o.appId, { [stable]: 100, [revision]: 0 }, (tags) => withRolloutTag(tags, state));
  }
  app = await getApp(o.arm, o.appId);
  const revision = (await listRevisions(o.arm, o.appId)).find((r) => r.name === state!.next);
  if (!revision) throw new ValidationError([{ field: 'app', reason: `revision ${state.next} of the rollout is gone.`, fix: 'abort the rollout (azprov rollout abort).' }]);
  const gates = { ...o.gates, ...(o.gates.http ? { http: { target: `label:${green}`, ...o.gates.http } } : {}) };
  // The analysis window: from the start of this run (the preview label's traffic: probes, --load, testers).
  const analysis = { appId: o.appId, stable: state.stable, windowStart: since, onWait: (detail: string) => events({ type: 'info', message: `  … ${detail}` }) };
  const results = await evaluateGates(o.arm, gates, { app: app.name!, appFqdn: app.configuration?.ingress?.fqdn ?? '', revision, analysis });
  for (const r of results) events({ type: 'gate', app: app.name!, revision: state.next, gate: r.gate, pass: r.pass, detail: r.detail, value: r.value, threshold: r.threshold });
  const failed = results.filter((r) => !r.pass);
  if (failed.length) {
    await setLabel(o.arm, o.appId, green, undefined);
    throw new RolledBackError(await rollBack(o.arm, o.appId, state, events, failed.map((r) => `${r.gate} gate: ${r.detail}`).join('; '), o.webhooks));
  }
  if (!o.promote) {
    events({ type: 'rollout-done', app: app.name!, outcome: 'ready', revision: state.next });
    return { outcome: 'ready', revision: state.next, stable: state.stable };
  }
  const confirm = await runHook(o.webhooks, { phase: 'confirm-promotion', app: app.name!, revisions: { canary: state.next, stable: state.stable }, weights: { [state.next]: 100, [state.stable]: 0 } }, events);
  if (confirm && !confirm.pass) {
    await setLabel(o.arm, o.appId, green, undefined);
    throw new RolledBackError(await rollBack(o.arm, o.appId, state, events, `confirm-promotion: ${confirm.detail}`, o.webhooks));
  }
  return promoteBlueGreen(o, blue, green);
}

/** Promotion: labels swap (blue = the new revision), all traffic to it, the old one deactivated after the delay. */
export async function promoteBlueGreen(o: RolloutOptions, blue = 'blue', green = 'green'): Promise<RolloutResult> {
  const app = await getApp(o.arm, o.appId);
  const state = readRolloutTag(app.tags);
  if (!state) throw new ValidationError([{ field: 'app', reason: 'no rollout is in progress.', fix: 'start one with azprov rollout blue-green or canary.' }]);
  if (state.strategy === 'blue-green') await swapLabels(o.arm, o.appId, blue, green);
  return finish(o, state);
}

/** Abort: whatever the strategy, all traffic back to the stable revision. */
export async function abortRollout(arm: ArmContext, appId: string, events = noEvents): Promise<RolloutResult> {
  const app = await getApp(arm, appId);
  const state = readRolloutTag(app.tags);
  if (!state) throw new ValidationError([{ field: 'app', reason: 'no rollout is in progress.', fix: 'nothing to abort.' }]);
  const labels = labelsOf(app.configuration?.ingress?.traffic, app.latestRevisionName);
  const green = Object.entries(labels).find(([, rev]) => rev === state.next)?.[0];
  if (green && state.strategy === 'blue-green') await setLabel(arm, appId, green, undefined);
  return rollBack(arm, appId, state, events, 'aborted');
}
