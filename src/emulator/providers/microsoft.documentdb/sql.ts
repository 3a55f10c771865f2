import { randomBytes } from 'node:crypto';
import type { EmulatorCore } from '../../core.js';
import type { ArmRequest, ArmResponse } from '../../router.js';
import type { StoredResource } from '../../state.js';
import { requireObjectBody } from '../../tracked-helpers.js';
import type { WriteContext } from '../../tracked.js';
import { isServerless } from './account.js';
import { cosmosErrors } from './errors.js';

/** SQL databases and containers: validation and the `properties.resource` system fields [spec-cosmos] [rec-3]. */

export const DATABASE_TYPE = 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases';
export const CONTAINER_TYPE = 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers';

/** The account id of any id below it. */
export function accountIdOf(id: string): string {
  const m = /^(.*\/providers\/Microsoft\.DocumentDB\/databaseAccounts\/[^/]+)/i.exec(id);
  return m ? m[1] : id;
}

function account(core: EmulatorCore, id: string): StoredResource | undefined {
  return core.state.get(accountIdOf(id));
}

/** Throughput options: manual ≥ 400, autoscale max ≥ 1000, not both, none on serverless accounts (U wording). */
function validateOptions(core: EmulatorCore, c: WriteContext): void {
  const o = c.resource.body.properties.options;
  if (o === undefined || o === null) return;
  if (typeof o !== 'object') throw cosmosErrors.badRequest("'options' must be an object.");
  const manual = o.throughput;
  const auto = o.autoscaleSettings?.maxThroughput;
  if (manual === undefined && auto === undefined) return;
  if (isServerless(account(core, c.resource.id)?.body.properties)) throw cosmosErrors.serverlessThroughput();
  if (manual !== undefined && auto !== undefined) throw cosmosErrors.badRequest('Only one of throughput and autoscaleSettings can be specified.');
  if (manual !== undefined && (!Number.isInteger(manual) || manual < 400)) {
    throw cosmosErrors.badRequest(`The offer throughput provided (${manual}) is not valid. The minimum throughput is 400 RU/s.`);
  }
  if (auto !== undefined && (!Number.isInteger(auto) || auto < 1000 || auto % 1000 !== 0)) {
    throw cosmosErrors.badRequest(`The autoscale max throughput provided (${auto}) is not valid. It must be at least 1000 RU/s and a multiple of 1000.`);
  }
}

function requireResource(c: WriteContext): Record<string, any> {
  const res = c.resource.body.properties.resource;
  if (!res || typeof res !== 'object') throw cosmosErrors.badRequest("The 'resource' property is required.");
  if (typeof res.id !== 'string' || !res.id) throw cosmosErrors.badRequest("The 'resource.id' property is required.");
  if (res.id !== c.resource.body.name) throw cosmosErrors.badRequest(`The resource id '${res.id}' does not match the name '${c.resource.body.name}' in the request URI.`);
  return res;
}

export function validateDatabase(core: EmulatorCore) {
  return (c: WriteContext): void => {
    requireResource(c);
    validateOptions(core, c);
  };
}

/**
 * Partition key [spec-cosmos] [issue-cosmos-pk] (arm-facts §5): required; paths start with `/`, no trailing
 * slash or wildcard; `Hash` one path, `MultiHash` 2–3 paths with version 2; it cannot change on update.
 */
