import { randomBytes, randomUUID } from 'node:crypto';
import type { EmulatorCore } from '../../core.js';
import { REGIONS, normaliseLocation } from '../../core.js';
import type { ArmRequest, ArmResponse } from '../../router.js';
import type { StoredResource } from '../../state.js';
import type { WriteContext } from '../../tracked.js';
import { cosmosErrors } from './errors.js';
import { ACCOUNT_PROPERTY_DEFAULTS, DEFAULT_IDENTITY, NO_IDENTITY, enabledApiTypes } from './defaults.js';

/** Database accounts (API for NoSQL): validation, computed properties, keys [spec-cosmos] (arm-facts §5). */

export const ACCOUNT_TYPE = 'Microsoft.DocumentDB/databaseAccounts';

/** 3–44 chars (published limit, U: the spec says 50), lowercase letters, digits, inner hyphens [spec-cosmos]. */
const ACCOUNT_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export function validateAccountName(name: string) {
  return name.length >= 3 && name.length <= 44 && ACCOUNT_NAME.test(name) ? undefined : cosmosErrors.invalidAccountName(name);
}

const LEVELS = ['Eventual', 'Session', 'BoundedStaleness', 'Strong', 'ConsistentPrefix'];

export function isServerless(props: Record<string, any> | undefined): boolean {
  const caps: any[] = Array.isArray(props?.capabilities) ? props!.capabilities : [];
  return caps.some((c) => String(c?.name).toLowerCase() === 'enableserverless') || props?.capacityMode === 'Serverless';
}

/** Display names of the regions, as Cosmos words `locationName` in its bodies (`West US`) [rec-3]. */
const DISPLAY: Record<string, string> = {
  eastus: 'East US', eastus2: 'East US 2', westus: 'West US', westus2: 'West US 2', westus3: 'West US 3', centralus: 'Central US',
  northcentralus: 'North Central US', southcentralus: 'South Central US', westcentralus: 'West Central US', canadacentral: 'Canada Central',
  canadaeast: 'Canada East', brazilsouth: 'Brazil South', northeurope: 'North Europe', westeurope: 'West Europe', uksouth: 'UK South',
  ukwest: 'UK West', francecentral: 'France Central', germanywestcentral: 'Germany West Central', switzerlandnorth: 'Switzerland North',
  norwayeast: 'Norway East', swedencentral: 'Sweden Central', polandcentral: 'Poland Central', italynorth: 'Italy North',
  spaincentral: 'Spain Central', eastasia: 'East Asia', southeastasia: 'Southeast Asia', japaneast: 'Japan East', japanwest: 'Japan West',
  koreacentral: 'Korea Central', centralindia: 'Central India', southindia: 'South India', australiaeast: 'Australia East',
  australiasoutheast: 'Australia Southeast', uaenorth: 'UAE North', southafricanorth: 'South Africa North', qatarcentral: 'Qatar Central',
  israelcentral: 'Israel Central', mexicocentral: 'Mexico Central', newzealandnorth: 'New Zealand North',
};
export function regionDisplayName(loc: string): string {
  return DISPLAY[loc] ?? loc;
}

