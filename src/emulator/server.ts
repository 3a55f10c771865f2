import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import { type AuthConfig, METADATA_PATH, TOKEN_PATH, authenticate, handleMetadataRequest, handleTokenRequest } from './auth.js';
import { isSupported, newestFirst, oldestFirst } from './api-versions.js';
import { handleEntraRequest } from './entra.js';
import type { EmulatorCore } from './core.js';
import { ArmError, errors, isArmError } from './errors.js';
import type { ArmRequest, ArmResponse } from './router.js';
import { splitPath } from './router.js';
import { normalisePath } from './state.js';
import type { TlsMaterial } from './certs.js';
import type { ExchangeRecord } from './types.js';

/**
 * The HTTPS server and the request pipeline. Order for ARM paths: request ids → auth (401) →
 * throttling (429) → fault injection → subscription check → body parsing (400) → api-version → LRO status
 * URLs → route → handler. Token, metadata and admin paths skip all of it and are not logged.
 */

export const ADMIN_PREFIX = '/_emulator';
const ARM_PREFIXES = ['/subscriptions', '/providers', '/tenants'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type AdminHandler = (method: string, path: string, query: URLSearchParams, body: unknown) => ArmResponse;

/** What the server needs; filled in after `listen` (the endpoint, hence the core, depends on the port). */
export interface ServerContext {
  core: EmulatorCore;
  auth: AuthConfig;
  admin: AdminHandler;
}

export function createHttpsServer(tls: TlsMaterial, ctx: Partial<ServerContext>): https.Server {
  return https.createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
    if (!ctx.core || !ctx.auth || !ctx.admin) {
      res.writeHead(503, { 'Retry-After': '1' }).end();
      return;
    }
    handle(ctx.core, ctx.auth, ctx.admin, req, res).catch((e) => {
      if (!res.headersSent) send(res, { status: 500, body: { error: { code: 'InternalServerError', message: String(e?.message ?? e) } } }, req.method);
    });
  });
}

/** ARM refuses request bodies over 4 MB (https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits). */
export const MAX_REQUEST_BODY_BYTES = 4 * 1024 * 1024;

/** The body, or undefined once it passes the limit (the rest is read and dropped, so memory stays bounded). */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size <= MAX_REQUEST_BODY_BYTES) chunks.push(c as Buffer);
  }
  return size > MAX_REQUEST_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8');
}

