import { describe, expect, it } from 'vitest';
import { FLUX_BEHAVIOUR_SERVICE, type FluxBehaviourService } from '../../src/emulator/providers/microsoft.kubernetesconfiguration/index.js';
import { useEmulator } from '../helpers/emulator.js';
import { arm, emulatorsPerTest, type RawResponse } from './helpers.js';

/**
 * Microsoft.KubernetesConfiguration through raw HTTPS (the SDK, @azure/arm-kubernetesconfiguration, is not a
 * dependency yet): extensions and Flux configurations on an AKS cluster, their LROs, the compliance that
 * evolves after provisioning, the failing-kustomization knobs and every refusal with its code.
 */
const fx = useEmulator();
const RG = 'rg-gitops';
const EXT_V = '2025-03-01';
const FLUX_V = '2025-04-01';

const sub = () => `/subscriptions/${fx.emulator.subscriptionId}`;
const clusterId = (name = 'aks1') => `${sub()}/resourceGroups/${RG}/providers/Microsoft.ContainerService/managedClusters/${name}`;
const extPath = (name = 'flux', cluster = 'aks1') => `${clusterId(cluster)}/providers/Microsoft.KubernetesConfiguration/extensions/${name}`;
const fluxPath = (name = 'cluster-config', cluster = 'aks1') => `${clusterId(cluster)}/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/${name}`;
const call = (method: string, path: string, v: string, body?: unknown) => arm(fx.emulator, method, `${path}?api-version=${v}`, { body });

/** Polls an Azure-AsyncOperation URL until it ends; every running answer carries Retry-After (AKS sends none). */
async function finish(res: RawResponse, retryAfter = true): Promise<any> {
  const url = String(res.headers['azure-asyncoperation'] ?? '');
  expect(url).toMatch(/\/operations\/[0-9a-f-]+\?api-version=/);
  if (retryAfter) expect(res.headers['retry-after']).toBe('0');
  for (let i = 0; i < 10; i++) {
    const s = await arm(fx.emulator, 'GET', url.replace(fx.emulator.endpoint, ''));
    expect(s.status).toBe(200);
    if (s.json.status !== 'InProgress') return s.json;
    if (retryAfter) expect(s.headers['retry-after']).toBeDefined();
  }
  throw new Error(`operation ${url} did not end`);
}

async function setupCluster(name = 'aks1') {
  await call('PUT', `${sub()}/resourcegroups/${RG}`, '2021-04-01', { location: 'westeurope' });
  const res = await call('PUT', clusterId(name), '2025-07-01', {
    location: 'westeurope',
    identity: { type: 'SystemAssigned' },
    properties: { dnsPrefix: name, agentPoolProfiles: [{ name: 'system', count: 1, vmSize: 'Standard_D2s_v5', mode: 'System', osType: 'Linux' }] },
  });
  expect(res.status, res.text).toBe(201);
  expect((await finish(res, false)).status).toBe('Succeeded');
}

const FLUX_EXT = { properties: { extensionType: 'microsoft.flux', autoUpgradeMinorVersion: true, configurationProtectedSettings: { token: 's3cret-value' } } };

async function installFlux(cluster = 'aks1') {
  const res = await call('PUT', extPath('flux', cluster), EXT_V, FLUX_EXT);
  expect(res.status, res.text).toBe(201);
  expect((await finish(res)).status).toBe('Succeeded');
}

const seedConfig = (kustomizations?: Record<string, unknown>) => ({
  properties: {
    scope: 'cluster',
    namespace: 'config-infra',
    sourceKind: 'GitRepository',
    gitRepository: { url: 'https://github.com/gbaeke/crossplane', repositoryRef: { branch: 'main' } },
    kustomizations: kustomizations ?? {
      infra: { path: './infra', prune: true },
      secrets: { path: './secrets', prune: true, dependsOn: ['infra'] },
      apps: { path: './crossplane-apps', prune: true, dependsOn: ['secrets'] },
    },
  },
});

