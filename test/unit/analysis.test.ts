import { describe, expect, it } from 'vitest';
import { combine, compare, judgeLatency, judgeMetric, judgeRequests, judgeRestarts } from '../../src/rollout/analysis/judge.js';
import { checkAnalysisSpec, parseAnalysisFlag, parseMetricFlag } from '../../src/rollout/analysis/spec.js';
import { parseLoadFlag } from '../../src/rollout/load.js';
import { parseWebhookFlags } from '../../src/rollout/webhooks.js';

const names = { canary: 'web--v2', stable: 'web--v1' };

describe('analysis flags', () => {
  it('reads every term of --analysis', () => {
    expect(parseAnalysisFlag('success-rate>=0.99,min-requests=20,low-traffic=wait,max-wait=2m,restarts<=0,latency<=500ms,vs-stable<=0.02,ingestion-delay=30s')).toEqual({
      spec: { successRate: 0.99, minRequests: 20, onLowTraffic: 'wait', maxWaitInMs: 120_000, maxRestarts: 0, maxLatencyInMs: 500, maxErrorRateIncrease: 0.02, ingestionDelayInMs: 30_000 },
      problems: [],
    });
  });

  it('names every bad term at once, with the fix', () => {
    const { problems } = parseAnalysisFlag('success-rate>=1.5,min-requests=0,restarts>=1,colour=red,latency<=fast');
    expect(problems.map((p) => p.reason)).toEqual([
      "'success-rate>=1.5' is not understood.",
      "'min-requests=0' is not understood.",
      "'restarts>=1' is not understood.",
      "'colour=red' is not understood.",
      "'latency<=fast' is not understood.",
    ]);
    expect(problems[0].fix).toContain('success-rate>=0.99');
    expect(problems[3].fix).toContain('known terms');
  });

  it('reads the generic --metric form, and refuses what it cannot read', () => {
    expect(parseMetricFlag('Requests:total{revisionName=$canary,statusCode=503}<=5').check).toEqual({ metric: 'Requests', aggregation: 'total', filter: { revisionName: '$canary', statusCode: '503' }, op: '<=', threshold: 5 });
    expect(parseMetricFlag('UsageNanoCores:maximum<5e8').check).toEqual({ metric: 'UsageNanoCores', aggregation: 'maximum', op: '<', threshold: 5e8 });
    expect(parseMetricFlag('Requests:median<=5').problems[0].reason).toContain('is not a metric check');
    expect(parseMetricFlag('Requests:total{revisionName}<=5').problems[0].reason).toContain('is not dimension=value');
    expect(checkAnalysisSpec({ successRate: 2, minRequests: 0.5, metrics: [{ metric: 'X', aggregation: 'median' as any, op: '<', threshold: 1 }] }, 'app.rollout.analysis').map((p) => p.field)).toEqual([
      'app.rollout.analysis.successRate',
      'app.rollout.analysis.minRequests',
      'app.rollout.analysis.metrics[0].aggregation',
    ]);
  });

  it('reads --load and --webhook', () => {
    expect(parseLoadFlag('20rps@revision/healthz')).toEqual({ rps: 20, target: 'revision', path: '/healthz' });
    expect(parseLoadFlag('5@label:green')).toEqual({ rps: 5, target: 'label:green' });
    expect(() => parseLoadFlag('500rps')).toThrow(/between 0 and 200/);
    expect(() => parseLoadFlag('fast')).toThrow(/is not a load/);
    expect(parseWebhookFlags(['confirm-promotion=https://x.example/ok', 'pre-rollout=http://127.0.0.1:1/p'])).toEqual({
      webhooks: { 'confirm-promotion': { url: 'https://x.example/ok' }, 'pre-rollout': { url: 'http://127.0.0.1:1/p' } },
      problems: [],
    });
    expect(parseWebhookFlags(['deploy=https://x', 'rollout=ftp://x']).problems.map((p) => p.field)).toEqual(['--webhook.deploy', '--webhook.rollout.url']);
  });
});