/** Consistency, locations and capability rules; the real service's 400s [spec-cosmos] [doc-cosmos-mrw]. */
export function validateAccount(core: EmulatorCore) {
  return (c: WriteContext): void => {
    const name = String(c.resource.body.name);
    // Names are global (`<name>.documents.azure.com`): another account anywhere with the name is a conflict.
    const t = ACCOUNT_TYPE.toLowerCase();
    if (c.isCreate && core.state.all().some((r) => r.type.toLowerCase() === t && r.key !== c.resource.key && String(r.body.name).toLowerCase() === name.toLowerCase())) {
      throw cosmosErrors.nameTaken(name);
    }
    const p = c.resource.body.properties;
    if (p.databaseAccountOfferType !== undefined && p.databaseAccountOfferType !== 'Standard') {
      throw cosmosErrors.badRequest(`The value '${p.databaseAccountOfferType}' of 'databaseAccountOfferType' is invalid. The only supported value is 'Standard'.`);
    }
    if (!Array.isArray(p.locations) || p.locations.length === 0) throw cosmosErrors.badRequest("The 'locations' property is required and must contain at least one location.");
    const seenLoc = new Set<string>();
    const prios: number[] = [];
    for (const l of p.locations) {
      const loc = normaliseLocation(String(l?.locationName ?? ''));
      if (!loc || !REGIONS.includes(loc)) throw cosmosErrors.badRequest(`The location '${l?.locationName ?? ''}' is not a valid Azure region for a database account.`);
      if (seenLoc.has(loc)) throw cosmosErrors.badRequest(`The location '${l.locationName}' is specified more than once.`);
      seenLoc.add(loc);
      const fp = l.failoverPriority ?? (p.locations.length === 1 ? 0 : undefined);
      if (!Number.isInteger(fp) || fp < 0) throw cosmosErrors.badRequest(`The failover priority of location '${l.locationName}' must be a non-negative integer.`);
      prios.push(fp);
    }
    if (new Set(prios).size !== prios.length) throw cosmosErrors.badRequest('Failover priorities must be unique across the locations of a database account.');
    if (!prios.includes(0)) throw cosmosErrors.badRequest('One location must have failover priority 0 (the write region).');
    if (Math.max(...prios) > prios.length - 1) throw cosmosErrors.badRequest(`Failover priorities must be between 0 and ${prios.length - 1} (the number of regions minus one).`);

    const cp = p.consistencyPolicy;
    if (cp !== undefined) {
      if (!cp || typeof cp !== 'object' || !LEVELS.includes(cp.defaultConsistencyLevel)) {
        throw cosmosErrors.badRequest(`The consistency level '${cp?.defaultConsistencyLevel}' is invalid. Allowed values: ${LEVELS.join(', ')}.`);
      }
      if (cp.defaultConsistencyLevel === 'BoundedStaleness') {
        const multi = p.locations.length > 1;
        const prefix = cp.maxStalenessPrefix;
        const interval = cp.maxIntervalInSeconds;
        if (prefix === undefined || interval === undefined || prefix === null || interval === null) {
          throw cosmosErrors.badRequest("'maxStalenessPrefix' and 'maxIntervalInSeconds' are required when the default consistency level is BoundedStaleness.");
        }
        if (!Number.isInteger(prefix) || prefix < (multi ? 100_000 : 1) || prefix > 2_147_483_647) {
          throw cosmosErrors.badRequest(`MaxStalenessPrefix must be between ${multi ? '100000' : '1'} and 2147483647 for accounts with ${multi ? 'multiple regions' : 'a single region'}.`);
        }
        // Wording from a real answer quoted in a public PR (U: not in a recording).
        if (!Number.isInteger(interval) || interval < (multi ? 300 : 5) || interval > 86_400) {
          throw cosmosErrors.badRequest('The maximum lag must be between 5 seconds and 1 day for accounts with a single region, and between 5 minutes and 1 day for accounts with multiple regions.');
        }
      }
      if (cp.defaultConsistencyLevel === 'Strong' && p.enableMultipleWriteLocations === true) {
        throw cosmosErrors.badRequest('Strong consistency level is not supported with multiple write locations. Please choose a different consistency level or disable multiple write locations.');
      }
    }
    if (isServerless(p) && p.locations.length > 1) throw cosmosErrors.badRequest('Serverless accounts do not support multiple regions.');
    if (c.existing && isServerless(c.existing.body.properties) !== isServerless(p)) {
      throw cosmosErrors.badRequest('The capacity mode (serverless or provisioned throughput) of an existing account cannot be changed.');
    }
    if (p.publicNetworkAccess !== undefined && !['Enabled', 'Disabled', 'SecuredByPerimeter'].includes(p.publicNetworkAccess)) {
      throw cosmosErrors.badRequest(`The value '${p.publicNetworkAccess}' of 'publicNetworkAccess' is invalid.`);
    }
  };
}

const key = () => randomBytes(64).toString('base64');