async function createConfig(body = seedConfig(), name = 'cluster-config') {
  const res = await call('PUT', fluxPath(name), FLUX_V, body);
  expect(res.status, res.text).toBe(201);
  expect(res.json.properties.provisioningState).toBe('Creating');
  expect((await finish(res)).status).toBe('Succeeded');
}

describe('extensions', () => {
  it('refuses a missing cluster and a missing group with the codes ARM gives', async () => {
    await call('PUT', `${sub()}/resourcegroups/${RG}`, '2021-04-01', { location: 'westeurope' });
    const r = await call('PUT', extPath('flux', 'nope'), EXT_V, FLUX_EXT);
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('ResourceNotFound');
    expect(r.json.error.message).toContain(`'Microsoft.ContainerService/managedClusters/nope' under resource group '${RG}'`);
    expect((await call('GET', `${clusterId('nope')}/providers/Microsoft.KubernetesConfiguration/extensions`, EXT_V)).status).toBe(404);
    const g = await call('GET', extPath('flux', 'x').replace(RG, 'rg-none'), EXT_V);
    expect([g.status, g.json.error.code]).toEqual([404, 'ResourceGroupNotFound']);
  });

  it('creates through an LRO, keeps protected settings write-only, re-puts, patches, lists and deletes', async () => {
    await setupCluster();
    const created = await call('PUT', extPath(), EXT_V, FLUX_EXT);
    expect(created.status).toBe(201);
    expect(created.json.properties.provisioningState).toBe('Creating');
    expect(String(created.headers['azure-asyncoperation'])).toContain('/providers/Microsoft.KubernetesConfiguration/extensions/flux/operations/');
    expect((await finish(created)).status).toBe('Succeeded');

    const got = await call('GET', extPath(), EXT_V);
    expect(got.status).toBe(200);
    const p = got.json.properties;
    expect(p).toMatchObject({ provisioningState: 'Succeeded', extensionType: 'microsoft.flux', currentVersion: '1.19.5', releaseTrain: 'Stable', scope: { cluster: { releaseNamespace: 'flux-system' } } });
    // x-ms-secret in the spec: never answered, kept by the emulator.
    expect(p).not.toHaveProperty('configurationProtectedSettings');
    expect(got.text).not.toContain('s3cret-value');
    expect(got.json.type).toBe('Microsoft.KubernetesConfiguration/extensions');

    // No-op re-put: 200 Updating, then Succeeded; the secret is kept, not echoed.
    const again = await call('PUT', extPath(), EXT_V, FLUX_EXT);
    expect([again.status, again.json.properties.provisioningState]).toEqual([200, 'Updating']);
    expect((await finish(again)).status).toBe('Succeeded');
    expect(again.text).not.toContain('s3cret-value');
    expect(JSON.stringify(fx.emulator.dump())).toContain('s3cret-value');

    const patched = await call('PATCH', extPath(), EXT_V, { properties: { configurationSettings: { 'multiTenancy.enforce': 'false' } } });
    expect(patched.status).toBe(202);
    expect(patched.json.properties).toMatchObject({ provisioningState: 'Updating', configurationSettings: { 'multiTenancy.enforce': 'false' } });
    expect((await finish(patched)).status).toBe('Succeeded');
    const after = await call('GET', extPath(), EXT_V);
    expect(after.json.properties.configurationSettings).toEqual({ 'multiTenancy.enforce': 'false' });
    expect(after.json.properties.extensionType).toBe('microsoft.flux');

    const list = await call('GET', `${clusterId()}/providers/Microsoft.KubernetesConfiguration/extensions`, EXT_V);
    expect(list.json.value.map((e: any) => e.name)).toEqual(['flux']);

    const del = await call('DELETE', extPath(), EXT_V);
    expect(del.status).toBe(202);
    expect((await finish(del)).status).toBe('Succeeded');
    const gone = await call('GET', extPath(), EXT_V);
    expect([gone.status, gone.json.error.code, gone.json.error.message]).toEqual([404, 'ResourceNotFound', "Extension instance with name 'flux' not found."]);
    expect((await call('DELETE', extPath(), EXT_V)).status).toBe(204);
  });

  it('refuses a pinned version with auto-upgrade on, a missing type and a type change', async () => {
    await setupCluster();
    const pinned = await call('PUT', extPath(), EXT_V, { properties: { extensionType: 'microsoft.flux', version: '1.18.0' } });
    expect([pinned.status, pinned.json.error.code]).toEqual([400, 'ValidationFailed']);
    const untyped = await call('PUT', extPath(), EXT_V, { properties: {} });
    expect([untyped.status, untyped.json.error.code]).toEqual([400, 'ValidationFailed']);
    await installFlux();
    const changed = await call('PUT', extPath(), EXT_V, { properties: { extensionType: 'microsoft.dapr' } });
    expect([changed.status, changed.json.error.code]).toEqual([400, 'ValidationFailed']);
    const ok = await call('PUT', extPath('dapr'), EXT_V, { properties: { extensionType: 'microsoft.dapr', autoUpgradeMinorVersion: false, version: '1.14.4' } });
    expect(ok.status).toBe(201);
    expect(ok.json.properties.currentVersion).toBe('1.14.4');
  });

  it('goes with its cluster', async () => {
    await setupCluster();
    await installFlux();
    const del = await call('DELETE', clusterId(), '2025-07-01');
    expect(del.status).toBe(202);
    await finish(del, false);
    await setupCluster();
    expect((await call('GET', extPath(), EXT_V)).status).toBe(404);
  });
});

