import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AzprovEvent } from '../../src/core/events.js';
import { applyPlan } from '../../src/engine/apply.js';
import { planStack } from '../../src/engine/plan.js';
import { validateStack } from '../../src/engine/validate.js';
import { runBlueGreen } from '../../src/rollout/blue-green.js';
import { PreRolloutRejectedError, RolledBackError, runCanary, type CanaryOptions } from '../../src/rollout/canary.js';
import { webhookNotifier } from '../../src/rollout/notify.js';
import { getApp } from '../../src/rollout/revisions.js';
import { weightsOf } from '../../src/rollout/traffic.js';
import { useEmulator } from '../helpers/emulator.js';

const fx = useEmulator({ metricsIngestionDelayInMs: 200 });

const stackDef = {
  name: 'web',
  location: 'westeurope',
  resources: {
    rg: { kind: 'resourceGroup', name: 'rg-web' },
    env: { kind: 'managedEnvironment', name: 'cae-web', resourceGroup: 'rg' },
    app: { kind: 'containerApp', name: 'web', resourceGroup: 'rg', environment: 'env', containers: [{ image: 'gbaeke/dapr-state:1.0.0' }], ingress: { external: true, targetPort: 8080 }, scale: { minReplicas: 1, maxReplicas: 1 } },
  },
};

async function setup() {
  const arm = fx.arm();
  const result = await applyPlan(await planStack(validateStack(stackDef), { arm }), { arm });
  return { arm, appId: result.outputs.app.id, v1: result.outputs.app.revisionName };
}

async function canary(o: Partial<CanaryOptions> & { failRate?: number }) {
  const { arm, appId, v1 } = await setup();
  fx.emulator.clearExchanges();
  const events: AzprovEvent[] = [];
  const run = runCanary({
    arm,
    appId,
    image: 'gbaeke/dapr-state:2.0.0',
    suffix: 'v2',
    env: o.failRate ? { AZPROV_EMULATOR_FAIL_RATE: String(o.failRate) } : undefined,
    steps: [50, 100],
    intervalInMs: 1200,
    gates: {},
    events: (e) => events.push(e),
    ...o,
  });
  const result = await run.catch((e) => e);
  const app = await getApp(arm, appId);
  return { result, events, v1, weights: weightsOf(app.configuration?.ingress?.traffic, app.latestRevisionName) };
}

const analyses = (events: AzprovEvent[]) => events.filter((e): e is Extract<AzprovEvent, { type: 'gate' }> => e.type === 'gate' && e.gate.startsWith('analysis:'));

