import { z } from 'zod';
import type { Problem } from '../../core/errors.js';
import { baseResourceShape, referenceSchema, withFix } from '../common-spec.js';
import type { BaseResourceSpec, KindSpec } from '../kind.js';

/**
 * A protected setting (Azure marks them `x-ms-secret`: write-only, never answered): its value from an
 * environment variable, or a literal (which then lives in the file). Never printed, logged or planned.
 */
export const protectedSettingSchema = z
  .strictObject({
    fromEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional().meta({ description: 'Name of an environment variable that holds the value at run time.' }),
    value: z.string().optional().meta({ description: 'Literal value (prefer fromEnv: this one lives in the file).' }),
  })
  .meta({ description: 'A protected setting: fromEnv (preferred) or value. Never printed.' });

export const protectedSettingsSchema = z.record(z.string().min(1), protectedSettingSchema);

export type ProtectedSettings = z.infer<typeof protectedSettingsSchema>;

/** Each protected setting has one source, and an environment variable that is set (fail before spending). */
export function checkProtectedSettings(settings: ProtectedSettings | undefined, field: string): Problem[] {
  const p: Problem[] = [];
  for (const [k, v] of Object.entries(settings ?? {})) {
    if ((v.fromEnv === undefined) === (v.value === undefined)) p.push({ field: `${field}.${k}`, reason: `protected setting '${k}' needs exactly one of fromEnv, value.`, fix: 'keep one source (fromEnv keeps the secret out of the file).' });
    else if (v.fromEnv !== undefined && process.env[v.fromEnv] === undefined) p.push({ field: `${field}.${k}.fromEnv`, reason: `environment variable ${v.fromEnv} is not set.`, fix: `export ${v.fromEnv} before running azprov (in CI, from a secret).` });
  }
  return p;
}

/** The values, read at write time only. */
export function protectedValues(settings: ProtectedSettings | undefined): Record<string, string> | undefined {
  if (!settings) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(settings)) {
    const value = v.fromEnv !== undefined ? process.env[v.fromEnv] : v.value;
    if (value === undefined) throw new Error(`protected setting '${k}': environment variable ${v.fromEnv} is not set`);
    out[k] = value;
  }
  return out;
}

// Extension names: 1–253 lower-case letters, digits, '-' and '.' (U: a Kubernetes object name, which the
// extension's Helm release becomes).
const EXTENSION_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

export const aksExtensionSchema = z
  .strictObject({
    ...baseResourceShape('aksExtension'),
    name: z.string().regex(EXTENSION_NAME, { error: withFix('extension names are lower-case letters, digits, - and .', "use e.g. 'flux'.") }),
    cluster: referenceSchema('aksCluster'),
    extensionType: z.string().min(1).meta({ description: "The extension type, e.g. 'microsoft.flux'." }),
    releaseTrain: z.string().optional().meta({ description: "Release train, e.g. 'Stable' (the default)." }),
    version: z.string().optional().meta({ description: 'A pinned version (needs autoUpgradeMinorVersion: false).' }),
    autoUpgradeMinorVersion: z.boolean().optional(),
    configurationSettings: z.record(z.string(), z.string()).optional().meta({ description: 'Extension settings, e.g. multiTenancy.enforce: "false".' }),
    configurationProtectedSettings: protectedSettingsSchema.optional().meta({ description: 'Write-only settings (fromEnv or value): never printed, never in plans.' }),
    identity: z.boolean().optional().meta({ description: 'Give the extension a system-assigned identity.' }),
  })
  .meta({ title: 'aksExtension', description: 'A cluster extension on an AKS cluster (Microsoft.KubernetesConfiguration/extensions), e.g. microsoft.flux.' });

export type AksExtensionSpec = z.infer<typeof aksExtensionSchema>;

export const aksExtensionOutputs = ['id', 'name', 'provisioningState', 'version'] as const;

export function checkAksExtension(s: AksExtensionSpec, lookup: (n: string) => BaseResourceSpec | undefined): Problem[] {
  const p: Problem[] = [];
  // The RP refuses a pinned version while minor versions upgrade themselves (learn.microsoft.com
  // azure/aks/cluster-extensions: "--version ... requires --auto-upgrade-minor-version false").
  if (s.version !== undefined && s.autoUpgradeMinorVersion !== false) p.push({ field: 'version', reason: 'a pinned version needs autoUpgradeMinorVersion: false.', fix: 'add autoUpgradeMinorVersion: false, or remove version.' });
  const c = lookup(s.cluster);
  if (c && c.kind !== 'aksCluster') p.push({ field: 'cluster', reason: `'${s.cluster}' is a ${c.kind}, not an aksCluster.`, fix: 'name an aksCluster of the stack.' });
  p.push(...checkProtectedSettings(s.configurationProtectedSettings, 'configurationProtectedSettings'));
  return p;
}

export const aksExtensionKind: KindSpec<AksExtensionSpec> = {
  kind: 'aksExtension',
  description: 'AKS cluster extension',
  schema: aksExtensionSchema,
  outputs: aksExtensionOutputs,
  references: (s) => [{ field: 'cluster', target: s.cluster, kind: 'aksCluster' }],
  // Extensions take no tags: the cluster's say whose they are.
  ownedThrough: (s) => s.cluster,
  check: (s, lookup) => checkAksExtension(s, lookup),
};
