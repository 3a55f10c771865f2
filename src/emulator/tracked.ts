import type { EmulatorCore } from './core.js';
import { REGIONS, normaliseLocation } from './core.js';
import { ArmError, errors } from './errors.js';
import type { OperationError, OperationRecord, OperationSpec } from './lro.js';
import type { ResourceTypeDef } from './registry.js';
import type { ApiVersionPolicy, ArmRequest, ArmResponse } from './router.js';
import { type StoredResource, normalisePath, resourceKey } from './state.js';
import { checkPreconditions, mergePatch, requireObjectBody } from './tracked-helpers.js';

/**
 * The generic handler for ARM resources: PUT (create/replace), GET, HEAD, PATCH, DELETE, LIST (by parent
 * and by subscription) and POST actions, driven by a per-type config (api-versions, status codes and LRO
 * mode per operation, name rule, validation and computed-property hooks). A new resource type is one
 * config object; see the providers for examples.
 */

export interface WriteContext {
  core: EmulatorCore;
  req: ArmRequest;
  /** PUT: the request body; PATCH: the existing body with the patch merged in. */
  input: Record<string, any>;
  /** The resource as it will be stored; hooks may change `body` and `secrets`. */
  resource: StoredResource;
  existing?: StoredResource;
  isCreate: boolean;
}

export interface ResourceConfig {
  /** Canonical type, e.g. `Microsoft.App/managedEnvironments`. */
  type: string;
  /** Item path template with canonical casing; the last segment is the name parameter. */
  item: string;
  /** Also serve `GET <item minus name>` (list in the parent). Default true. */
  listByParent?: boolean;
  /** Template of the subscription-wide list, if the type has one. */
  listBySubscription?: string;
  /** Lists answer in one page (`x-ms-pageable` with `nextLinkName: null`, e.g. Log Analytics). */
  singlePageList?: boolean;
  apiVersions: readonly string[];
  apiVersionKind?: ApiVersionPolicy['kind'];
  locations?: readonly string[];
  /** Tracked resource: `location` required and immutable. Default true. */
  tracked?: boolean;
  /** The type has an `etag` property (also sent as the ETag header). */
  etag?: boolean;
  /** Include `systemData`. Default true. */
  systemData?: boolean;
  /** Whether the type has `properties.provisioningState`. Default true. */
  provisioningState?: boolean;
  create: OperationSpec;
  replace: OperationSpec;
  /** Omitted: PATCH answers 405. */
  patch?: OperationSpec;
  delete: OperationSpec & { absentStatus: number };
  /** Status path builder for `azure-async` / `both` modes. */
  statusPath?: (c: PathContext) => string;
  /** Location result path builder for `location` / `both` modes (unless the Location is the resource). */
  resultPath?: (c: PathContext) => string;
  validateName?: (name: string) => ArmError | undefined;
  validate?: (c: WriteContext) => void;
  /** Fills computed properties and moves write-only inputs into `resource.secrets`. */
  compute?: (c: WriteContext) => void;
  /** Body to return, from a copy of the stored body. */
  present?: (body: Record<string, any>, r: StoredResource) => Record<string, any>;
  /** 404 for a missing resource of this type. */
  notFound?: (name: string, req: ArmRequest) => ArmError;
  /** POST `<item>/{action}`. */
  actions?: Record<string, (req: ArmRequest, r: StoredResource) => ArmResponse>;
  onDelete?: (r: StoredResource) => void;
  onProvisioned?: (r: StoredResource) => void;
  /** Late check when an LRO on this type is about to succeed; an error ends it Failed (the RP failing late). */
  checkCompletion?: (op: OperationRecord, r: StoredResource | undefined) => OperationError | undefined;
}

export interface PathContext {
  subscriptionId: string;
  resourceGroup?: string;
  location: string;
  resourceId: string;
  opId: string;
  name: string;
}

const READ_ONLY_TOP = new Set(['id', 'name', 'type', 'systemData', 'etag']);

