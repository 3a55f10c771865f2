import { CosmosDBManagementClient, type SqlContainerGetResults } from '@azure/arm-cosmosdb';
import { parseResourceId } from '../../arm/ids.js';
import { armCall, readOrUndefined } from '../../arm/rest-errors.js';
import { mergeTags, tagFields } from '../common-provider.js';
import { throughputOptions } from '../cosmos-sql-database/provider.js';
import type { Comparable, KindProvider } from '../kind.js';
import { partitionKeyPaths, type CosmosSqlContainerSpec } from './spec.js';

export const cosmosSqlContainerProvider: KindProvider<CosmosSqlContainerSpec, SqlContainerGetResults> = {
  resourceId: (r) => `${r.refs.get(r.spec.database).id}/containers/${r.spec.name}`,

  async read(env, id) {
    const client = await env.arm.client(CosmosDBManagementClient);
    const { resourceGroup, names } = parseResourceId(id);
    return readOrUndefined('Cosmos DB container', id, () => client.sqlResources.getSqlContainer(resourceGroup!, names[0], names[1], names[2]));
  },

  desired: (r) => {
    const d: Comparable = { partitionKey: partitionKeyPaths(r.spec), ...tagFields(r.tags) };
    if (r.spec.defaultTtl !== undefined) d.defaultTtl = r.spec.defaultTtl;
    return d;
  },
  observed: (c) => ({ partitionKey: c.resource?.partitionKey?.paths, defaultTtl: c.resource?.defaultTtl, ...tagFields(c.tags) }),

  async put(env, id, r, actual) {
    const client = await env.arm.client(CosmosDBManagementClient);
    const { resourceGroup, names } = parseResourceId(id);
    const paths = partitionKeyPaths(r.spec);
    return armCall(`Writing Cosmos DB container ${r.spec.name}`, id, () =>
      client.sqlResources.createUpdateSqlContainer(
        resourceGroup!,
        names[0],
        names[1],
        r.spec.name,
        {
          location: r.location,
          tags: mergeTags(actual?.tags, r.tags),
          resource: {
            id: r.spec.name,
            partitionKey: { paths, kind: paths.length > 1 ? 'MultiHash' : 'Hash', version: 2 },
            defaultTtl: r.spec.defaultTtl ?? actual?.resource?.defaultTtl,
            // Keep what the service holds; a PUT without it would reset the indexing policy.
            indexingPolicy: actual?.resource?.indexingPolicy,
          },
          options: actual ? {} : throughputOptions(r.spec),
        },
        env.arm.lroOptions(),
      ),
    );
  },

  async delete(env, id) {
    const client = await env.arm.client(CosmosDBManagementClient);
    const { resourceGroup, names } = parseResourceId(id);
    await armCall(`Deleting Cosmos DB container ${names[2]}`, id, () => client.sqlResources.deleteSqlContainer(resourceGroup!, names[0], names[1], names[2], env.arm.lroOptions()));
  },

  outputs: (c) => ({ id: c.id!, name: c.name! }),
  tags: (c) => c.tags,
};
