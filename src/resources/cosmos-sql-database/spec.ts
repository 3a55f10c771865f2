import { z } from 'zod';
import type { Problem } from '../../core/errors.js';
import { baseResourceShape, referenceSchema, withFix } from '../common-spec.js';
import type { BaseResourceSpec, KindSpec } from '../kind.js';

// Database and container ids: 1–255 characters, none of / \ # ? and no trailing space (Cosmos DB resource
// id rules, https://learn.microsoft.com/rest/api/cosmos-db/databases).
export const cosmosChildName = (what: string) =>
  z
    .string()
    .min(1, { error: withFix(`${what} name is empty.`, 'give it a name.') })
    .max(255, { error: withFix(`${what} name is longer than 255 characters.`, 'shorten it.') })
    .regex(/^[^/\\#?]*[^/\\#? ]$/, { error: withFix(`${what} name must not contain / \\ # ? or end with a space.`, 'remove those characters.') });

/** Manual (RU/s) or autoscale (max RU/s) throughput; none for serverless accounts. */
export const throughputShape = {
  throughput: z
    .number()
    .int()
    .min(400, { error: withFix('manual throughput starts at 400 RU/s.', 'use 400 or more, in steps of 100.') })
    .max(1_000_000)
    .refine((n) => n % 100 === 0, { error: withFix('manual throughput must be a multiple of 100 RU/s.', 'round it to a multiple of 100.') })
    .optional()
    .meta({ description: 'Manual throughput in RU/s (400 or more, multiple of 100).' }),
  autoscaleMaxThroughput: z
    .number()
    .int()
    .min(1000, { error: withFix('autoscale starts at 1000 RU/s maximum.', 'use 1000 or more, in steps of 1000.') })
    .refine((n) => n % 1000 === 0, { error: withFix('autoscale maximum must be a multiple of 1000 RU/s.', 'round it to a multiple of 1000.') })
    .optional()
    .meta({ description: 'Autoscale maximum throughput in RU/s (1000 or more, multiple of 1000).' }),
};

export function checkThroughput(spec: { throughput?: number; autoscaleMaxThroughput?: number }, account: BaseResourceSpec | undefined): Problem[] {
  const p: Problem[] = [];
  if (spec.throughput !== undefined && spec.autoscaleMaxThroughput !== undefined) {
    p.push({ field: 'throughput', reason: 'manual throughput and autoscale are exclusive.', fix: 'keep either throughput or autoscaleMaxThroughput.' });
  }
  const serverless = (account as { capacityMode?: string } | undefined)?.capacityMode === 'serverless';
  if (serverless && (spec.throughput !== undefined || spec.autoscaleMaxThroughput !== undefined)) {
    p.push({ field: spec.throughput !== undefined ? 'throughput' : 'autoscaleMaxThroughput', reason: 'the account is serverless, which has no provisioned throughput.', fix: 'remove the throughput setting, or make the account provisioned.' });
  }
  return p;
}

export const cosmosSqlDatabaseSchema = z
  .strictObject({
    ...baseResourceShape('cosmosSqlDatabase'),
    name: cosmosChildName('Database'),
    account: referenceSchema('cosmosAccount'),
    ...throughputShape,
  })
  .meta({ title: 'cosmosSqlDatabase', description: 'A Cosmos DB SQL (NoSQL) database.' });

export type CosmosSqlDatabaseSpec = z.infer<typeof cosmosSqlDatabaseSchema>;

export const cosmosSqlDatabaseOutputs = ['id', 'name'] as const;

export const cosmosSqlDatabaseKind: KindSpec<CosmosSqlDatabaseSpec> = {
  kind: 'cosmosSqlDatabase',
  description: 'Cosmos DB SQL database',
  schema: cosmosSqlDatabaseSchema,
  outputs: cosmosSqlDatabaseOutputs,
  references: (s) => [{ field: 'account', target: s.account, kind: 'cosmosAccount' }],
  check: (s, lookup) => checkThroughput(s, lookup(s.account)),
};
