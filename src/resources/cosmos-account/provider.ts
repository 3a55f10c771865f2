import { CosmosDBManagementClient, type DatabaseAccountGetResults } from '@azure/arm-cosmosdb';
import { parseResourceId, providerResourceId } from '../../arm/ids.js';
import { armCall, readOrUndefined } from '../../arm/rest-errors.js';
import { mergeTags, normalizeLocation, tagFields } from '../common-provider.js';
import type { Comparable, KindProvider, ResolvedSpec } from '../kind.js';
import type { CosmosAccountSpec } from './spec.js';

const SERVERLESS = 'EnableServerless';

function regions(r: ResolvedSpec<CosmosAccountSpec>): string[] {
  return r.spec.locations ?? [r.location];
}

export const cosmosAccountProvider: KindProvider<CosmosAccountSpec, DatabaseAccountGetResults> = {
  resourceId: (r) => providerResourceId(r.subscriptionId, r.refs.get(r.spec.resourceGroup).name, 'Microsoft.DocumentDB', 'databaseAccounts', r.spec.name),

  async read(env, id) {
    const client = await env.arm.client(CosmosDBManagementClient);
    const { resourceGroup, names } = parseResourceId(id);
    return readOrUndefined('Cosmos DB account', id, () => client.databaseAccounts.get(resourceGroup!, names[0]));
  },

  desired: (r) => {
    const s = r.spec;
    const d: Comparable = { location: r.location, consistency: s.consistency, locations: regions(r), serverless: s.capacityMode === 'serverless', ...tagFields(r.tags) };
    if (s.consistency === 'BoundedStaleness') Object.assign(d, { maxStalenessPrefix: s.maxStalenessPrefix, maxIntervalInSeconds: s.maxIntervalInSeconds });
    if (s.multipleWriteLocations !== undefined) d.multipleWriteLocations = s.multipleWriteLocations;
    if (s.publicNetworkAccess !== undefined) d.publicNetworkAccess = s.publicNetworkAccess;
    if (s.disableLocalAuth !== undefined) d.disableLocalAuth = s.disableLocalAuth;
    return d;
  },

  observed: (a) => ({
    location: normalizeLocation(a.location),
    consistency: a.consistencyPolicy?.defaultConsistencyLevel,
    maxStalenessPrefix: a.consistencyPolicy?.maxStalenessPrefix,
    maxIntervalInSeconds: a.consistencyPolicy?.maxIntervalInSeconds,
    // The service answers display names ('North Europe'); order by failover priority, write region first.
    locations: [...(a.locations ?? [])].sort((x, y) => (x.failoverPriority ?? 0) - (y.failoverPriority ?? 0)).map((l) => normalizeLocation(l.locationName)),
    serverless: (a.capabilities ?? []).some((c) => c.name === SERVERLESS),
    multipleWriteLocations: a.enableMultipleWriteLocations,
    publicNetworkAccess: a.publicNetworkAccess,
    disableLocalAuth: a.disableLocalAuth,
    ...tagFields(a.tags),
  }),

  async put(env, id, r, actual) {
    const client = await env.arm.client(CosmosDBManagementClient);
    const { resourceGroup } = parseResourceId(id);
    const s = r.spec;
    // PUT answers 200 only (arm-facts §5), Azure-AsyncOperation polled until Succeeded; minutes in real Azure.
    return armCall(`Writing Cosmos DB account ${s.name}`, id, () =>
      client.databaseAccounts.createOrUpdate(
        resourceGroup!,
        s.name,
        {
          location: r.location,
          kind: 'GlobalDocumentDB',
          tags: mergeTags(actual?.tags, r.tags),
          databaseAccountOfferType: 'Standard',
          consistencyPolicy: { defaultConsistencyLevel: s.consistency, maxStalenessPrefix: s.maxStalenessPrefix, maxIntervalInSeconds: s.maxIntervalInSeconds },
          locations: regions(r).map((locationName, failoverPriority) => ({ locationName, failoverPriority, isZoneRedundant: false })),
          capabilities: s.capacityMode === 'serverless' ? [{ name: SERVERLESS }] : actual?.capabilities,
          enableMultipleWriteLocations: s.multipleWriteLocations ?? actual?.enableMultipleWriteLocations,
          publicNetworkAccess: s.publicNetworkAccess ?? actual?.publicNetworkAccess,
          disableLocalAuth: s.disableLocalAuth ?? actual?.disableLocalAuth,
        },
        env.arm.lroOptions(),
      ),
    );
  },

  async delete(env, id) {
    const client = await env.arm.client(CosmosDBManagementClient);
    const { resourceGroup, names } = parseResourceId(id);
    await armCall(`Deleting Cosmos DB account ${names[0]}`, id, () => client.databaseAccounts.delete(resourceGroup!, names[0], env.arm.lroOptions()));
  },

  outputs: (a) => ({ id: a.id!, name: a.name!, documentEndpoint: a.documentEndpoint ?? '' }),
  tags: (a) => a.tags,
};
