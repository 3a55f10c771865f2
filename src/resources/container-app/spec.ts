import { z } from 'zod';
import type { Problem } from '../../core/errors.js';
import { baseResourceShape, referenceSchema, withFix } from '../common-spec.js';
import type { KindSpec, Reference } from '../kind.js';
import { checkSecretRefs, checkSecrets, secretIdentityReferences, secretSchema } from '../secrets-spec.js';
import { rolloutSchema } from './rollout-spec.js';

// 2–32 characters: lower-case letters, digits and '-', starting with a letter, ending with a letter or
// digit, no '--' (revision names are <app>--<suffix>) [issue-aspire-1094] [issue-cli-27933], arm-facts §4.2.
export const containerAppName = z
  .string()
  .min(2, { error: withFix('Container app name must have at least 2 characters.', 'use 2–32 characters.') })
  .max(32, { error: withFix('Container app name must have at most 32 characters.', 'use 2–32 characters.') })
  .regex(/^[a-z][a-z0-9-]*[a-z0-9]$/, { error: withFix("Container app name must be lower-case letters, digits or '-', start with a letter and end with a letter or digit.", 'rename it.') })
  .refine((n) => !n.includes('--'), { error: withFix("Container app name cannot contain '--' (revision names are <app>--<suffix>).", "use single '-'.") });

// A revision suffix: lower-case letters, digits and '-', starting with a letter and ending with a letter or
// digit; the revision name <app>--<suffix> is at most 54 characters. The real ContainerAppInvalidRevisionName
// message [issue-aca-1443] [issue-aqt-14660] (microsoft/azure-container-apps#1443) says both.
export const REVISION_SUFFIX = /^[a-z](?:[a-z0-9-]*[a-z0-9])?$/;
export const MAX_REVISION_NAME = 54;
export const revisionSuffix = z
  .string()
  .max(MAX_REVISION_NAME - 4)
  .regex(REVISION_SUFFIX, { error: withFix("revision suffix must be lower-case letters, digits or '-', starting with a letter and ending with a letter or digit.", "use e.g. 'v2'.") })
  .refine((v) => !v.includes('--'), { error: withFix("revision suffix cannot contain '--'.", "use single '-'.") });

/** Problems of a revision suffix for app `app` (CLI flags and stack fields share it), or none. */
export function revisionSuffixProblem(app: string, suffix: string, field: string): Problem | undefined {
  const name = `${app}--${suffix}`;
  if (!REVISION_SUFFIX.test(suffix) || suffix.includes('--')) {
    const fixed = suffix.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-{2,}/g, '-').replace(/^[^a-z]+|-+$/g, '');
    return { field, reason: `'${suffix}' is not a revision suffix Container Apps accepts (lower-case letters, digits and '-', starting with a letter, ending with a letter or digit).`, fix: fixed ? `use '${fixed}'.` : "use e.g. 'v2'." };
  }
  if (name.length > MAX_REVISION_NAME) return { field, reason: `the revision name '${name}' has ${name.length} characters; Container Apps allows ${MAX_REVISION_NAME} for <app>--<suffix>.`, fix: `shorten the suffix to at most ${MAX_REVISION_NAME - app.length - 2} characters.` };
  return undefined;
}

// Docker's reference grammar (distribution/reference, reference.go): [host[:port]/]path[:tag][@digest], path
// components lower-case alphanumerics joined by '.', '_', '__' or '-'; tags [\w][\w.-]{0,127}. Container
// Apps refuses others with InvalidParameterValueInContainerTemplate (microsoft/azure-container-apps#863).
const IMAGE_HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\d+)?$/;
const IMAGE_PATH_PART = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const IMAGE_TAG = /^[\w][\w.-]{0,127}$/;
const IMAGE_DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;

