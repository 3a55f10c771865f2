import type { FluxConfiguration, KustomizationDefinition } from '@azure/arm-kubernetesconfiguration';
import { armCall, isNotFound, readOrUndefined, toArmCallError } from '../../arm/rest-errors.js';
import { AzprovError, type Problem } from '../../core/errors.js';
import { clusterArgs, ExtensionsClient, FluxConfigurationsClient, splitExtensionId } from '../aks-extension/provider.js';
import { protectedValues } from '../aks-extension/spec.js';
import type { Comparable, KindEnv, KindProvider } from '../kind.js';
import { stackFluxExtension, type FluxConfigurationSpec } from './spec.js';

const CONFIGS = '/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/';
const DEFAULT_COMPLIANCE_TIMEOUT_S = 900;

/** A configuration that Flux could not reconcile: names the failing kustomization and Flux's reason. */
export class FluxNotCompliantError extends AzprovError {
  constructor(
    readonly configuration: string,
    readonly kustomization: string | undefined,
    message: string,
  ) {
    super('FluxNotCompliant', message, 1);
  }
}

function kustomizationsBody(s: FluxConfigurationSpec): Record<string, KustomizationDefinition> {
  const out: Record<string, KustomizationDefinition> = {};
  for (const k of s.kustomizations) {
    out[k.name] = {
      path: k.path,
      prune: k.prune,
      dependsOn: k.dependsOn,
      syncIntervalInSeconds: k.syncIntervalInSeconds,
      retryIntervalInSeconds: k.retryIntervalInSeconds,
      timeoutInSeconds: k.timeoutInSeconds,
      force: k.force,
      wait: k.wait,
      postBuild: k.substitute ? { substitute: k.substitute } : undefined,
    };
  }
  return out;
}

function desired(s: FluxConfigurationSpec): Comparable {
  const src = s.source;
  const d: Comparable = { scope: s.scope ?? 'cluster', namespace: s.namespace ?? 'default', sourceKind: src.kind ?? 'GitRepository', url: src.url };
  for (const f of ['branch', 'tag', 'semver', 'commit'] as const) if (src[f] !== undefined) d[`ref.${f}`] = src[f];
  for (const f of ['syncIntervalInSeconds', 'timeoutInSeconds', 'httpsUser', 'sshKnownHosts'] as const) if (src[f] !== undefined) d[`source.${f}`] = src[f];
  for (const k of s.kustomizations) {
    d[`kustomizations.${k.name}.path`] = k.path;
    d[`kustomizations.${k.name}.dependsOn`] = [...(k.dependsOn ?? [])].sort().join(',');
    for (const f of ['prune', 'syncIntervalInSeconds', 'retryIntervalInSeconds', 'timeoutInSeconds', 'force', 'wait'] as const) if (k[f] !== undefined) d[`kustomizations.${k.name}.${f}`] = k[f];
    for (const [n, v] of Object.entries(k.substitute ?? {})) d[`kustomizations.${k.name}.substitute.${n}`] = v;
  }
  d.kustomizationNames = s.kustomizations.map((k) => k.name).sort().join(',');
  return d;
}

function observed(c: FluxConfiguration): Comparable {
  const g = c.gitRepository ?? {};
  const o: Comparable = { scope: c.scope, namespace: c.namespace, sourceKind: c.sourceKind, url: g.url };
  for (const f of ['branch', 'tag', 'semver', 'commit'] as const) if (g.repositoryRef?.[f] != null) o[`ref.${f}`] = g.repositoryRef[f];
  for (const f of ['syncIntervalInSeconds', 'timeoutInSeconds', 'httpsUser', 'sshKnownHosts'] as const) if (g[f] != null) o[`source.${f}`] = g[f];
  const ks = Object.entries(c.kustomizations ?? {}).filter((e): e is [string, KustomizationDefinition] => e[1] !== null);
  for (const [n, k] of ks) {
    o[`kustomizations.${n}.path`] = k.path;
    o[`kustomizations.${n}.dependsOn`] = [...(k.dependsOn ?? [])].sort().join(',');
    for (const f of ['prune', 'syncIntervalInSeconds', 'retryIntervalInSeconds', 'timeoutInSeconds', 'force', 'wait'] as const) if (k[f] != null) o[`kustomizations.${n}.${f}`] = k[f];
    for (const [v, x] of Object.entries(k.postBuild?.substitute ?? {})) o[`kustomizations.${n}.substitute.${v}`] = x;
  }
  o.kustomizationNames = ks.map(([n]) => n).sort().join(',');
  return o;
}

