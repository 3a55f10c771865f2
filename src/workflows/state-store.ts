import { defineStack } from '../engine/stack.js';
import { partNames, type CosmosStateStoreSpec } from '../resources/cosmos-state-store/spec.js';
import { existingEnvironment, runStack, type WorkflowOptions } from './run.js';

export interface CosmosStateStoreOptions extends WorkflowOptions {
  /** Resource id of an existing Container Apps environment. */
  environmentId: string;
  /** A new account: its name and consistency (and optionally locations, serverless). */
  account: Exclude<CosmosStateStoreSpec['account'], string>;
  database?: string;
  container?: string;
  componentName?: string;
  auth?: 'identity' | 'key';
  scopes?: string[];
  throughput?: number;
  daprConsistency?: 'eventual' | 'strong';
  /** Stack name for the ownership tags (default: the component name). */
  stack?: string;
  location: string;
}

/**
 * A Cosmos DB account, database and container (`/partitionKey`) used as a Dapr state store, the identity
 * and data-plane role for keyless access (or the key in a secret), and the Dapr component on the
 * environment: checked before anything is written, then created in order. Idempotent.
 */
export async function ensureCosmosStateStore(o: CosmosStateStoreOptions) {
  const componentName = o.componentName ?? 'statestore';
  const result = await runStack(
    defineStack({
      name: o.stack ?? componentName,
      location: o.location,
      resources: {
        ...existingEnvironment(o.environmentId),
        state: {
          kind: 'cosmosStateStore',
          name: componentName,
          resourceGroup: 'rg',
          environment: 'env',
          account: o.account,
          database: o.database,
          container: o.container,
          auth: o.auth,
          scopes: o.scopes,
          throughput: o.throughput,
          daprConsistency: o.daprConsistency,
        } as never,
      },
    }),
    o,
    'ensureCosmosStateStore',
  );
  const n = partNames('state');
  return {
    changed: result.changed,
    accountId: result.outputs[n.account]?.id,
    documentEndpoint: result.outputs[n.account]?.documentEndpoint,
    databaseId: result.outputs[n.database].id,
    containerId: result.outputs[n.container].id,
    componentId: result.outputs[n.component].id,
    /** With auth: identity, the identity to give the apps that use the store. */
    identityId: result.outputs[n.identity]?.id,
    identityClientId: result.outputs[n.identity]?.clientId,
  };
}
