import { z } from 'zod';
import { baseResourceShape, locationSchema, nameSchema, referenceSchema, withFix } from '../common-spec.js';
import type { KindSpec } from '../kind.js';
import type { Problem } from '../../core/errors.js';

// 3–44 lower-case letters, digits and single hyphens; the name is global (it becomes
// <name>.documents.azure.com). The spec allows 50, the published limit is 44 (arm-facts §5, U): keep 44.
export const cosmosAccountName = nameSchema('Cosmos DB account', {
  min: 3,
  max: 44,
  pattern: /^[a-z0-9]+(-[a-z0-9]+)*$/,
  allowed: 'lower-case letters, digits and single hyphens, not starting or ending with a hyphen (globally unique: it becomes <name>.documents.azure.com)',
});

export const CONSISTENCY_LEVELS = ['Eventual', 'ConsistentPrefix', 'Session', 'BoundedStaleness', 'Strong'] as const;

export const cosmosAccountSchema = z
  .strictObject({
    ...baseResourceShape('cosmosAccount'),
    name: cosmosAccountName,
    resourceGroup: referenceSchema('resourceGroup'),
    consistency: z
      .enum(CONSISTENCY_LEVELS, { error: withFix('unknown consistency level.', `use one of ${CONSISTENCY_LEVELS.join(', ')}.`) })
      .meta({ description: 'Default consistency level of the account. Explicit on purpose: Dapr clients that ask for a stronger level fail.' }),
    maxStalenessPrefix: z.number().int().min(1).max(2147483647).optional().meta({ description: 'BoundedStaleness only: 1–2147483647 operations.' }),
    maxIntervalInSeconds: z.number().int().min(5).max(86400).optional().meta({ description: 'BoundedStaleness only: 5–86400 seconds.' }),
    locations: z.array(locationSchema).min(1).optional().meta({ description: 'Regions, the first is the write region. Defaults to the resource location.' }),
    multipleWriteLocations: z.boolean().optional(),
    capacityMode: z.enum(['provisioned', 'serverless']).optional().meta({ description: 'serverless: no throughput on databases or containers. Default provisioned.' }),
    publicNetworkAccess: z.enum(['Enabled', 'Disabled']).optional(),
    disableLocalAuth: z.boolean().optional().meta({ description: 'Turn key authentication off (identity only).' }),
  })
  .meta({ title: 'cosmosAccount', description: 'A Cosmos DB account, API for NoSQL (Microsoft.DocumentDB/databaseAccounts).' });

export type CosmosAccountSpec = z.infer<typeof cosmosAccountSchema>;

export function checkCosmosAccount(s: CosmosAccountSpec): Problem[] {
  const p: Problem[] = [];
  const bounded = s.consistency === 'BoundedStaleness';
  if (bounded && (s.maxStalenessPrefix === undefined || s.maxIntervalInSeconds === undefined)) {
    p.push({ field: 'consistency', reason: 'BoundedStaleness needs maxStalenessPrefix and maxIntervalInSeconds.', fix: 'add both (e.g. maxStalenessPrefix: 100000, maxIntervalInSeconds: 300), or choose another level.' });
  }
  if (!bounded && (s.maxStalenessPrefix !== undefined || s.maxIntervalInSeconds !== undefined)) {
    p.push({ field: 'maxStalenessPrefix', reason: 'staleness bounds apply only to BoundedStaleness.', fix: 'remove maxStalenessPrefix and maxIntervalInSeconds, or set consistency: BoundedStaleness.' });
  }
  // Strong consistency is not supported with multi-region writes [doc-cosmos-mrw].
  if (s.consistency === 'Strong' && s.multipleWriteLocations) {
    p.push({ field: 'consistency', reason: 'Strong consistency is not supported with multiple write locations.', fix: 'set multipleWriteLocations: false, or choose Session / BoundedStaleness.' });
  }
  const dup = s.locations?.find((l, i) => s.locations!.indexOf(l) !== i);
  if (dup) p.push({ field: 'locations', reason: `region '${dup}' is listed twice.`, fix: 'list each region once; the first is the write region.' });
  if (s.capacityMode === 'serverless' && (s.locations?.length ?? 1) > 1) {
    p.push({ field: 'capacityMode', reason: 'serverless accounts run in a single region.', fix: 'keep one location, or use provisioned throughput.' });
  }
  return p;
}

export const cosmosAccountOutputs = ['id', 'name', 'documentEndpoint'] as const;

export const cosmosAccountKind: KindSpec<CosmosAccountSpec> = {
  kind: 'cosmosAccount',
  description: 'Cosmos DB account (NoSQL)',
  schema: cosmosAccountSchema,
  outputs: cosmosAccountOutputs,
  references: (s) => [{ field: 'resourceGroup', target: s.resourceGroup, kind: 'resourceGroup' }],
  check: checkCosmosAccount,
};