describe('flux configurations', () => {
  it('needs the microsoft.flux extension on the cluster, provisioned', async () => {
    await setupCluster();
    const r = await call('PUT', fluxPath(), FLUX_V, seedConfig());
    expect([r.status, r.json.error.code]).toEqual([400, 'ValidationFailed']);
    expect(r.json.error.message).toContain("'microsoft.flux' extension is not installed");
    // Still installing (no poll yet): refused too, nothing created.
    expect((await call('PUT', extPath(), EXT_V, FLUX_EXT)).status).toBe(201);
    const early = await call('PUT', fluxPath(), FLUX_V, seedConfig());
    expect([early.status, early.json.error.code]).toEqual([400, 'ValidationFailed']);
    expect(early.json.error.message).toContain("'Creating' state");
    expect((await call('GET', fluxPath(), FLUX_V)).status).toBe(404);
  });

  it('becomes Compliant kustomization by kustomization, in dependency order', async () => {
    await setupCluster();
    await installFlux();
    await createConfig();
    const read = async () => (await call('GET', fluxPath(), FLUX_V)).json.properties;
    const seen: string[][] = [];
    let p = await read();
    for (let i = 0; i < 8 && p.complianceState !== 'Compliant'; i++) {
      expect(p.complianceState).toBe('Pending');
      seen.push(p.statuses.filter((s: any) => s.complianceState === 'Compliant').map((s: any) => s.name));
      p = await read();
    }
    expect(p.complianceState).toBe('Compliant');
    // The source first, then infra, secrets and apps: each read shows one more object applied.
    expect(seen.at(-1)).toEqual(['cluster-config', 'cluster-config-infra', 'cluster-config-secrets']);
    expect(seen.map((s) => s.length)).toEqual([...seen.keys()].map((i) => i + 1));
    expect(p.statuses.map((s: any) => [s.kind, s.name, s.namespace, s.appliedBy])).toEqual([
      ['GitRepository', 'cluster-config', 'config-infra', null],
      ['Kustomization', 'cluster-config-infra', 'config-infra', null],
      ['Kustomization', 'cluster-config-secrets', 'config-infra', null],
      ['Kustomization', 'cluster-config-apps', 'config-infra', null],
    ]);
    expect(p.statuses[1].statusConditions[0]).toMatchObject({ type: 'Ready', status: 'True', reason: 'ReconciliationSucceeded' });
    expect(p.sourceSyncedCommitId).toMatch(/^main\/[0-9a-f]{40}$/);
    expect(p.kustomizations.secrets).toMatchObject({ name: 'secrets', path: './secrets', prune: true, dependsOn: ['infra'], syncIntervalInSeconds: 600 });
    expect(p).not.toHaveProperty('configurationProtectedSettings');

    // Re-applying the same desired state keeps the progress; a changed one starts over.
    const same = await call('PUT', fluxPath(), FLUX_V, seedConfig());
    expect(same.status).toBe(200);
    await finish(same);
    expect((await read()).complianceState).toBe('Compliant');
    const changed = await call('PATCH', fluxPath(), FLUX_V, { properties: { kustomizations: { infra: { path: './infra2' } } } });
    expect(changed.status).toBe(202);
    await finish(changed);
    const restarted = await read();
    expect(restarted.complianceState).toBe('Pending');
    expect(restarted.kustomizations.infra.path).toBe('./infra2');
    const suspended = await call('PATCH', fluxPath(), FLUX_V, { properties: { suspend: true } });
    await finish(suspended);
    expect((await read()).complianceState).toBe('Suspended');
  });

  it('reports a failing kustomization as Non-Compliant, with its dependents waiting (path marker and service)', async () => {
    await setupCluster();
    await installFlux();
    await createConfig(seedConfig({ infra: { path: './infra' }, apps: { path: './apps-emulator-fail', dependsOn: ['infra'] }, tail: { path: './tail', dependsOn: ['apps'] } }));
    let p: any;
    for (let i = 0; i < 8; i++) p = (await call('GET', fluxPath(), FLUX_V)).json.properties;
    expect(p.complianceState).toBe('Non-Compliant');
    const byName = Object.fromEntries(p.statuses.map((s: any) => [s.name, s]));
    expect(byName['cluster-config-infra'].complianceState).toBe('Compliant');
    expect(byName['cluster-config-apps'].complianceState).toBe('Non-Compliant');
    expect(byName['cluster-config-apps'].statusConditions[0]).toMatchObject({ status: 'False', reason: 'ReconciliationFailed' });
    expect(byName['cluster-config-apps'].statusConditions[0].message).toContain('kustomization path not found');
    expect(byName['cluster-config-tail']).toMatchObject({ complianceState: 'Pending' });
    expect(byName['cluster-config-tail'].statusConditions[0]).toMatchObject({ reason: 'DependencyNotReady' });

    const knobs = fx.emulator.service<FluxBehaviourService>(FLUX_BEHAVIOUR_SERVICE)!;
    knobs.setKustomizationFailure(fluxPath(), 'infra', 'Deployment/crossplane-system/crossplane health check failed');
    p = (await call('GET', fluxPath(), FLUX_V)).json.properties;
    expect(p.statuses[1].statusConditions[0].message).toBe('Deployment/crossplane-system/crossplane health check failed');
    knobs.setKustomizationFailure(fluxPath(), 'infra', undefined);
    expect(() => knobs.setKustomizationFailure(fluxPath(), 'nope', 'x')).toThrow(/no kustomization/);
  });

  it('refuses unknown dependencies, cycles, a source kind without its body and a changed namespace', async () => {
    await setupCluster();
    await installFlux();
    const codes = async (body: unknown) => {
      const r = await call('PUT', fluxPath(), FLUX_V, body);
      return [r.status, r.json?.error?.code, r.json?.error?.message];
    };
    const unknownDep = await codes(seedConfig({ apps: { path: './apps', dependsOn: ['infra'] } }));
    expect(unknownDep.slice(0, 2)).toEqual([400, 'ValidationFailed']);
    expect(unknownDep[2]).toContain("'infra'");
    const cycle = await codes(seedConfig({ a: { dependsOn: ['b'] }, b: { dependsOn: ['a'] } }));
    expect(cycle.slice(0, 2)).toEqual([400, 'ValidationFailed']);
    expect(cycle[2]).toContain('a -> b -> a');
    expect((await codes({ properties: { sourceKind: 'Helm', kustomizations: {} } })).slice(0, 2)).toEqual([400, 'ValidationFailed']);
    expect((await codes({ properties: { gitRepository: { repositoryRef: { branch: 'main' } } } }))[2]).toContain('gitRepository.url');
    const noBody = await codes({ properties: { sourceKind: 'GitRepository', kustomizations: {} } });
    expect(noBody).toEqual([400, 'ValidationFailed', "Invalid source kind match. Config with specified source kind 'GitRepository' must contain corresponding body specified in the properties."]);
    await createConfig();
    const moved = await codes({ properties: { ...seedConfig().properties, namespace: 'elsewhere' } });
    expect(moved.slice(0, 2)).toEqual([400, 'ValidationFailed']);
  });

  it('deletes through an LRO; a second delete is 204', async () => {
    await setupCluster();
    await installFlux();
    await createConfig();
    const del = await call('DELETE', fluxPath(), FLUX_V);
    expect(del.status).toBe(202);
    expect((await finish(del)).status).toBe('Succeeded');
    const gone = await call('GET', fluxPath(), FLUX_V);
    expect([gone.status, gone.json.error.code]).toEqual([404, 'ResourceNotFound']);
    expect((await call('DELETE', fluxPath(), FLUX_V)).status).toBe(204);
    const list = await call('GET', `${clusterId()}/providers/Microsoft.KubernetesConfiguration/fluxConfigurations`, FLUX_V);
    expect(list.json.value).toEqual([]);
  });

  it('is in the provider metadata with the published api-versions', async () => {
    const p = (await call('GET', `${sub()}/providers/Microsoft.KubernetesConfiguration`, '2021-04-01')).json;
    const types = Object.fromEntries(p.resourceTypes.map((t: any) => [t.resourceType, t.apiVersions]));
    expect(types.extensions[0]).toBe('2025-03-01');
    expect(types.fluxConfigurations).toEqual(expect.arrayContaining(['2025-04-01', '2026-07-01-preview', '2022-03-01']));
  });

  it('answers an unpublished api-version with NoRegisteredProviderFound', async () => {
    await setupCluster();
    const r = await call('GET', fluxPath(), '2019-01-01');
    expect([r.status, r.json.error.code]).toEqual([400, 'NoRegisteredProviderFound']);
  });
});

