import type { Problem } from '../../core/errors.js';

/**
 * What the metric analysis of a rollout judges, as data (from flags or from the stack file's `rollout` block).
 * Every number is about the canary revision over one step's window, read from Azure Monitor's platform metrics
 * of the container app (names and dimensions: metrics.ts).
 */
export type Aggregation = 'average' | 'minimum' | 'maximum' | 'total' | 'count';
export type Comparison = '<' | '<=' | '>' | '>=' | '==';

export interface MetricCheck {
  /** Shown in events and notifications; default `<metric>:<aggregation>`. */
  name?: string;
  metric: string;
  aggregation: Aggregation;
  /** Dimension → value; `$canary` and `$stable` stand for the revisions' names. */
  filter?: Record<string, string>;
  op: Comparison;
  threshold: number;
}

export interface AnalysisSpec {
  /** Least share (0–1) of the canary's requests that are not 5xx. */
  successRate?: number;
  /** Fewest requests the canary must serve in a step's window for its numbers to count (default 1: no traffic is not a success). */
  minRequests?: number;
  /** Too little traffic: `fail` the step (default), or `wait` for more (up to `maxWaitInMs`) and then fail. */
  onLowTraffic?: 'wait' | 'fail';
  maxWaitInMs?: number;
  /** Most restarts of the canary's replicas (RestartCount is cumulative since the replica was created). */
  maxRestarts?: number;
  /** Highest average response time in ms: app-wide, as the platform publishes ResponseTime without revisionName. */
  maxLatencyInMs?: number;
  /** Kayenta-style: fail when the canary's error (5xx) rate exceeds the stable revision's by more than this (0–1). */
  maxErrorRateIncrease?: number;
  metrics?: MetricCheck[];
  /** How long the platform takes to publish a minute of metrics; the window ends this long before the query. */
  ingestionDelayInMs?: number;
}

const AGGS: Aggregation[] = ['average', 'minimum', 'maximum', 'total', 'count'];
const TERM = /^\s*([a-z-]+)\s*(<=|>=|==|=|<|>)\s*(\S+?)\s*$/;

/** `500ms`, `30s`, `3m` → ms. */
export function parseDurationText(v: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(v.trim());
  return m ? Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 'm' ? 60_000 : 1000) : undefined;
}

/**
 * `--analysis success-rate>=0.99,min-requests=20,low-traffic=wait,max-wait=2m,restarts<=0,latency<=500,
 * vs-stable<=0.02,ingestion-delay=3m`: every problem at once, each naming the term and the fix.
 */
export function parseAnalysisFlag(text: string, field = '--analysis'): { spec: AnalysisSpec; problems: Problem[] } {
  const spec: AnalysisSpec = {};
  const problems: Problem[] = [];
  const bad = (term: string, fix: string) => problems.push({ field, reason: `'${term}' is not understood.`, fix });
  for (const term of text.split(',').filter((t) => t.trim())) {
    const m = TERM.exec(term);
    if (!m) {
      bad(term, 'write terms like success-rate>=0.99, min-requests=20, restarts<=0, latency<=500, vs-stable<=0.02, low-traffic=wait.');
      continue;
    }
    const [, key, op, raw] = m;
    const num = Number(raw);
    const want = (ops: string[], ok: boolean, fix: string) => (ops.includes(op) && ok ? true : (bad(term, fix), false));
    switch (key) {
      case 'success-rate':
        if (want(['>='], num >= 0 && num <= 1, 'use success-rate>=<share 0–1>, e.g. success-rate>=0.99.')) spec.successRate = num;
        break;
      case 'min-requests':
        if (want(['=', '>='], Number.isInteger(num) && num >= 1, 'use min-requests=<whole number ≥ 1>, e.g. min-requests=20.')) spec.minRequests = num;
        break;
      case 'low-traffic':
        if (want(['='], raw === 'wait' || raw === 'fail', 'use low-traffic=wait or low-traffic=fail.')) spec.onLowTraffic = raw as 'wait' | 'fail';
        break;
      case 'max-wait':
      case 'ingestion-delay': {
        const ms = parseDurationText(raw);
        if (want(['='], ms !== undefined, `use ${key}=<duration>, e.g. ${key}=2m.`)) spec[key === 'max-wait' ? 'maxWaitInMs' : 'ingestionDelayInMs'] = ms;
        break;
      }
      case 'restarts':
        if (want(['<='], Number.isInteger(num) && num >= 0, 'use restarts<=<whole number>, e.g. restarts<=0.')) spec.maxRestarts = num;
        break;
      case 'latency': {
        const ms = /[a-z]$/.test(raw) ? parseDurationText(raw) : num;
        if (want(['<='], ms !== undefined && ms > 0, 'use latency<=<ms>, e.g. latency<=500 or latency<=500ms.')) spec.maxLatencyInMs = ms;
        break;
      }
      case 'vs-stable':
        if (want(['<='], num >= 0 && num <= 1, 'use vs-stable<=<error-rate margin 0–1>, e.g. vs-stable<=0.02.')) spec.maxErrorRateIncrease = num;
        break;
      default:
        bad(term, 'known terms: success-rate, min-requests, low-traffic, max-wait, restarts, latency, vs-stable, ingestion-delay.');
    }
  }
  return { spec, problems };
}