/** A loopback HTTP server that records each JSON POST and answers with `answer(n, body)` (n = calls to that path so far). */
const servers: http.Server[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));
async function hookServer(answer: (path: string, n: number, body: any) => number) {
  const calls: Array<{ path: string; body: any }> = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (d) => (text += d));
    req.on('end', () => {
      const body = JSON.parse(text || 'null');
      calls.push({ path: req.url!, body });
      const status = answer(req.url!, calls.filter((c) => c.path === req.url).length, body);
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'not yet');
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { calls, url: (p: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${p}` };
}

describe('canary with metric analysis (real requests, real metric queries)', () => {
  it('promotes a healthy canary, reporting each analysis with its measured value at each step', async () => {
    const { result, events, weights } = await canary({
      load: { rps: 40 },
      gates: { analysis: { successRate: 0.99, minRequests: 10, maxErrorRateIncrease: 0.01, maxRestarts: 0, maxLatencyInMs: 1000, metrics: [{ metric: 'Requests', aggregation: 'total', filter: { revisionName: '$canary', statusCodeCategory: '5xx' }, op: '<=', threshold: 0 }] } },
    });
    expect(result).toMatchObject({ outcome: 'promoted', revision: 'web--v2' });
    expect(weights).toEqual({ 'web--v2': 100 });
    const a = analyses(events);
    expect(a.every((e) => e.pass)).toBe(true);
    const names = a.map((e) => e.gate);
    for (const n of ['analysis:min-requests', 'analysis:success-rate', 'analysis:vs-stable', 'analysis:restarts', 'analysis:latency']) expect(names.filter((x) => x === n)).toHaveLength(2);
    const firstRate = a.find((e) => e.gate === 'analysis:success-rate')!;
    expect(firstRate).toMatchObject({ value: 1, threshold: 0.99 });
    expect(a.find((e) => e.gate === 'analysis:min-requests')!.value).toBeGreaterThanOrEqual(10);
    expect(events.some((e) => e.type === 'info' && /load: \d+ request\(s\) to web\./.test(e.message))).toBe(true);
    // The metric queries went through the real client to the Insights endpoint.
    const queries = fx.emulator.exchanges().filter((x) => x.request.url.includes('/providers/Microsoft.Insights/metrics'));
    expect(queries.length).toBeGreaterThan(0);
    expect(queries.filter((q) => q.response.statusCode !== 200).map((q) => [q.request.url, q.response.body])).toEqual([]);
  });

  it('rolls back a canary that fails 5% of its real requests by the absolute success-rate threshold', async () => {
    const { result, events, weights, v1 } = await canary({ failRate: 0.05, load: { rps: 60, target: 'revision' }, gates: { analysis: { successRate: 0.99, minRequests: 20 } } });
    expect(result).toBeInstanceOf(RolledBackError);
    expect(result.message).toMatch(/at 50%: analysis:success-rate gate: 9\d(\.\d+)?% of \d+ request\(s\) to web--v2 were not 5xx \(need ≥ 99%\)/);
    expect(weights).toEqual({ [v1]: 100 });
    const rate = analyses(events).find((e) => e.gate === 'analysis:success-rate')!;
    expect(rate.pass).toBe(false);
    expect(rate.value!).toBeLessThan(0.99);
    expect(rate.value!).toBeGreaterThan(0.85);
  });

  it('rolls back by comparison with the stable revision when the canary errs more than the margin', async () => {
    const { result, events } = await canary({ failRate: 0.2, load: { rps: 60 }, gates: { analysis: { maxErrorRateIncrease: 0.05, minRequests: 10 } } });
    expect(result).toBeInstanceOf(RolledBackError);
    const cmp = analyses(events).find((e) => e.gate === 'analysis:vs-stable')!;
    expect(cmp.pass).toBe(false);
    expect(cmp.detail).toMatch(/error rate \d+(\.\d+)?% on web--v2 \(\d+\/\d+\) vs 0% on web--/);
    expect(cmp.value!).toBeGreaterThan(0.05);
  });

  it('fails a step with too little traffic after waiting for more (no traffic is not a success)', async () => {
    const { result, events, weights, v1 } = await canary({ intervalInMs: 100, gates: { analysis: { successRate: 0.99, minRequests: 5, onLowTraffic: 'wait', maxWaitInMs: 700 } } });
    expect(result).toBeInstanceOf(RolledBackError);
    expect(result.message).toContain('analysis:min-requests gate: web--v2 served 0 request(s) in the window, fewer than the 5 needed to judge it');
    expect(weights).toEqual({ [v1]: 100 });
    expect(events.some((e) => e.type === 'info' && e.message.includes('waiting up to'))).toBe(true);
    // Judged once the wait was spent, and the success rate was never claimed.
    expect(analyses(events).map((e) => e.gate)).toEqual(['analysis:min-requests']);
  });
});

describe('webhooks', () => {
  it('calls pre-rollout, rollout at each step, confirm-promotion until it approves (third poll), then post-rollout', async () => {
    const hooks = await hookServer((path, n) => (path === '/confirm' && n < 3 ? 409 : 200));
    const { result, events } = await canary({
      intervalInMs: 300,
      load: { rps: 40 },
      gates: { analysis: { minRequests: 1 } },
      webhooks: { 'pre-rollout': { url: hooks.url('/pre') }, rollout: { url: hooks.url('/step') }, 'confirm-promotion': { url: hooks.url('/confirm'), pollInMs: 30, timeoutInMs: 5000 }, 'post-rollout': { url: hooks.url('/post') } },
    });
    expect(result).toMatchObject({ outcome: 'promoted' });
    expect(hooks.calls.map((c) => c.path)).toEqual(['/pre', '/step', '/confirm', '/confirm', '/confirm', '/step', '/post']);
    expect(hooks.calls[0].body).toMatchObject({ phase: 'pre-rollout', app: 'web', revisions: { canary: '', stable: expect.stringMatching(/^web--/) } });
    expect(hooks.calls[1].body).toMatchObject({ phase: 'rollout', app: 'web', revisions: { canary: 'web--v2' }, step: 1, of: 2, weights: { 'web--v2': 50 } });
    expect(hooks.calls[2].body).toMatchObject({ phase: 'confirm-promotion', step: 2, weights: { 'web--v2': 100 } });
    // The approver sees the last step's analysis with its measured values.
    expect(hooks.calls[2].body.results).toContainEqual(expect.objectContaining({ gate: 'analysis:min-requests', pass: true, value: expect.any(Number), threshold: 1 }));
    expect(hooks.calls.at(-1)!.body).toMatchObject({ phase: 'post-rollout', weights: { 'web--v2': 100 } });
    expect(events.filter((e) => e.type === 'info' && e.message.startsWith('confirm-promotion: waiting'))).toHaveLength(2);
  });

  it('rolls back when confirm-promotion never approves, and tells the rollback webhook why', async () => {
    const hooks = await hookServer((path) => (path === '/confirm' ? 403 : 200));
    const { result, weights, v1 } = await canary({ intervalInMs: 20, webhooks: { 'confirm-promotion': { url: hooks.url('/confirm'), pollInMs: 50, timeoutInMs: 300 }, rollback: { url: hooks.url('/rollback') } } });
    expect(result).toBeInstanceOf(RolledBackError);
    expect(result.message).toMatch(/confirm-promotion: not approved within 0.3 s \(\d+ poll\(s\); last: .*answered 403/);
    expect(weights).toEqual({ [v1]: 100 });
    const rb = hooks.calls.find((c) => c.path === '/rollback')!;
    expect(rb.body).toMatchObject({ phase: 'rollback', revisions: { canary: 'web--v2', stable: v1 }, reason: expect.stringContaining('confirm-promotion') });
  });

  it('a pre-rollout webhook answering non-2xx stops the rollout before anything is deployed', async () => {
    const hooks = await hookServer(() => 503);
    const { result, weights, v1 } = await canary({ webhooks: { 'pre-rollout': { url: hooks.url('/pre') } } });
    expect(result).toBeInstanceOf(PreRolloutRejectedError);
    expect(result.message).toContain('answered 503');
    expect(weights).toEqual({ [v1]: 100 });
    expect(fx.emulator.exchanges().filter((e) => e.request.method === 'PUT' && e.request.url.includes('containerApps/web?'))).toHaveLength(0);
  });

  it('notifications go out in order with Slack/Teams-compatible bodies; a failing receiver is reported once and fails nothing', async () => {
    const good = await hookServer(() => 200);
    const bad = await hookServer(() => 500);
    const warnings: string[] = [];
    const ok = webhookNotifier(good.url('/n'));
    const broken = webhookNotifier(bad.url('/n'), (m) => warnings.push(m));
    const { result } = await canary({ intervalInMs: 20, events: (e) => (ok.sink(e), broken.sink(e)) });
    await Promise.all([ok.flush(), broken.flush()]);
    expect(result).toMatchObject({ outcome: 'promoted' });
    const bodies = good.calls.map((c) => c.body);
    expect(bodies.map((b) => b.azprov.type)).toEqual(['rollout-step', 'rollout-step', 'rollout-done']);
    expect(bodies[0]).toEqual({ '@type': 'MessageCard', '@context': 'https://schema.org/extensions', summary: 'azprov rollout: rollout-step', themeColor: '2EB886', text: expect.stringMatching(/^\*\*web\*\* step 1\/2: `web--v2` 50%, `web--r[0-9a-f]{8}` 50%$/), azprov: expect.objectContaining({ step: 1 }) });
    expect(bodies.at(-1)!.text).toBe('🚀 **web** promoted `web--v2` to 100% of the traffic');
    expect(bad.calls).toHaveLength(3);
    expect(warnings).toEqual([expect.stringMatching(/^notification webhook http:\/\/127\.0\.0\.1:\d+\/n: answered 500 \(later failures are not reported\)$/)]);
  });

  it('blue-green: the analysis judges the requests the preview label served (here those of the HTTP gate) and rolls back', async () => {
    const { arm, appId, v1 } = await setup();
    const events: AzprovEvent[] = [];
    const result = await runBlueGreen({
      arm,
      appId,
      image: 'gbaeke/dapr-state:2.0.0',
      suffix: 'v2',
      env: { AZPROV_EMULATOR_FAIL_RATE: '0.5' },
      promote: true,
      // Probes sent while the new revision starts are not its requests: judge on most of the 40, not all.
      gates: { http: { requests: 40, successRate: 0 }, analysis: { successRate: 0.9, minRequests: 30 } },
      events: (e) => events.push(e),
    }).catch((e) => e);
    expect(result).toBeInstanceOf(RolledBackError);
    const rate = analyses(events).find((e) => e.gate === 'analysis:success-rate')!;
    expect(rate, `${(result as Error).message}`).toMatchObject({ pass: false, threshold: 0.9 });
    expect(rate.detail).toMatch(/of (3\d|40) request\(s\) to web--v2 were not 5xx/);
    const app = await getApp(arm, appId);
    expect(weightsOf(app.configuration?.ingress?.traffic, app.latestRevisionName)).toEqual({ [v1]: 100 });
  });
});
