import { z } from 'zod';
import type { Problem } from '../../core/errors.js';
import { checkProtectedSettings, protectedSettingsSchema, type AksExtensionSpec } from '../aks-extension/spec.js';
import { baseResourceShape, referenceSchema, withFix } from '../common-spec.js';
import type { BaseResourceSpec, KindSpec, Reference } from '../kind.js';

// Kubernetes object names (RFC 1123 labels): the configuration and its kustomizations become Flux objects
// named `{configuration}-{kustomization}` (learn.microsoft.com azure/azure-arc/kubernetes/conceptual-gitops-flux2).
const K8S_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const k8sName = (what: string) => z.string().regex(K8S_NAME, { error: withFix(`${what} names are 1–63 lower-case letters, digits and -, starting and ending with a letter or digit.`, "rename it, e.g. 'infra'.") });

const seconds = z.number().int().min(1);

const kustomizationSchema = z.strictObject({
  name: k8sName('kustomization'),
  path: z.string().meta({ description: "Path in the repository, relative to its root, e.g. './infra'." }),
  prune: z.boolean().optional(),
  dependsOn: z.array(z.string()).optional().meta({ description: 'Kustomizations of this configuration that must be ready first.' }),
  syncIntervalInSeconds: seconds.optional(),
  retryIntervalInSeconds: seconds.optional(),
  timeoutInSeconds: seconds.optional(),
  force: z.boolean().optional(),
  wait: z.boolean().optional(),
  substitute: z.record(z.string(), z.string()).optional().meta({ description: 'Post-build variable substitutions (postBuild.substitute).' }),
});

export const fluxConfigurationSchema = z
  .strictObject({
    ...baseResourceShape('fluxConfiguration'),
    name: k8sName('Flux configuration'),
    cluster: referenceSchema('aksCluster'),
    extension: referenceSchema('aksExtension').optional().meta({ description: 'The microsoft.flux aksExtension of the stack (applied first). Leave out when the cluster already has Flux.' }),
    scope: z.enum(['cluster', 'namespace']).optional().meta({ description: 'cluster (default) or namespace. Create-only.' }),
    namespace: k8sName('namespace').optional().meta({ description: "Namespace of the Flux objects (default 'default'). Create-only." }),
    source: z.strictObject({
      kind: z.enum(['GitRepository']).optional().meta({ description: 'GitRepository (the default; the only source kind azprov writes yet).' }),
      url: z.string().meta({ description: 'https://…, http://… (no auth), ssh://… or git@host:org/repo.' }),
      branch: z.string().optional(),
      tag: z.string().optional(),
      semver: z.string().optional(),
      commit: z.string().optional(),
      syncIntervalInSeconds: seconds.optional(),
      timeoutInSeconds: seconds.optional(),
      httpsUser: z.string().optional().meta({ description: 'HTTPS user; the token goes in protectedSettings.httpsKey.' }),
      sshKnownHosts: z.string().optional().meta({ description: 'Base64 known_hosts for SSH.' }),
    }),
    protectedSettings: protectedSettingsSchema.optional().meta({ description: 'Write-only: httpsKey or sshPrivateKey (base64), as fromEnv. Never printed.' }),
    kustomizations: z.array(kustomizationSchema).min(1),
    complianceTimeoutInSeconds: z.number().int().min(0).optional().meta({ description: 'How long up waits for Compliant (default 900; 0: do not wait).' }),
  })
  .meta({ title: 'fluxConfiguration', description: 'A Flux v2 configuration on an AKS cluster (Microsoft.KubernetesConfiguration/fluxConfigurations).' });

export type FluxConfigurationSpec = z.infer<typeof fluxConfigurationSchema>;

export const fluxConfigurationOutputs = ['id', 'name', 'complianceState', 'kustomizations'] as const;

/** Known protected-setting keys of a Git source (spec fluxConfigurations 2025-04-01, configurationProtectedSettings). */
const GIT_SECRET_KEYS = ['httpsKey', 'sshPrivateKey', 'bucketSecretKey'];

/** A dependency cycle among kustomizations (names in order, the first repeated at the end), if any. */
export function kustomizationCycle(ks: readonly { name: string; dependsOn?: string[] | undefined }[]): string[] | undefined {
  const deps = new Map<string, string[]>();
  for (const k of ks) if (!deps.has(k.name)) deps.set(k.name, k.dependsOn ?? []);
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (k: string): string[] | undefined => {
    if (state.get(k) === 'done' || !deps.has(k)) return undefined;
    if (state.get(k) === 'visiting') return [...path.slice(path.indexOf(k)), k];
    state.set(k, 'visiting');
    path.push(k);
    for (const d of deps.get(k)!) {
      const c = visit(d);
      if (c) return c;
    }
    path.pop();
    state.set(k, 'done');
    return undefined;
  };
  for (const k of deps.keys()) {
    const c = visit(k);
    if (c) return c;
  }
  return undefined;
}