/** Why an image reference is not one Docker (and so Container Apps) can parse, or undefined. */
export function imageProblem(image: string): { reason: string; fix: string } | undefined {
  if (image.includes('${')) return undefined; // a reference, known after apply
  if (/^[a-z]+:\/\//i.test(image)) return { reason: `'${image}' has a scheme; an image reference has none.`, fix: `use '${image.replace(/^[a-z]+:\/\//i, '')}'.` };
  if (/\s/.test(image)) return { reason: `'${image}' contains a space.`, fix: 'remove the spaces.' };
  const [named, digest, ...more] = image.split('@');
  if (more.length || (digest !== undefined && !IMAGE_DIGEST.test(digest))) return { reason: `'${image}' has a malformed digest.`, fix: "write it as <image>@sha256:<64 hex digits>, or use a tag." };
  const slash = named.lastIndexOf('/');
  const colon = named.lastIndexOf(':');
  const tag = colon > slash ? named.slice(colon + 1) : undefined;
  const repo = colon > slash ? named.slice(0, colon) : named;
  if (tag !== undefined && !IMAGE_TAG.test(tag)) return { reason: tag === '' ? `'${image}' ends with ':' and no tag.` : `'${image}' has an invalid tag '${tag}'.`, fix: tag === '' ? `add the tag (e.g. '${repo}:1.0') or remove the ':'.` : "tags are letters, digits, '_', '.' and '-', up to 128, not starting with '.' or '-'." };
  const parts = repo.split('/');
  const host = parts.length > 1 && /[.:]|^localhost$/.test(parts[0]) ? parts.shift()! : undefined;
  if (host !== undefined && !IMAGE_HOST.test(host)) return { reason: `'${host}' is not a registry host.`, fix: 'write the registry as host[:port], e.g. myreg.azurecr.io.' };
  const bad = parts.find((x) => !IMAGE_PATH_PART.test(x));
  if (bad !== undefined) {
    return /[A-Z]/.test(bad) && IMAGE_PATH_PART.test(bad.toLowerCase())
      ? { reason: `the repository '${repo}' has upper-case letters; repositories are lower case.`, fix: `use '${image.replace(repo, host ? `${host}/${parts.join('/').toLowerCase()}` : repo.toLowerCase())}'.` }
      : { reason: `'${bad || '(empty)'}' in '${image}' is not a valid repository name part.`, fix: "use lower-case letters and digits separated by '.', '_' or '-' (e.g. myreg.azurecr.io/team/app:1.0)." };
  }
  return undefined;
}

// A registry server is host[:port] with lower-case labels, never a URL: the real
// ContainerAppInvalidRegistryServerValue message (Azure-Samples/aisearch-openai-rag-audio#80).
const REGISTRY_SERVER = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/;

export function registryServerProblem(server: string): { reason: string; fix: string } | undefined {
  if (server.includes('${')) return undefined;
  const bare = server.replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');
  if (REGISTRY_SERVER.test(server) && Number(server.split(':')[1] ?? 1) <= 65535) return undefined;
  if (bare !== server) return { reason: `'${server}' is a URL; a registry server is a host name (and port).`, fix: `use '${bare.toLowerCase()}'.` };
  if (server !== server.toLowerCase()) return { reason: `'${server}' has upper-case letters.`, fix: `use '${server.toLowerCase()}'.` };
  return { reason: `'${server}' is not a registry host name.`, fix: 'use host[:port], e.g. myreg.azurecr.io.' };
}

const envVarSchema = z.strictObject({ name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/), value: z.string().optional(), secretRef: z.string().optional() });

export const containerSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, { error: withFix('container names are lower-case letters, digits and -.', 'rename it.') }).optional().meta({ description: 'Defaults to the app name.' }),
  image: z.string().min(1).meta({ description: 'Image reference, e.g. gbaeke/dapr-state:1.0.0 or myreg.azurecr.io/app:1.2.' }),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  cpu: z.number().positive().optional().meta({ description: 'vCPU, in steps of 0.25 (default 0.5).' }),
  memory: z.string().regex(/^\d+(\.\d+)?Gi$/, { error: withFix("memory is given in Gi, e.g. '1Gi' or '0.5Gi'.", "write it as <number>Gi.") }).optional().meta({ description: "Memory, e.g. '1Gi' (default 2 × cpu)." }),
  env: z.array(envVarSchema).optional(),
});

const scaleRuleSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][-a-z0-9]*$/),
  http: z.strictObject({ concurrentRequests: z.number().int().positive() }).optional(),
  custom: z.strictObject({ type: z.string(), metadata: z.record(z.string(), z.string()).optional() }).optional(),
});