export function registerResourceType(core: EmulatorCore, cfg: ResourceConfig): ResourceTypeDef {
  const [namespace] = cfg.type.split('/');
  const segs = cfg.item.split('/').filter(Boolean);
  const nameParam = segs[segs.length - 1].slice(1, -1);
  const typeTail = cfg.type.split('/').slice(1);
  const policy: ApiVersionPolicy = { versions: cfg.apiVersions, kind: cfg.apiVersionKind ?? 'provider', typeName: typeTail.join('/') };
  const tracked = cfg.tracked ?? true;
  const hasState = cfg.provisioningState ?? true;
  const locations = cfg.locations ?? REGIONS;

  const fill = (tpl: string, p: Record<string, string>) => tpl.replace(/\{(\w+)\}/g, (_, k: string) => p[k] ?? `{${k}}`);

  /** Resolves ids and checks the parent chain; returns the canonical id (casing of what exists / first given). */
  function locate(req: ArmRequest, forWrite: boolean) {
    const p = { ...req.params };
    const sub = p.subscriptionId;
    if (p.resourceGroupName !== undefined && cfg.type !== 'Microsoft.Resources/resourceGroups') {
      const rg = core.requireResourceGroup(sub, p.resourceGroupName, forWrite);
      p.resourceGroupName = rg.body.name;
    }
    const itemPath = normalisePath(fill(cfg.item, p));
    const parentPath = parentPathOf(itemPath);
    if (!isGroupOrSubscription(parentPath)) {
      const parent = core.state.get(parentPath);
      if (!parent || !parent.visible) {
        const pname = parentPath.split('/').pop()!;
        throw new ArmError(404, 'ParentResourceNotFound', `Can not perform requested operation on nested resource. Parent resource '${pname}' not found.`);
      }
    }
    const existing = core.state.get(itemPath);
    return { p, id: existing?.id ?? itemPath, existing: existing?.visible ? existing : undefined, name: p[nameParam], sub };
  }

  const notFound = (name: string, req: ArmRequest) => cfg.notFound?.(name, req) ?? resourceNotFound(req, name);

  function respondWith(r: StoredResource, status: number, extra: Record<string, string> = {}): ArmResponse {
    const headers = { ...extra };
    if (cfg.etag) headers['ETag'] = r.etag;
    return { status, headers, body: def.present(r) };
  }

  function startOp(req: ArmRequest, r: StoredResource, kind: OperationRecord['kind'], spec: OperationSpec, previous: OperationRecord['previous'], finalBody: boolean) {
    const ctx = (opId: string): PathContext => ({
      subscriptionId: r.subscriptionId,
      resourceGroup: r.resourceGroup,
      location: normaliseLocation(String(r.body.location ?? 'global')),
      resourceId: r.id,
      opId,
      name: String(r.body.name),
    });
    return core.lro.start({
      kind,
      resourceId: r.id,
      resourceType: cfg.type,
      spec,
      apiVersion: req.apiVersion!,
      statusPath: cfg.statusPath ? (id) => cfg.statusPath!(ctx(id)) : undefined,
      resultPath: cfg.resultPath ? (id) => cfg.resultPath!(ctx(id)) : undefined,
      previous,
      final: finalBody ? { status: 200, body: 'resource' } : { status: 200, body: 'none' },
      failWith: req.fault === 'lro-failed' ? { httpStatus: 500, ...errors.internalServerError().toBody().error } : undefined,
    });
  }

  /** Stores the new state and answers sync or starts the LRO. */
  function commit(req: ArmRequest, r: StoredResource, kind: 'create' | 'update', spec: OperationSpec, existing: StoredResource | undefined, status: number): ArmResponse {
    const previous = existing ? { body: structuredClone(existing.body), secrets: structuredClone(existing.secrets) } : null;
    if (spec.mode === 'sync') {
      if (hasState) r.body.properties.provisioningState = 'Succeeded';
      core.state.put(r);
      if (kind === 'create' || existing) cfg.onProvisioned?.(r);
      return respondWith(r, status);
    }
    if (hasState) r.body.properties.provisioningState = spec.provisioningState ?? (kind === 'create' ? 'Creating' : 'Updating');
    // A resource created through a 202 flow does not exist until the operation ends [rpc-async].
    r.visible = !(kind === 'create' && status === 202);
    core.state.put(r);
    const op = startOp(req, r, kind, spec, previous, true);
    const headers = core.lro.headers(op, spec);
    if (status === 202) return { status, headers, body: undefined };
    return respondWith(r, status, headers);
  }

  function put(req: ArmRequest): ArmResponse {
    const { p, id, existing, name, sub } = locate(req, true);
    const nameErr = cfg.validateName?.(name);
    if (nameErr) throw nameErr;
    const input = requireObjectBody(req.body);
    checkPreconditions(req, existing?.etag, !!existing);
    const now = new Date().toISOString();
    const body: Record<string, any> = {};
    for (const [k, v] of Object.entries(input)) if (!READ_ONLY_TOP.has(k)) body[k] = structuredClone(v);
    body.id = id;
    body.name = existing?.body.name ?? name;
    body.type = cfg.type;
    if (tracked) {
      if (typeof input.location !== 'string' || !input.location) throw errors.locationRequired();
      const loc = normaliseLocation(input.location);
      if (existing && normaliseLocation(String(existing.body.location)) !== loc) {
        throw cfg.type === 'Microsoft.Resources/resourceGroups'
          ? errors.invalidResourceGroupLocation(input.location, existing.body.location)
          : errors.invalidResourceLocation(body.name, existing.body.location, input.location);
      }
      if (!locations.includes(loc)) {
        throw cfg.type === 'Microsoft.Resources/resourceGroups'
          ? errors.locationNotAvailableForResourceGroup(input.location, locations)
          : errors.locationNotAvailableForResourceType(input.location, cfg.type, locations);
      }
      body.location = loc;
    }
    if (body.properties !== undefined && (typeof body.properties !== 'object' || Array.isArray(body.properties) || body.properties === null)) {
      throw errors.invalidRequestContent("'properties' must be an object.");
    }
    body.properties = body.properties ?? {};
    checkTags(body.tags);
    if (cfg.systemData ?? true) body.systemData = core.systemData(req.principal, existing);
    const r: StoredResource = {
      key: resourceKey(id),
      id,
      type: cfg.type,
      subscriptionId: sub,
      resourceGroup: cfg.type === 'Microsoft.Resources/resourceGroups' ? body.name : p.resourceGroupName,
      body,
      secrets: existing ? structuredClone(existing.secrets) : {},
      etag: core.newEtag(),
      createdTime: existing?.createdTime ?? now,
      changedTime: now,
      visible: true,
    };
    if (cfg.etag) body.etag = r.etag;
    const c: WriteContext = { core, req, input, resource: r, existing, isCreate: !existing };
    cfg.validate?.(c);
    cfg.compute?.(c);
    return existing ? commit(req, r, 'update', cfg.replace, existing, cfg.replace.status) : commit(req, r, 'create', cfg.create, undefined, cfg.create.status);
  }

  function get(req: ArmRequest): ArmResponse {
    const { id, name } = locate(req, false);
    core.lro.noteResourceRead(id); // a GET counts as a poll (Location = resource URL, body polling)
    const r = core.state.get(id);
    if (!r || !r.visible) throw notFound(name, req);
    return respondWith(r, 200);
  }

  function head(req: ArmRequest): ArmResponse {
    try {
      const { existing } = locate(req, false);
      return { status: existing ? 204 : 404 };
    } catch (e) {
      if (e instanceof ArmError && e.status === 404) return { status: 404 };
      throw e;
    }
  }

  function patch(req: ArmRequest): ArmResponse {
    if (!cfg.patch) throw errors.methodNotAllowed('PATCH', cfg.type);
    const { existing, name } = locate(req, true);
    if (!existing) throw notFound(name, req);
    const patchBody = requireObjectBody(req.body);
    checkPreconditions(req, existing.etag, true);
    if (tracked && typeof patchBody.location === 'string' && normaliseLocation(patchBody.location) !== normaliseLocation(existing.body.location)) {
      throw errors.invalidResourceLocation(existing.body.name, existing.body.location, patchBody.location);
    }
    // Fields not given keep their value ("If a field is unspecified, the current value is retained" [spec-rg]);
    // `tags` given replace the tag set; other objects merge as JSON merge patch (RFC 7386).
    const body = structuredClone(existing.body);
    for (const [k, v] of Object.entries(patchBody)) {
      if (READ_ONLY_TOP.has(k) || k === 'location') continue;
      body[k] = k === 'tags' ? structuredClone(v) : mergePatch(body[k], v);
    }
    if (!body.properties || typeof body.properties !== 'object' || Array.isArray(body.properties)) body.properties = {};
    checkTags(body.tags);
    if (cfg.systemData ?? true) body.systemData = core.systemData(req.principal, existing);
    const r: StoredResource = { ...existing, body, secrets: structuredClone(existing.secrets), etag: core.newEtag(), changedTime: new Date().toISOString() };
    if (cfg.etag) body.etag = r.etag;
    const c: WriteContext = { core, req, input: patchBody, resource: r, existing, isCreate: false };
    cfg.validate?.(c);
    cfg.compute?.(c);
    return commit(req, r, 'update', cfg.patch, existing, cfg.patch.status);
  }

  function del(req: ArmRequest): ArmResponse {
    const { id, existing, name } = locate(req, false);
    if (!existing) {
      if (cfg.delete.absentStatus >= 400) throw notFound(name, req);
      return { status: cfg.delete.absentStatus };
    }
    checkPreconditions(req, existing.etag, true);
    const spec = cfg.delete;
    if (spec.mode === 'sync') {
      core.deleteTree(id);
      return { status: spec.status };
    }
    const previous = { body: structuredClone(existing.body), secrets: structuredClone(existing.secrets) };
    if (hasState && spec.provisioningState) existing.body.properties.provisioningState = spec.provisioningState;
    core.state.changed();
    const op = startOp(req, existing, 'delete', spec, previous, false);
    return { status: spec.status, headers: core.lro.headers(op, spec) };
  }

  function list(req: ArmRequest): ArmResponse {
    const p = { ...req.params };
    let parent: string;
    if (p.resourceGroupName !== undefined && cfg.type !== 'Microsoft.Resources/resourceGroups') {
      p.resourceGroupName = core.requireResourceGroup(p.subscriptionId, p.resourceGroupName).body.name;
    }
    parent = parentPathOf(normalisePath(fill(cfg.item, p)));
    if (!isGroupOrSubscription(parent) && !core.state.get(parent)?.visible) {
      throw new ArmError(404, 'ParentResourceNotFound', `Can not perform requested operation on nested resource. Parent resource '${parent.split('/').pop()}' not found.`);
    }
    const items = core.childrenOfType(parent, cfg.type).map((r) => def.present(r));
    return { status: 200, body: core.page(req, items, !cfg.singlePageList) };
  }

  function listBySubscription(req: ArmRequest): ArmResponse {
    const items = core.childrenOfType(`/subscriptions/${req.params.subscriptionId}`, cfg.type).map((r) => def.present(r));
    return { status: 200, body: core.page(req, items, !cfg.singlePageList) };
  }

  const def: ResourceTypeDef = {
    type: cfg.type,
    namespace,
    apiVersions: cfg.apiVersions,
    locations,
    tracked,
    present(r) {
      const b = structuredClone(r.body);
      return cfg.present ? cfg.present(b, r) : b;
    },
    onDelete: cfg.onDelete,
    checkCompletion: cfg.checkCompletion ? (op) => cfg.checkCompletion!(op, core.state.get(op.resourceId)) : undefined,
    onOperationComplete(op) {
      const r = core.state.get(op.resourceId);
      if (op.status === 'Succeeded') {
        if (op.kind === 'delete') return core.deleteTree(op.resourceId, op.id);
        if (!r) return;
        if (hasState) r.body.properties.provisioningState = 'Succeeded';
        r.visible = true;
        cfg.onProvisioned?.(r);
      } else if (op.status === 'Failed' && r) {
        if (op.previous) {
          r.body = structuredClone(op.previous.body);
          r.secrets = structuredClone(op.previous.secrets);
        }
        if (hasState && op.kind !== 'delete') r.body.properties.provisioningState = 'Failed';
        r.visible = true;
      }
      core.state.changed();
    },
  };
  core.registry.registerType(def);

  const route = (method: string, template: string, handler: (req: ArmRequest) => ArmResponse) =>
    core.router.add({ method, template, handler, apiVersions: policy, namespace });
  route('PUT', cfg.item, put);
  route('GET', cfg.item, get);
  route('HEAD', cfg.item, head);
  route('PATCH', cfg.item, patch);
  route('DELETE', cfg.item, del);
  if (cfg.listByParent ?? true) route('GET', segs.slice(0, -1).map((s) => '/' + s).join(''), list);
  if (cfg.listBySubscription) route('GET', cfg.listBySubscription, listBySubscription);
  for (const [action, handler] of Object.entries(cfg.actions ?? {})) {
    route('POST', `${cfg.item}/${action}`, (req) => {
      const { existing, name } = locate(req, false);
      if (!existing) throw notFound(name, req);
      return handler(req, existing);
    });
  }
  return def;
}

