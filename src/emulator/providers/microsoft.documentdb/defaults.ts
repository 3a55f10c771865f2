/**
 * Response defaults of Microsoft.DocumentDB: what the service returns for fields the request left out.
 * [rec-3] = test_cosmosdb_sql_database.yaml (api 2020-06-01-preview), [rec-4] = test_cosmosdb_sql_role.yaml
 * (api 2021-04-15); [spec-cosmos] = the 2025-04-15 spec in ../shared/azure-specs (readOnly fields included).
 */

/** Account properties with the value a create answer shows when the request leaves them out. */
export const ACCOUNT_PROPERTY_DEFAULTS: Record<string, unknown> = {
  // [rec-3] [rec-4]
  publicNetworkAccess: 'Enabled',
  enableAutomaticFailover: false,
  enableMultipleWriteLocations: false,
  enablePartitionKeyMonitor: false,
  isVirtualNetworkFilterEnabled: false,
  virtualNetworkRules: [],
  disableKeyBasedMetadataWriteAccess: false,
  enableFreeTier: false,
  enableAnalyticalStorage: false,
  configurationOverrides: {},
  ipRules: [],
  cors: [],
  // [rec-4]
  analyticalStorageConfiguration: null,
  enableCassandraConnector: false,
  connectorOffer: '',
  networkAclBypass: 'None',
  networkAclBypassResourceIds: [],
  backupPolicy: { type: 'Periodic', periodicModeProperties: { backupIntervalInMinutes: 240, backupRetentionIntervalInHours: 8, backupStorageRedundancy: 'Geo' } },
  // [spec-cosmos] (newer than the recordings)
  disableLocalAuth: false,
  minimalTlsVersion: 'Tls12',
};

/**
 * The API the account serves, under the service's own capitalised key [rec-3] [rec-4]
 * (`"EnabledApiTypes":"Sql"` for a GlobalDocumentDB account).
 */
export function enabledApiTypes(kind: string, capabilities: Array<{ name?: string }>): string {
  const names = capabilities.map((c) => String(c.name ?? ''));
  if (kind === 'MongoDB') return 'MongoDB';
  for (const [cap, api] of [['EnableCassandra', 'Cassandra'], ['EnableTable', 'Table'], ['EnableGremlin', 'Gremlin, Sql']]) if (names.includes(cap)) return api;
  return 'Sql';
}

/** `defaultIdentity`: `""` in the create answer, `"FirstPartyIdentity"` once provisioned [rec-4]. */
export const DEFAULT_IDENTITY = { creating: '', provisioned: 'FirstPartyIdentity' };

/** An account without a managed identity shows `identity: {"type":"None"}` [rec-4]. */
export const NO_IDENTITY = { type: 'None' };

/**
 * Operation polls: the status URL answers `{"status": ...}` only, and no response carries `Retry-After`
 * [rec-3] [rec-4] (`Dequeued` for accounts, `Enqueued` for the child resources).
 */
export const COSMOS_LRO = { statusStyle: 'status-only' as const, sendRetryAfter: false };

/**
 * Fields the recordings show (api 2020-06-01-preview [rec-3], 2021-04-15 [rec-4]) that the current spec's
 * schemas do not define (2025-10-15 [spec-cosmos], which the traffic validation enforces): they are answered up
 * to the newest recorded api-version only, each version with its own shape.
 */
export const RECORDED_ONLY = {
  upTo: '2021-04-15',
  accountProperties: ['EnabledApiTypes', 'enablePartitionKeyMonitor', 'configurationOverrides'],
  resourceFields: ['_self'],
};

/** Drops the recorded-only fields from an answer (a resource or a list page) for api-versions after `RECORDED_ONLY.upTo`. */
export function shapeForApiVersion(body: unknown, apiVersion: string | undefined): void {
  if (!apiVersion || apiVersion <= RECORDED_ONLY.upTo || !body || typeof body !== 'object') return;
  const items = Array.isArray((body as any).value) ? (body as any).value : [body];
  for (const b of items) {
    const p = b?.properties;
    if (!p || typeof p !== 'object') continue;
    if (String(b.type).toLowerCase() === 'microsoft.documentdb/databaseaccounts') for (const k of RECORDED_ONLY.accountProperties) delete p[k];
    if (p.resource && typeof p.resource === 'object') for (const k of RECORDED_ONLY.resourceFields) delete p.resource[k];
  }
}