export const containerAppSchema = z
  .strictObject({
    ...baseResourceShape('containerApp'),
    name: containerAppName,
    resourceGroup: referenceSchema('resourceGroup'),
    environment: referenceSchema('managedEnvironment'),
    containers: z.array(containerSchema).min(1).max(10).meta({ description: 'The containers of each revision (one is usual).' }),
    secrets: z.array(secretSchema).optional(),
    registries: z
      .array(z.strictObject({ server: z.string(), username: z.string().optional(), passwordSecretRef: z.string().optional(), identity: z.string().optional() }))
      .optional(),
    identities: z.array(referenceSchema('userAssignedIdentity')).optional().meta({ description: 'User-assigned identities of the app.' }),
    systemAssignedIdentity: z.boolean().optional(),
    ingress: z
      .strictObject({
        external: z.boolean().optional().meta({ description: 'Reachable from the internet (true) or only inside the environment (false, default).' }),
        targetPort: z.number().int().min(1).max(65535),
        transport: z.enum(['auto', 'http', 'http2', 'tcp']).optional(),
        allowInsecure: z.boolean().optional(),
      })
      .optional(),
    scale: z
      .strictObject({
        minReplicas: z.number().int().min(0).max(1000).optional(),
        maxReplicas: z.number().int().min(1).max(1000).optional(),
        rules: z.array(scaleRuleSchema).optional(),
      })
      .optional(),
    dapr: z
      .strictObject({
        enabled: z.boolean().optional(),
        appId: z.string().regex(/^[a-z0-9][-a-z0-9]*$/, { error: withFix('a Dapr app id is lower-case letters, digits and -.', 'use the app name.') }).optional(),
        appPort: z.number().int().min(1).max(65535).optional(),
        appProtocol: z.enum(['http', 'grpc']).optional(),
        logLevel: z.enum(['info', 'debug', 'warn', 'error']).optional(),
      })
      .optional(),
    activeRevisionsMode: z
      .enum(['Multiple', 'Single'])
      .optional()
      .meta({ description: "Multiple (azprov's default; Container Apps' own is Single) lets traffic be split between revisions for rollouts." }),
    keepRevisions: z
      .number()
      .int()
      .min(0)
      .optional()
      .meta({ description: 'Superseded revisions (no traffic, no label) kept active for rollback after a new revision is ready; older ones are deactivated. Default 1.' }),
    maxInactiveRevisions: z
      .number()
      .int()
      .min(0)
      .optional()
      .meta({ description: "Container Apps' configuration.maxInactiveRevisions: how many inactive revisions it keeps before removing the oldest (service default 100)." }),
    revisionSuffix: revisionSuffix.optional().meta({ description: 'Suffix of the revision this template makes; derived from the template when left out.' }),
    rollout: rolloutSchema.optional(),
  })
  .meta({ title: 'containerApp', description: 'A container app (Microsoft.App/containerApps).' });

export type ContainerAppSpec = z.infer<typeof containerAppSchema>;

/**
 * The CPU / memory combinations Container Apps accepts for the sum of an app's containers: 0.25 vCPU
 * steps up to 4 vCPU, with twice as many GiB of memory
 * (https://learn.microsoft.com/azure/container-apps/containers#allocations).
 */
export function checkResources(containers: ContainerAppSpec['containers']): Problem[] {
  const cpu = containers.reduce((s, c) => s + (c.cpu ?? 0.5), 0);
  const memory = containers.reduce((s, c) => s + (c.memory ? Number(c.memory.replace('Gi', '')) : (c.cpu ?? 0.5) * 2), 0);
  const onStep = Math.abs(cpu * 4 - Math.round(cpu * 4)) < 1e-9;
  if (!onStep || cpu < 0.25 || cpu > 4 || Math.abs(memory - cpu * 2) > 1e-9) {
    return [
      {
        field: 'containers',
        reason: `the containers ask for ${cpu} vCPU and ${memory}Gi in all, which Container Apps does not accept.`,
        fix: `use a total of 0.25–4 vCPU in steps of 0.25 with twice as much memory in Gi (e.g. cpu: 0.5, memory: 1Gi${onStep && cpu >= 0.25 && cpu <= 4 ? `; for ${cpu} vCPU that is ${cpu * 2}Gi` : ''}).`,
      },
    ];
  }
  return [];
}

