import { z } from 'zod';
import type { Problem } from '../../core/errors.js';
import { baseResourceShape, referenceSchema, withFix } from '../common-spec.js';
import type { KindSpec } from '../kind.js';
import { checkThroughput, cosmosChildName, throughputShape } from '../cosmos-sql-database/spec.js';

// Partition key paths start with '/', may be nested, no trailing slash or wildcard [issue-cosmos-pk].
const partitionKeyPath = z
  .string()
  .regex(/^(\/[^/*]+)+$/, { error: withFix("a partition key path starts with '/' and has no trailing slash or wildcard.", "use e.g. '/partitionKey' or '/address/zipCode'.") });

export const cosmosSqlContainerSchema = z
  .strictObject({
    ...baseResourceShape('cosmosSqlContainer'),
    name: cosmosChildName('Container'),
    database: referenceSchema('cosmosSqlDatabase'),
    partitionKey: z
      .union([partitionKeyPath, z.array(partitionKeyPath).min(1).max(3)])
      .meta({ description: "Partition key path, or up to 3 paths for a hierarchical key. A Dapr state store needs '/partitionKey'." }),
    defaultTtl: z.number().int().min(-1).optional().meta({ description: 'Time to live in seconds; -1 = on, no default expiry.' }),
    ...throughputShape,
  })
  .meta({ title: 'cosmosSqlContainer', description: 'A Cosmos DB SQL container.' });

export type CosmosSqlContainerSpec = z.infer<typeof cosmosSqlContainerSchema>;

export function partitionKeyPaths(s: CosmosSqlContainerSpec): string[] {
  return Array.isArray(s.partitionKey) ? s.partitionKey : [s.partitionKey];
}

export const cosmosSqlContainerOutputs = ['id', 'name'] as const;

export const cosmosSqlContainerKind: KindSpec<CosmosSqlContainerSpec> = {
  kind: 'cosmosSqlContainer',
  description: 'Cosmos DB SQL container',
  schema: cosmosSqlContainerSchema,
  outputs: cosmosSqlContainerOutputs,
  references: (s) => [{ field: 'database', target: s.database, kind: 'cosmosSqlDatabase' }],
  check: (s, lookup): Problem[] => {
    const db = lookup(s.database) as { account?: string } | undefined;
    return checkThroughput(s, db?.account ? lookup(db.account) : undefined);
  },
};
