import { readFileSync } from 'node:fs';
import { SourceControlConfigurationClient } from '@azure/arm-kubernetesconfiguration';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyPlan, ApplyError } from '../../src/engine/apply.js';
import { destroyStack } from '../../src/engine/destroy.js';
import { planStack } from '../../src/engine/plan.js';
import { validateStack } from '../../src/engine/validate.js';
import { ValidationError } from '../../src/core/errors.js';
import { FluxNotCompliantError } from '../../src/resources/flux-configuration/provider.js';
import { useEmulator } from '../helpers/emulator.js';

const fx = useEmulator();
const template = () => parse(readFileSync('templates/gitops-crossplane.yaml', 'utf8'));
const RG = 'rg-gitops-crossplane';
const CLUSTER: [string, string, string, string] = [RG, 'Microsoft.ContainerService', 'managedClusters', 'aks-gitops'];

async function up(def: unknown, arm = fx.arm()) {
  return applyPlan(await planStack(validateStack(def), { arm, events: fx.sink }), { arm, events: fx.sink });
}

async function planOf(def: unknown) {
  return (await planStack(validateStack(def), { arm: fx.arm() })).plan.steps.filter((s) => s.op !== 'same');
}

const writes = () => fx.emulator.exchanges().filter((e) => e.request.method !== 'GET');

