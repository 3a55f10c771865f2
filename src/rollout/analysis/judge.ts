import type { AnalysisSpec, Comparison, MetricCheck } from './spec.js';

/**
 * The pure half of the metric analysis: measured numbers in, verdicts with their values out. No I/O, so each
 * rule is unit-tested on its own (test/unit/analysis.test.ts); monitor.ts fetches the numbers.
 */

export interface AnalysisResult {
  /** `success-rate`, `min-requests`, `vs-stable`, `restarts`, `latency`, or a generic check's name. */
  analysis: string;
  pass: boolean;
  /** Too little traffic to judge: the caller waits (low-traffic=wait) or fails. */
  lowTraffic?: boolean;
  value?: number;
  threshold?: number;
  detail: string;
}

export interface RequestCount {
  total: number;
  /** 5xx answers. */
  errors: number;
}

const pct = (x: number) => `${(x * 100).toFixed(2).replace(/\.?0+$/, '')}%`;

export function compare(value: number, op: Comparison, threshold: number): boolean {
  switch (op) {
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '==':
      return value === threshold;
  }
}

/** Requests-based verdicts: the minimum count first (too little traffic judges nothing), then success rate and the comparison with stable. */
export function judgeRequests(spec: AnalysisSpec, canary: RequestCount, stable: RequestCount | undefined, names: { canary: string; stable: string }): AnalysisResult[] {
  const min = spec.minRequests ?? 1;
  const out: AnalysisResult[] = [];
  if (canary.total < min) {
    return [{ analysis: 'min-requests', pass: false, lowTraffic: true, value: canary.total, threshold: min, detail: `${names.canary} served ${canary.total} request(s) in the window, fewer than the ${min} needed to judge it` }];
  }
  out.push({ analysis: 'min-requests', pass: true, value: canary.total, threshold: min, detail: `${names.canary} served ${canary.total} request(s) (need ≥ ${min})` });
  const canaryErrorRate = canary.errors / canary.total;
  if (spec.successRate !== undefined) {
    const rate = 1 - canaryErrorRate;
    out.push({ analysis: 'success-rate', pass: rate >= spec.successRate, value: rate, threshold: spec.successRate, detail: `${pct(rate)} of ${canary.total} request(s) to ${names.canary} were not 5xx (need ≥ ${pct(spec.successRate)})` });
  }
  if (spec.maxErrorRateIncrease !== undefined) {
    if (!stable || stable.total < min) {
      // Nothing to compare with (e.g. at 100% the stable revision serves nothing): not judged, not failed.
      out.push({ analysis: 'vs-stable', pass: true, detail: `not judged: ${names.stable} served ${stable?.total ?? 0} request(s) in the window (need ≥ ${min})` });
    } else {
      const stableErrorRate = stable.errors / stable.total;
      const diff = canaryErrorRate - stableErrorRate;
      out.push({
        analysis: 'vs-stable',
        pass: diff <= spec.maxErrorRateIncrease,
        value: diff,
        threshold: spec.maxErrorRateIncrease,
        detail: `error rate ${pct(canaryErrorRate)} on ${names.canary} (${canary.errors}/${canary.total}) vs ${pct(stableErrorRate)} on ${names.stable} (${stable.errors}/${stable.total}): +${pct(Math.max(0, diff))} (allowed +${pct(spec.maxErrorRateIncrease)})`,
      });
    }
  }
  return out;
}

export function judgeRestarts(max: number, restarts: number | undefined, revision: string): AnalysisResult {
  const n = restarts ?? 0;
  return { analysis: 'restarts', pass: n <= max, value: n, threshold: max, detail: `${revision}'s replicas restarted ${n} time(s) (allowed ${max})${restarts === undefined ? ' — no RestartCount data in the window' : ''}` };
}

export function judgeLatency(maxMs: number, averageMs: number | undefined): AnalysisResult {
  if (averageMs === undefined) return { analysis: 'latency', pass: true, threshold: maxMs, detail: 'not judged: no ResponseTime data in the window' };
  return { analysis: 'latency', pass: averageMs <= maxMs, value: averageMs, threshold: maxMs, detail: `average response time ${Math.round(averageMs)} ms, app-wide (the platform publishes ResponseTime without revisionName; limit ${maxMs} ms)` };
}

export const checkName = (c: MetricCheck) => c.name ?? `${c.metric}:${c.aggregation}${c.filter ? `{${Object.entries(c.filter).map(([k, v]) => `${k}=${v}`).join(',')}}` : ''}`;

/** A generic check; no data in the window counts as 0 for total and count, and as not judged otherwise. */
export function judgeMetric(c: MetricCheck, value: number | undefined): AnalysisResult {
  const v = value ?? (c.aggregation === 'total' || c.aggregation === 'count' ? 0 : undefined);
  const name = checkName(c);
  if (v === undefined) return { analysis: name, pass: true, threshold: c.threshold, detail: `not judged: no ${c.metric} data in the window` };
  return { analysis: name, pass: compare(v, c.op, c.threshold), value: v, threshold: c.threshold, detail: `${c.metric} ${c.aggregation} = ${+v.toFixed(4)} (need ${c.op} ${c.threshold})` };
}

/** One number from a series of per-grain points of one aggregation: totals and counts add up, extremes stay extreme, averages are weighted when counts are given. */
export function combine(points: Array<{ value?: number; count?: number }>, aggregation: MetricCheck['aggregation']): number | undefined {
  const xs = points.filter((p) => p.value !== undefined && p.value !== null) as Array<{ value: number; count?: number }>;
  if (!xs.length) return undefined;
  switch (aggregation) {
    case 'total':
    case 'count':
      return xs.reduce((s, p) => s + p.value, 0);
    case 'maximum':
      return Math.max(...xs.map((p) => p.value));
    case 'minimum':
      return Math.min(...xs.map((p) => p.value));
    case 'average': {
      const weight = xs.reduce((s, p) => s + (p.count ?? 1), 0);
      return xs.reduce((s, p) => s + p.value * (p.count ?? 1), 0) / weight;
    }
  }
}
