import type { CompositeKind } from '../kind.js';
import { checkStateStore, cosmosStateStoreSchema, partNames, type CosmosStateStoreSpec } from './spec.js';

const KEY_SECRET = 'cosmos-master-key';

export const cosmosStateStoreKind: CompositeKind<CosmosStateStoreSpec> = {
  kind: 'cosmosStateStore',
  description: 'Dapr state store on Cosmos DB',
  schema: cosmosStateStoreSchema,
  check: checkStateStore,
  expand(logical, s) {
    const n = partNames(logical);
    const component = s.name ?? 'statestore';
    const common = { ...(s.location ? { location: s.location } : {}), ...(s.tags ? { tags: s.tags } : {}) };
    const out: Record<string, Record<string, unknown>> = {};
    const accountRef = typeof s.account === 'string' ? s.account : n.account;
    if (typeof s.account !== 'string') {
      out[n.account] = { kind: 'cosmosAccount', ...common, resourceGroup: s.resourceGroup, ...s.account };
    }
    const serverless = typeof s.account !== 'string' && s.account.capacityMode === 'serverless';
    out[n.database] = { kind: 'cosmosSqlDatabase', ...common, name: s.database ?? 'dapr-db', account: accountRef };
    out[n.container] = {
      kind: 'cosmosSqlContainer',
      ...common,
      name: s.container ?? 'statestore',
      database: n.database,
      // Dapr's Cosmos DB state store needs exactly this partition key (dapr/docs#668, components-contrib#1794).
      partitionKey: '/partitionKey',
      ...(serverless ? {} : { throughput: s.throughput ?? 400 }),
    };
    const metadata: { name: string; value?: string; secretRef?: string }[] = [
      { name: 'url', value: `\${${accountRef}.documentEndpoint}` },
      { name: 'database', value: s.database ?? 'dapr-db' },
      { name: 'collection', value: s.container ?? 'statestore' },
    ];
    const dependsOn = [n.container];
    let secrets: unknown[] | undefined;
    if ((s.auth ?? 'identity') === 'identity') {
      out[n.identity] = { kind: 'userAssignedIdentity', ...common, name: s.identity ?? `id-${component}`, resourceGroup: s.resourceGroup };
      out[n.role] = { kind: 'cosmosSqlRoleAssignment', account: accountRef, principal: n.identity, role: 'DataContributor' };
      metadata.push({ name: 'azureClientId', value: `\${${n.identity}.clientId}` });
      dependsOn.push(n.role);
    } else {
      // The master key goes into a component secret, read with listKeys at write time; never a plain value.
      secrets = [{ name: KEY_SECRET, fromCosmosAccount: accountRef }];
      metadata.push({ name: 'masterKey', secretRef: KEY_SECRET });
    }
    out[n.component] = {
      kind: 'daprComponent',
      name: component,
      environment: s.environment,
      componentType: 'state.azure.cosmosdb',
      version: 'v1',
      metadata,
      ...(secrets ? { secrets } : {}),
      ...(s.scopes ? { scopes: s.scopes } : {}),
      dependsOn,
    };
    return out;
  },
};