describe('GitOps: the Flux extension and a Flux configuration', () => {
  it('creates the extension, then the configuration, and waits (visibly) until it is Compliant; a re-run only reads', async () => {
    const { outputs } = await up(template());
    expect(outputs.flux).toMatchObject({ provisioningState: 'Succeeded', version: '1.19.5' });
    expect(outputs.config).toMatchObject({ complianceState: 'Compliant', kustomizations: 'infra: Compliant, secrets: Compliant, apps: Compliant' });
    const waits = fx.events.filter((e) => e.type === 'step-waiting' && e.resource === 'config').map((e) => (e as { reason: string }).reason);
    expect(waits[0]).toMatch(/^Flux Pending/);
    expect(waits.some((w) => w.includes('infra: Compliant, secrets: Pending'))).toBe(true);
    const done = fx.events.filter((e) => e.type === 'step-done').map((e) => (e as { resource: string }).resource);
    expect(done.indexOf('flux')).toBeLessThan(done.indexOf('config'));

    // Azure got what the template says: the three kustomizations with their order, at cluster scope.
    const kc = await fx.arm().client(SourceControlConfigurationClient);
    const c = await kc.fluxConfigurations.get(...CLUSTER, 'cluster-config');
    expect(c).toMatchObject({ scope: 'cluster', namespace: 'config-infra', gitRepository: { url: 'https://github.com/gbaeke/crossplane', repositoryRef: { branch: 'main' } } });
    expect(c.kustomizations?.apps).toMatchObject({ path: './crossplane-apps', prune: true, dependsOn: ['secrets'] });

    fx.emulator.clearExchanges();
    expect(await planOf(template())).toEqual([]);
    expect(writes()).toEqual([]);
  });

  it('an update changes only the configuration, and waits again', async () => {
    await up(template());
    const def = template();
    def.resources.config.kustomizations[2].substitute = { environment: 'prod' };
    def.resources.config.source.syncIntervalInSeconds = 120;
    const steps = await planOf(def);
    expect(steps.map((s) => [s.resource, s.op])).toEqual([['config', 'update']]);
    expect(steps[0].changes.map((c) => c.path).sort()).toEqual(['kustomizations.apps.substitute.environment', 'source.syncIntervalInSeconds']);
    fx.events.length = 0;
    const { outputs } = await up(def);
    expect(outputs.config.complianceState).toBe('Compliant');
    const kc = await fx.arm().client(SourceControlConfigurationClient);
    expect((await kc.fluxConfigurations.get(...CLUSTER, 'cluster-config')).kustomizations?.apps?.postBuild?.substitute).toEqual({ environment: 'prod' });
    expect(await planOf(def)).toEqual([]);
  });

  it('drift made outside the stack (prune turned off, another branch) shows in the plan and up puts it back', async () => {
    await up(template());
    const kc = await fx.arm().client(SourceControlConfigurationClient);
    const c = await kc.fluxConfigurations.get(...CLUSTER, 'cluster-config');
    await (
      await kc.fluxConfigurations.beginCreateOrUpdate(...CLUSTER, 'cluster-config', {
        ...c,
        gitRepository: { ...c.gitRepository, repositoryRef: { branch: 'dev' } },
        kustomizations: { ...c.kustomizations, infra: { ...c.kustomizations!.infra!, prune: false } },
      }, { updateIntervalInMs: 10 })
    ).pollUntilDone();
    const steps = await planOf(template());
    expect(steps.map((s) => s.resource)).toEqual(['config']);
    expect(steps[0].changes).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'ref.branch', before: 'dev', after: 'main' }), expect.objectContaining({ path: 'kustomizations.infra.prune', before: false, after: true })]));
    await up(template());
    expect(await planOf(template())).toEqual([]);
  });

  it('down deletes the configuration before the extension, and both before the cluster', async () => {
    await up(template());
    const r = await destroyStack(validateStack(template()), { arm: fx.arm(), events: fx.sink });
    expect(r.deleted.slice(0, 3)).toEqual(['config', 'flux', 'aks']);
    const deletes = fx.emulator.exchanges().filter((e) => e.request.method === 'DELETE').map((e) => e.request.url.split('?')[0].split('/').slice(-2).join('/'));
    expect(deletes.indexOf('fluxConfigurations/cluster-config')).toBeLessThan(deletes.indexOf('extensions/flux'));
  });

  it('a kustomization that fails is reported by name with Flux reason; what came before is kept', async () => {
    const def = template();
    def.resources.config.kustomizations[1].path = './secrets/emulator-fail';
    const error = await up(def).catch((e) => e);
    expect(error).toBeInstanceOf(ApplyError);
    const failure = (error as ApplyError).failures.find((f) => f.resource === 'config')!.error;
    expect(failure).toBeInstanceOf(FluxNotCompliantError);
    expect((failure as FluxNotCompliantError).kustomization).toBe('secrets');
    expect((failure as Error).message).toMatch(/kustomization 'secrets' failed: .+ Fix: /);
    // The cluster and the extension stay: re-running after fixing the repository resumes.
    expect(await planOf(template())).toEqual([expect.objectContaining({ resource: 'config', op: 'update' })]);
    // Re-planning the same stack has nothing to write, and says the configuration is failing.
    fx.events.length = 0;
    await planStack(validateStack(def), { arm: fx.arm(), events: fx.sink });
    expect(fx.events).toContainEqual(expect.objectContaining({ type: 'warning', resource: 'config', message: expect.stringMatching(/Non-Compliant in Azure: kustomization 'secrets' failed: ./) }));
  });

  it('complianceTimeoutInSeconds: 0 writes without waiting: the configuration is left Pending', async () => {
    const def = template();
    def.resources.config.complianceTimeoutInSeconds = 0;
    const { outputs } = await up(def);
    expect(outputs.config.complianceState).toBe('Pending');
    expect(fx.events.filter((e) => e.type === 'step-waiting' && e.resource === 'config')).toEqual([]);
  });
});

