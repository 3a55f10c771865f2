import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ContainerApp, ContainerAppsAPIClient, type EnvironmentVar } from '@azure/arm-appcontainers';
import { ResourceManagementClient } from '@azure/arm-resources';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_NOT_FOUND_BODY, type RunningEmulator, describeEmulator, startEmulator } from '../../src/emulator/index.js';
import { contextFor, raw } from './helpers.js';
import { useEmulator } from '../helpers/emulator.js';

const fx = useEmulator();
const RG = 'rg-http';
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
afterAll(() => agent.destroy());

interface AppResponse {
  status: number;
  body: string;
  revision?: string;
  ms: number;
}

/** A plain HTTP request to the apps front end with `host` as the Host header. */
function get(emu: RunningEmulator, host: string, urlPath = '/', method = 'GET'): Promise<AppResponse> {
  const url = new URL(emu.appsEndpoint);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: urlPath, method, agent, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, revision: res.headers['x-azprov-revision'] as string | undefined, ms: Date.now() - started }));
    });
    req.on('error', reject);
    req.end();
  });
}

const many = async (emu: RunningEmulator, host: string, n: number, urlPath = '/') => {
  const out: AppResponse[] = [];
  for (let i = 0; i < n; i += 20) out.push(...(await Promise.all(Array.from({ length: Math.min(20, n - i) }, () => get(emu, host, urlPath)))));
  return out;
};
const count = <T>(xs: T[], pred: (x: T) => boolean) => xs.filter(pred).length;

interface BodyOptions {
  suffix?: string;
  env?: EnvironmentVar[];
  traffic?: any[];
  ingress?: boolean;
  external?: boolean;
}

async function setup(emu: RunningEmulator = fx.emulator) {
  const ctx = emu === fx.emulator ? fx.arm() : contextFor(emu);
  await (await ctx.client(ResourceManagementClient)).resourceGroups.createOrUpdate(RG, { location: 'eastus' });
  const apps = await ctx.client(ContainerAppsAPIClient);
  const env = await apps.managedEnvironments.beginCreateOrUpdateAndWait(RG, 'env-http', { location: 'eastus' }, ctx.lroOptions());
  const domain = env.defaultDomain!;
  const body = (o: BodyOptions = {}): ContainerApp => ({
    location: 'eastus',
    environmentId: env.id,
    configuration: { activeRevisionsMode: 'Multiple', ingress: o.ingress === false ? undefined : { external: o.external ?? true, targetPort: 80, traffic: o.traffic } },
    template: { revisionSuffix: o.suffix, containers: [{ name: 'web', image: 'nginx:1', env: o.env ?? [] }] },
  });
  const put = (b: ContainerApp, name = 'web') => apps.containerApps.beginCreateOrUpdateAndWait(RG, name, b, ctx.lroOptions());
  const revision = (name: string, app = 'web') => apps.containerAppsRevisions.getRevision(RG, app, name);
  return { ctx, apps, env, domain, body, put, revision, host: (h: string) => `${h}.${domain}` };
}

