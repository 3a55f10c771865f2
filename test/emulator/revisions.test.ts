import { type ContainerApp, ContainerAppsAPIClient, type Revision } from '@azure/arm-appcontainers';
import { ResourceManagementClient } from '@azure/arm-resources';
import { describe, expect, it } from 'vitest';
import { REVISION_HOOKS_SERVICE, type RevisionHooksService } from '../../src/emulator/providers/microsoft.app/index.js';
import { useEmulator } from '../helpers/emulator.js';

const fx = useEmulator({ requestLog: process.env.AZPROV_EMULATOR_TEST_LOG });
const RG = 'rg-rev';
const hooks = () => fx.emulator.service<RevisionHooksService>(REVISION_HOOKS_SERVICE)!;

async function setup() {
  const ctx = fx.arm();
  await (await ctx.client(ResourceManagementClient)).resourceGroups.createOrUpdate(RG, { location: 'eastus' });
  const apps = await ctx.client(ContainerAppsAPIClient);
  const env = await apps.managedEnvironments.beginCreateOrUpdateAndWait(RG, 'env-rev', { location: 'eastus' }, ctx.lroOptions());
  const body = (o: { mode?: 'Single' | 'Multiple'; image?: string; suffix?: string; envVar?: string; traffic?: any[]; tags?: Record<string, string>; maxInactive?: number } = {}): ContainerApp => ({
    location: 'eastus',
    tags: o.tags,
    environmentId: env.id,
    configuration: { activeRevisionsMode: o.mode ?? 'Multiple', ingress: { external: true, targetPort: 80, traffic: o.traffic }, maxInactiveRevisions: o.maxInactive },
    template: {
      revisionSuffix: o.suffix,
      containers: [{ name: 'web', image: o.image ?? 'nginx:1', env: [{ name: 'GREETING', value: o.envVar ?? 'hello' }] }],
    },
  });
  const put = (b: ContainerApp, name = 'web') => apps.containerApps.beginCreateOrUpdateAndWait(RG, name, b, ctx.lroOptions());
  const revisions = async (name = 'web') => {
    const out: Revision[] = [];
    for await (const r of apps.containerAppsRevisions.listRevisions(RG, name)) out.push(r);
    return out;
  };
  const byName = async (name = 'web') => Object.fromEntries((await revisions(name)).map((r) => [r.name!, r]));
  return { ctx, apps, env, body, put, revisions, byName };
}

const lastBody = (method: string, urlPart: string) =>
  fx.emulator
    .exchanges()
    .filter((e) => e.request.method === method && e.request.url.includes(urlPart))
    .at(-1)!;

describe('revision creation', () => {
  it('a template change (env var) creates exactly one new revision; the old one stays active in Multiple mode', async () => {
    const { put, body, revisions, env } = await setup();
    const v1 = await put(body());
    const v2 = await put(body({ envVar: 'bonjour' }));
    expect(v2.latestRevisionName).not.toBe(v1.latestRevisionName);
    const revs = await revisions();
    expect(revs.map((r) => r.name)).toEqual([v1.latestRevisionName, v2.latestRevisionName]);
    expect(revs.map((r) => r.active)).toEqual([true, true]);
    const [old, cur] = revs;
    expect(cur.template?.containers?.[0].env).toEqual([{ name: 'GREETING', value: 'bonjour' }]);
    expect(old.template?.containers?.[0].env).toEqual([{ name: 'GREETING', value: 'hello' }]);
    // No traffic block given beyond the default: 100 % to the latest revision.
    expect([old.trafficWeight, cur.trafficWeight]).toEqual([0, 100]);
    expect(cur.fqdn).toBe(`${cur.name}.${env.defaultDomain}`);
    expect(cur).toMatchObject({ healthState: 'Healthy', provisioningState: 'Provisioned', runningState: 'Running', replicas: 1 });
    expect(cur.createdTime).toBeInstanceOf(Date);
    expect(cur.type).toBe('Microsoft.App/containerapps/revisions');
  });

  it('a change of app-scoped settings only (tags, secrets, ingress) creates no revision; a template re-sent unchanged neither', async () => {
    const { put, body, revisions } = await setup();
    const v1 = await put(body());
    await put(body({ tags: { team: 'a' } }));
    const withSecret = body();
    withSecret.configuration!.secrets = [{ name: 's1', value: 'x' }];
    withSecret.configuration!.ingress!.allowInsecure = true;
    const v3 = await put(withSecret);
    expect(v3.latestRevisionName).toBe(v1.latestRevisionName);
    expect(await revisions()).toHaveLength(1);
  });

  it('names the revision <app>--<suffix> when a revisionSuffix is given; reuse with another template → 400, with the same template a no-op', async () => {
    const { put, body, revisions } = await setup();
    const v1 = await put(body({ suffix: 'blue' }));
    expect(v1.latestRevisionName).toBe('web--blue');
    await expect(put(body({ suffix: 'blue', image: 'nginx:2' }))).rejects.toMatchObject({
      statusCode: 400,
      code: 'ContainerAppOperationError',
      message: expect.stringContaining("Field 'template.revisionsuffix' is invalid with details: 'Invalid value: \"blue\": revision with suffix blue already exists'"),
    });
    const again = await put(body({ suffix: 'blue' }));
    expect(again.latestRevisionName).toBe('web--blue');
    expect((await revisions()).map((r) => r.name)).toEqual(['web--blue']);
    await expect(put(body({ suffix: 'Green_1', image: 'nginx:2' }))).rejects.toMatchObject({ statusCode: 400, code: 'ContainerAppInvalidRevisionName' });
  });
});

