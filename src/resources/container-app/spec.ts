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

// A revision suffix: lower-case letters, digits and '-', starting with a letter (U: length from the CLI).
export const revisionSuffix = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9-]*[a-z0-9]$|^[a-z]$/, { error: withFix("revision suffix must be lower-case letters, digits or '-', starting with a letter.", "use e.g. 'v2'.") });

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
    activeRevisionsMode: z.enum(['Multiple', 'Single']).optional().meta({ description: 'Multiple (default here) lets traffic be split between revisions.' }),
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