export function checkContainerApp(s: ContainerAppSpec): Problem[] {
  const p: Problem[] = [...checkResources(s.containers), ...checkSecrets(s.secrets)];
  const refs: { field: string; secretRef?: string }[] = [];
  s.containers.forEach((c, i) => {
    (c.env ?? []).forEach((e, j) => {
      if ((e.value === undefined) === (e.secretRef === undefined)) p.push({ field: `containers.${i}.env.${j}`, reason: `env '${e.name}' needs exactly one of value or secretRef.`, fix: 'keep one.' });
      refs.push({ field: `containers.${i}.env.${j}.secretRef`, secretRef: e.secretRef });
    });
  });
  (s.registries ?? []).forEach((r, i) => refs.push({ field: `registries.${i}.passwordSecretRef`, secretRef: r.passwordSecretRef }));
  p.push(...checkSecretRefs(refs, s.secrets));
  s.containers.forEach((c, i) => {
    const bad = imageProblem(c.image);
    if (bad) p.push({ field: `containers.${i}.image`, ...bad });
  });
  // An identity that pulls images or reads Key Vault must be one the app has: the service refuses the write
  // otherwise (the emulator's registries/secrets rule in microsoft.app/container-app.ts).
  const has = (id: string) => (id === 'system' ? s.systemAssignedIdentity === true : (s.identities ?? []).includes(id));
  const give = (id: string) => (id === 'system' ? 'set systemAssignedIdentity: true.' : `add '${id}' to identities.`);
  (s.registries ?? []).forEach((r, i) => {
    const bad = registryServerProblem(r.server);
    if (bad) p.push({ field: `registries.${i}.server`, ...bad });
    if (r.identity && !has(r.identity)) p.push({ field: `registries.${i}.identity`, reason: `the registry is read with '${r.identity}', which is not an identity of the app.`, fix: give(r.identity) });
  });
  (s.secrets ?? []).forEach((x, i) => {
    if (x.keyVaultUrl && x.identity && !has(x.identity)) p.push({ field: `secrets.${i}.identity`, reason: `the Key Vault secret is read with '${x.identity}', which is not an identity of the app.`, fix: give(x.identity) });
  });
  // One trigger per rule: the service says a rule "must have either Azure Queue or HTTP or Custom Rule
  // specified" (MicrosoftDocs/azure-docs#90247).
  (s.scale?.rules ?? []).forEach((r, i) => {
    const types = (['http', 'custom'] as const).filter((t) => r[t] !== undefined);
    if (types.length !== 1) p.push({ field: `scale.rules.${i}`, reason: types.length ? `scale rule '${r.name}' has two types (${types.join(' and ')}).` : `scale rule '${r.name}' has no type.`, fix: 'give each rule exactly one of http or custom; split it into two rules if both are meant.' });
  });
  if (s.revisionSuffix !== undefined) {
    const bad = revisionSuffixProblem(s.name, s.revisionSuffix, 'revisionSuffix');
    if (bad) p.push(bad);
  }
  const names = s.containers.map((c) => c.name ?? s.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) p.push({ field: 'containers', reason: `two containers are named '${dup}'.`, fix: 'give each container its own name.' });
  if (s.scale?.minReplicas !== undefined && s.scale.maxReplicas !== undefined && s.scale.minReplicas > s.scale.maxReplicas) {
    p.push({ field: 'scale.minReplicas', reason: `minReplicas (${s.scale.minReplicas}) is above maxReplicas (${s.scale.maxReplicas}).`, fix: 'lower minReplicas or raise maxReplicas.' });
  }
  if (s.dapr?.enabled && !s.dapr.appId) p.push({ field: 'dapr.appId', reason: 'Dapr is enabled without an app id.', fix: 'set dapr.appId (usually the app name).' });
  if (s.dapr?.enabled && s.dapr.appPort === undefined && s.ingress) p.push({ field: 'dapr.appPort', reason: 'Dapr needs the port the app listens on to call it.', fix: `set dapr.appPort (probably ${s.ingress.targetPort}).` });
  return p;
}

export const containerAppOutputs = ['id', 'name', 'fqdn', 'latestRevisionName', 'latestReadyRevisionName', 'revisionName', 'outboundIpAddresses'] as const;

export const containerAppKind: KindSpec<ContainerAppSpec> = {
  kind: 'containerApp',
  description: 'Container app',
  schema: containerAppSchema,
  outputs: containerAppOutputs,
  references: (s) => {
    const refs: Reference[] = [
      { field: 'resourceGroup', target: s.resourceGroup, kind: 'resourceGroup' },
      { field: 'environment', target: s.environment, kind: 'managedEnvironment' },
    ];
    (s.identities ?? []).forEach((id, i) => refs.push({ field: `identities.${i}`, target: id, kind: 'userAssignedIdentity' }));
    (s.registries ?? []).forEach((r, i) => r.identity && r.identity !== 'system' && refs.push({ field: `registries.${i}.identity`, target: r.identity, kind: 'userAssignedIdentity' }));
    refs.push(...secretIdentityReferences(s.secrets));
    return refs;
  },
  check: (s) => checkContainerApp(s),
};
