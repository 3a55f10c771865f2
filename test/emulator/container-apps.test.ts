import { type ContainerApp, ContainerAppsAPIClient } from '@azure/arm-appcontainers';
import { ManagedServiceIdentityClient } from '@azure/arm-msi';
import { ResourceManagementClient } from '@azure/arm-resources';
import { describe, expect, it } from 'vitest';
import { arm } from './helpers.js';
import { useEmulator } from '../helpers/emulator.js';

const fx = useEmulator({ requestLog: process.env.AZPROV_EMULATOR_TEST_LOG });
const RG = 'rg-aca';
const ENV = 'env-aca';

async function setup() {
  const ctx = fx.arm();
  const rm = await ctx.client(ResourceManagementClient);
  await rm.resourceGroups.createOrUpdate(RG, { location: 'eastus' });
  const apps = await ctx.client(ContainerAppsAPIClient);
  const env = await apps.managedEnvironments.beginCreateOrUpdateAndWait(RG, ENV, { location: 'eastus' }, ctx.lroOptions());
  const app = (over: Partial<ContainerApp> = {}): ContainerApp => ({
    location: 'eastus',
    environmentId: env.id,
    configuration: {
      ingress: { external: true, targetPort: 8080 },
      secrets: [{ name: 'db-password', value: 'p@ss' }],
    },
    template: {
      containers: [{ name: 'web', image: 'mcr.microsoft.com/k8se/quickstart:latest', resources: { cpu: 0.5, memory: '1Gi' }, env: [{ name: 'DB_PASSWORD', secretRef: 'db-password' }] }],
    },
    ...over,
  });
  const put = (name: string, body: ContainerApp) => apps.containerApps.beginCreateOrUpdateAndWait(RG, name, body, ctx.lroOptions());
  return { ctx, rm, apps, env, app, put };
}

