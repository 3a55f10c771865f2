import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArmContext } from '../../src/arm/context.js';
import type { HttpExchange } from '../../src/arm/policies.js';
import { startEmulator, REDACTED, type ExchangeRecord, type RunningEmulator } from '../../src/emulator/index.js';
import { ExchangeRecorder } from './recorder.js';
import { plan } from '../../src/index.js';
import { liveStack, runScenario, scenarios, type LiveEnv } from './scenarios.js';

/**
 * The live mode. `npm run test:live` (AZPROV_LIVE=1) runs the scenarios against the subscription in
 * AZURE_SUBSCRIPTION_ID with the ambient credential, and skips, saying why and how, when either is missing.
 * Without AZPROV_LIVE (plain `npm test`) the very same scenarios run against an in-process emulator, which is
 * what proves the harness here: the recording, its redaction, the names and the cleanup.
 */

const LIVE = process.env.AZPROV_LIVE === '1';
const runId = process.env.AZPROV_LIVE_RUN_ID ?? randomBytes(3).toString('hex');
const location = process.env.AZPROV_LIVE_LOCATION ?? 'westeurope';
const HOW = 'set AZURE_SUBSCRIPTION_ID, sign in (az login, or AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET), then run npm run test:live';

const COST_NOTE = `azprov live mode, run ${runId}, region ${location}, subscription ${process.env.AZURE_SUBSCRIPTION_ID ?? '-'}
  This creates real, billed resources: 3 private AKS clusters (1 x Standard_D2s_v5 node each), 3 Container Apps
  environments with Log Analytics, a Cosmos DB account (400 RU/s container), managed identities, a VNet and a
  Private DNS zone, in resource groups ending in -${runId}. Expect 20-40 minutes and, roughly, under US$2
  (README, "Live mode"); everything is deleted at the end, also when a scenario fails. If the run is killed,
  delete the resource groups ending in -${runId} by hand.`;

/** Why the live run cannot go ahead, or undefined when it can. Asks Entra ID for a token to find out. */
async function liveUnavailable(): Promise<string | undefined> {
  if (!process.env.AZURE_SUBSCRIPTION_ID) return 'AZURE_SUBSCRIPTION_ID is not set';
  try {
    const { createAzureCredential } = await import('../../src/arm/credentials.js');
    const { credential } = await createAzureCredential();
    await credential.getToken('https://management.azure.com/.default');
    return undefined;
  } catch (e) {
    return `no Azure credential could get a token (${((e as Error).message ?? String(e)).split('\n')[0]})`;
  }
}

const skipReason = LIVE ? await liveUnavailable() : undefined;
if (skipReason) console.warn(`azprov live mode skipped: ${skipReason}. To run it: ${HOW}.`);

const recordingFile = LIVE
  ? path.resolve(process.env.AZPROV_LIVE_RECORDING ?? `test/live/recordings/${runId}.jsonl`)
  : path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'azprov-live-')), `${runId}.jsonl`);

/** What the emulator run keeps to check the recording against: raw secrets the recording must not hold. */
const seen = { exchanges: [] as HttpExchange[], tokens: new Set<string>(), keys: new Set<string>() };
/** Sits before the recorder and sees the unredacted exchange (emulator run only). */
const spy: PipelinePolicy = {
  name: 'liveTestSpy',
  async sendRequest(request, next) {
    const auth = request.headers.get('authorization');
    if (auth) seen.tokens.add(auth.replace(/^Bearer /, ''));
    const response = await next(request);
    if (/\/sharedKeys(\?|$)/.test(new URL(request.url).pathname + '?') && response.bodyAsText) {
      for (const v of Object.values(JSON.parse(response.bodyAsText) as Record<string, string>)) if (v) seen.keys.add(v);
    }
    return response;
  },
};

const env = { runId, location, log: (m: string) => LIVE && console.log(`[live ${runId}] ${m}`) } as LiveEnv;
const recorder = new ExchangeRecorder(recordingFile);
let emulator: RunningEmulator | undefined;
const SCENARIO_TIMEOUT = LIVE ? 90 * 60_000 : 30_000;

// In live mode the scenarios run at once (each has its own groups), so the run takes as long as the slowest.
const suite = skipReason ? describe.skip : LIVE ? describe.concurrent : describe;

