import http from 'node:http';
import { ContainerAppsAPIClient } from '@azure/arm-appcontainers';
import { MonitorClient } from '@azure/arm-monitor';
import { ResourceManagementClient } from '@azure/arm-resources';
import { describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { useEmulator } from '../helpers/emulator.js';
import { raw } from './helpers.js';

const fx = useEmulator({ metricsIngestionDelayInMs: 1000 });
const RG = 'rg-metrics';

function get(emu: RunningEmulator, host: string, path = '/'): Promise<number> {
  const url = new URL(emu.appsEndpoint);
  return new Promise((resolve, reject) => {
    http
      .get({ host: url.hostname, port: url.port, path, headers: { host } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

async function setup() {
  const ctx = fx.arm();
  await (await ctx.client(ResourceManagementClient)).resourceGroups.createOrUpdate(RG, { location: 'eastus' });
  const apps = await ctx.client(ContainerAppsAPIClient);
  const env = await apps.managedEnvironments.beginCreateOrUpdateAndWait(RG, 'env', { location: 'eastus' }, ctx.lroOptions());
  const put = (suffix: string, traffic?: any[]) =>
    apps.containerApps.beginCreateOrUpdateAndWait(
      RG,
      'web',
      { location: 'eastus', environmentId: env.id, configuration: { activeRevisionsMode: 'Multiple', ingress: { external: true, targetPort: 80, traffic } }, template: { revisionSuffix: suffix, containers: [{ name: 'web', image: 'nginx:1' }] } },
      ctx.lroOptions(),
    );
  const app = await put('v1');
  await put('v2', [{ revisionName: 'web--v1', weight: 50 }, { revisionName: 'web--v2', weight: 50 }]);
  const monitor = await ctx.client(MonitorClient);
  const revId = (name: string) => `${app.id}/revisions/${name}`;
  return { ctx, app, domain: env.defaultDomain!, monitor, revId };
}

const span = (fromMs: number, toMs = Date.now() + 1000) => `${new Date(fromMs).toISOString()}/${new Date(toMs).toISOString()}`;
const sum = (ts: any) => (ts?.data ?? []).reduce((s: number, d: any) => s + (d.total ?? 0), 0);

describe('Microsoft.Insights metrics of a container app', () => {
  it('Requests split by revision and status category count what the apps front end served, after the ingestion delay', async () => {
    const { app, domain, monitor } = await setup();
    fx.emulator.setRevisionBehaviour(`${app.id}/revisions/web--v2`, { failRate: 0.5 });
    const started = Date.now() - 1000;
    await Promise.all([...Array.from({ length: 20 }, () => get(fx.emulator, `web--v1.${domain}`)), ...Array.from({ length: 40 }, () => get(fx.emulator, `web--v2.${domain}`))]);
    const query = () =>
      monitor.metrics.list(app.id!.slice(1), { metricnames: 'Requests', aggregation: 'Total', interval: 'PT1M', timespan: span(started), filter: "revisionName eq '*' and statusCodeCategory eq '*'" });
    // Not yet ingested: no series at all.
    expect((await query()).value[0].timeseries).toEqual([]);
    await new Promise((r) => setTimeout(r, 1050));
    const res = await query();
    expect(res).toMatchObject({ namespace: 'Microsoft.App/containerApps', resourceregion: 'eastus', interval: 'PT1M' });
    const m = res.value[0];
    expect(m).toMatchObject({ name: { value: 'Requests' }, unit: 'Count', type: 'Microsoft.Insights/metrics', errorCode: 'Success' });
    const by = (rev: string, cat: string) => m.timeseries!.find((t) => t.metadatavalues!.some((v) => v.value === rev) && t.metadatavalues!.some((v) => v.value === cat));
    expect(sum(by('web--v1', '2xx'))).toBe(20);
    const v2ok = sum(by('web--v2', '2xx'));
    const v2err = sum(by('web--v2', '5xx'));
    expect(v2ok + v2err).toBe(40);
    expect(v2err).toBeGreaterThan(5);
    expect(by('web--v1', '5xx')).toBeUndefined();
    expect(m.timeseries![0].metadatavalues!.map((v) => v.name!.value).sort()).toEqual(['revisionName', 'statusCodeCategory']);
    // A specific value filters; FULL gives one data point for the whole span.
    const one = await monitor.metrics.list(app.id!.slice(1), { metricnames: 'Requests', aggregation: 'Total,Count', interval: 'FULL', timespan: span(started), filter: "revisionName eq 'web--v1'" });
    expect(one.interval).toBe('FULL');
    expect(one.value[0].timeseries).toHaveLength(1);
    expect(one.value[0].timeseries![0].data).toEqual([expect.objectContaining({ total: 20, count: 20 })]);
  });

  it('ResponseTime is per app (no revisionName), Replicas and RestartCount come from the revisions and their knobs', async () => {
    const { app, domain, monitor } = await setup();
    fx.emulator.setRevisionBehaviour(`${app.id}/revisions/web--v1`, { latencyMs: 60, restartCount: 3 });
    const started = Date.now() - 61_000;
    for (let i = 0; i < 3; i++) await get(fx.emulator, `web--v1.${domain}`);
    await new Promise((r) => setTimeout(r, 1050));
    const res = await monitor.metrics.list(app.id!.slice(1), { metricnames: 'ResponseTime,Replicas,RestartCount', aggregation: 'Maximum,Average', interval: 'FULL', timespan: span(started) });
    const [rt, replicas, restarts] = res.value;
    expect(rt.unit).toBe('MilliSeconds');
    expect(rt.timeseries![0].data![0].average).toBeGreaterThanOrEqual(60);
    expect(replicas.timeseries![0].data![0].maximum).toBeGreaterThanOrEqual(1);
    expect(restarts.timeseries![0].data![0].maximum).toBe(3);
    const perRevision = await monitor.metrics.list(app.id!.slice(1), { metricnames: 'RestartCount', aggregation: 'Maximum', interval: 'FULL', timespan: span(started), filter: "revisionName eq '*'" });
    const names = perRevision.value[0].timeseries!.map((t) => [t.metadatavalues![0].value, t.data![0].maximum]);
    expect(names).toContainEqual(['web--v1', 3]);
  });

  it('refuses what Azure refuses: an unknown metric (flat error body), a dimension the metric lacks, a bad timespan, interval or aggregation, an or across dimensions', async () => {
    const { app, monitor } = await setup();
    const base = `${app.id}/providers/Microsoft.Insights/metrics?api-version=2024-02-01`;
    const unknown = await raw(fx.emulator, 'GET', `${base}&metricnames=Nope`, { headers: { authorization: `Bearer ${await (await import('./helpers.js')).token(fx.emulator)}` } });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual({ code: 'BadRequest', message: expect.stringMatching(/^Failed to find metric configuration for provider: Microsoft.App, resource Type: containerApps, metric: Nope, Valid metrics: Requests,ResponseTime,Replicas,RestartCount$/) });
    const fails = [
      { metricnames: 'ResponseTime', filter: "revisionName eq 'web--v1'" },
      { metricnames: 'Requests', timespan: 'yesterday' },
      { metricnames: 'Requests', interval: 'PT2M' },
      { metricnames: 'Requests', aggregation: 'median' },
      { metricnames: 'Requests', filter: "revisionName eq 'a' or statusCode eq '500'" },
    ];
    for (const o of fails) await expect(monitor.metrics.list(app.id!.slice(1), o)).rejects.toMatchObject({ statusCode: 400 });
    // ValidateDimensions=false ignores the unknown dimension.
    const ok = await monitor.metrics.list(app.id!.slice(1), { metricnames: 'ResponseTime', filter: "revisionName eq 'web--v1'", validateDimensions: false });
    expect(ok.value[0].timeseries).toHaveLength(1);
    await expect(monitor.metrics.list(`${app.id!.slice(1, -3)}nope`, { metricnames: 'Requests' })).rejects.toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
    const badVersion = await raw(fx.emulator, 'GET', base.replace('2024-02-01', '2099-01-01'), { headers: { authorization: `Bearer ${await (await import('./helpers.js')).token(fx.emulator)}` } });
    expect(badVersion.status).toBe(400);
  });
});