describe('container apps: create, computed properties, LRO shape', () => {
  it('creates through Azure-AsyncOperation (201 InProgress, latestRevisionName "") and computes fqdn, revisions and ids', async () => {
    const { apps, env, app, put } = await setup();
    fx.emulator.clearExchanges();
    const created = await put('web', app());
    const ex = fx.emulator.exchanges();
    const first = ex.find((e) => e.request.method === 'PUT')!;
    expect(first.response.statusCode).toBe(201);
    expect((first.response.body as any).properties.provisioningState).toBe('InProgress');
    expect((first.response.body as any).properties.latestRevisionName).toBe('');
    const status = first.response.headers['azure-asyncoperation'];
    expect(status).toMatch(
      new RegExp(`^${fx.emulator.endpoint}/subscriptions/${fx.emulator.subscriptionId}/providers/Microsoft.App/locations/eastus/containerappOperationStatuses/[0-9a-f-]+\\?api-version=2026-07-01&azureAsyncOperation=true$`),
    );
    expect(ex.filter((e) => e.request.url === status).at(-1)!.response.body).toMatchObject({ status: 'Succeeded' });

    expect(created.provisioningState).toBe('Succeeded');
    expect(created.runningStatus).toBe('Running');
    expect(created.managedEnvironmentId).toBe(env.id);
    expect(created.configuration?.ingress?.fqdn).toBe(`web.${env.defaultDomain}`);
    expect(created.configuration?.ingress?.traffic).toEqual([{ weight: 100, latestRevision: true }]);
    expect(created.configuration?.activeRevisionsMode).toBe('Single');
    expect(created.latestRevisionName).toMatch(/^web--[a-z0-9]{7}$/);
    expect(created.latestReadyRevisionName).toBe(created.latestRevisionName);
    expect(created.latestRevisionFqdn).toBe(`${created.latestRevisionName}.${env.defaultDomain}`);
    expect(created.outboundIpAddresses?.length).toBeGreaterThan(0);
    expect(created.customDomainVerificationId).toMatch(/^[0-9A-F]{64}$/);
    expect(created.eventStreamEndpoint).toContain('/containerApps/web/eventstream');
    expect(created.configuration?.secrets).toEqual([{ name: 'db-password' }]);
    expect(JSON.stringify(await apps.containerApps.get(RG, 'web'))).not.toContain('p@ss');
    expect((await apps.containerApps.listSecrets(RG, 'web')).value).toEqual([{ name: 'db-password', value: 'p@ss' }]);

    const revs: string[] = [];
    for await (const r of apps.containerAppsRevisions.listRevisions(RG, 'web')) revs.push(r.name!);
    expect(revs).toEqual([created.latestRevisionName]);
  });

  it('gives internal ingress an .internal. fqdn and a system identity a principal id', async () => {
    const { env, app, put } = await setup();
    const created = await put('api', app({ identity: { type: 'SystemAssigned' }, configuration: { ingress: { external: false, targetPort: 80 } }, template: { containers: [{ name: 'api', image: 'nginx' }] } }));
    expect(created.configuration?.ingress?.fqdn).toBe(`api.internal.${env.defaultDomain}`);
    expect(created.identity?.principalId).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.identity?.tenantId).toBe(fx.emulator.tenantId);
    expect(created.template?.containers?.[0].resources).toMatchObject({ cpu: 0.5, memory: '1Gi' });
  });

  it('lists by group and subscription, patches (202) and deletes (202 Location, then 204) with the revisions', async () => {
    const { apps, app, put, ctx } = await setup();
    await put('one', app());
    await put('two', app());
    const names: string[] = [];
    for await (const a of apps.containerApps.listByResourceGroup(RG)) names.push(a.name!);
    expect(names).toEqual(['one', 'two']);
    const all: string[] = [];
    for await (const a of apps.containerApps.listBySubscription()) all.push(a.name!);
    expect(all).toHaveLength(2);

    fx.emulator.clearExchanges();
    const patched = await apps.containerApps.beginUpdateAndWait(RG, 'one', { location: 'eastus', tags: { team: 'a' } }, ctx.lroOptions());
    expect(patched.tags).toEqual({ team: 'a' });
    expect(fx.emulator.exchanges().find((e) => e.request.method === 'PATCH')!.response.statusCode).toBe(202);

    const one = await apps.containerApps.get(RG, 'one');
    await apps.containerApps.beginDeleteAndWait(RG, 'one', ctx.lroOptions());
    const del = fx.emulator.exchanges().find((e) => e.request.method === 'DELETE')!;
    expect(del.response.statusCode).toBe(202);
    expect(del.response.headers['location']).toContain('/containerappOperationResults/');
    await expect(apps.containerApps.get(RG, 'one')).rejects.toMatchObject({ statusCode: 404 });
    const left = (fx.emulator.dump() as any).resources.filter((r: any) => r.key.startsWith(one.id!.toLowerCase() + '/'));
    expect(left).toEqual([]);
    const again = await arm(fx.emulator, 'DELETE', `${one.id}?api-version=2025-07-01`);
    expect(again.status).toBe(204);
  });

  it('stops and starts through 202 Location LROs', async () => {
    const { apps, app, put, ctx } = await setup();
    await put('web', app());
    fx.emulator.clearExchanges();
    const stopped = await apps.containerApps.beginStopAndWait(RG, 'web', ctx.lroOptions());
    expect(fx.emulator.exchanges().find((e) => e.request.method === 'POST')!.response.statusCode).toBe(202);
    expect(stopped.runningStatus).toBe('Stopped');
    const rev = await apps.containerAppsRevisions.getRevision(RG, 'web', stopped.latestRevisionName!);
    expect(rev.runningState).toBe('Stopped');
    const started = await apps.containerApps.beginStartAndWait(RG, 'web', ctx.lroOptions());
    expect(started.runningStatus).toBe('Running');
  });

  it('checks user-assigned identities against Microsoft.ManagedIdentity and fills their ids', async () => {
    const { ctx, app, put } = await setup();
    const msi = await ctx.client(ManagedServiceIdentityClient);
    const uai = await msi.userAssignedIdentities.createOrUpdate(RG, 'app-id', { location: 'eastus' });
    const missing = uai.id!.replace(/app-id$/, 'nope');
    await expect(put('web', app({ identity: { type: 'UserAssigned', userAssignedIdentities: { [missing]: {} } } }))).rejects.toMatchObject({ statusCode: 400, code: 'InvalidUserAssignedIdentity' });
    const ok = await put('web', app({ identity: { type: 'UserAssigned', userAssignedIdentities: { [uai.id!]: {} } } }));
    expect(ok.identity?.userAssignedIdentities?.[uai.id!]).toEqual({ principalId: uai.principalId, clientId: uai.clientId });
  });
});

