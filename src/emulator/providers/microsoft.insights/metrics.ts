import type { StoredResource } from '../../state.js';
import type { ServedRequest } from '../../registry.js';

/**
 * The platform metrics of Microsoft.App/containerApps the emulator answers, with the names, units, aggregations,
 * dimensions and time grain of Azure Monitor's reference [doc-aca-metrics]:
 * https://learn.microsoft.com/azure/azure-monitor/reference/supported-metrics/microsoft-app-containerapps-metrics
 * (generated page, ms.date 2025-04-16). Of its list the emulator serves the four it has data for:
 * - `Requests` (Count; revisionName, podName, statusCodeCategory, statusCode): every answer of the apps front end;
 * - `ResponseTime` (Milliseconds; statusCodeCategory, statusCode — no revisionName: latency is per app only);
 * - `Replicas` (Count; revisionName): the revision's `replicas` while it is active;
 * - `RestartCount` (Count; revisionName, podName): "the cumulative number of times the replica has restarted",
 *   from the revision's `restartCount` behaviour knob.
 * All have the one time grain PT1M. Every aggregation of MetricValue is answered for every metric (U: the page
 * lists Average, Total, Maximum, Minimum; Count is the number of samples). Other metrics of the page get the real "Failed to find metric configuration"
 * answer, with the emulator's list as the valid ones (U: Azure lists all of the page's).
 */

export type Aggregation = 'average' | 'minimum' | 'maximum' | 'total' | 'count';
export const AGGREGATIONS: readonly Aggregation[] = ['average', 'minimum', 'maximum', 'total', 'count'];

/** One sample: a value at a moment with its dimension values (lower-case dimension names). */
export interface Sample {
  at: number;
  value: number;
  dims: Record<string, string>;
}

export interface SampleSource {
  served(appId: string, from: number, to: number): ServedRequest[];
  ingestedUntil(): number;
  revisions(app: StoredResource): StoredResource[];
  restartCount(revision: StoredResource): number;
}

export interface MetricDef {
  name: string;
  displayDescription: string;
  /** The `Unit` enum of commonMonitoringTypes.json (`MilliSeconds`, though the reference page writes Milliseconds). */
  unit: 'Count' | 'MilliSeconds';
  /** Dimension names as Azure spells them. */
  dimensions: string[];
  /** The aggregation answered when the query names none. */
  primary: Aggregation;
  samples(app: StoredResource, from: number, to: number, src: SampleSource): Sample[];
}

const MINUTE = 60_000;
const category = (status: number) => `${Math.floor(status / 100)}xx`;
/** Each revision's built-in app runs as one replica here (U: the real podName is the replica's name). */
const podOf = (revision: string) => `${revision}-0`;

/** One sample per minute per active revision (gauges: Replicas, RestartCount). */
function perMinute(app: StoredResource, from: number, to: number, src: SampleSource, value: (rev: StoredResource) => number, pod: boolean): Sample[] {
  const out: Sample[] = [];
  const until = Math.min(to, src.ingestedUntil());
  for (const rev of src.revisions(app)) {
    const p = rev.body.properties;
    if (!p.active) continue;
    const created = Date.parse(p.createdTime ?? '') || 0;
    const name = String(rev.body.name);
    // One sample in each minute from the one the revision was created in, up to what is ingested.
    for (let t = Math.max(from, Math.floor(created / MINUTE) * MINUTE); t <= until && t < to; t = (Math.floor(t / MINUTE) + 1) * MINUTE) {
      out.push({ at: t, value: value(rev), dims: { revisionname: name, ...(pod ? { podname: podOf(name) } : {}) } });
    }
  }
  return out;
}

export const CONTAINER_APP_METRICS: MetricDef[] = [
  {
    name: 'Requests',
    displayDescription: 'Requests processed',
    unit: 'Count',
    dimensions: ['revisionName', 'podName', 'statusCodeCategory', 'statusCode'],
    primary: 'total',
    // One sample of 1 per request (U: how the platform batches them into samples is not documented).
    samples: (app, from, to, src) =>
      src.served(app.id, from, to).map((r) => ({ at: r.at, value: 1, dims: { revisionname: r.revision, podname: podOf(r.revision), statuscodecategory: category(r.status), statuscode: String(r.status) } })),
  },
  {
    name: 'ResponseTime',
    displayDescription: 'Average Response Time per Status Code',
    unit: 'MilliSeconds',
    dimensions: ['statusCodeCategory', 'statusCode'],
    primary: 'average',
    samples: (app, from, to, src) => src.served(app.id, from, to).map((r) => ({ at: r.at, value: r.latencyMs, dims: { statuscodecategory: category(r.status), statuscode: String(r.status) } })),
  },
  {
    name: 'Replicas',
    displayDescription: 'Number of replicas count of container app',
    unit: 'Count',
    dimensions: ['revisionName'],
    primary: 'maximum',
    samples: (app, from, to, src) => perMinute(app, from, to, src, (rev) => Number(rev.body.properties.replicas ?? 0), false),
  },
  {
    name: 'RestartCount',
    displayDescription: 'The cumulative number of times the replica has restarted since it was created.',
    unit: 'Count',
    dimensions: ['revisionName', 'podName'],
    primary: 'maximum',
    samples: (app, from, to, src) => perMinute(app, from, to, src, (rev) => src.restartCount(rev), true),
  },
];