suite(`integration scenarios against ${LIVE ? 'Azure' : 'the emulator'} (run ${runId})`, () => {
  beforeAll(async () => {
    if (LIVE) {
      console.log(COST_NOTE);
      console.log(`  Recording every exchange to ${recordingFile}`);
      env.arm = new ArmContext({ kind: 'azure', subscriptionId: process.env.AZURE_SUBSCRIPTION_ID! }, { policies: [recorder.policy()] });
      env.canaryIntervalInMs = 60_000;
    } else {
      emulator = await startEmulator({ port: 0, latency: 'instant' });
      const target = { kind: 'emulator' as const, endpoint: emulator.endpoint, caCertPem: emulator.caCertPem, subscriptionId: emulator.subscriptionId };
      env.arm = new ArmContext(target, {
        retryDelayInMs: 5,
        maxRetryDelayInMs: 50,
        onExchange: (e) => seen.exchanges.push(e),
        policies: [{ policy: spy, position: 'perRetry' }, recorder.policy()],
      });
      env.canaryIntervalInMs = 5;
    }
  }, 60_000);
  afterAll(async () => {
    if (LIVE) console.log(`[live ${runId}] ${recorder.size} exchanges recorded in ${recordingFile}`);
    await emulator?.close();
  });

  for (const s of scenarios) it(s.name, () => runScenario(s, env), SCENARIO_TIMEOUT);

  if (!LIVE) {
    const records = () => fs.readFileSync(recordingFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ExchangeRecord);
    const key = (method: string, url: string, status: number | undefined) => `${method} ${url} ${status}`;

    it('recorded every exchange, the same ones the emulator saw, in the request-log format', () => {
      const recorded = records();
      expect(recorded.length).toBe(recorder.size);
      expect(recorded.length).toBe(seen.exchanges.filter((e) => !e.error).length);
      for (const r of recorded) {
        expect(Object.keys(r).filter((k) => k !== 'name').sort()).toEqual(['request', 'response']);
        expect(Object.keys(r.request).sort()).toEqual(['body', 'headers', 'method', 'url']);
        expect(Object.keys(r.response).sort()).toEqual(['body', 'headers', 'statusCode']);
      }
      const client = recorded.map((r) => key(r.request.method, r.request.url, r.response.statusCode)).sort();
      const server = emulator!.exchanges().map((r) => key(r.request.method, r.request.url, r.response.statusCode)).sort();
      expect(client).toEqual(server);
    });

    it('holds the run: unique group names written and deleted, polls named as the parity tools expect', () => {
      const recorded = records();
      const groups = (method: string) => new Set(recorded.filter((r) => r.request.method === method && /\/resourcegroups\/[^/]+\?/i.test(r.request.url)).map((r) => decodeURIComponent(new URL(r.request.url).pathname.split('/')[4]!)));
      const made = groups('PUT');
      expect([...made].sort()).toEqual(['rg-aks-none', 'rg-aks-private', 'rg-aks-system', 'rg-azprov-demo', 'rg-dapr', 'rg-web'].map((g) => `${g}-${runId}`));
      expect(groups('DELETE')).toEqual(made);
      expect(recorded.some((r) => r.request.method === 'PUT' && r.request.url.includes(`/databaseAccounts/cosmos-dapr-state-${runId}?`))).toBe(true);
      const polls = recorded.filter((r) => r.name);
      expect(polls.length).toBeGreaterThan(0);
      for (const p of polls) expect(p.request.method).toBe('GET');
      // Every poll the emulator named, the recorder named the same way.
      expect(polls.map((p) => p.request.url)).toEqual(emulator!.exchanges().filter((r) => r.name).map((p) => p.request.url));
    });

    it('is redacted: no token, no key, the credential header and the key fields replaced', () => {
      const text = fs.readFileSync(recordingFile, 'utf8');
      expect(seen.tokens.size).toBeGreaterThan(0);
      expect(seen.keys.size).toBeGreaterThan(0);
      for (const t of seen.tokens) expect(text).not.toContain(t);
      for (const k of seen.keys) expect(text).not.toContain(k);
      const recorded = records();
      expect(recorded.every((r) => r.request.headers.authorization === REDACTED)).toBe(true);
      const sharedKeys = recorded.find((r) => /\/sharedKeys\?/.test(r.request.url))!;
      expect(sharedKeys.response.body).toMatchObject({ primarySharedKey: REDACTED });
      const envPut = recorded.find((r) => r.request.method === 'PUT' && /\/managedEnvironments\/[^/]+\?/.test(r.request.url) && JSON.stringify(r.request.body).includes('sharedKey'))!;
      expect(envPut.request.body).toMatchObject({ properties: { appLogsConfiguration: { logAnalyticsConfiguration: { sharedKey: REDACTED } } } });
    });

    // Last: it adds a group of its own to the recording.
    it("tears down in its finally when a scenario fails, and fails with the scenario's error", async () => {
      const failed = { ...env, runId: `${runId}x` };
      const failing = { ...scenarios[0]!, verify: () => Promise.reject(new Error('verify failed on purpose')) };
      await expect(runScenario(failing, failed)).rejects.toThrow('verify failed on purpose');
      const deletes = records().filter((r) => r.request.method === 'DELETE' && r.request.url.includes(`/resourcegroups/rg-azprov-demo-${runId}x?`));
      expect(deletes.length).toBe(1);
      const after = await plan(liveStack(failing.template, failed), { target: env.arm });
      expect(after.steps.map((step) => step.op)).toEqual(after.steps.map(() => 'create'));
    });
  }
});

if (skipReason) {
  describe('live mode', () => {
    it.skip(`skipped: ${skipReason} (${HOW})`, () => {});
  });
}