describe('reaching a revision', () => {
  it('a revision FQDN answers WELCOME (or Hello from <revision>) with x-azprov-revision; health endpoints answer ok', async () => {
    const { put, body, revision, host } = await setup();
    await put(body({ suffix: 'v1', env: [{ name: 'WELCOME', value: 'welcome to v1' }] }));
    const rev = await revision('web--v1');
    expect(rev.fqdn).toBe(host('web--v1'));
    const r = await get(fx.emulator, rev.fqdn!);
    expect(r).toMatchObject({ status: 200, body: 'welcome to v1', revision: 'web--v1' });
    // Host matching ignores case and the port; /healthz and /readyz answer ok; other paths 404.
    expect(await get(fx.emulator, `${rev.fqdn!.toUpperCase()}:443`)).toMatchObject({ status: 200, body: 'welcome to v1' });
    expect(await get(fx.emulator, rev.fqdn!, '/healthz')).toMatchObject({ status: 200, body: 'ok' });
    expect(await get(fx.emulator, rev.fqdn!, '/readyz')).toMatchObject({ status: 200, body: 'ok' });
    expect(await get(fx.emulator, rev.fqdn!, '/nope')).toMatchObject({ status: 404, revision: 'web--v1' });
    await put(body({ suffix: 'v2' }));
    expect(await get(fx.emulator, host('web--v2'))).toMatchObject({ status: 200, body: 'Hello from web--v2', revision: 'web--v2' });
  });

  it('the app FQDN splits by traffic weight: 80/20 roughly, 100/0 exactly', async () => {
    const { put, body, host } = await setup();
    await put(body({ suffix: 'v1' }));
    const app = await put(body({ suffix: 'v2', traffic: [{ revisionName: 'web--v1', weight: 80 }, { revisionName: 'web--v2', weight: 20 }] }));
    expect(app.configuration?.ingress?.fqdn).toBe(host('web'));
    const split = await many(fx.emulator, host('web'), 200);
    const v2 = count(split, (r) => r.revision === 'web--v2');
    expect(count(split, (r) => r.status === 200)).toBe(200);
    expect(count(split, (r) => r.revision === 'web--v1') + v2).toBe(200);
    expect(v2).toBeGreaterThanOrEqual(20);
    expect(v2).toBeLessThanOrEqual(60);

    await put(body({ suffix: 'v2', traffic: [{ revisionName: 'web--v1', weight: 0 }, { latestRevision: true, weight: 100 }] }));
    const all = await many(fx.emulator, host('web'), 60);
    expect(new Set(all.map((r) => r.revision))).toEqual(new Set(['web--v2']));
  });

  it('a label FQDN routes to the labelled revision; an internal app answers on .internal. hosts', async () => {
    const { put, body, host, domain } = await setup();
    await put(body({ suffix: 'v1' }));
    await put(body({ suffix: 'v2', traffic: [{ revisionName: 'web--v1', weight: 100, label: 'stable' }, { revisionName: 'web--v2', weight: 0, label: 'canary' }] }));
    const canary = await many(fx.emulator, host('web---canary'), 20);
    expect(new Set(canary.map((r) => r.revision))).toEqual(new Set(['web--v2']));
    expect(await get(fx.emulator, host('web---stable'))).toMatchObject({ status: 200, revision: 'web--v1' });
    expect(await get(fx.emulator, host('web---nolabel'))).toMatchObject({ status: 404 });

    const internal = await put(body({ suffix: 'i1', external: false }), 'api');
    expect(internal.configuration?.ingress?.fqdn).toBe(`api.internal.${domain}`);
    expect(await get(fx.emulator, internal.configuration!.ingress!.fqdn!)).toMatchObject({ status: 200, revision: 'api--i1' });
    expect(await get(fx.emulator, `api--i1.internal.${domain}`)).toMatchObject({ status: 200, revision: 'api--i1' });
  });

  it('404 for an inactive revision, an unknown host, an unknown app and an app without ingress', async () => {
    const { ctx, apps, put, body, host } = await setup();
    await put(body({ suffix: 'v1' }));
    await put(body({ suffix: 'v2' })); // latest takes 100 %
    expect(await get(fx.emulator, host('web--v1'))).toMatchObject({ status: 200, revision: 'web--v1' });
    await apps.containerAppsRevisions.deactivateRevision(RG, 'web', 'web--v1');
    const gone = await get(fx.emulator, host('web--v1'));
    expect(gone).toMatchObject({ status: 404, body: APP_NOT_FOUND_BODY });
    expect(gone.revision).toBeUndefined();
    expect(await get(fx.emulator, 'example.com')).toMatchObject({ status: 404, body: APP_NOT_FOUND_BODY });
    expect(await get(fx.emulator, host('nosuchapp'))).toMatchObject({ status: 404 });
    expect(await get(fx.emulator, host('web--nosuch'))).toMatchObject({ status: 404 });
    await put(body({ suffix: 'n1', ingress: false }), 'worker');
    expect(await get(fx.emulator, host('worker'))).toMatchObject({ status: 404 });
    expect(await get(fx.emulator, host('worker--n1'))).toMatchObject({ status: 404 });
    // A stopped app serves nothing.
    await apps.containerApps.beginStopAndWait(RG, 'web', ctx.lroOptions());
    expect(await get(fx.emulator, host('web--v2'))).toMatchObject({ status: 404 });
  });
});