describe('container apps: validation (400s)', () => {
  it('rejects an invalid name with the real ContainerAppInvalidName message', async () => {
    const { app, put } = await setup();
    await expect(put('Bad--Name', app())).rejects.toMatchObject({
      statusCode: 400,
      code: 'ContainerAppInvalidName',
      message: expect.stringContaining("Invalid ContainerApp name 'Bad--Name'. A name must consist of lower case alphanumeric characters or '-'"),
    });
  });

  it('rejects a missing environment, a location mismatch and an environment that is still being created', async () => {
    const { app, put, env } = await setup();
    const noEnv = env.id!.replace(/env-aca$/, 'env-none');
    await expect(put('web', app({ environmentId: noEnv }))).rejects.toMatchObject({ statusCode: 400, code: 'ManagedEnvironmentNotFound' });
    await expect(put('web', app({ location: 'westeurope' }))).rejects.toMatchObject({ statusCode: 400, code: 'ContainerAppLocationMismatch' });
    const raw = await arm(fx.emulator, 'PUT', `/subscriptions/${fx.emulator.subscriptionId}/resourceGroups/${RG}/providers/Microsoft.App/managedEnvironments/env-new?api-version=2025-07-01`, { body: { location: 'eastus' } });
    expect(raw.status).toBe(201);
    await expect(put('web', app({ environmentId: raw.json.id }))).rejects.toMatchObject({ statusCode: 400, code: 'ManagedEnvironmentNotProvisioned' });
  });

  it('rejects cpu/memory totals outside the accepted combinations with the real ContainerAppInvalidResourceTotal', async () => {
    const { app, put } = await setup();
    const withRes = (cpu: number, memory: string) => app({ template: { containers: [{ name: 'web', image: 'nginx', resources: { cpu, memory } }] } });
    await expect(put('web', withRes(0.5, '2Gi'))).rejects.toMatchObject({
      statusCode: 400,
      code: 'ContainerAppInvalidResourceTotal',
      message: expect.stringContaining('(CPU: 0.5, memory: 2) is invalid. Total CPU and memory for all containers defined in a Container App must add up to one of the following CPU - Memory combinations: [cpu: 0.25, memory: 0.5Gi]; [cpu: 0.5, memory: 1.0Gi]'),
    });
    await expect(put('web', withRes(0.3, '0.6Gi'))).rejects.toMatchObject({ statusCode: 400, code: 'ContainerAppInvalidResourceTotal' });
    await expect(put('web', withRes(4, '8Gi'))).rejects.toMatchObject({ statusCode: 400, code: 'ContainerAppInvalidResourceTotal' }); // Consumption-only: 2 vCPU
    expect((await put('web', withRes(1.25, '2.5Gi'))).template?.containers?.[0].resources?.cpu).toBe(1.25);
  });

  it('rejects dangling secretRefs (env var, registry) and a missing image; validates ingress', async () => {
    const { app, put } = await setup();
    const env = app({ configuration: { secrets: [] }, template: { containers: [{ name: 'web', image: 'nginx', env: [{ name: 'X', secretRef: 'missing' }] }] } });
    await expect(put('web', env)).rejects.toMatchObject({ statusCode: 400, code: 'ContainerAppSecretRefNotFound', message: expect.stringContaining("Secret 'missing'") });
    const reg = app({ configuration: { secrets: [{ name: 'db-password', value: 'x' }], registries: [{ server: 'myacr.azurecr.io', username: 'u', passwordSecretRef: 'acr-pwd' }] } });
    await expect(put('web', reg)).rejects.toMatchObject({ statusCode: 400, code: 'ContainerAppSecretRefNotFound' });
    await expect(put('web', app({ template: { containers: [{ name: 'web' }] } }))).rejects.toMatchObject({ statusCode: 400, message: expect.stringContaining('image is required') });
    await expect(put('web', app({ configuration: { ingress: { targetPort: 70000 } } }))).rejects.toMatchObject({ statusCode: 400, message: expect.stringContaining('targetPort') });
    await expect(put('web', app({ configuration: { ingress: { targetPort: 80, transport: 'udp' } } }))).rejects.toMatchObject({ statusCode: 400, message: expect.stringContaining('transport') });
    await expect(put('web', app({ configuration: { activeRevisionsMode: 'Some' } }))).rejects.toMatchObject({ statusCode: 400, message: expect.stringContaining('activeRevisionsMode') });
  });
});