export function validateContainer(core: EmulatorCore) {
  return (c: WriteContext): void => {
    const res = requireResource(c);
    const pk = res.partitionKey;
    if (!pk || typeof pk !== 'object' || !Array.isArray(pk.paths) || pk.paths.length === 0) {
      throw cosmosErrors.badRequest('The partition key definition (resource.partitionKey with at least one path) is required for a container.');
    }
    for (const path of pk.paths) {
      const pos = badPathPosition(String(path));
      if (pos !== undefined) throw cosmosErrors.invalidPartitionKeyPath(String(path), pos);
    }
    const kind = pk.kind ?? 'Hash';
    if (!['Hash', 'Range', 'MultiHash'].includes(kind)) throw cosmosErrors.badRequest(`The partition key kind '${kind}' is invalid. Allowed values: Hash, Range, MultiHash.`);
    if (kind !== 'MultiHash' && pk.paths.length !== 1) throw cosmosErrors.badRequest(`A partition key of kind '${kind}' must have exactly one path; use kind MultiHash for up to 3 paths.`);
    if (kind === 'MultiHash') {
      if (pk.paths.length > 3) throw cosmosErrors.badRequest('A hierarchical (MultiHash) partition key can have at most 3 paths.');
      if (pk.version !== 2) throw cosmosErrors.badRequest('A hierarchical (MultiHash) partition key requires version 2.');
    }
    if (pk.version !== undefined && pk.version !== 1 && pk.version !== 2) throw cosmosErrors.badRequest(`The partition key version '${pk.version}' is invalid. Allowed values: 1, 2.`);
    if (c.existing) {
      const before = c.existing.body.properties.resource.partitionKey;
      const same = JSON.stringify(before.paths) === JSON.stringify(pk.paths) && (before.kind ?? 'Hash') === kind && (before.version ?? 1) === (pk.version ?? before.version ?? 1);
      if (!same) throw cosmosErrors.partitionKeyChange();
    }
    const ttl = res.defaultTtl;
    if (ttl !== undefined && ttl !== null && (!Number.isInteger(ttl) || ttl === 0 || ttl < -1)) {
      throw cosmosErrors.badRequest('The value of DefaultTimeToLive must be -1 (no default expiry) or a positive number of seconds.');
    }
    validateOptions(core, c);
  };
}

/** Position where a partition key path fails, or undefined when valid (U: the real parser's exact positions). */
function badPathPosition(path: string): number | undefined {
  if (!path.startsWith('/')) return 0;
  if (path.length === 1) return 1;
  for (let i = 1; i < path.length; i++) {
    const ch = path[i];
    if (ch === '*' || ch === '?') return i;
    if (ch === '/' && (i === path.length - 1 || path[i + 1] === '/')) return i + 1;
  }
  return undefined;
}

const rid = (bytes: number) => randomBytes(bytes).toString('base64');

/** `_rid`, `_ts`, `_etag` (the spec's ExtendedResourceProperties; the real `_self`/`_docs`… links are not in its schema, so left out). */
function systemFields(c: WriteContext): Record<string, any> {
  const prev = c.existing?.body.properties.resource ?? {};
  const ts = Math.floor(Date.now() / 1000);
  const r = prev._rid ?? rid(c.resource.type === DATABASE_TYPE ? 4 : 8);
  return { _rid: r, _ts: ts, _etag: `"0000${randomBytes(2).toString('hex')}-0000-0700-0000-${ts.toString(16)}0000"` };
}

/** Keeps the throughput of the previous state when an update gives none (options apply at create). */
function computeOptions(c: WriteContext): void {
  const p = c.resource.body.properties;
  const o = p.options ?? {};
  const prev = c.existing?.body.properties.options ?? {};
  const out: Record<string, any> = {};
  if (o.throughput !== undefined) out.throughput = o.throughput;
  else if (o.autoscaleSettings?.maxThroughput !== undefined) out.autoscaleSettings = { maxThroughput: o.autoscaleSettings.maxThroughput };
  else Object.assign(out, structuredClone(prev));
  if (Object.keys(out).length) p.options = out;
  else delete p.options;
}

export function computeDatabase(c: WriteContext): void {
  const p = c.resource.body.properties;
  const sys = systemFields(c);
  // `_self` = `dbs/<_rid>/` [rec-3] [rec-4].
  p.resource = { id: p.resource.id, ...sys, _self: `dbs/${sys._rid}/`, _colls: 'colls/', _users: 'users/' };
  computeOptions(c);
}