describe('misbehaving revisions', () => {
  it('AZPROV_EMULATOR_FAIL_RATE=0.5 answers about half of / with 500 (health endpoints unaffected)', async () => {
    const { put, body, host } = await setup();
    await put(body({ suffix: 'bad', env: [{ name: 'AZPROV_EMULATOR_FAIL_RATE', value: '0.5' }] }));
    const rs = await many(fx.emulator, host('web--bad'), 200);
    const failed = count(rs, (r) => r.status === 500);
    expect(failed).toBeGreaterThanOrEqual(70);
    expect(failed).toBeLessThanOrEqual(130);
    expect(count(rs, (r) => r.status === 200) + failed).toBe(200);
    expect(rs.find((r) => r.status === 500)?.revision).toBe('web--bad');
    expect(count(await many(fx.emulator, host('web--bad'), 20, '/healthz'), (r) => r.status === 200)).toBe(20);
  });

  it('AZPROV_EMULATOR_UNHEALTHY=true: /healthz and /readyz 503, ARM healthState Unhealthy / runningState Degraded, not the latest ready revision', async () => {
    const { apps, put, body, host, revision } = await setup();
    await put(body({ suffix: 'good' }));
    const app = await put(body({ suffix: 'sick', env: [{ name: 'AZPROV_EMULATOR_UNHEALTHY', value: 'true' }], traffic: [{ revisionName: 'web--good', weight: 50 }, { revisionName: 'web--sick', weight: 50 }] }));
    expect(await get(fx.emulator, host('web--sick'), '/healthz')).toMatchObject({ status: 503, revision: 'web--sick' });
    expect(await get(fx.emulator, host('web--sick'), '/readyz')).toMatchObject({ status: 503 });
    expect(await get(fx.emulator, host('web--sick'), '/')).toMatchObject({ status: 200 });
    expect(await get(fx.emulator, host('web--good'), '/healthz')).toMatchObject({ status: 200 });
    expect(await revision('web--sick')).toMatchObject({ healthState: 'Unhealthy', runningState: 'Degraded', active: true });
    expect(await revision('web--good')).toMatchObject({ healthState: 'Healthy', runningState: 'Running' });
    expect(app.latestRevisionName).toBe('web--sick');
    expect((await apps.containerApps.get(RG, 'web')).latestReadyRevisionName).toBe('web--good');
  });

  it('setRevisionBehaviour overrides the env-var defaults (ARM view included); {} and reset() clear it', async () => {
    const { put, body, host, revision } = await setup();
    const app = await put(body({ suffix: 'v1', env: [{ name: 'AZPROV_EMULATOR_UNHEALTHY', value: 'true' }] }));
    const revId = `${app.id}/revisions/web--v1`;
    fx.emulator.setRevisionBehaviour(revId, { unhealthy: false, failRate: 1 });
    expect(await get(fx.emulator, host('web--v1'), '/healthz')).toMatchObject({ status: 200 });
    expect(count(await many(fx.emulator, host('web--v1'), 20), (r) => r.status === 500)).toBe(20);
    expect(await revision('web--v1')).toMatchObject({ healthState: 'Healthy', runningState: 'Running' });

    // The admin API does the same; bad input → 400, unknown revision → 404.
    const admin = await raw(fx.emulator, 'POST', '/_emulator/revisions/behaviour', { body: { revisionId: revId, failRate: 0, unhealthy: true } });
    expect(admin.status).toBe(200);
    expect(admin.json.behaviour).toEqual({ failRate: 0, latencyMs: 0, unhealthy: true, restartCount: 0 });
    expect(await get(fx.emulator, host('web--v1'))).toMatchObject({ status: 200 });
    expect(await revision('web--v1')).toMatchObject({ healthState: 'Unhealthy', runningState: 'Degraded' });
    expect((await raw(fx.emulator, 'POST', '/_emulator/revisions/behaviour', { body: { revisionId: revId, failRate: 2 } })).status).toBe(400);
    expect((await raw(fx.emulator, 'POST', '/_emulator/revisions/behaviour', { body: { revisionId: `${app.id}/revisions/web--zz`, failRate: 0 } })).status).toBe(404);
    expect(() => fx.emulator.setRevisionBehaviour(`${app.id}/revisions/web--zz`, {})).toThrow(/no revision/);

    fx.emulator.setRevisionBehaviour(revId, { failRate: 1 });
    fx.emulator.setRevisionBehaviour(revId, {}); // back to the env var: unhealthy, no failures
    expect(await get(fx.emulator, host('web--v1'))).toMatchObject({ status: 200 });
    expect(await get(fx.emulator, host('web--v1'), '/healthz')).toMatchObject({ status: 503 });

    fx.emulator.setRevisionBehaviour(revId, { failRate: 1 });
    fx.emulator.reset();
    expect(await get(fx.emulator, host('web--v1'))).toMatchObject({ status: 404 });
    const again = await setup();
    await again.put(again.body({ suffix: 'v1' }));
    expect(count(await many(fx.emulator, again.host('web--v1'), 20), (r) => r.status === 200)).toBe(20);
  });

  it('the latency knob delays every request (env var and override)', async () => {
    const { put, body, host } = await setup();
    const app = await put(body({ suffix: 'slow', env: [{ name: 'AZPROV_EMULATOR_LATENCY_MS', value: '150' }] }));
    await put(body({ suffix: 'fast', traffic: [{ revisionName: 'web--slow', weight: 50 }, { latestRevision: true, weight: 50 }] }));
    const fast = await get(fx.emulator, host('web--fast'));
    const slow = await get(fx.emulator, host('web--slow'), '/healthz');
    expect(slow).toMatchObject({ status: 200, revision: 'web--slow' });
    expect(slow.ms).toBeGreaterThanOrEqual(140);
    expect(fast.ms).toBeLessThan(100);
    fx.emulator.setRevisionBehaviour(`${app.id}/revisions/web--fast`, { latencyMs: 120 });
    expect((await get(fx.emulator, host('web--fast'))).ms).toBeGreaterThanOrEqual(110);
  });
});

