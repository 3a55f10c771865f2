import { CosmosDBManagementClient, type SqlDatabaseGetResults } from '@azure/arm-cosmosdb';
import { parseResourceId } from '../../arm/ids.js';
import { armCall, readOrUndefined } from '../../arm/rest-errors.js';
import { mergeTags, tagFields } from '../common-provider.js';
import type { KindProvider } from '../kind.js';
import type { CosmosSqlDatabaseSpec } from './spec.js';

/** The throughput options of a create, or undefined for none (serverless, or shared from elsewhere). */
export function throughputOptions(s: { throughput?: number; autoscaleMaxThroughput?: number }) {
  if (s.autoscaleMaxThroughput !== undefined) return { autoscaleSettings: { maxThroughput: s.autoscaleMaxThroughput } };
  if (s.throughput !== undefined) return { throughput: s.throughput };
  return undefined;
}

export const cosmosSqlDatabaseProvider: KindProvider<CosmosSqlDatabaseSpec, SqlDatabaseGetResults> = {
  resourceId: (r) => `${r.refs.get(r.spec.account).id}/sqlDatabases/${r.spec.name}`,

  async read(env, id) {
    const client = await env.arm.client(CosmosDBManagementClient);
    const { resourceGroup, names } = parseResourceId(id);
    return readOrUndefined('Cosmos DB database', id, () => client.sqlResources.getSqlDatabase(resourceGroup!, names[0], names[1]));
  },

  // Throughput lives in a separate throughputSettings resource after creation: compared there, not here.
  desired: (r) => ({ ...tagFields(r.tags) }),
  observed: (d) => ({ ...tagFields(d.tags) }),

  async put(env, id, r, actual) {
    const client = await env.arm.client(CosmosDBManagementClient);
    const { resourceGroup, names } = parseResourceId(id);
    return armCall(`Writing Cosmos DB database ${r.spec.name}`, id, () =>
      client.sqlResources.createUpdateSqlDatabase(
        resourceGroup!,
        names[0],
        r.spec.name,
        { location: r.location, tags: mergeTags(actual?.tags, r.tags), resource: { id: r.spec.name }, options: actual ? {} : throughputOptions(r.spec) },
        env.arm.lroOptions(),
      ),
    );
  },

  async delete(env, id) {
    const client = await env.arm.client(CosmosDBManagementClient);
    const { resourceGroup, names } = parseResourceId(id);
    await armCall(`Deleting Cosmos DB database ${names[1]}`, id, () => client.sqlResources.deleteSqlDatabase(resourceGroup!, names[0], names[1], env.arm.lroOptions()));
  },

  outputs: (d) => ({ id: d.id!, name: d.name! }),
  tags: (d) => d.tags,
};
