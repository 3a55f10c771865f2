import { setTimeout as sleep } from 'node:timers/promises';
import type { ArmContext } from '../../arm/context.js';
import { emulatorInfo } from '../probe.js';
import { judgeLatency, judgeMetric, judgeRequests, judgeRestarts, type AnalysisResult } from './judge.js';
import { averageResponseTime, metricValue, requestCounts, restarts, type Window } from './monitor.js';
import { usesRequests, type AnalysisSpec } from './spec.js';

export type { AnalysisResult } from './judge.js';
export type { AnalysisSpec, MetricCheck } from './spec.js';
export { checkAnalysisSpec, parseAnalysisFlag, parseMetricFlag } from './spec.js';

/**
 * Azure Monitor publishes platform metrics some minutes after the fact and gives no bound (U): 3 minutes by
 * default, as metric pollers do (Dynatrace's Azure poller reads a window that ended 5 minutes ago, "as Azure
 * Monitor is an eventually consistent metrics API"). The emulator says its own delay in /_emulator/info.
 */
export const AZURE_INGESTION_DELAY_MS = 180_000;

export interface AnalysisTarget {
  appId: string;
  canary: string;
  stable: string;
  /** When the step's traffic started: the window runs from here to when the analysis is called. */
  windowStart: number;
}

export async function ingestionDelayOf(arm: ArmContext, spec: AnalysisSpec): Promise<number> {
  if (spec.ingestionDelayInMs !== undefined) return spec.ingestionDelayInMs;
  if (!arm.isEmulator) return AZURE_INGESTION_DELAY_MS;
  const info = await emulatorInfo(arm);
  return typeof info.metricsIngestionDelayInMs === 'number' ? info.metricsIngestionDelayInMs : 0;
}

async function measure(arm: ArmContext, spec: AnalysisSpec, t: AnalysisTarget, w: Window): Promise<AnalysisResult[]> {
  const names = { canary: t.canary, stable: t.stable };
  const out: AnalysisResult[] = [];
  if (usesRequests(spec)) {
    const counts = await requestCounts(arm, t.appId, w, [t.canary, t.stable]);
    out.push(...judgeRequests(spec, counts.get(t.canary.toLowerCase())!, counts.get(t.stable.toLowerCase()), names));
  }
  if (spec.maxRestarts !== undefined) out.push(judgeRestarts(spec.maxRestarts, await restarts(arm, t.appId, w, t.canary), t.canary));
  if (spec.maxLatencyInMs !== undefined) out.push(judgeLatency(spec.maxLatencyInMs, await averageResponseTime(arm, t.appId, w)));
  for (const c of spec.metrics ?? []) out.push(judgeMetric(c, await metricValue(arm, t.appId, w, c, names)));
  return out;
}

/**
 * Judges the canary over its step's window. The window ends now; the query waits until the platform has
 * ingested it (the ingestion delay). Too little traffic fails, or with `onLowTraffic: wait` the window grows
 * until enough requests are in or `maxWaitInMs` is spent (then it fails: no traffic is not a success).
 */
export async function runAnalysis(arm: ArmContext, spec: AnalysisSpec, t: AnalysisTarget, onWait?: (detail: string) => void): Promise<AnalysisResult[]> {
  const delay = await ingestionDelayOf(arm, spec);
  const started = Date.now();
  const maxWait = spec.onLowTraffic === 'wait' ? (spec.maxWaitInMs ?? 60_000) : 0;
  let end = started;
  for (;;) {
    const ingested = end + delay - Date.now();
    if (ingested > 0) await sleep(ingested);
    const results = await measure(arm, spec, t, { from: t.windowStart, to: end });
    const low = results.find((r) => r.lowTraffic);
    const left = started + maxWait - Date.now();
    if (!low || left <= 0) return results;
    onWait?.(`${low.detail}; waiting up to ${Math.ceil(left / 1000)} s for more`);
    await sleep(Math.min(left, Math.max(250, Math.min(15_000, maxWait / 10))));
    end = Date.now();
  }
}
