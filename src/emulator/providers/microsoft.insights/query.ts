import type { ArmResponse } from '../../router.js';
import type { StoredResource } from '../../state.js';
import { metricsErrors } from './errors.js';
import { AGGREGATIONS, type Aggregation, type MetricDef, type Sample, type SampleSource } from './metrics.js';

/**
 * `GET {resourceUri}/providers/Microsoft.Insights/metrics` (Metrics_List of metrics_API.json 2024-02-01) answered
 * from samples: query parameters `metricnames`, `aggregation`, `interval`, `timespan`, `$filter`, `top`,
 * `orderby`, `resultType`, `metricnamespace`, `ValidateDimensions`; the `Response` shape of that spec and its
 * common types (commonMonitoringTypes.json v2: Metric, TimeSeriesElement, MetricValue, MetadataValue).
 */

const MINUTE = 60_000;
/** Time grains Azure Monitor offers for PT1M metrics (U: from the portal's list). */
const GRAINS: Record<string, number> = { PT1M: MINUTE, PT5M: 5 * MINUTE, PT15M: 15 * MINUTE, PT30M: 30 * MINUTE, PT1H: 60 * MINUTE, PT6H: 360 * MINUTE, PT12H: 720 * MINUTE, P1D: 1440 * MINUTE };
/** Without a timespan, the last hour (U). */
const DEFAULT_SPAN = 60 * MINUTE;

export interface DimensionFilter {
  /** Lower-case dimension name → the values asked for (lower-case); empty = `'*'` (every value, split). */
  dims: Map<string, { values: Set<string>; negate: boolean; wildcard: boolean }>;
}

/**
 * The `$filter` grammar of metrics_API.json's FilterParameter: `A eq 'a1' and B eq 'b1' or B eq 'b2' and C eq '*'`;
 * `or` joins values of one dimension only ("the logical or operator cannot separate two different metadata
 * names"); `ne` excludes a value (U).
 */
export function parseFilter(text: string): DimensionFilter | string {
  const dims: DimensionFilter['dims'] = new Map();
  const term = /^\s*([A-Za-z_][\w.]*)\s+(eq|ne)\s+'((?:[^']|'')*)'\s*$/i;
  for (const group of text.split(/\s+and\s+/i)) {
    let dim: string | undefined;
    const entry = { values: new Set<string>(), negate: false, wildcard: false };
    for (const part of group.split(/\s+or\s+/i)) {
      const m = term.exec(part);
      if (!m) return `cannot read '${part.trim()}' (expected: name eq 'value')`;
      const name = m[1].toLowerCase();
      if (dim && dim !== name) return 'the logical or operator cannot separate two different metadata names';
      dim = name;
      entry.negate = m[2].toLowerCase() === 'ne';
      const value = m[3].replace(/''/g, "'");
      if (value === '*') entry.wildcard = true;
      else entry.values.add(value.toLowerCase());
    }
    if (dim) dims.set(dim, entry);
  }
  return { dims };
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function parseTimespan(v: string | null, now: number): { from: number; to: number } | undefined {
  if (!v) return { from: now - DEFAULT_SPAN, to: now };
  const [a, b] = v.split('/');
  const from = Date.parse(a);
  const to = Date.parse(b ?? '');
  return Number.isFinite(from) && Number.isFinite(to) && from < to ? { from, to } : undefined;
}

function aggregate(samples: Sample[], aggs: Aggregation[]): Record<string, number> {
  const out: Record<string, number> = {};
  const n = samples.length;
  const sum = samples.reduce((s, x) => s + x.value, 0);
  for (const a of aggs) {
    // An empty grain has a zero count and total, and no average, minimum or maximum (U).
    if (a === 'count') out.count = n;
    else if (a === 'total') out.total = sum;
    else if (n && a === 'average') out.average = sum / n;
    else if (n && a === 'minimum') out.minimum = Math.min(...samples.map((x) => x.value));
    else if (n && a === 'maximum') out.maximum = Math.max(...samples.map((x) => x.value));
  }
  return out;
}

export interface MetricsContext {
  resource: StoredResource;
  namespace: string;
  region: string;
  metrics: MetricDef[];
  source: SampleSource;
  now: number;
}

