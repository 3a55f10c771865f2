import type { Secret } from '@azure/arm-appcontainers';
import { parseResourceId } from '../arm/ids.js';
import { armCall } from '../arm/rest-errors.js';
import type { KindEnv, RefResolver } from './kind.js';
import type { SecretSpec } from './secrets-spec.js';

/**
 * Secrets as Container Apps takes them. Values are read here, at write time, and go nowhere else: not in
 * plans (which compare names only, values being write-only in Azure), not in events or logs.
 */
export async function secretsBody(env: KindEnv, secrets: readonly SecretSpec[] | undefined, refs: RefResolver): Promise<Secret[] | undefined> {
  if (!secrets) return undefined;
  return Promise.all(
    secrets.map(async (s) => {
      if (s.keyVaultUrl) return { name: s.name, keyVaultUrl: s.keyVaultUrl, identity: identityRef(s.identity!, refs) };
      if (s.fromCosmosAccount) return { name: s.name, value: await cosmosPrimaryKey(env, refs.get(s.fromCosmosAccount).id) };
      const value = s.fromEnv !== undefined ? process.env[s.fromEnv] : s.value;
      if (value === undefined) throw new Error(`secret '${s.name}': environment variable ${s.fromEnv} is not set`);
      return { name: s.name, value };
    }),
  );
}

/** listKeys is called only when a secret asks for the key (auth: key), and the key goes only into that secret. */
async function cosmosPrimaryKey(env: KindEnv, accountId: string): Promise<string> {
  const { CosmosDBManagementClient } = await import('@azure/arm-cosmosdb');
  const client = await env.arm.client(CosmosDBManagementClient);
  const { resourceGroup, names } = parseResourceId(accountId);
  const keys = await armCall(`Reading the keys of Cosmos DB account ${names[0]}`, accountId, () => client.databaseAccounts.listKeys(resourceGroup!, names[0]));
  return keys.primaryMasterKey!;
}

/** `system`, or the resource id of a user-assigned identity of the stack. */
export function identityRef(identity: string, refs: RefResolver): string {
  return identity === 'system' ? 'system' : refs.get(identity).id;
}

/** Secret names, sorted: all a plan can compare, since Azure never returns the values. */
export function secretNames(secrets: readonly { name?: string }[] | undefined): string[] | undefined {
  return secrets ? secrets.map((s) => s.name!).sort() : undefined;
}
