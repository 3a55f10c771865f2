import { z } from 'zod';
import type { Problem } from '../../core/errors.js';
import { baseResourceShape, locationSchema, referenceSchema, withFix } from '../common-spec.js';
import { CONSISTENCY_LEVELS, cosmosAccountName } from '../cosmos-account/spec.js';
import { cosmosChildName } from '../cosmos-sql-database/spec.js';
import { daprComponentName } from '../dapr-component/spec.js';
import { identityName } from '../user-assigned-identity/spec.js';
import type { BaseResourceSpec } from '../kind.js';
import { consistencyProblem, keyAuthDisabledProblem, STRONG_WARNING } from './rules.js';

/**
 * A Dapr state store on Cosmos DB in one resource: it expands to the account (unless an existing one of
 * the stack is named), database, container (`/partitionKey`, which Dapr requires: dapr/docs#668),
 * identity and data-plane role (auth: identity) and the Dapr component, ordered so the component loads
 * only once its container and access exist.
 */
export const cosmosStateStoreSchema = z
  .strictObject({
    ...baseResourceShape('cosmosStateStore'),
    name: daprComponentName.optional().meta({ description: "Name of the Dapr component (default 'statestore')." }),
    resourceGroup: referenceSchema('resourceGroup'),
    environment: referenceSchema('managedEnvironment'),
    account: z
      .union([
        referenceSchema('cosmosAccount'),
        z.strictObject({
          name: cosmosAccountName,
          consistency: z.enum(CONSISTENCY_LEVELS, { error: withFix('unknown consistency level.', `use one of ${CONSISTENCY_LEVELS.join(', ')}.`) }),
          locations: z.array(locationSchema).min(1).optional(),
          capacityMode: z.enum(['provisioned', 'serverless']).optional(),
          publicNetworkAccess: z.enum(['Enabled', 'Disabled']).optional(),
        }),
      ])
      .meta({ description: 'A new account ({name, consistency, ...}) or the logical name of a cosmosAccount of the stack.' }),
    database: cosmosChildName('Database').optional().meta({ description: "Database name (default 'dapr-db')." }),
    container: cosmosChildName('Container').optional().meta({ description: "Container name (default 'statestore'); its partition key is /partitionKey." }),
    throughput: z.number().int().min(400).optional().meta({ description: 'Manual RU/s of the container (default 400; none on a serverless account).' }),
    auth: z.enum(['identity', 'key']).optional().meta({ description: 'identity (default): a user-assigned identity with the Data Contributor role, no key anywhere. key: the master key in a Container Apps secret.' }),
    identity: identityName.optional().meta({ description: "Name of the identity made for auth: identity (default 'id-<component>')." }),
    scopes: z.array(z.string().regex(/^[a-z0-9][-a-z0-9]*$/)).optional().meta({ description: 'Dapr app ids that may use the store.' }),
    daprConsistency: z.enum(['eventual', 'strong']).optional().meta({ description: 'The consistency Dapr clients ask for (default eventual). strong needs a Strong account.' }),
  })
  .meta({ title: 'cosmosStateStore', description: 'A Dapr state store on Cosmos DB, with everything it needs.' });

export type CosmosStateStoreSpec = z.infer<typeof cosmosStateStoreSchema>;

/** Logical names of what a state store expands to. */
export function partNames(logical: string) {
  return {
    account: `${logical}-account`,
    database: `${logical}-database`,
    container: `${logical}-container`,
    identity: `${logical}-identity`,
    role: `${logical}-role`,
    component: `${logical}-component`,
  };
}

/**
 * The state store's own rules, before anything is sent: Dapr's consistency request against the account's
 * default (Cosmos rejects a request stronger than the account default).
 */
export function checkStateStore(s: CosmosStateStoreSpec, lookup: (n: string) => BaseResourceSpec | undefined): { problems: Problem[]; warnings: string[] } {
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const account = typeof s.account === 'string' ? (lookup(s.account) as { consistency?: string; capacityMode?: string } | undefined) : s.account;
  const level = account?.consistency;
  if (s.daprConsistency === 'strong') {
    const p = consistencyProblem('strong', level, 'daprConsistency');
    if (p) problems.push(p);
    warnings.push(STRONG_WARNING);
  }
  // Key auth needs the account's keys; an account with local auth disabled refuses them at runtime.
  if (s.auth === 'key' && (account as { disableLocalAuth?: boolean } | undefined)?.disableLocalAuth) {
    problems.push(keyAuthDisabledProblem('auth', typeof s.account === 'string' ? s.account : 'account'));
  }
  if (account?.capacityMode === 'serverless' && s.throughput !== undefined) {
    problems.push({ field: 'throughput', reason: 'the account is serverless, which has no provisioned throughput.', fix: 'remove throughput.' });
  }
  return { problems, warnings };
}