describe('environment delete with container apps', () => {
  it('refuses (409 ManagedEnvironmentHasContainerApps) while apps use it, then deletes; a group delete removes everything', async () => {
    const { apps, app, put, ctx, rm } = await setup();
    await put('web', app());
    await expect(apps.managedEnvironments.beginDeleteAndWait(RG, ENV, ctx.lroOptions())).rejects.toMatchObject({ statusCode: 409, code: 'ManagedEnvironmentHasContainerApps' });
    expect((await apps.managedEnvironments.get(RG, ENV)).provisioningState).toBe('Succeeded');
    await apps.containerApps.beginDeleteAndWait(RG, 'web', ctx.lroOptions());
    await apps.managedEnvironments.beginDeleteAndWait(RG, ENV, ctx.lroOptions());
    await expect(apps.managedEnvironments.get(RG, ENV)).rejects.toMatchObject({ statusCode: 404 });

    const env2 = await apps.managedEnvironments.beginCreateOrUpdateAndWait(RG, 'env-two', { location: 'eastus' }, ctx.lroOptions());
    await put('web2', app({ environmentId: env2.id }));
    await rm.resourceGroups.beginDeleteAndWait(RG, ctx.lroOptions());
    const left = (fx.emulator.dump() as any).resources.filter((r: any) => r.key.includes(`/resourcegroups/${RG}`));
    expect(left).toEqual([]);
  });
});

describe('container apps: what azprov refuses before sending, the service refuses with its code', () => {
  it('an image Docker cannot parse, a registry server given as a URL, a scale rule of two types', async () => {
    const { app, put } = await setup();
    const withImage = (image: string) => app({ template: { containers: [{ name: 'web', image, resources: { cpu: 0.5, memory: '1Gi' } }] } });
    for (const image of ['app:', 'MyApp:1.0', 'https://docker.io/app:1', 'my app:1']) {
      await expect(put('web', withImage(image)), image).rejects.toMatchObject({ statusCode: 400, code: 'InvalidParameterValueInContainerTemplate' });
    }
    const registry = (server: string) => app({ configuration: { registries: [{ server, username: 'u', passwordSecretRef: 'db-password' }], secrets: [{ name: 'db-password', value: 'p@ss' }] } });
    await expect(put('web', registry('https://myreg.azurecr.io'))).rejects.toMatchObject({ statusCode: 400, code: 'ContainerAppInvalidRegistryServerValue' });
    await expect(put('web', registry('MyReg.azurecr.io'))).rejects.toMatchObject({ statusCode: 400, code: 'ContainerAppInvalidRegistryServerValue' });
    const scale = (rule: object) => app({ template: { containers: [{ name: 'web', image: 'app:1', resources: { cpu: 0.5, memory: '1Gi' } }], scale: { rules: [{ name: 'r', ...rule }] } } });
    await expect(put('web', scale({ http: { metadata: { concurrentRequests: '10' } }, custom: { type: 'cpu' } }))).rejects.toMatchObject({ statusCode: 400, code: 'ContainerAppInvalidScaleRule' });
    await expect(put('web', scale({}))).rejects.toMatchObject({ statusCode: 400, code: 'ContainerAppInvalidScaleRule' });
    // What azprov accepts, the emulator accepts.
    await expect(put('web', registry('myreg.azurecr.io:5000'))).resolves.toMatchObject({ provisioningState: 'Succeeded' });
    await expect(put('web2', withImage('myreg.azurecr.io/team/app:1.2'))).resolves.toMatchObject({ provisioningState: 'Succeeded' });
    await expect(put('web3', scale({ http: { metadata: { concurrentRequests: '10' } } }))).resolves.toMatchObject({ provisioningState: 'Succeeded' });
  });

  it('a misspelt region and a revision name over 54 characters are refused; 54 is accepted', async () => {
    const { ctx, apps, app, put } = await setup();
    await expect(apps.managedEnvironments.beginCreateOrUpdateAndWait(RG, 'env-typo', { location: 'westeurpoe' }, ctx.lroOptions())).rejects.toMatchObject({ statusCode: 400, code: 'LocationNotAvailableForResourceType' });
    const name = 'a'.repeat(32);
    const template = (suffix: string) => app({ template: { revisionSuffix: suffix, containers: [{ name: 'web', image: 'app:1', resources: { cpu: 0.5, memory: '1Gi' } }] } });
    await expect(put(name, template('b'.repeat(21)))).rejects.toMatchObject({ statusCode: 400, code: 'ContainerAppInvalidRevisionName' });
    await expect(put(name, template('b'.repeat(20)))).resolves.toMatchObject({ latestRevisionName: `${name}--${'b'.repeat(20)}` });
  });
});