describe('judging', () => {
  it('too little traffic judges nothing else; enough traffic judges success rate against the threshold', () => {
    expect(judgeRequests({ successRate: 0.99, minRequests: 20 }, { total: 19, errors: 0 }, undefined, names)).toEqual([
      expect.objectContaining({ analysis: 'min-requests', pass: false, lowTraffic: true, value: 19, threshold: 20 }),
    ]);
    // Default minimum 1: no traffic is not a success.
    expect(judgeRequests({ successRate: 0.5 }, { total: 0, errors: 0 }, undefined, names)[0]).toMatchObject({ pass: false, lowTraffic: true });
    const [min, rate] = judgeRequests({ successRate: 0.99, minRequests: 20 }, { total: 100, errors: 5 }, undefined, names);
    expect(min.pass).toBe(true);
    expect(rate).toMatchObject({ analysis: 'success-rate', pass: false, value: 0.95, threshold: 0.99 });
    expect(rate.detail).toBe('95% of 100 request(s) to web--v2 were not 5xx (need ≥ 99%)');
    expect(judgeRequests({ successRate: 0.95 }, { total: 100, errors: 5 }, undefined, names)[1].pass).toBe(true);
  });

  it('compares the error rate with the stable revision (Kayenta-style margin), and does not judge without stable traffic', () => {
    const spec = { maxErrorRateIncrease: 0.02, minRequests: 10 };
    const fail = judgeRequests(spec, { total: 100, errors: 6 }, { total: 100, errors: 3 }, names)[1];
    expect(fail).toMatchObject({ analysis: 'vs-stable', pass: false, threshold: 0.02 });
    expect(fail.value).toBeCloseTo(0.03);
    expect(judgeRequests(spec, { total: 100, errors: 4 }, { total: 100, errors: 3 }, names)[1].pass).toBe(true);
    // A canary better than stable passes.
    expect(judgeRequests(spec, { total: 100, errors: 0 }, { total: 100, errors: 10 }, names)[1].pass).toBe(true);
    expect(judgeRequests(spec, { total: 100, errors: 50 }, { total: 3, errors: 0 }, names)[1]).toMatchObject({ pass: true, detail: expect.stringContaining('not judged: web--v1 served 3') });
  });

  it('restarts, latency, generic checks and their edge cases', () => {
    expect(judgeRestarts(0, 2, 'web--v2')).toMatchObject({ pass: false, value: 2 });
    expect(judgeRestarts(0, undefined, 'web--v2')).toMatchObject({ pass: true, value: 0 });
    expect(judgeLatency(500, 650)).toMatchObject({ pass: false, value: 650 });
    expect(judgeLatency(500, undefined)).toMatchObject({ pass: true, detail: expect.stringContaining('not judged') });
    const c = { metric: 'Requests', aggregation: 'total' as const, filter: { statusCode: '503' }, op: '<=' as const, threshold: 5 };
    expect(judgeMetric(c, undefined)).toMatchObject({ analysis: 'Requests:total{statusCode=503}', pass: true, value: 0 });
    expect(judgeMetric(c, 6)).toMatchObject({ pass: false, value: 6 });
    expect(judgeMetric({ ...c, aggregation: 'maximum' }, undefined).detail).toContain('not judged');
    expect([compare(1, '<', 1), compare(1, '<=', 1), compare(2, '>', 1), compare(1, '>=', 2), compare(1, '==', 1)]).toEqual([false, true, true, false, true]);
  });

  it('combines per-minute points: totals add, extremes stay, averages weigh by count, no data is undefined', () => {
    const pts = [{ value: 10, count: 1 }, { value: 40, count: 3 }, { value: undefined }];
    expect(combine(pts, 'total')).toBe(50);
    expect(combine(pts, 'maximum')).toBe(40);
    expect(combine(pts, 'minimum')).toBe(10);
    expect(combine(pts, 'average')).toBe(32.5);
    expect(combine([], 'total')).toBeUndefined();
  });
});