/** Defaults as the real service returns them (indexing policy, conflict resolution, unique keys, geospatial). */
export function computeContainer(c: WriteContext): void {
  const p = c.resource.body.properties;
  const res = p.resource;
  const sys = systemFields(c);
  const pk: Record<string, any> = { paths: [...res.partitionKey.paths], kind: res.partitionKey.kind ?? 'Hash' };
  if (res.partitionKey.version !== undefined) pk.version = res.partitionKey.version;
  const out: Record<string, any> = {
    id: res.id,
    indexingPolicy: { indexingMode: 'consistent', automatic: true, includedPaths: [{ path: '/*' }], excludedPaths: [{ path: '/"_etag"/?' }], ...(res.indexingPolicy ?? {}) },
    partitionKey: pk,
    uniqueKeyPolicy: res.uniqueKeyPolicy ?? { uniqueKeys: [] },
    conflictResolutionPolicy: res.conflictResolutionPolicy ?? { mode: 'LastWriterWins', conflictResolutionPath: '/_ts', conflictResolutionProcedure: '' },
  };
  if (res.defaultTtl !== undefined && res.defaultTtl !== null) out.defaultTtl = res.defaultTtl;
  if (res.analyticalStorageTtl !== undefined) out.analyticalStorageTtl = res.analyticalStorageTtl;
  p.resource = { ...out, ...sys };
  computeOptions(c);
}

/**
 * `…/sqlDatabases/{db}/throughputSettings/default` GET / PUT [spec-cosmos]: reads and sets the database's
 * dedicated throughput. 404 without dedicated throughput, 400 on serverless (U wording). PUT answers 200
 * synchronously (the spec allows 200 or 202).
 */
export function throughputHandlers(core: EmulatorCore) {
  const locateDb = (req: ArmRequest) => {
    const id = req.path.replace(/\/throughputSettings\/default$/i, '');
    const db = core.state.get(id);
    if (!db || !db.visible) throw cosmosErrorsNotFound(req);
    return db;
  };
  const body = (db: StoredResource) => {
    const o = db.body.properties.options ?? {};
    const res: Record<string, any> = o.autoscaleSettings
      ? { throughput: 100 * Math.ceil(o.autoscaleSettings.maxThroughput / 1000), autoscaleSettings: { maxThroughput: o.autoscaleSettings.maxThroughput } }
      : { throughput: o.throughput, minimumThroughput: '400', offerReplacePending: 'false' };
    return {
      id: `${db.id}/throughputSettings/default`,
      name: 'default',
      type: 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/throughputSettings',
      properties: { resource: { ...res, _rid: rid(4), _ts: Math.floor(Date.now() / 1000), _etag: db.body.properties.resource._etag } },
    };
  };
  return {
    get(req: ArmRequest): ArmResponse {
      const db = locateDb(req);
      if (isServerless(account(core, db.id)?.body.properties)) throw cosmosErrors.badRequest('Reading or replacing offers is not supported for serverless accounts.');
      if (!db.body.properties.options) throw cosmosErrorsNotFound(req);
      return { status: 200, body: body(db) };
    },
    put(req: ArmRequest): ArmResponse {
      const db = locateDb(req);
      if (isServerless(account(core, db.id)?.body.properties)) throw cosmosErrors.badRequest('Reading or replacing offers is not supported for serverless accounts.');
      const input = requireObjectBody(req.body).properties?.resource ?? {};
      if (!db.body.properties.options) throw cosmosErrors.badRequest('The database has no dedicated throughput to replace (it was created without throughput).');
      if (input.throughput !== undefined) {
        if (!Number.isInteger(input.throughput) || input.throughput < 400) throw cosmosErrors.badRequest(`The offer throughput provided (${input.throughput}) is not valid. The minimum throughput is 400 RU/s.`);
        db.body.properties.options = { throughput: input.throughput };
      } else if (input.autoscaleSettings?.maxThroughput !== undefined) {
        db.body.properties.options = { autoscaleSettings: { maxThroughput: input.autoscaleSettings.maxThroughput } };
      } else throw cosmosErrors.badRequest("'resource.throughput' or 'resource.autoscaleSettings' is required.");
      core.state.changed();
      return { status: 200, body: body(db) };
    },
  };
}

export function cosmosErrorsNotFound(req: ArmRequest) {
  const m = /\/databaseAccounts\/[^/]+(\/.*)$/i.exec(req.path);
  const uri = (m?.[1] ?? req.path).replace(/\/sqlDatabases\//i, '/dbs/').replace(/\/containers\//i, '/colls/');
  return cosmosErrors.notFound(/containers/i.test(req.path) ? 'Collection' : 'Database', uri);
}
