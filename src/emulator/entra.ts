import { createHash } from 'node:crypto';
import { type AuthConfig, issueToken } from './auth.js';
import type { ArmResponse } from './router.js';

/**
 * A small stand-in for Entra ID, enough for workload identity federation: the OpenID configuration and a
 * v2.0 token endpoint that takes a `client_assertion` (a GitHub Actions or Kubernetes OIDC token) for
 * `client_credentials`. Point a credential's `authorityHost` at the emulator and turn instance discovery off.
 */
export const ENTRA_PATH = /^\/([A-Za-z0-9.-]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token)$/;

const oauthError = (error: string, description: string): ArmResponse => ({ status: 400, body: { error, error_description: description, error_codes: [700016] } });

function openIdConfiguration(cfg: AuthConfig, tenant: string): ArmResponse {
  const base = `${cfg.endpoint}/${tenant}`;
  return {
    status: 200,
    body: {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${base}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      tenant_region_scope: 'WW',
      cloud_instance_name: 'azprov-emulator',
    },
  };
}

function decodeJwt(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function tokenFor(cfg: AuthConfig, tenant: string, rawBody: string): ArmResponse {
  const form = new URLSearchParams(rawBody);
  if (form.get('grant_type') !== 'client_credentials') return oauthError('unsupported_grant_type', 'AADSTS70003: only client_credentials is supported by the emulator.');
  const clientId = form.get('client_id');
  if (!clientId) return oauthError('invalid_request', "AADSTS900144: The request body must contain the following parameter: 'client_id'.");
  if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') return oauthError('invalid_client', 'AADSTS7000218: a client_assertion (federated token) is required.');
  const claims = decodeJwt(form.get('client_assertion') ?? '');
  if (!claims) return oauthError('invalid_client', 'AADSTS50027: the client_assertion is not a valid JWT.');
  if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) return oauthError('invalid_client', 'AADSTS700024: the client_assertion has expired.');
  // Federated credentials are trusted for the audience Entra ID expects (api://AzureADTokenExchange).
  const aud = [claims.aud].flat().map(String);
  if (!aud.includes('api://AzureADTokenExchange')) return oauthError('invalid_client', `AADSTS700212: no matching federated identity record found for the presented assertion audience '${aud.join(',')}'.`);
  const scope = form.get('scope') ?? '';
  const resource = scope.split(' ')[0].replace(/\/\.default$/, '');
  // A stable object id per client id: the same app always gets the same principal.
  const h = createHash('sha1').update(clientId).digest('hex');
  const oid = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  const t = issueToken({ ...cfg, tenantId: tenant === 'organizations' || tenant === 'common' ? cfg.tenantId : tenant, appId: clientId, objectId: oid }, resource);
  return { status: 200, body: { token_type: 'Bearer', expires_in: Number(t.expires_in), ext_expires_in: Number(t.expires_in), access_token: t.access_token } };
}

export function handleEntraRequest(cfg: AuthConfig, method: string, path: string, rawBody: string): ArmResponse | undefined {
  const m = ENTRA_PATH.exec(path);
  if (!m || m[1].toLowerCase() === 'subscriptions' || m[1].toLowerCase() === 'providers') return undefined;
  if (m[2].startsWith('v2.0') && method === 'GET') return openIdConfiguration(cfg, m[1]);
  if (m[2].startsWith('oauth2') && method === 'POST') return tokenFor(cfg, m[1], rawBody);
  return { status: 405, body: { error: 'invalid_request', error_description: `Method ${method} is not supported.` } };
}