describe('discovery and persistence', () => {
  it('appsEndpoint is in /_emulator/info and describeEmulator(); a restarted emulator serves the persisted apps', async () => {
    expect(fx.emulator.appsEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const info = await raw(fx.emulator, 'GET', '/_emulator/info');
    expect(info.json).toMatchObject({ endpoint: fx.emulator.endpoint, appsEndpoint: fx.emulator.appsEndpoint, subscriptionId: fx.emulator.subscriptionId, tenantId: fx.emulator.tenantId });
    expect(describeEmulator(fx.emulator).env.AZPROV_EMULATOR_APPS_ENDPOINT).toBe(fx.emulator.appsEndpoint);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'azprov-apps-'));
    const stateFile = path.join(dir, 'state.json');
    const first = await startEmulator({ stateFile });
    let second: RunningEmulator | undefined;
    try {
      const { put, body, host } = await setup(first);
      await put(body({ suffix: 'p1', env: [{ name: 'WELCOME', value: 'persisted' }] }));
      expect(await get(first, host('web--p1'))).toMatchObject({ status: 200, body: 'persisted' });
      await first.close();
      second = await startEmulator({ stateFile });
      expect(second.appsEndpoint).not.toBe('');
      expect(await get(second, host('web--p1'))).toMatchObject({ status: 200, body: 'persisted', revision: 'web--p1' });
      expect(await get(second, host('web'))).toMatchObject({ status: 200, revision: 'web--p1' });
    } finally {
      await first.close();
      await second?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
