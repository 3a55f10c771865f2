import { z } from 'zod';
import type { Problem } from '../../core/errors.js';
import { baseResourceShape, nameSchema, referenceSchema, withFix } from '../common-spec.js';
import type { KindSpec, Reference } from '../kind.js';
import { checkCosmosComponent } from './cosmos-check.js';
import { checkSecretRefs, checkSecrets, secretIdentityReferences, secretSchema } from '../secrets-spec.js';

// The service's rule, from its own message (CommunityToolkit/Aspire#557): lower-case letters, digits, '-' or
// '.', starting with a letter, ending alphanumeric, no '--' (the emulator's dapr.ts applies the same rule).
export const daprComponentName = nameSchema('Dapr component', {
  min: 1,
  max: 60,
  pattern: /^[a-z](?:(?!.*--)[a-z0-9.-]*[a-z0-9])?$/,
  allowed: "lower-case letters, digits, '-' or '.', starting with a letter, ending with a letter or digit, no '--'",
});

/** Metadata names whose value must come from a secret, never a plain value. */
// Exact `key`, or a name ending in a secret word: Dapr's own names are often prefixed (redisPassword,
// saslPassword, authToken, storageAccessKey), and those must not pass as plaintext either.
export const SECRET_METADATA = /^(key|.*(masterKey|accountKey|password|connectionString|secret|token|accessKey|primaryKey|sasToken))$/i;

const metadataSchema = z.strictObject({
  name: z.string().min(1),
  value: z.string().optional(),
  secretRef: z.string().optional(),
});

export const daprComponentSchema = z
  .strictObject({
    ...baseResourceShape('daprComponent'),
    name: daprComponentName,
    environment: referenceSchema('managedEnvironment'),
    componentType: z.string().regex(/^[a-z]+(\.[a-z0-9-]+)+$/, { error: withFix('componentType is a Dapr type such as state.azure.cosmosdb.', 'use the type from the Dapr docs, e.g. state.azure.cosmosdb or pubsub.azure.servicebus.topics.') }),
    version: z.string().regex(/^v\d+$/, { error: withFix("version is a Dapr component version such as 'v1'.", "use 'v1'.") }).optional(),
    metadata: z.array(metadataSchema).optional(),
    secrets: z.array(secretSchema).optional(),
    secretStoreComponent: z.string().optional().meta({ description: 'Name of a secret store component that secretRef values are read from.' }),
    scopes: z.array(z.string().regex(/^[a-z0-9][-a-z0-9]*$/)).optional().meta({ description: 'Dapr app ids that may load the component.' }),
    ignoreErrors: z.boolean().optional(),
    initTimeout: z.string().regex(/^\d+(ms|s|m|h)$/, { error: withFix('initTimeout is a duration such as 5s.', "use e.g. '5s' or '1m'.") }).optional(),
  })
  .meta({ title: 'daprComponent', description: 'A Dapr component on a Container Apps environment.' });

export type DaprComponentSpec = z.infer<typeof daprComponentSchema>;

export function checkDaprComponent(s: DaprComponentSpec): Problem[] {
  const p: Problem[] = [...checkSecrets(s.secrets)];
  (s.metadata ?? []).forEach((m, i) => {
    const both = (m.value === undefined) === (m.secretRef === undefined);
    if (both) p.push({ field: `metadata.${i}`, reason: `metadata '${m.name}' needs exactly one of value or secretRef.`, fix: 'keep one.' });
    if (m.value !== undefined && SECRET_METADATA.test(m.name) && !/^\$\{[^}]+\}$/.test(m.value)) {
      p.push({ field: `metadata.${i}.value`, reason: `'${m.name}' is a secret and must not be a plain metadata value.`, fix: `move it under secrets and use secretRef (or auth: identity for Cosmos DB).` });
    }
  });
  if (!s.secretStoreComponent) {
    p.push(...checkSecretRefs((s.metadata ?? []).map((m, i) => ({ field: `metadata.${i}.secretRef`, secretRef: m.secretRef })), s.secrets));
  } else if (s.secrets?.length) {
    p.push({ field: 'secretStoreComponent', reason: 'secretRef values come from the secret store, so secrets here are not used.', fix: 'remove secrets, or remove secretStoreComponent.' });
  }
  // Whether the secret store exists (in the stack or in Azure) is checked at plan time (provider preflight).
  return p;
}

export const daprComponentOutputs = ['id', 'name'] as const;

export const daprComponentKind: KindSpec<DaprComponentSpec> = {
  kind: 'daprComponent',
  description: 'Dapr component',
  schema: daprComponentSchema,
  outputs: daprComponentOutputs,
  references: (s) => {
    const refs: Reference[] = [{ field: 'environment', target: s.environment, kind: 'managedEnvironment' }, ...secretIdentityReferences(s.secrets)];
    return refs;
  },
  ownedThrough: (s) => s.environment,
  // The secret store a component reads from loads first.
  after: (s, all) =>
    Object.entries(all)
      .filter(([, r]) => r.kind === 'daprComponent' && r.name === s.secretStoreComponent && (r as DaprComponentSpec).environment === s.environment)
      .map(([n]) => n),
  check: (s, _lookup, all) => [...checkDaprComponent(s), ...checkCosmosComponent(s, all)],
};
