import { z } from 'zod';
import type { Problem } from '../core/errors.js';
import { withFix } from './common-spec.js';

// Container Apps secret names: lower-case letters, digits and '-', 1–253 characters (U: the limit of the
// service's Kubernetes secret keys).
const SECRET_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * A secret: its value from an environment variable (never written in the stack file), a Key Vault
 * reference read with an identity, or a literal `value` (allowed, but it then lives in the file).
 * Values are write-only in Azure and are never printed, logged or put in a plan.
 */
export const secretSchema = z
  .strictObject({
    name: z.string().max(253).regex(SECRET_NAME, { error: withFix('secret names are lower-case letters, digits and -.', "rename it, e.g. 'cosmos-key'.") }),
    value: z.string().optional().meta({ description: 'Literal value (prefer fromEnv or keyVaultUrl: this one lives in the file).' }),
    fromEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional().meta({ description: 'Name of an environment variable that holds the value at run time.' }),
    keyVaultUrl: z.url().optional().meta({ description: 'Key Vault secret URL, read by `identity`.' }),
    fromCosmosAccount: z.string().optional().meta({ description: 'Logical name of a cosmosAccount of the stack: its primary master key, read with listKeys at write time.' }),
    identity: z.string().optional().meta({ description: "Logical name of a userAssignedIdentity of the stack, or 'system', used to read keyVaultUrl." }),
  })
  .meta({ description: 'A secret: fromEnv, keyVaultUrl (+ identity) or value.' });

export type SecretSpec = z.infer<typeof secretSchema>;

export function checkSecrets(secrets: readonly SecretSpec[] | undefined, field = 'secrets'): Problem[] {
  const p: Problem[] = [];
  // Fail before spending: a value that will be missing at write time is an input error now.
  (secrets ?? []).forEach((s, i) => {
    if (s.fromEnv !== undefined && process.env[s.fromEnv] === undefined) {
      p.push({ field: `${field}.${i}.fromEnv`, reason: `environment variable ${s.fromEnv} is not set.`, fix: `export ${s.fromEnv} before running azprov (in CI, from a secret).` });
    }
  });
  const seen = new Set<string>();
  (secrets ?? []).forEach((s, i) => {
    const sources = [s.value, s.fromEnv, s.keyVaultUrl, s.fromCosmosAccount].filter((x) => x !== undefined).length;
    if (sources !== 1) p.push({ field: `${field}.${i}`, reason: `secret '${s.name}' needs exactly one of value, fromEnv, keyVaultUrl, fromCosmosAccount.`, fix: 'keep one source (fromEnv is the safest).' });
    if (s.identity !== undefined && s.keyVaultUrl === undefined) p.push({ field: `${field}.${i}.identity`, reason: 'identity is only used to read keyVaultUrl.', fix: 'remove identity, or add keyVaultUrl.' });
    if (s.keyVaultUrl !== undefined && s.identity === undefined) p.push({ field: `${field}.${i}.identity`, reason: 'a Key Vault reference needs the identity that reads it.', fix: "add identity: <userAssignedIdentity logical name> or 'system'." });
    if (seen.has(s.name)) p.push({ field: `${field}.${i}.name`, reason: `secret '${s.name}' is declared twice.`, fix: 'give each secret one entry.' });
    seen.add(s.name);
  });
  return p;
}

/** Secret references (`secretRef`) that name no declared secret. */
export function checkSecretRefs(refs: { field: string; secretRef?: string }[], secrets: readonly SecretSpec[] | undefined): Problem[] {
  const names = new Set((secrets ?? []).map((s) => s.name));
  return refs
    .filter((r) => r.secretRef !== undefined && !names.has(r.secretRef))
    .map((r) => ({
      field: r.field,
      reason: `secretRef '${r.secretRef}' names no secret of this resource.`,
      fix: names.size ? `use one of: ${[...names].join(', ')}, or add it under secrets.` : `add a secret named '${r.secretRef}' under secrets.`,
    }));
}

/** References secrets make to other resources: identities that read Key Vault, accounts whose keys they hold. */
export function secretIdentityReferences(secrets: readonly SecretSpec[] | undefined, field = 'secrets') {
  const refs = (secrets ?? []).flatMap((s, i) => [
    { field: `${field}.${i}.identity`, target: s.identity, kind: 'userAssignedIdentity' },
    { field: `${field}.${i}.fromCosmosAccount`, target: s.fromCosmosAccount, kind: 'cosmosAccount' },
  ]);
  return refs.filter((r): r is { field: string; target: string; kind: string } => r.target !== undefined && r.target !== 'system');
}