/** `infra: Compliant, secrets: Pending` from the Kustomization statuses (`{config}-{name}`). */
function kustomizationStates(c: FluxConfiguration): { name: string; state: string; message: string }[] {
  const prefix = `${c.name}-`;
  return (c.statuses ?? [])
    .filter((x) => x?.kind === 'Kustomization')
    .map((x) => ({
      name: x!.name?.startsWith(prefix) ? x!.name.slice(prefix.length) : (x!.name ?? ''),
      state: x!.complianceState ?? 'Pending',
      message: x!.statusConditions?.find((cond) => cond.type === 'Ready')?.message ?? '',
    }));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits (bounded) until Flux has reconciled the configuration. Azure answers `complianceState` Pending
 * until the source and every kustomization are ready (learn.microsoft.com tutorial-use-gitops-flux2); a
 * kustomization that fails makes the configuration Non-Compliant and its dependents DependencyNotReady.
 */
async function waitForCompliance(env: KindEnv, client: FluxConfigurationsClient, id: string, s: FluxConfigurationSpec, first: FluxConfiguration): Promise<FluxConfiguration> {
  const timeoutMs = (s.complianceTimeoutInSeconds ?? DEFAULT_COMPLIANCE_TIMEOUT_S) * 1000;
  if (timeoutMs === 0) return first;
  const { clusterId, name } = splitExtensionId(id, CONFIGS);
  const deadline = Date.now() + timeoutMs;
  // Flux reconciles in tens of seconds: one read per poll interval (200 ms on the emulator, 5 s on Azure) is enough.
  const interval = Math.max(env.arm.pollIntervalInMs, 100);
  let c = first;
  let last = '';
  for (;;) {
    const states = kustomizationStates(c);
    if (c.complianceState === 'Compliant') return c;
    if (c.complianceState === 'Non-Compliant') {
      const bad = states.find((k) => k.state === 'Non-Compliant');
      throw new FluxNotCompliantError(
        s.name,
        bad?.name,
        `Flux configuration ${s.name} is Non-Compliant${bad ? `: kustomization '${bad.name}' failed: ${bad.message || c.errorMessage || 'no reason given'}` : `: ${c.errorMessage || 'no reason given'}`}. Fix: correct the repository (or kustomizations.${bad?.name ?? '*'}.path), then run up again; 'az k8s-configuration flux show' has the details.`,
      );
    }
    const progress = `Flux ${c.complianceState ?? 'Pending'}${states.length ? ` (${states.map((k) => `${k.name}: ${k.state}`).join(', ')})` : ''}`;
    if (progress !== last) env.events({ type: 'step-waiting', resource: env.resource, reason: progress });
    last = progress;
    if (Date.now() >= deadline) {
      const pending = states.filter((k) => k.state !== 'Compliant').map((k) => k.name);
      throw new FluxNotCompliantError(s.name, pending[0], `Flux configuration ${s.name} is still ${c.complianceState ?? 'Pending'} after ${timeoutMs / 1000} s${pending.length ? ` (not ready: ${pending.join(', ')})` : ''}. Fix: Flux keeps reconciling on the cluster: follow it with 'azprov outputs' (complianceState) or 'az k8s-configuration flux show', or raise complianceTimeoutInSeconds.`);
    }
    await sleep(interval);
    c = await armCall(`Reading Flux configuration ${name}`, id, () => client.fluxConfigurations.get(...clusterArgs(clusterId), name));
  }
}

export const fluxConfigurationProvider: KindProvider<FluxConfigurationSpec, FluxConfiguration> = {
  resourceId: (r) => `${r.refs.get(r.spec.cluster).id}${CONFIGS}${r.spec.name}`,

  async read(env, id) {
    const client = await env.arm.client(FluxConfigurationsClient);
    const { clusterId, name } = splitExtensionId(id, CONFIGS);
    return readOrUndefined('Flux configuration', id, () => client.fluxConfigurations.get(...clusterArgs(clusterId), name));
  },

  desired: (r) => desired(r.spec),
  observed,

  async put(env, id, r) {
    const client = await env.arm.client(FluxConfigurationsClient);
    const { clusterId, name } = splitExtensionId(id, CONFIGS);
    const s = r.spec;
    // A PUT replaces the whole map: a kustomization removed from the stack goes (and Flux prunes what it made).
    const kustomizations = kustomizationsBody(s);
    const body: FluxConfiguration = {
      scope: s.scope ?? 'cluster',
      namespace: s.namespace ?? 'default',
      sourceKind: 'GitRepository',
      gitRepository: {
        url: s.source.url,
        repositoryRef: { branch: s.source.branch, tag: s.source.tag, semver: s.source.semver, commit: s.source.commit },
        syncIntervalInSeconds: s.source.syncIntervalInSeconds,
        timeoutInSeconds: s.source.timeoutInSeconds,
        httpsUser: s.source.httpsUser,
        sshKnownHosts: s.source.sshKnownHosts,
      },
      kustomizations,
      configurationProtectedSettings: protectedValues(s.protectedSettings),
    };
    const written = await armCall(`Writing Flux configuration ${name}`, id, async () =>
      (await client.fluxConfigurations.beginCreateOrUpdate(...clusterArgs(clusterId), name, body, env.arm.lroOptions())).pollUntilDone(),
    );
    return waitForCompliance(env, client, id, s, written);
  },

  /** The cluster must have Flux: from the stack, or already installed (the RP refuses the write otherwise). */
  async preflight(env, r, actual): Promise<Problem[]> {
    // scope and namespace are create-only (x-ms-mutability read, create in the 2025-04-01 spec): the RP would refuse the PUT.
    const immutable: Problem[] = [];
    for (const [f, want] of [['scope', r.spec.scope ?? 'cluster'], ['namespace', r.spec.namespace ?? 'default']] as const) {
      const was = actual?.[f];
      if (was != null && was !== want) immutable.push({ field: f, reason: `${f} is '${was}' in Azure and cannot change after creation.`, fix: `keep ${f}: ${was}, or give the configuration another name (then remove the old one with 'az k8s-configuration flux delete').` });
    }
    if (immutable.length) return immutable;
    // A configuration Flux could not apply is not "no changes" for the person reading the plan.
    if (actual?.complianceState === 'Non-Compliant') {
      const bad = kustomizationStates(actual).find((k) => k.state === 'Non-Compliant');
      env.events({ type: 'warning', resource: env.resource, message: `Flux configuration ${actual.name} is Non-Compliant in Azure${bad ? `: kustomization '${bad.name}' failed: ${bad.message}` : ''}.` });
    }
    if (stackFluxExtension(r.spec, env.stack.resources)) return [];
    const cluster = r.refs.get(r.spec.cluster);
    const fix = `add { kind: aksExtension, cluster: ${r.spec.cluster}, name: flux, extensionType: microsoft.flux } and set extension: to it, or run: az k8s-extension create -t managedClusters -c ${cluster.name} --extension-type microsoft.flux -n flux`;
    if (!cluster.outputs) return [{ field: 'extension', reason: `the cluster '${r.spec.cluster}' is created by this run, so it has no Flux extension.`, fix }];
    const client = await env.arm.client(ExtensionsClient);
    try {
      for await (const e of client.extensions.list(...clusterArgs(cluster.id))) {
        if (e.extensionType?.toLowerCase() === 'microsoft.flux') return [];
      }
    } catch (e) {
      if (!isNotFound(e)) throw toArmCallError(`Listing the extensions of ${cluster.id}`, e, cluster.id);
    }
    return [{ field: 'extension', reason: `the cluster ${cluster.name} has no microsoft.flux extension.`, fix }];
  },

  async delete(env, id) {
    const client = await env.arm.client(FluxConfigurationsClient);
    const { clusterId, name } = splitExtensionId(id, CONFIGS);
    await armCall(`Deleting Flux configuration ${name}`, id, async () => (await client.fluxConfigurations.beginDelete(...clusterArgs(clusterId), name, env.arm.lroOptions())).pollUntilDone());
  },

  outputs: (c) => ({
    id: c.id!,
    name: c.name!,
    complianceState: c.complianceState ?? '',
    kustomizations: kustomizationStates(c).map((k) => `${k.name}: ${k.state}`).join(', '),
  }),
  tags: () => undefined,
};