describe('traffic', () => {
  it('splits 80/20 over two revisions and reflects it in each revision trafficWeight; labels are accepted', async () => {
    const { put, body, byName } = await setup();
    await put(body({ suffix: 'v1' }));
    const app = await put(body({ suffix: 'v2', image: 'nginx:2', traffic: [{ revisionName: 'web--v1', weight: 80 }, { revisionName: 'web--v2', weight: 20, label: 'canary' }] }));
    expect(app.configuration?.ingress?.traffic).toMatchObject([{ revisionName: 'web--v1', weight: 80 }, { revisionName: 'web--v2', weight: 20, label: 'canary' }]);
    const revs = await byName();
    expect(revs['web--v1'].trafficWeight).toBe(80);
    expect(revs['web--v2'].trafficWeight).toBe(20);
    // latestRevision entries resolve to the latest revision.
    await put(body({ suffix: 'v2', image: 'nginx:2', traffic: [{ revisionName: 'web--v1', weight: 30 }, { latestRevision: true, weight: 70 }] }));
    const after = await byName();
    expect([after['web--v1'].trafficWeight, after['web--v2'].trafficWeight]).toEqual([30, 70]);
  });

  it('rejects weights that do not add up to 100, unknown revisions, duplicate labels and weights in Single mode', async () => {
    const { put, body } = await setup();
    await put(body({ suffix: 'v1' }));
    await expect(put(body({ suffix: 'v1', traffic: [{ revisionName: 'web--v1', weight: 60 }, { latestRevision: true, weight: 30 }] }))).rejects.toMatchObject({
      statusCode: 400,
      code: 'ContainerAppInvalidTrafficWeight',
      message: expect.stringContaining('add up to 90'),
    });
    await expect(put(body({ suffix: 'v1', traffic: [{ revisionName: 'web--nope', weight: 100 }] }))).rejects.toMatchObject({ statusCode: 400, code: 'ContainerAppRevisionNotFound' });
    await expect(put(body({ suffix: 'v1', traffic: [{ revisionName: 'other--v1', weight: 100 }] }))).rejects.toMatchObject({ statusCode: 400, code: 'ContainerAppInvalidRevisionName' });
    const dupLabels = [{ revisionName: 'web--v1', weight: 50, label: 'a' }, { latestRevision: true, weight: 50, label: 'a' }];
    await expect(put(body({ suffix: 'v1', traffic: dupLabels }))).rejects.toMatchObject({ statusCode: 400, message: expect.stringContaining("label 'a'") });
    await expect(put(body({ mode: 'Single', suffix: 'v1', traffic: [{ revisionName: 'web--v1', weight: 50 }, { latestRevision: true, weight: 50 }] }))).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringContaining("activeRevisionsMode is 'Single'"),
    });
  });

  it('accepts a weight on an inactive revision: what GET returns after a deactivation can be sent back (no source shows a refusal)', async () => {
    const { put, body, apps, byName } = await setup();
    await put(body({ suffix: 'v1' }));
    await put(body({ suffix: 'v2', image: 'nginx:2' }));
    await apps.containerAppsRevisions.deactivateRevision(RG, 'web', 'web--v1');
    const app = await put(body({ suffix: 'v2', image: 'nginx:2', traffic: [{ revisionName: 'web--v1', weight: 10 }, { latestRevision: true, weight: 90 }] }));
    expect(app.configuration?.ingress?.traffic).toMatchObject([{ revisionName: 'web--v1', weight: 10 }, { latestRevision: true, weight: 90 }]);
    expect((await byName())['web--v1']).toMatchObject({ active: false, trafficWeight: 10 });
  });
});

