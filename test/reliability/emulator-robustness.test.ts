import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { raw, token, type RawResponse } from '../helpers/https.js';

/**
 * The emulator's HTTP layer under hostile or sloppy input: bad JSON, huge bodies, unknown paths and
 * api-versions, concurrent writes to one resource, a body without a content type and a client that
 * hangs up mid-request. Each case must get an ARM-shaped answer in time, and the emulator must keep serving.
 */

let emulator: RunningEmulator;
let ca: string;
let auth: Record<string, string>;
let rgPath: (name: string) => string;
const RG_API = '2024-03-01';
const WS_API = '2023-09-01';
const TIMEOUT = 5000;

beforeAll(async () => {
  // Scaled realistic latency, so that concurrent writes overlap with running operations.
  emulator = await startEmulator({ port: 0, latency: 'realistic', latencyScale: 0.01 });
  ca = emulator.caCertPem;
  auth = { authorization: `Bearer ${await token(emulator.endpoint, ca)}` };
  rgPath = (name) => `/subscriptions/${emulator.subscriptionId}/resourceGroups/${name}`;
});
afterAll(() => emulator?.close());

const req = (method: string, path: string, options: { body?: string | Buffer; headers?: Record<string, string>; timeoutInMs?: number } = {}) =>
  raw(emulator.endpoint, ca, method, path, { ...options, headers: { ...auth, ...options.headers }, timeoutInMs: options.timeoutInMs ?? TIMEOUT });

function expectArmError(r: RawResponse, status: number | ((s: number) => boolean), code?: string | RegExp) {
  if (typeof status === 'number') expect(r.status, r.text.slice(0, 300)).toBe(status);
  else expect(status(r.status), `status ${r.status}: ${r.text.slice(0, 300)}`).toBe(true);
  expect(r.json?.error, r.text.slice(0, 300)).toBeTruthy();
  expect(typeof r.json.error.code).toBe('string');
  expect(typeof r.json.error.message).toBe('string');
  if (code) expect(r.json.error.code).toMatch(code);
}

async function stillServing() {
  const r = await req('GET', `/subscriptions/${emulator.subscriptionId}/resourcegroups?api-version=${RG_API}`);
  expect(r.status).toBe(200);
  expect(Array.isArray(r.json?.value)).toBe(true);
  return r.json.value as { name: string }[];
}