/** The id of the parent: resource group / subscription for a top-level resource, the parent resource for a nested one. */
export function parentPathOf(itemPath: string): string {
  const parts = itemPath.split('/');
  let parent = parts.slice(0, -2);
  if (parent.at(-2)?.toLowerCase() === 'providers') parent = parent.slice(0, -2);
  return parent.join('/');
}

/** `tags` must be an object of strings (ARM's request validation; message U). */
function checkTags(tags: unknown): void {
  if (tags === undefined || tags === null) return;
  if (typeof tags !== 'object' || Array.isArray(tags) || Object.values(tags).some((v) => typeof v !== 'string')) {
    throw errors.invalidRequestContent("'tags' must be an object whose values are strings.");
  }
}

function isGroupOrSubscription(path: string): boolean {
  return /^\/subscriptions\/[^/]+(\/resourceGroups\/[^/]+)?$/i.test(path);
}

/** `ResourceNotFound` with the type path and names as ARM words it [rec-2]. */
export function resourceNotFound(req: ArmRequest, name: string): ArmError {
  const m = /\/providers\/(.+)$/i.exec(req.path.split('?')[0]);
  const tail = m ? decodeURIComponent(m[1]).split('/') : [name];
  // `<ns>/<type>/<name>[/<type>/<name>]`, minus any trailing action segment
  const typed = tail.length % 2 === 0 ? tail.slice(0, -1) : tail;
  return errors.resourceNotFound(typed.slice(0, -1).join('/'), typed[typed.length - 1] ?? name, req.params.resourceGroupName ?? '');
}