export function answerMetrics(query: URLSearchParams, c: MetricsContext): ArmResponse {
  const get = (name: string) => {
    // Query parameter names are case-insensitive in ARM (U); the SDK sends the spec's spelling.
    for (const [k, v] of query) if (k.toLowerCase() === name.toLowerCase()) return v;
    return null;
  };
  const [provider, type] = [c.namespace.split('/')[0], c.namespace.split('/').slice(1).join('/')];
  const ns = get('metricnamespace');
  if (ns && ns.toLowerCase() !== c.namespace.toLowerCase()) return metricsErrors.invalidNamespace(ns, c.namespace);
  const names = (get('metricnames') ?? c.metrics[0].name).split(',').map((s) => s.trim()).filter(Boolean);
  const defs: MetricDef[] = [];
  for (const n of names) {
    const d = c.metrics.find((m) => m.name.toLowerCase() === n.toLowerCase());
    if (!d) return metricsErrors.unknownMetric(provider, type, n, c.metrics.map((m) => m.name));
    defs.push(d);
  }
  const span = parseTimespan(get('timespan'), c.now);
  if (!span) return metricsErrors.invalidTimespan(get('timespan') ?? '');
  const intervalText = (get('interval') ?? 'PT1M').toUpperCase();
  const full = intervalText === 'FULL';
  const grain = full ? span.to - span.from : GRAINS[intervalText];
  if (!grain) return metricsErrors.invalidInterval(get('interval')!, Object.keys(GRAINS));
  const aggText = get('aggregation');
  const aggs: Aggregation[] = [];
  for (const a of aggText ? aggText.split(',') : []) {
    const x = a.trim().toLowerCase() as Aggregation;
    if (!AGGREGATIONS.includes(x)) return metricsErrors.invalidAggregation(a);
    aggs.push(x);
  }
  const resultType = get('resultType');
  if (resultType && !['data', 'metadata'].includes(resultType.toLowerCase())) return metricsErrors.invalidResultType(resultType);
  const metadataOnly = resultType?.toLowerCase() === 'metadata';
  const topText = get('top');
  const top = topText === null ? 10 : Number(topText);
  if (!Number.isInteger(top) || top < 1) return metricsErrors.invalidTop(topText!);
  const filterText = get('$filter');
  const filter = filterText ? parseFilter(filterText) : { dims: new Map() };
  if (typeof filter === 'string') return metricsErrors.invalidFilter(filterText!, filter);
  const validate = (get('ValidateDimensions') ?? 'true').toLowerCase() !== 'false';
  const orderby = get('orderby')?.trim().toLowerCase().split(/\s+/);

  // Buckets start on grain boundaries at or before the span's start (FULL: one bucket, the whole span).
  const start = full ? span.from : Math.floor(span.from / grain) * grain;
  const value = [];
  for (const def of defs) {
    const known = new Map(def.dimensions.map((d) => [d.toLowerCase(), d]));
    const dims = [...filter.dims].filter(([d]) => known.has(d));
    const unknown = [...filter.dims.keys()].find((d) => !known.has(d));
    if (unknown && validate) return metricsErrors.invalidDimension(def.name, unknown, def.dimensions);
    const used = aggs.length ? aggs : [def.primary];
    const samples = def.samples(c.resource, start, span.to, c.source).filter((s) =>
      dims.every(([d, f]) => {
        const v = String(s.dims[d] ?? '').toLowerCase();
        const hit = f.wildcard || f.values.has(v);
        return f.negate ? !f.values.has(v) : hit;
      }),
    );
    // Every dimension named in the filter splits the series (its value is in metadatavalues).
    const groups = new Map<string, { meta: Record<string, string>; samples: Sample[] }>();
    if (!dims.length) groups.set('', { meta: {}, samples });
    for (const s of dims.length ? samples : []) {
      const meta = Object.fromEntries(dims.map(([d]) => [d, s.dims[d] ?? '']));
      const key = JSON.stringify(meta);
      const g = groups.get(key) ?? { meta, samples: [] as Sample[] };
      g.samples.push(s);
      groups.set(key, g);
    }
    let series = [...groups.values()];
    if (orderby?.[0] && (AGGREGATIONS as readonly string[]).includes(orderby[0] === 'sum' ? 'total' : orderby[0])) {
      const key = (orderby[0] === 'sum' ? 'total' : orderby[0]) as Aggregation;
      const score = (g: (typeof series)[number]) => aggregate(g.samples, [key])[key] ?? 0;
      series.sort((a, b) => (orderby[1] === 'asc' ? score(a) - score(b) : score(b) - score(a)));
    }
    if (dims.length) series = series.slice(0, top);
    value.push({
      id: `${c.resource.id}/providers/Microsoft.Insights/metrics/${def.name}`,
      type: 'Microsoft.Insights/metrics',
      name: { value: def.name, localizedValue: def.name },
      displayDescription: def.displayDescription,
      unit: def.unit,
      timeseries: series.map((g) => {
        const element: Record<string, unknown> = {
          metadatavalues: Object.entries(g.meta).map(([d, v]) => ({ name: { value: known.get(d)!, localizedValue: known.get(d)! }, value: v })),
        };
        if (!metadataOnly) {
          const data = [];
          for (let t = start; t < span.to; t += grain) {
            const inGrain = g.samples.filter((s) => s.at >= t && s.at < t + grain);
            data.push({ timeStamp: iso(t), ...aggregate(inGrain, used) });
          }
          element.data = data;
        }
        return element;
      }),
      errorCode: 'Success',
    });
  }
  const body: Record<string, unknown> = {
    cost: Math.ceil((span.to - start) / MINUTE) * defs.length,
    timespan: `${iso(span.from)}/${iso(span.to)}`,
    namespace: c.namespace,
    resourceregion: c.region,
    value,
  };
  if (!metadataOnly) body.interval = full ? 'FULL' : intervalText;
  return { status: 200, body };
}
