import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_ERROR_MESSAGES, type RunningEmulator, describeEmulator, startEmulator } from '../../src/emulator/index.js';
import { arm, raw, token } from './helpers.js';

let emu: RunningEmulator;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'azprov-emu-'));
const caFile = path.join(dir, 'ca.pem');

beforeAll(async () => {
  emu = await startEmulator({ caFile });
});
afterAll(async () => {
  await emu?.close();
});

describe('TLS', () => {
  it('serves HTTPS with a leaf signed by the CA written to caFile, valid for 127.0.0.1', async () => {
    expect(emu.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(fs.readFileSync(caFile, 'utf8')).toBe(emu.caCertPem);
    const ca = new X509Certificate(emu.caCertPem);
    expect(ca.ca).toBe(true);
    const peer = await new Promise<tls.PeerCertificate>((resolve, reject) => {
      const s = tls.connect({ host: '127.0.0.1', port: emu.port, ca: emu.caCertPem }, () => {
        resolve(s.getPeerCertificate());
        s.end();
      });
      s.on('error', reject);
    });
    expect(peer.subjectaltname).toContain('IP Address:127.0.0.1');
    expect(peer.subjectaltname).toContain('DNS:localhost');
  });

  it('is rejected by a client that does not trust the CA', async () => {
    await expect(
      new Promise((resolve, reject) => {
        const s = tls.connect({ host: '127.0.0.1', port: emu.port }, () => resolve(s));
        s.on('error', reject);
      }),
    ).rejects.toThrow(/self.signed|unable to verify|local issuer/i);
  });
});

describe('tokens and metadata', () => {
  it('issues a JWT with tid/oid/aud/exp over the MSI protocol', async () => {
    const r = await raw(emu, 'POST', '/metadata/identity/oauth2/token', {
      headers: { Metadata: 'true', 'content-type': 'application/x-www-form-urlencoded' },
      rawBody: `resource=${encodeURIComponent(emu.endpoint)}`,
    });
    expect(r.status).toBe(200);
    expect(r.json.token_type).toBe('Bearer');
    expect(r.json.expires_on).toMatch(/^\d+$/);
    expect(Number(r.json.expires_on)).toBeGreaterThan(Date.now() / 1000);
    const payload = JSON.parse(Buffer.from(r.json.access_token.split('.')[1], 'base64url').toString());
    expect(payload).toMatchObject({ tid: emu.tenantId, aud: emu.endpoint });
    for (const claim of ['oid', 'iss', 'iat', 'nbf', 'exp', 'appid']) expect(payload[claim]).toBeDefined();
  });

  it('refuses a token request without the Metadata header', async () => {
    const r = await raw(emu, 'POST', '/metadata/identity/oauth2/token', { rawBody: 'resource=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.status).toBe(400);
  });

  it('speaks the App Service 2019 protocol (GET + X-IDENTITY-HEADER)', async () => {
    const r = await raw(emu, 'GET', `/metadata/identity/oauth2/token?api-version=2019-08-01&resource=${encodeURIComponent(emu.endpoint)}`, {
      headers: { 'X-IDENTITY-HEADER': describeEmulator(emu).env.IDENTITY_HEADER },
    });
    expect(r.status).toBe(200);
    expect(r.json.access_token.split('.')).toHaveLength(3);
  });

  it("describeEmulator's env lets @azure/identity's ManagedIdentityCredential get a token (child process)", async () => {
    const code = `import { ManagedIdentityCredential } from '@azure/identity';
      const t = await new ManagedIdentityCredential().getToken(${JSON.stringify(emu.endpoint + '/.default')});
      console.log(JSON.stringify({ parts: t.token.split('.').length, fresh: t.expiresOnTimestamp > Date.now() }));`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { env: { ...process.env, ...describeEmulator(emu).env }, cwd: process.cwd() });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    const exit = await new Promise((resolve) => child.on('exit', resolve));
    expect(err).toBe('');
    expect(exit).toBe(0);
    expect(JSON.parse(out)).toEqual({ parts: 3, fresh: true });
  });

  it('serves cloud metadata pointing at itself', async () => {
    const r = await raw(emu, 'GET', '/metadata/endpoints?api-version=2015-01-01');
    expect(r.status).toBe(200);
    expect(r.json.authentication.audiences).toEqual([emu.endpoint + '/']);
    expect(r.json.resourceManager).toBe(emu.endpoint + '/');
    expect(r.json.galleryEndpoint).toBe(emu.endpoint + '/');
  });

  it('describes the environment a client needs', () => {
    const d = describeEmulator(emu);
    expect(d.env).toMatchObject({
      AZPROV_EMULATOR_ENDPOINT: emu.endpoint,
      AZPROV_EMULATOR_CA_FILE: caFile,
      NODE_EXTRA_CA_CERTS: caFile,
      REQUESTS_CA_BUNDLE: caFile,
      AZURE_SUBSCRIPTION_ID: emu.subscriptionId,
      MSI_ENDPOINT: emu.tokenEndpoint,
      IDENTITY_ENDPOINT: emu.tokenEndpoint,
    });
  });
});

describe('auth', () => {
  it('answers 401 AuthenticationFailed with WWW-Authenticate without a token', async () => {
    const r = await raw(emu, 'GET', '/subscriptions?api-version=2022-12-01');
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ error: { code: 'AuthenticationFailed', message: EMULATOR_ERROR_MESSAGES.missingAuthorization } });
    expect(r.headers['www-authenticate']).toMatch(/^Bearer authorization_uri=".*", error="invalid_token", error_description="The authentication failed because of missing 'Authorization' header\."$/);
    expect(r.headers['x-ms-request-id']).toBeTruthy();
  });

  it('answers 401 ExpiredAuthenticationToken for an expired token and rejects a forged signature', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const expired = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ tid: emu.tenantId, exp: Math.floor(Date.now() / 1000) - 60 })}.`;
    const r = await raw(emu, 'GET', '/subscriptions?api-version=2022-12-01', { headers: { authorization: `Bearer ${expired}` } });
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe('ExpiredAuthenticationToken');
    const [h, p] = (await token(emu)).split('.');
    const forged = await raw(emu, 'GET', '/subscriptions?api-version=2022-12-01', { headers: { authorization: `Bearer ${h}.${p}.AAAA` } });
    expect(forged.json.error.code).toBe('InvalidAuthenticationToken');
  });

  it('answers 401 InvalidAuthenticationToken for a malformed token', async () => {
    const r = await raw(emu, 'GET', '/subscriptions?api-version=2022-12-01', { headers: { authorization: 'Bearer not-a-jwt' } });
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe('InvalidAuthenticationToken');
  });
});

describe('subscriptions', () => {
  it('lists and gets the subscription with the api-versions clients use', async () => {
    for (const v of ['2019-11-01', '2022-12-01']) {
      const r = await arm(emu, 'GET', `/subscriptions?api-version=${v}`);
      expect(r.status).toBe(200);
      expect(r.json.value[0]).toMatchObject({ subscriptionId: emu.subscriptionId, tenantId: emu.tenantId, state: 'Enabled' });
    }
    const one = await arm(emu, 'GET', `/subscriptions/${emu.subscriptionId}?api-version=2022-12-01`);
    expect(one.json.id).toBe(`/subscriptions/${emu.subscriptionId}`);
  });

  it('answers SubscriptionNotFound for an unknown subscription and for resources under it', async () => {
    const other = '11111111-2222-3333-4444-555555555555';
    const a = await arm(emu, 'GET', `/subscriptions/${other}?api-version=2022-12-01`);
    expect(a.status).toBe(404);
    expect(a.json.error.code).toBe('SubscriptionNotFound');
    const b = await arm(emu, 'GET', `/subscriptions/${other}/resourcegroups/rg1?api-version=2025-04-01`);
    expect(b.json.error.code).toBe('SubscriptionNotFound');
  });
});

describe('protocol basics', () => {
  const sub = () => `/subscriptions/${emu.subscriptionId}`;

  it('requires api-version', async () => {
    const r = await arm(emu, 'GET', `${sub()}/resourcegroups`);
    expect(r.status).toBe(400);
    expect(r.json.error).toEqual({ code: 'MissingApiVersionParameter', message: EMULATOR_ERROR_MESSAGES.missingApiVersion });
  });

  it('rejects an unsupported api-version with InvalidApiVersionParameter listing the supported ones', async () => {
    const r = await arm(emu, 'GET', `${sub()}/resourcegroups?api-version=2099-01-01`);
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('InvalidApiVersionParameter');
    expect(r.json.error.message).toContain('2025-04-01');
  });

  it('answers bad JSON with InvalidRequestContent', async () => {
    const r = await arm(emu, 'PUT', `${sub()}/resourcegroups/badjson?api-version=2025-04-01`, { rawBody: '{"location": ' });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('InvalidRequestContent');
  });

  it('answers unknown namespaces and types as ARM does', async () => {
    const ns = await arm(emu, 'GET', `${sub()}/resourceGroups/x/providers/Microsoft.Nope/things/a?api-version=2020-01-01`);
    expect(ns.json.error.code).toBe('InvalidResourceNamespace');
    const t = await arm(emu, 'GET', `${sub()}/resourceGroups/x/providers/Microsoft.Resources/nothings/a?api-version=2020-01-01`);
    expect(t.status).toBe(404);
    expect(t.json.error.code).toBe('InvalidResourceType');
  });

  it('echoes client and correlation ids', async () => {
    const r = await arm(emu, 'GET', `/subscriptions?api-version=2022-12-01`, { headers: { 'x-ms-client-request-id': 'abc-123', 'x-ms-correlation-request-id': 'corr-1' } });
    expect(r.headers['x-ms-client-request-id']).toBe('abc-123');
    expect(r.headers['x-ms-correlation-request-id']).toBe('corr-1');
    expect(r.headers['x-ms-ratelimit-remaining-subscription-reads']).toMatch(/^\d+$/);
  });

  it('admin endpoints need no token and are not logged', async () => {
    emu.clearExchanges();
    const r = await raw(emu, 'GET', '/_emulator/state');
    expect(r.status).toBe(200);
    expect(r.json.version).toBe(1);
    const f = await raw(emu, 'POST', '/_emulator/faults', { body: { rate: 2 } });
    expect(f.status).toBe(400);
    expect(emu.exchanges()).toHaveLength(0);
  });
});