describe('GitOps preflight', () => {
  it('refuses bad kustomizations, auth that does not match the URL and a missing secret, all at once, before any request', () => {
    delete process.env.AZPROV_TEST_UNSET_KEY;
    const def = template();
    const cfg = def.resources.config;
    cfg.source.url = 'https://github.com/gbaeke/crossplane';
    cfg.protectedSettings = { sshPrivateKey: { fromEnv: 'AZPROV_TEST_UNSET_KEY' } };
    cfg.kustomizations = [
      { name: 'infra', path: '/abs/infra', dependsOn: ['apps'] },
      { name: 'infra', path: './x' },
      { name: 'apps', path: '../outside', dependsOn: ['infra', 'nope'] },
    ];
    const error = (() => {
      try {
        validateStack(def);
      } catch (e) {
        return e;
      }
    })() as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    const fields = error.problems.map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'resources.config.kustomizations.1.name',
        'resources.config.kustomizations.0.path',
        'resources.config.kustomizations.2.path',
        'resources.config.kustomizations.2.dependsOn.1',
        'resources.config.kustomizations',
        'resources.config.protectedSettings.sshPrivateKey',
        'resources.config.protectedSettings.sshPrivateKey.fromEnv',
      ]),
    );
    expect(error.problems.every((p) => p.fix)).toBe(true);
    expect(fx.emulator.exchanges()).toEqual([]);
  });

  it('a configuration on a cluster without Flux (not in the stack, not installed) is refused at plan time, reads only', async () => {
    await up(template());
    const kc = await fx.arm().client(SourceControlConfigurationClient);
    await (await kc.fluxConfigurations.beginDelete(...CLUSTER, 'cluster-config', { updateIntervalInMs: 10 })).pollUntilDone();
    await (await kc.extensions.beginDelete(...CLUSTER, 'flux', { updateIntervalInMs: 10 })).pollUntilDone();
    const def = template();
    delete def.resources.flux;
    delete def.resources.config.extension;
    fx.emulator.clearExchanges();
    const error = await planStack(validateStack(def), { arm: fx.arm() }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.problems).toEqual([expect.objectContaining({ field: 'resources.config.extension', reason: expect.stringContaining('no microsoft.flux extension'), fix: expect.stringContaining('extensionType: microsoft.flux') })]);
    expect(writes()).toEqual([]);
  });

  it('a new namespace for an existing configuration, or a new extension type, is refused at plan time (create-only), reads only', async () => {
    await up(template());
    const def = template();
    def.resources.config.namespace = 'flux-apps';
    fx.emulator.clearExchanges();
    const error = await planStack(validateStack(def), { arm: fx.arm() }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.problems).toEqual([expect.objectContaining({ field: 'resources.config.namespace', reason: "namespace is 'config-infra' in Azure and cannot change after creation." })]);
    const other = template();
    delete other.resources.config;
    other.resources.flux.extensionType = 'microsoft.dapr';
    const refused = await planStack(validateStack(other), { arm: fx.arm() }).catch((e) => e);
    expect(refused.problems).toEqual([expect.objectContaining({ field: 'resources.flux.extensionType', reason: expect.stringContaining('its type cannot change') })]);
    expect(writes()).toEqual([]);
  });

  it('protected settings reach Azure and never the plan or the events', async () => {
    process.env.AZPROV_TEST_GIT_TOKEN = 'ghp_secret-token-value';
    const def = template();
    def.resources.config.source.httpsUser = 'git';
    def.resources.config.protectedSettings = { httpsKey: { fromEnv: 'AZPROV_TEST_GIT_TOKEN' } };
    const state = await planStack(validateStack(def), { arm: fx.arm(), events: fx.sink });
    expect(JSON.stringify(state.plan)).not.toContain('ghp_secret');
    await applyPlan(state, { arm: fx.arm(), events: fx.sink });
    expect(JSON.stringify(fx.events)).not.toContain('ghp_secret');
    const put = fx.emulator.exchanges().find((e) => e.request.method === 'PUT' && e.request.url.includes('/fluxConfigurations/'));
    expect((put!.request.body as { properties: { configurationProtectedSettings: Record<string, string> } }).properties.configurationProtectedSettings).toEqual({ httpsKey: expect.any(String) });
    // Written to the emulator's store (its request log redacts it): the value is what the variable held.
    expect(JSON.stringify(fx.emulator.exchanges())).not.toContain('ghp_secret');
    const kc = await fx.arm().client(SourceControlConfigurationClient);
    expect(JSON.stringify(await kc.fluxConfigurations.get(...CLUSTER, 'cluster-config'))).not.toContain('ghp_secret');
    delete process.env.AZPROV_TEST_GIT_TOKEN;
  });
});