function lowerHeaders(h: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function send(res: ServerResponse, r: ArmResponse, method?: string): Record<string, string> {
  const headers: Record<string, string> = { ...(r.headers ?? {}) };
  let payload: string | undefined;
  if (r.body !== undefined && r.status !== 204 && method !== 'HEAD') {
    payload = JSON.stringify(r.body);
    headers['Content-Type'] = 'application/json; charset=utf-8';
  }
  headers['Content-Length'] = String(payload ? Buffer.byteLength(payload) : 0);
  res.writeHead(r.status, headers);
  res.end(payload);
  return headers;
}

async function handle(core: EmulatorCore, auth: AuthConfig, admin: AdminHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  // A path that starts with '//' (arm-authorization builds `/{scope}/...` with scope = `/subscriptions/...`)
  // would read as a protocol-relative URL: parse it as a path, as ARM does.
  const url = new URL('/' + (req.url ?? '/').replace(/^\/+/, ''), 'https://emulator.invalid');
  const path = normalisePath(url.pathname);
  const body = await readBody(req);
  if (body === undefined) {
    // The 4 MB limit (Azure/azure-resource-manager-rpc#138); code and message as ARM answers them
    // (Azure/azure-api-management-devops-resource-kit#594); status 413 (U).
    send(res, { status: 413, body: { error: { code: 'RequestContentTooLarge', message: 'The request content size exceeds the maximum size of 4 MB.' } } }, method);
    return;
  }
  const rawBody = body;
  const headers = lowerHeaders(req.headers);

  if (path === ADMIN_PREFIX || path.startsWith(ADMIN_PREFIX + '/')) {
    let body: unknown;
    try {
      body = rawBody.trim() ? JSON.parse(rawBody) : undefined;
    } catch {
      send(res, { status: 400, body: { error: { code: 'InvalidRequestContent', message: 'The admin request body is not JSON.' } } });
      return;
    }
    send(res, admin(method, path, url.searchParams, body), method);
    return;
  }
  if (path.toLowerCase() === TOKEN_PATH) {
    send(res, handleTokenRequest(auth, { method, query: url.searchParams, headers, rawBody }), method);
    return;
  }
  const entra = handleEntraRequest(auth, method, path, rawBody);
  if (entra) {
    send(res, entra, method);
    return;
  }
  if (path.toLowerCase() === METADATA_PATH) {
    send(res, handleMetadataRequest(auth, url.searchParams), method);
    return;
  }

  const requestId = randomUUID();
  const base: Record<string, string> = {
    'x-ms-request-id': requestId,
    'x-ms-correlation-request-id': headers['x-ms-correlation-request-id'] ?? requestId,
    'x-ms-routing-request-id': `LOCAL:${new Date().toISOString().replace(/[-:.]/g, '')}:${requestId}`,
  };
  if (headers['x-ms-client-request-id']) base['x-ms-client-request-id'] = headers['x-ms-client-request-id'];

  let parsedBody: unknown;
  try {
    parsedBody = rawBody.trim() ? JSON.parse(rawBody) : undefined;
  } catch {
    parsedBody = undefined;
  }

  let response: ArmResponse;
  let name: ExchangeRecord['name'];
  try {
    response = await pipeline(
      core,
      { method, path, url, headers, rawBody, requestId },
      (budget) => Object.assign(base, budget),
      () => req.socket.destroy(),
      (which) => (name = which === 'status' ? 'lro-status' : 'lro-result'),
    );
  } catch (e) {
    if (e === DROPPED) return;
    const err = isArmError(e) ? e : new ArmError(500, 'InternalServerError', `Emulator error: ${(e as Error)?.message ?? e}`);
    response = { status: err.status, headers: err.extra.headers, body: err.toBody() };
  }
  response = { ...response, headers: { ...base, ...(response.headers ?? {}) } };
  const sentHeaders = send(res, response, method);
  if (name && !core.logPolls) return;
  core.log.add({
    ...(name ? { name } : {}),
    request: { method, url: `${core.config.endpoint}${req.url ?? '/'}`, headers, body: parsedBody ?? (rawBody.trim() ? rawBody : null) },
    response: { statusCode: response.status, headers: sentHeaders, body: method === 'HEAD' || response.status === 204 ? null : (response.body ?? null) },
  });
}

const DROPPED = Symbol('dropped');

interface Incoming {
  method: string;
  path: string;
  url: URL;
  headers: Record<string, string>;
  rawBody: string;
  requestId: string;
}

async function pipeline(
  core: EmulatorCore,
  r: Incoming,
  setBudget: (h: Record<string, string>) => void,
  drop: () => void,
  markPoll: (which: 'status' | 'result') => void,
): Promise<ArmResponse> {
  core.lro.tick();
  const lower = r.path.toLowerCase();
  if (!ARM_PREFIXES.some((p) => lower === p || lower.startsWith(p + '/'))) throw errors.noRoute(r.path);
  const principal = authenticate(r.headers['authorization']);
  const parts = splitPath(r.path);
  const subscriptionInPath = parts[0]?.toLowerCase() === 'subscriptions' ? parts[1] : undefined;

  setBudget(core.throttling.take(subscriptionInPath ?? core.config.subscriptionId, r.method));
  const startsLro = r.method !== 'GET' && r.method !== 'HEAD';
  const fault = core.faults.decide(r.method, r.path, startsLro);
  if (fault === 'drop') {
    drop();
    throw DROPPED;
  }
  const retryAfter = core.faults.current?.retryAfterSeconds ?? (core.latency.profile === 'instant' ? 0 : 1);
  if (fault === '429') throw errors.tooManyRequests(retryAfter, r.method === 'GET' || r.method === 'HEAD' ? 'read' : r.method === 'DELETE' ? 'delete' : 'write');
  if (fault === '500') throw errors.internalServerError();
  if (fault === '503') throw errors.serviceUnavailable(retryAfter);

  if (subscriptionInPath !== undefined && subscriptionInPath.toLowerCase() !== core.config.subscriptionId.toLowerCase()) {
    throw GUID.test(subscriptionInPath) ? errors.subscriptionNotFound(subscriptionInPath) : errors.invalidSubscriptionId(subscriptionInPath);
  }

  let body: unknown;
  if (r.rawBody.trim()) {
    try {
      body = JSON.parse(r.rawBody);
    } catch (e) {
      if (r.method === 'PUT' || r.method === 'PATCH' || r.method === 'POST') throw errors.invalidRequestContent((e as Error).message);
    }
  }

  const apiVersion = r.url.searchParams.get('api-version') ?? undefined;
  if (!apiVersion) throw errors.missingApiVersion();

  const req: ArmRequest = { method: r.method, path: r.path, query: r.url.searchParams, apiVersion, headers: r.headers, body, params: {}, principal, requestId: r.requestId };
  if (fault === 'lro-failed') req.fault = fault;

  if (r.method === 'GET') {
    const found = core.lro.findByPath(r.path);
    if (found) {
      markPoll(found.which);
      return core.lro.respond(found.op, found.which);
    }
  }

  const { match, methodMismatch } = core.router.match(r.method, r.path);
  if (!match) {
    if (methodMismatch) throw errors.methodNotAllowed(r.method, r.path);
    throw unknownRoute(core, parts, apiVersion, r.path);
  }
  req.params = match.params;
  const policy = match.route.apiVersions;
  if (policy && !isSupported(policy.versions, apiVersion, core.acceptAnyApiVersion)) {
    if (policy.kind === 'resources') throw errors.invalidApiVersion(apiVersion, newestFirst(policy.versions));
    const rg = req.params.resourceGroupName;
    const loc =
      (body as any)?.location ??
      (rg ? core.state.get(core.resourceGroupId(req.params.subscriptionId, rg))?.body.location : undefined) ??
      'global';
    const def = core.registry.allTypes().find((t) => t.type.split('/').slice(1).join('/').toLowerCase() === policy.typeName.toLowerCase());
    throw errors.noRegisteredProvider(String(loc).replace(/\s+/g, '').toLowerCase(), apiVersion, policy.typeName, oldestFirst(policy.versions), def?.locations ?? []);
  }
  return match.route.handler(req);
}

/** What ARM answers for a path no provider serves. */
function unknownRoute(core: EmulatorCore, parts: string[], apiVersion: string, path: string): ArmError {
  const i = parts.findIndex((p) => p.toLowerCase() === 'providers');
  if (i >= 0 && parts[i + 1]) {
    const ns = core.registry.namespace(parts[i + 1]);
    if (!ns) return errors.invalidResourceNamespace(decodeURIComponent(parts[i + 1]));
    const typeParts = parts.slice(i + 2).filter((_, j) => j % 2 === 0);
    return errors.invalidResourceType(typeParts.map(decodeURIComponent).join('/') || '(none)', ns, apiVersion);
  }
  return errors.noRoute(path);
}