describe('realistic profile', () => {
  const start = emulatorsPerTest();
  it('sends Retry-After of at least 1 while running and reconciles by time, not by reads', async () => {
    const emu = await start({ latency: 'realistic', latencyScale: 0.002 });
    const c = (method: string, path: string, v: string, body?: unknown) => arm(emu, method, `${path}?api-version=${v}`, { body });
    const sub = `/subscriptions/${emu.subscriptionId}`;
    const aks = `${sub}/resourceGroups/${RG}/providers/Microsoft.ContainerService/managedClusters/aks1`;
    await c('PUT', `${sub}/resourcegroups/${RG}`, '2021-04-01', { location: 'westeurope' });
    await c('PUT', aks, '2025-07-01', { location: 'westeurope', identity: { type: 'SystemAssigned' }, properties: { dnsPrefix: 'aks1', agentPoolProfiles: [{ name: 'system', count: 1, vmSize: 'Standard_D2s_v5', mode: 'System' }] } });
    const until = async (path: string, v: string, done: (b: any) => boolean) => {
      for (let i = 0; i < 100; i++) {
        const b = (await c('GET', path, v)).json;
        if (done(b)) return b;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`${path} never got there`);
    };
    await until(aks, '2025-07-01', (b) => b.properties?.provisioningState === 'Succeeded');
    const ext = `${aks}/providers/Microsoft.KubernetesConfiguration/extensions/flux`;
    const created = await c('PUT', ext, EXT_V, FLUX_EXT);
    expect(created.status).toBe(201);
    expect(Number(created.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await until(ext, EXT_V, (b) => b.properties.provisioningState === 'Succeeded');
    const flux = `${aks}/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/cluster-config`;
    expect((await c('PUT', flux, FLUX_V, seedConfig())).status).toBe(201);
    // The read that sees the operation end starts the reconciliation: Pending then, whatever the machine's speed.
    const first = (await until(flux, FLUX_V, (b) => b.properties.provisioningState === 'Succeeded')).properties;
    expect(first.complianceState).toBe('Pending');
    // 5 stages of 30 s × 0.002 = 0.3 s in all.
    await new Promise((r) => setTimeout(r, 400));
    expect((await c('GET', flux, FLUX_V)).json.properties.complianceState).toBe('Compliant');
  });
});