export function checkFluxConfiguration(s: FluxConfigurationSpec, lookup: (n: string) => BaseResourceSpec | undefined, all: Readonly<Record<string, BaseResourceSpec>>): Problem[] {
  const p: Problem[] = [];
  const names = new Set<string>();
  s.kustomizations.forEach((k, i) => {
    if (names.has(k.name)) p.push({ field: `kustomizations.${i}.name`, reason: `kustomization '${k.name}' is declared twice.`, fix: 'give each kustomization its own name.' });
    names.add(k.name);
    // Flux reads paths relative to the repository root; an absolute path or one leaving the repository fails on the cluster.
    if (k.path.startsWith('/') || k.path.split('/').includes('..')) p.push({ field: `kustomizations.${i}.path`, reason: `'${k.path}' is not a path inside the repository.`, fix: "write it relative to the repository root, e.g. './infra'." });
  });
  s.kustomizations.forEach((k, i) =>
    (k.dependsOn ?? []).forEach((d, j) => {
      if (!names.has(d)) p.push({ field: `kustomizations.${i}.dependsOn.${j}`, reason: `'${d}' is not a kustomization of this configuration.`, fix: `use one of: ${[...names].filter((n) => n !== k.name).join(', ') || '(none: remove dependsOn)'}.` });
      if (d === k.name) p.push({ field: `kustomizations.${i}.dependsOn.${j}`, reason: `kustomization '${k.name}' depends on itself.`, fix: 'remove it from its own dependsOn.' });
    }),
  );
  const cycle = kustomizationCycle(s.kustomizations);
  if (cycle && cycle.length > 2) p.push({ field: 'kustomizations', reason: `the kustomizations depend on each other in a cycle: ${cycle.join(' -> ')}.`, fix: 'remove one dependsOn of the cycle.' });

  const src = s.source;
  const refs = [src.branch, src.tag, src.semver, src.commit].filter((x) => x !== undefined).length;
  if (refs === 0) p.push({ field: 'source.branch', reason: 'the source names no branch, tag, semver or commit.', fix: "add branch: main (or tag, semver, commit)." });
  const url = src.url;
  const ssh = /^ssh:\/\//.test(url) || /^[\w.-]+@[\w.-]+:/.test(url);
  const https = url.startsWith('https://');
  if (!ssh && !https && !url.startsWith('http://')) p.push({ field: 'source.url', reason: `'${url}' is not an http(s) or SSH repository URL.`, fix: 'use https://host/org/repo or ssh://git@host/org/repo.' });
  const secrets = s.protectedSettings ?? {};
  if (secrets.sshPrivateKey && !ssh) p.push({ field: 'protectedSettings.sshPrivateKey', reason: 'an SSH key needs an SSH URL.', fix: 'use ssh://git@host/org/repo (or git@host:org/repo), or HTTPS auth (httpsUser + httpsKey).' });
  if ((secrets.httpsKey || src.httpsUser) && !https) p.push({ field: src.httpsUser ? 'source.httpsUser' : 'protectedSettings.httpsKey', reason: 'HTTPS credentials need an https:// URL (Flux refuses to send them in clear).', fix: 'use the https:// URL of the repository, or SSH auth.' });
  if (src.httpsUser && !secrets.httpsKey) p.push({ field: 'protectedSettings.httpsKey', reason: 'httpsUser needs its token.', fix: 'add protectedSettings.httpsKey: { fromEnv: GIT_TOKEN }.' });
  if (src.sshKnownHosts && !ssh) p.push({ field: 'source.sshKnownHosts', reason: 'known hosts are for SSH URLs.', fix: 'remove sshKnownHosts, or use an SSH URL.' });
  for (const k of Object.keys(secrets)) {
    if (!GIT_SECRET_KEYS.includes(k)) p.push({ field: `protectedSettings.${k}`, reason: `'${k}' is not a protected setting of a Git source.`, fix: `use one of: ${GIT_SECRET_KEYS.slice(0, 2).join(', ')}.` });
  }
  p.push(...checkProtectedSettings(s.protectedSettings, 'protectedSettings'));
  if (s.scope === 'namespace' && s.namespace === undefined) p.push({ field: 'namespace', reason: 'a namespace-scoped configuration needs its namespace.', fix: 'add namespace: <name>.' });

  if (s.extension) {
    const e = lookup(s.extension) as AksExtensionSpec | undefined;
    if (e?.kind === 'aksExtension') {
      if (e.extensionType.toLowerCase() !== 'microsoft.flux') p.push({ field: 'extension', reason: `'${s.extension}' is a ${e.extensionType} extension, not microsoft.flux.`, fix: 'name the microsoft.flux aksExtension.' });
      if (e.cluster !== s.cluster) p.push({ field: 'extension', reason: `'${s.extension}' is installed on '${e.cluster}', not on '${s.cluster}'.`, fix: 'name the Flux extension of the same cluster.' });
    } else if (e) p.push({ field: 'extension', reason: `'${s.extension}' is a ${e.kind}, not an aksExtension.`, fix: 'name the microsoft.flux aksExtension of the stack.' });
  }
  return p;
}

/** The stack's microsoft.flux extension on this configuration's cluster, when it declares one. */
export function stackFluxExtension(s: FluxConfigurationSpec, all: Readonly<Record<string, BaseResourceSpec>>): string | undefined {
  if (s.extension) return s.extension;
  return Object.entries(all).find(([, r]) => r.kind === 'aksExtension' && (r as AksExtensionSpec).cluster === s.cluster && (r as AksExtensionSpec).extensionType.toLowerCase() === 'microsoft.flux')?.[0];
}

export const fluxConfigurationKind: KindSpec<FluxConfigurationSpec> = {
  kind: 'fluxConfiguration',
  description: 'Flux configuration (GitOps)',
  schema: fluxConfigurationSchema,
  outputs: fluxConfigurationOutputs,
  references: (s) => {
    const refs: Reference[] = [{ field: 'cluster', target: s.cluster, kind: 'aksCluster' }];
    if (s.extension) refs.push({ field: 'extension', target: s.extension, kind: 'aksExtension' });
    return refs;
  },
  ownedThrough: (s) => s.cluster,
  // The RP refuses a configuration before the Flux extension is provisioned (ValidationFailed).
  after: (s, all) => {
    const e = stackFluxExtension(s, all);
    return e && e !== s.extension ? [e] : [];
  },
  check: (s, lookup, all) => checkFluxConfiguration(s, lookup, all),
};