describe('revision actions and modes', () => {
  it('deactivating the revision that carries all traffic is accepted, as Azure does [rec-5], and the traffic stays on it', async () => {
    const { put, body, apps, byName } = await setup();
    await put(body({ suffix: 'v1' }));
    await put(body({ suffix: 'v2', image: 'nginx:2' }));
    await apps.containerAppsRevisions.deactivateRevision(RG, 'web', 'web--v2');
    expect(lastBody('POST', '/deactivate').response).toMatchObject({ statusCode: 200, body: 'Deactivate succeeded' });
    expect((await byName())['web--v2']).toMatchObject({ active: false, trafficWeight: 100 });
  });

  it('activate/deactivate/restart answer 200 with the real JSON-string bodies', async () => {
    const { put, body, apps, byName } = await setup();
    await put(body({ suffix: 'v1' }));
    await put(body({ suffix: 'v2', image: 'nginx:2' }));
    await apps.containerAppsRevisions.deactivateRevision(RG, 'web', 'web--v1');
    expect(lastBody('POST', '/deactivate').response).toMatchObject({ statusCode: 200, body: 'Deactivate succeeded' });
    let revs = await byName();
    expect(revs['web--v1']).toMatchObject({ active: false, runningState: 'Stopped', replicas: 0 });
    await apps.containerAppsRevisions.activateRevision(RG, 'web', 'web--v1');
    expect(lastBody('POST', '/activate').response).toMatchObject({ statusCode: 200, body: 'Activate succeeded' });
    await apps.containerAppsRevisions.restartRevision(RG, 'web', 'web--v1');
    expect(lastBody('POST', '/restart').response).toMatchObject({ statusCode: 200, body: 'Restart succeeded' });
    revs = await byName();
    expect(revs['web--v1']).toMatchObject({ active: true, runningState: 'Running' });
    await expect(apps.containerAppsRevisions.getRevision(RG, 'web', 'web--nope')).rejects.toMatchObject({ statusCode: 404 });
  });

  it('Single mode: the new revision gets 100 % and the old one is deactivated once the new one is ready', async () => {
    const { put, body, byName } = await setup();
    await put(body({ mode: 'Single', suffix: 'v1' }));
    await put(body({ mode: 'Single', suffix: 'v2', image: 'nginx:2' }));
    const revs = await byName();
    expect(revs['web--v1']).toMatchObject({ active: false, trafficWeight: 0, runningState: 'Stopped' });
    expect(revs['web--v2']).toMatchObject({ active: true, trafficWeight: 100 });
  });

  it('Single mode with an unhealthy new revision (test hook): the old one keeps serving until the new one is ready', async () => {
    const { put, body, byName, env } = await setup();
    const v1 = await put(body({ mode: 'Single', suffix: 'v1' }));
    hooks().setNextRevisionState(v1.id!, { healthState: 'Unhealthy', runningState: 'Failed', provisioningState: 'Failed', provisioningError: 'Failed:webContainerCrashing' });
    const v2 = await put(body({ mode: 'Single', suffix: 'v2', image: 'nginx:broken' }));
    expect(v2.latestRevisionName).toBe('web--v2');
    expect(v2.latestReadyRevisionName).toBe('web--v1');
    let revs = await byName();
    expect(revs['web--v1']).toMatchObject({ active: true, trafficWeight: 100 });
    expect(revs['web--v2']).toMatchObject({ healthState: 'Unhealthy', runningState: 'Failed', provisioningError: 'Failed:webContainerCrashing', trafficWeight: 0 });
    // The revision recovers: now the old one is deactivated.
    hooks().setRevisionState(`${v1.id}/revisions/web--v2`, { healthState: 'Healthy', runningState: 'Running', provisioningState: 'Provisioned' });
    revs = await byName();
    expect(revs['web--v1']).toMatchObject({ active: false, trafficWeight: 0 });
    expect(revs['web--v2']).toMatchObject({ active: true, trafficWeight: 100, fqdn: `web--v2.${env.defaultDomain}` });
  });

  it('prunes inactive revisions beyond maxInactiveRevisions, oldest first', async () => {
    const { put, body, revisions } = await setup();
    for (const v of ['v1', 'v2', 'v3', 'v4']) await put(body({ mode: 'Single', suffix: v, image: `nginx:${v}`, maxInactive: 2 }));
    expect((await revisions()).map((r) => [r.name, r.active])).toEqual([
      ['web--v2', false],
      ['web--v3', false],
      ['web--v4', true],
    ]);
  });

  it('deleting the app deletes its revisions', async () => {
    const { put, body, apps, ctx } = await setup();
    const app = await put(body({ suffix: 'v1' }));
    await put(body({ suffix: 'v2', image: 'nginx:2' }));
    await apps.containerApps.beginDeleteAndWait(RG, 'web', ctx.lroOptions());
    const left = (fx.emulator.dump() as any).resources.filter((r: any) => r.key.startsWith(`${app.id!.toLowerCase()}/`));
    expect(left).toEqual([]);
    await expect(apps.containerAppsRevisions.getRevision(RG, 'web', 'web--v1')).rejects.toMatchObject({ statusCode: 404 });
  });
});
