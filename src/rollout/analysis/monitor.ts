import { MonitorClient } from '@azure/arm-monitor';
import type { ArmContext } from '../../arm/context.js';
import { combine, type RequestCount } from './judge.js';
import type { MetricCheck } from './spec.js';

/**
 * Reads a container app's platform metrics through the ARM metrics API (`@azure/arm-monitor`, Metrics_List of
 * Microsoft.Insights) with the context's credential and endpoint, so the same code reads Azure and the emulator.
 * Metric names and dimensions: https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-app-containerapps-metrics
 * (`Requests` by revisionName and statusCodeCategory, `RestartCount` by revisionName, `ResponseTime` per app only);
 * all have the time grain PT1M, so a window's edges fall on whole minutes of data.
 */

export interface Window {
  from: number;
  to: number;
}

const GRAIN = 'PT1M';
const iso = (ms: number) => new Date(ms).toISOString();
const timespan = (w: Window) => `${iso(w.from)}/${iso(w.to)}`;
/** The SDK expands `/{+resourceUri}/…`: the id goes without its leading slash. */
const uri = (id: string) => id.replace(/^\/+/, '');
const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;
const lower = (s: string | undefined) => (s ?? '').toLowerCase();

type Series = { metadatavalues?: Array<{ name?: { value?: string }; value?: string }>; data?: Array<Record<string, any>> };
const dim = (s: Series, name: string) => s.metadatavalues?.find((m) => lower(m.name?.value) === lower(name))?.value;

async function list(arm: ArmContext, appId: string, w: Window, o: { metricnames: string; aggregation: string; filter?: string }) {
  const monitor = await arm.client(MonitorClient);
  const res = await monitor.metrics.list(uri(appId), { ...o, interval: GRAIN, timespan: timespan(w), top: 100 });
  return res.value ?? [];
}

/** Requests of each revision in the window: all, and 5xx. */
export async function requestCounts(arm: ArmContext, appId: string, w: Window, revisions: string[]): Promise<Map<string, RequestCount>> {
  const filter = `${revisions.map((r) => `revisionName eq ${quote(r)}`).join(' or ')} and statusCodeCategory eq '*'`;
  const [requests] = await list(arm, appId, w, { metricnames: 'Requests', aggregation: 'Total', filter });
  const out = new Map(revisions.map((r) => [lower(r), { total: 0, errors: 0 }]));
  for (const s of (requests?.timeseries ?? []) as Series[]) {
    const c = out.get(lower(dim(s, 'revisionName')));
    if (!c) continue;
    const n = (s.data ?? []).reduce((sum, d) => sum + (d.total ?? 0), 0);
    c.total += n;
    if (dim(s, 'statusCodeCategory') === '5xx') c.errors += n;
  }
  return out;
}

/** The highest cumulative restart count of the revision's replicas in the window (undefined: no data). */
export async function restarts(arm: ArmContext, appId: string, w: Window, revision: string): Promise<number | undefined> {
  const [m] = await list(arm, appId, w, { metricnames: 'RestartCount', aggregation: 'Maximum', filter: `revisionName eq ${quote(revision)}` });
  return combine(((m?.timeseries ?? []) as Series[]).flatMap((s) => (s.data ?? []).map((d) => ({ value: d.maximum }))), 'maximum');
}

/** The app's average response time in the window, weighted by request count (ResponseTime has no revisionName). */
export async function averageResponseTime(arm: ArmContext, appId: string, w: Window): Promise<number | undefined> {
  const [m] = await list(arm, appId, w, { metricnames: 'ResponseTime', aggregation: 'Average,Count' });
  return combine(((m?.timeseries ?? []) as Series[]).flatMap((s) => (s.data ?? []).map((d) => ({ value: d.average, count: d.count }))), 'average');
}

/** A generic check's value: its aggregation over the window, `$canary`/`$stable` replaced in the filter. */
export async function metricValue(arm: ArmContext, appId: string, w: Window, c: MetricCheck, names: { canary: string; stable: string }): Promise<number | undefined> {
  const filter = Object.entries(c.filter ?? {})
    .map(([k, v]) => `${k} eq ${quote(v === '$canary' ? names.canary : v === '$stable' ? names.stable : v)}`)
    .join(' and ');
  const aggregation = c.aggregation === 'average' ? 'Average,Count' : c.aggregation;
  const [m] = await list(arm, appId, w, { metricnames: c.metric, aggregation, ...(filter ? { filter } : {}) });
  return combine(((m?.timeseries ?? []) as Series[]).flatMap((s) => (s.data ?? []).map((d) => ({ value: d[c.aggregation], count: d.count }))), c.aggregation);
}
