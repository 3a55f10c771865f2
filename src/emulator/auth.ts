import { createHmac, timingSafeEqual } from 'node:crypto';
import { errors } from './errors.js';
import type { ArmResponse, Principal } from './types.js';

export type { Principal };

/**
 * Tokens and cloud metadata.
 *
 * Token endpoint (managed-identity protocols, all on `/metadata/identity/oauth2/token`):
 * - `POST` with form `resource=…` and `Metadata: true` — what `az login --identity` speaks with
 *   `MSI_ENDPOINT` set, and azprov's EmulatorCredential (arm-facts, "What real clients require");
 * - `GET ?resource=…` with `Metadata: true` (IMDS style);
 * - `GET ?resource=…&api-version=2019-08-01` with `X-IDENTITY-HEADER` (App Service 2019, used by
 *   @azure/identity's ManagedIdentityCredential with `IDENTITY_ENDPOINT` / `IDENTITY_HEADER`).
 * The access token is a well-formed HS256 JWT signed with a fixed, public key: the emulator is not a
 * security boundary, clients only read claims such as `tid`.
 */

export const TOKEN_PATH = '/metadata/identity/oauth2/token';
export const METADATA_PATH = '/metadata/endpoints';
const SIGNING_KEY = 'azprov-emulator-signing-key-not-a-secret';
const KID = 'azprov-emulator';
const TOKEN_LIFETIME_S = 24 * 3600;

export interface AuthConfig {
  endpoint: string;
  tenantId: string;
  /** The emulator's identity: fixed ids so systemData and tokens are stable. */
  objectId: string;
  appId: string;
}

const b64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');

export function issueToken(cfg: AuthConfig, resource: string, nowS = Math.floor(Date.now() / 1000)) {
  const header = { alg: 'HS256', typ: 'JWT', kid: KID };
  const payload = {
    aud: resource,
    iss: `https://sts.windows.net/${cfg.tenantId}/`,
    iat: nowS,
    nbf: nowS,
    exp: nowS + TOKEN_LIFETIME_S,
    tid: cfg.tenantId,
    oid: cfg.objectId,
    sub: cfg.objectId,
    appid: cfg.appId,
    idtyp: 'app',
    ver: '1.0',
  };
  const unsigned = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const sig = createHmac('sha256', SIGNING_KEY).update(unsigned).digest('base64url');
  return {
    access_token: `${unsigned}.${sig}`,
    refresh_token: '',
    expires_in: String(TOKEN_LIFETIME_S),
    expires_on: String(payload.exp),
    not_before: String(nowS),
    resource,
    token_type: 'Bearer',
    client_id: cfg.appId,
  };
}

/** Validates `Authorization: Bearer …` on an ARM request; throws the ARM 401 errors. */
export function authenticate(header: string | undefined, nowMs = Date.now()): Principal {
  if (!header) throw errors.missingAuth();
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!m) throw errors.invalidToken("The 'Authorization' header must use the Bearer scheme.");
  const parts = m[1].split('.');
  if (parts.length !== 3) throw errors.invalidToken('The token is not a JWT (three dot-separated segments).');
  let head: any;
  let payload: any;
  try {
    head = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    throw errors.invalidToken('The token segments are not base64url-encoded JSON.');
  }
  if (!head || typeof head !== 'object' || !payload || typeof payload !== 'object') throw errors.invalidToken('');
  if (head.kid === KID) {
    const expected = createHmac('sha256', SIGNING_KEY).update(`${parts[0]}.${parts[1]}`).digest();
    const got = Buffer.from(parts[2], 'base64url');
    if (got.length !== expected.length || !timingSafeEqual(got, expected)) throw errors.invalidToken('The token signature is invalid.');
  }
  if (typeof payload.exp !== 'number') throw errors.invalidToken("The token has no 'exp' claim.");
  if (payload.exp * 1000 < nowMs) throw errors.expiredToken(new Date(payload.exp * 1000), new Date(nowMs));
  return { tenantId: String(payload.tid ?? ''), objectId: String(payload.oid ?? ''), appId: String(payload.appid ?? payload.azp ?? '') };
}

interface RawRequest {
  method: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  rawBody: string;
}

const tokenError = (description: string): ArmResponse => ({
  status: 400,
  body: { error: 'invalid_request', error_description: description },
});

export function handleTokenRequest(cfg: AuthConfig, req: RawRequest): ArmResponse {
  const metadata = req.headers['metadata']?.toLowerCase() === 'true';
  // App Service 2019 sends X-IDENTITY-HEADER, App Service 2017 sends `secret`.
  const identityHeader = req.headers['x-identity-header'] ?? req.headers['secret'];
  let resource: string | null = null;
  if (req.method === 'POST') {
    if (!metadata) return tokenError('Required metadata header not specified');
    resource = new URLSearchParams(req.rawBody).get('resource') ?? req.query.get('resource');
  } else if (req.method === 'GET') {
    if (!metadata && !identityHeader) return tokenError('Required metadata header not specified');
    resource = req.query.get('resource');
  } else {
    return { status: 405, body: { error: 'invalid_request', error_description: `Method ${req.method} is not supported.` } };
  }
  if (!resource) return tokenError("Required query variable 'resource' is missing");
  return { status: 200, body: issueToken(cfg, resource) };
}

/** `GET /metadata/endpoints`: the classic object for api-version 2015-01-01 (what `az cloud register` reads), the array form for later versions. */
export function handleMetadataRequest(cfg: AuthConfig, query: URLSearchParams): ArmResponse {
  const e = cfg.endpoint + '/';
  const v = query.get('api-version') ?? '2015-01-01';
  if (v <= '2018-12-31') {
    return {
      status: 200,
      body: {
        galleryEndpoint: e,
        graphEndpoint: e,
        portalEndpoint: e,
        resourceManager: e,
        authentication: { loginEndpoint: e, audiences: [e] },
      },
    };
  }
  return {
    status: 200,
    body: [
      {
        name: 'AzprovEmulator',
        portal: e,
        gallery: e,
        graph: e,
        graphAudience: e,
        resourceManager: e,
        authentication: { loginEndpoint: e, audiences: [e], tenant: 'common', identityProvider: 'AAD' },
        suffixes: { storage: 'core.windows.net', keyVaultDns: 'vault.azure.net', acrLoginServer: 'azurecr.io' },
      },
    ],
  };
}