describe('emulator robustness', () => {
  it('malformed JSON on a PUT: 400 InvalidRequestContent, nothing created', async () => {
    const r = await req('PUT', `${rgPath('rg-badjson')}?api-version=${RG_API}`, { body: '{"location": "eastus", "tags": {' });
    expectArmError(r, 400, /^InvalidRequestContent$/);
    const get = await req('GET', `${rgPath('rg-badjson')}?api-version=${RG_API}`);
    expect(get.status).toBe(404);
  });

  it('a 5 MB junk body: an ARM error status (4xx), not a crash', async () => {
    const junk = Buffer.alloc(5 * 1024 * 1024, 'a');
    const r = await req('PUT', `${rgPath('rg-big-junk')}?api-version=${RG_API}`, { body: junk, timeoutInMs: 15_000 });
    expectArmError(r, (s) => s >= 400 && s < 500);
    const names = (await stillServing()).map((g) => g.name.toLowerCase());
    expect(names).not.toContain('rg-big-junk');
  }, 30_000);

  // ARM rejects bodies over its 4 MB limit with 413; the emulator reads past the limit without keeping it.
  it('a 5 MB valid JSON body: 413 (or another 4xx), not stored', async () => {
    const big = JSON.stringify({ location: 'eastus', tags: { blob: 'x'.repeat(5 * 1024 * 1024) } });
    const r = await req('PUT', `${rgPath('rg-big')}?api-version=${RG_API}`, { body: big, timeoutInMs: 15_000 });
    await stillServing();
    // ARM's code (Azure/azure-api-management-devops-resource-kit#594).
    expectArmError(r, (s) => s === 413 || (s >= 400 && s < 500), 'RequestContentTooLarge');
    expect(emulator.dump().resources.some((x) => x.key.endsWith('/resourcegroups/rg-big'))).toBe(false);
  }, 30_000);

  it('an unknown provider path: 404 with an ARM error body', async () => {
    const unknownNs = await req('GET', `${rgPath('rg-x')}/providers/Microsoft.Nope/widgets/w1?api-version=2024-01-01`);
    expectArmError(unknownNs, 404, /InvalidResourceNamespace|NotFound/);
    const unknownType = await req('GET', `${rgPath('rg-x')}/providers/Microsoft.OperationalInsights/widgets/w1?api-version=${WS_API}`);
    expectArmError(unknownType, 404, /InvalidResourceType|NotFound/);
    const outside = await req('GET', `/nothing/here?api-version=${RG_API}`);
    expectArmError(outside, 404);
  });

  it('no api-version: 400 MissingApiVersionParameter', async () => {
    expectArmError(await req('GET', rgPath('rg-x')), 400, /^MissingApiVersionParameter$/);
    expectArmError(await req('PUT', rgPath('rg-x'), { body: '{"location":"eastus"}' }), 400, /^MissingApiVersionParameter$/);
  });

  it('an unsupported api-version: 400 with the ARM code', async () => {
    expectArmError(await req('GET', `${rgPath('rg-x')}?api-version=1999-01-01`), 400, /^InvalidApiVersionParameter$/);
    const ws = await req('PUT', `${rgPath('rg-x')}/providers/Microsoft.OperationalInsights/workspaces/ws?api-version=1999-01-01`, { body: '{"location":"eastus"}' });
    expectArmError(ws, 400, /^NoRegisteredProviderFound$/);
  });

  it('20 concurrent PUTs to one resource group and to one workspace: all answered, one resource each, still serving', async () => {
    const rg = rgPath('rg-race');
    const rgPuts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => req('PUT', `${rg}?api-version=${RG_API}`, { body: JSON.stringify({ location: 'eastus', tags: { n: String(i) } }) })),
    );
    const ws = `${rg}/providers/Microsoft.OperationalInsights/workspaces/log-race`;
    const wsPuts = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        req('PUT', `${ws}?api-version=${WS_API}`, { body: JSON.stringify({ location: 'eastus', tags: { n: String(i) }, properties: { sku: { name: 'PerGB2018' }, retentionInDays: 30 } }) }),
      ),
    );
    for (const r of [...rgPuts, ...wsPuts]) {
      // Success, or a well-formed conflict/throttle: never a 5xx, never a bare answer.
      expect([200, 201, 202, 409, 429], `${r.status}: ${r.text.slice(0, 200)}`).toContain(r.status);
      if (r.status >= 400) expectArmError(r, r.status);
    }
    expect(rgPuts.filter((r) => r.status < 300).length).toBeGreaterThanOrEqual(1);
    expect(wsPuts.filter((r) => r.status < 300).length).toBeGreaterThanOrEqual(1);
    const dump = emulator.dump();
    const rgs = dump.resources.filter((r) => r.key.endsWith('/resourcegroups/rg-race'));
    const wss = dump.resources.filter((r) => /\/workspaces\/log-race$/i.test(r.key));
    expect(rgs.length).toBe(1);
    expect(wss.length).toBe(1);
    const get = await req('GET', `${ws}?api-version=${WS_API}`);
    expect(get.status).toBe(200);
    expect(get.json.name).toBe('log-race');
    expect((await stillServing()).filter((g) => g.name === 'rg-race')).toHaveLength(1);
  });

  it('a body without a content type: answered in time, read as JSON', async () => {
    // The emulator reads any body as JSON whatever its content type (ARM would answer 415 for text/plain; with
    // no content type at all, the SDKs never send one). Pinned here so that a change is a decision.
    const body = JSON.stringify({ location: 'eastus', tags: { ct: 'none' } });
    const u = new URL(`${rgPath('rg-noct')}?api-version=${RG_API}`, emulator.endpoint);
    const status = await new Promise<number>((resolve, reject) => {
      const r = https.request(
        { host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'PUT', ca, agent: false, headers: { ...auth, 'content-length': String(Buffer.byteLength(body)) } },
        (res) => (res.resume(), res.on('end', () => resolve(res.statusCode ?? 0))),
      );
      r.setTimeout(TIMEOUT, () => r.destroy(new Error('no answer to a body without a content type')));
      r.on('error', reject);
      expect(r.getHeader('content-type')).toBeUndefined();
      r.end(body);
    });
    expect(status).toBe(201);
    const get = await req('GET', `${rgPath('rg-noct')}?api-version=${RG_API}`);
    expect(get.status).toBe(200);
    expect(get.json.tags).toEqual({ ct: 'none' });
  });

  it('a client dropping its connection mid-request does not stop the emulator', async () => {
    const u = new URL(`${rgPath('rg-dropped')}?api-version=${RG_API}`, emulator.endpoint);
    const body = JSON.stringify({ location: 'eastus' });
    await new Promise<void>((resolve, reject) => {
      const r = https.request({
        host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'PUT', ca, agent: false,
        headers: { ...auth, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body) + 100) },
      });
      r.on('error', () => resolve());
      r.on('response', () => reject(new Error('the emulator answered an incomplete request')));
      r.flushHeaders();
      // Headers and part of the body sent, then the socket destroyed.
      r.write(body.slice(0, 10));
      setTimeout(() => {
        r.destroy();
        resolve();
      }, 100);
    });
    await new Promise((r) => setTimeout(r, 50));
    // Headers only, then the socket destroyed.
    await new Promise<void>((resolve) => {
      const r = https.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'PUT', ca, agent: false, headers: { ...auth, 'content-length': '1000' } });
      r.on('error', () => resolve());
      r.on('socket', (s) => s.once('secureConnect', () => setTimeout(() => (r.destroy(), resolve()), 50)));
      r.flushHeaders();
    });
    const get = await req('GET', `${rgPath('rg-dropped')}?api-version=${RG_API}`);
    expect(get.status).toBe(404);
    const ok = await req('PUT', `${rgPath('rg-after-drop')}?api-version=${RG_API}`, { body });
    expect([200, 201]).toContain(ok.status);
    expect((await stillServing()).map((g) => g.name)).toContain('rg-after-drop');
  });
});