/** `--metric 'Requests:total{revisionName=$canary,statusCode=503}<=5'` (the generic form). */
export function parseMetricFlag(text: string, field = '--metric'): { check?: MetricCheck; problems: Problem[] } {
  const m = /^\s*([A-Za-z][\w.]*):([a-z]+)(?:\{([^}]*)\})?\s*(<=|>=|==|<|>)\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*$/i.exec(text);
  const fix = "write METRIC:AGGREGATION{dimension=value,...}<op>THRESHOLD, e.g. 'Requests:total{revisionName=$canary,statusCode=503}<=5' (aggregations: average, minimum, maximum, total, count; $canary/$stable name the revisions).";
  if (!m || !AGGS.includes(m[2].toLowerCase() as Aggregation)) return { problems: [{ field, reason: `'${text}' is not a metric check.`, fix }] };
  const filter: Record<string, string> = {};
  for (const pair of (m[3] ?? '').split(',').filter((p) => p.trim())) {
    const [k, ...v] = pair.split('=');
    if (!k.trim() || !v.length || !v.join('=').trim()) return { problems: [{ field, reason: `'${pair}' in '${text}' is not dimension=value.`, fix }] };
    filter[k.trim()] = v.join('=').trim();
  }
  return {
    check: { metric: m[1], aggregation: m[2].toLowerCase() as Aggregation, ...(Object.keys(filter).length ? { filter } : {}), op: m[4] as Comparison, threshold: Number(m[5]) },
    problems: [],
  };
}

/** Checks a spec from the stack file (the same rules as the flags). */
export function checkAnalysisSpec(s: AnalysisSpec, field: string): Problem[] {
  const p: Problem[] = [];
  const share = (v: number | undefined, name: string) => v !== undefined && !(v >= 0 && v <= 1) && p.push({ field: `${field}.${name}`, reason: `${v} is not a share between 0 and 1.`, fix: 'use e.g. 0.99.' });
  share(s.successRate, 'successRate');
  share(s.maxErrorRateIncrease, 'maxErrorRateIncrease');
  if (s.minRequests !== undefined && !(Number.isInteger(s.minRequests) && s.minRequests >= 1)) p.push({ field: `${field}.minRequests`, reason: `${s.minRequests} is not a whole number of at least 1.`, fix: 'use e.g. 20.' });
  if (s.maxRestarts !== undefined && !(Number.isInteger(s.maxRestarts) && s.maxRestarts >= 0)) p.push({ field: `${field}.maxRestarts`, reason: `${s.maxRestarts} is not a whole number.`, fix: 'use e.g. 0.' });
  for (const [i, c] of (s.metrics ?? []).entries()) {
    if (!AGGS.includes(c.aggregation)) p.push({ field: `${field}.metrics[${i}].aggregation`, reason: `'${c.aggregation}' is not an aggregation.`, fix: `use one of ${AGGS.join(', ')}.` });
  }
  return p;
}

/** Whether any request-based analysis (so the minimum request count applies) is asked for. */
export const usesRequests = (s: AnalysisSpec) => s.successRate !== undefined || s.maxErrorRateIncrease !== undefined || s.minRequests !== undefined;