/** Server-computed properties, as a real create answer shows them [rec-3] [rec-4]. */
export function computeAccount(c: WriteContext): void {
  const b = c.resource.body;
  const p = b.properties;
  const prev = c.existing?.body.properties ?? {};
  const name = String(b.name);
  b.kind = b.kind ?? c.existing?.body.kind ?? 'GlobalDocumentDB';
  b.tags = b.tags ?? {};
  const level = p.consistencyPolicy?.defaultConsistencyLevel ?? 'Session';
  p.consistencyPolicy =
    level === 'BoundedStaleness'
      ? { defaultConsistencyLevel: level, maxIntervalInSeconds: p.consistencyPolicy.maxIntervalInSeconds, maxStalenessPrefix: p.consistencyPolicy.maxStalenessPrefix }
      : { defaultConsistencyLevel: level, maxIntervalInSeconds: 5, maxStalenessPrefix: 100 }; // service defaults echoed [rec-3]
  const state = c.isCreate ? 'Creating' : 'Succeeded';
  const provisioned = !c.isCreate && !!prev.documentEndpoint;
  const locs = [...p.locations]
    .map((l: any) => ({ loc: normaliseLocation(String(l.locationName)), fp: l.failoverPriority ?? 0, zr: l.isZoneRedundant === true }))
    .sort((a, z) => a.fp - z.fp);
  const entry = (l: (typeof locs)[number]) => ({
    id: `${name}-${l.loc}`,
    locationName: regionDisplayName(l.loc),
    ...(provisioned ? { documentEndpoint: `https://${name}-${l.loc}.documents.azure.com:443/` } : {}),
    provisioningState: state,
    failoverPriority: l.fp,
    isZoneRedundant: l.zr,
  });
  const multiWrite = p.enableMultipleWriteLocations === true;
  p.locations = locs.map(entry);
  p.writeLocations = (multiWrite ? locs : locs.slice(0, 1)).map(entry);
  p.readLocations = locs.map(entry);
  p.failoverPolicies = locs.map((l) => ({ id: `${name}-${l.loc}`, locationName: regionDisplayName(l.loc), failoverPriority: l.fp }));
  p.databaseAccountOfferType = 'Standard';
  p.instanceId = prev.instanceId ?? randomUUID();
  p.createMode = p.createMode ?? prev.createMode ?? 'Default';
  p.capabilities = Array.isArray(p.capabilities) ? p.capabilities : [];
  for (const [k, v] of Object.entries(ACCOUNT_PROPERTY_DEFAULTS)) if (p[k] === undefined) p[k] = structuredClone(v);
  p.EnabledApiTypes = enabledApiTypes(String(b.kind), p.capabilities);
  p.defaultIdentity = p.defaultIdentity || prev.defaultIdentity || (provisioned ? DEFAULT_IDENTITY.provisioned : DEFAULT_IDENTITY.creating);
  b.identity = b.identity ?? c.existing?.body.identity ?? structuredClone(NO_IDENTITY);
  // The account endpoint appears once provisioned (absent from the create answer [rec-3]).
  if (provisioned) p.documentEndpoint = prev.documentEndpoint;
  else delete p.documentEndpoint;
  const s = c.resource.secrets;
  s.primaryMasterKey ??= key();
  s.secondaryMasterKey ??= key();
  s.primaryReadonlyMasterKey ??= key();
  s.secondaryReadonlyMasterKey ??= key();
}

/** Once provisioned: endpoints and per-location states [rec-3]. */
export function onAccountProvisioned(r: StoredResource): void {
  const p = r.body.properties;
  const name = String(r.body.name);
  p.documentEndpoint = `https://${name}.documents.azure.com:443/`;
  if (p.defaultIdentity === DEFAULT_IDENTITY.creating) p.defaultIdentity = DEFAULT_IDENTITY.provisioned;
  for (const list of [p.locations, p.writeLocations, p.readLocations]) {
    for (const l of list ?? []) {
      l.provisioningState = 'Succeeded';
      l.documentEndpoint = `https://${l.id}.documents.azure.com:443/`;
    }
  }
}

/**
 * POST listKeys / listConnectionStrings / readonlykeys (POST and GET) [spec-cosmos]. With
 * `disableLocalAuth: true` the keys are still listed (U: the data plane is what refuses key auth).
 */
export function keyActions() {
  const keys = (r: StoredResource) => ({
    primaryMasterKey: r.secrets.primaryMasterKey,
    secondaryMasterKey: r.secrets.secondaryMasterKey,
    primaryReadonlyMasterKey: r.secrets.primaryReadonlyMasterKey,
    secondaryReadonlyMasterKey: r.secrets.secondaryReadonlyMasterKey,
  });
  const readonly = (r: StoredResource) => ({ primaryReadonlyMasterKey: r.secrets.primaryReadonlyMasterKey, secondaryReadonlyMasterKey: r.secrets.secondaryReadonlyMasterKey });
  return {
    listKeys: (_req: ArmRequest, r: StoredResource): ArmResponse => ({ status: 200, body: keys(r) }),
    readonlykeys: (_req: ArmRequest, r: StoredResource): ArmResponse => ({ status: 200, body: readonly(r) }),
    listReadOnlyKeys: (_req: ArmRequest, r: StoredResource): ArmResponse => ({ status: 200, body: readonly(r) }),
    listConnectionStrings: (_req: ArmRequest, r: StoredResource): ArmResponse => {
      const endpoint = `https://${r.body.name}.documents.azure.com:443/`;
      const cs = (k: string, description: string, keyKind: string) => ({ connectionString: `AccountEndpoint=${endpoint};AccountKey=${k};`, description, keyKind, type: 'Sql' });
      return {
        status: 200,
        body: {
          connectionStrings: [
            cs(r.secrets.primaryMasterKey, 'Primary SQL Connection String', 'Primary'),
            cs(r.secrets.secondaryMasterKey, 'Secondary SQL Connection String', 'Secondary'),
            cs(r.secrets.primaryReadonlyMasterKey, 'Primary Read-Only SQL Connection String', 'PrimaryReadonly'),
            cs(r.secrets.secondaryReadonlyMasterKey, 'Secondary Read-Only SQL Connection String', 'SecondaryReadonly'),
          ],
        },
      };
    },
  };
}
