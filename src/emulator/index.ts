import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createAdminHandler } from './admin.js';
import { type AppsServer, startAppsServer } from './apps-http.js';
import { type AuthConfig, TOKEN_PATH } from './auth.js';
import { generateTlsMaterial } from './certs.js';
import { DEFAULT_SUBSCRIPTION_ID, DEFAULT_TENANT_ID, EMULATOR_APP_ID, EMULATOR_OBJECT_ID, EmulatorCore } from './core.js';
import { registerProviders } from './providers/index.js';
import { APP_RUNTIME_SERVICE, type AppRuntimeService } from './providers/microsoft.app/runtime.js';
import { ACCESS_SERVICE } from './providers/microsoft.authorization/backend.js';
import { DIRECTORY_SERVICE } from './providers/microsoft.managedidentity/backend.js';
import { type ServerContext, createHttpsServer } from './server.js';
import { StatePersistence } from './state.js';
import type { EmulatorSettings, FaultOptions, RevisionBehaviour, RunningEmulator } from './types.js';

/**
 * A local ARM emulator: HTTPS with a generated CA, managed-identity style tokens, and the ARM
 * protocol (envelopes, LROs, paging, errors, throttling, faults) for the resource types of the built-in
 * providers. `startEmulator()` runs it in process; several instances can run side by side.
 */

export type { EmulatorSettings, ExchangeRecord, FaultKind, FaultOptions, LatencyProfile, RevisionBehaviour, RunningEmulator, ThrottlingOptions } from './types.js';
export { APP_NOT_FOUND_BODY } from './apps-http.js';
export { DEFAULT_SUBSCRIPTION_ID, DEFAULT_TENANT_ID } from './core.js';
export { REALISTIC_DURATIONS } from './latency.js';
export { MESSAGES as EMULATOR_ERROR_MESSAGES } from './errors.js';
export { REDACTED } from './request-log.js';
export { TOKEN_PATH } from './auth.js';
// Extension API: what a provider needs to plug in.
export { registerResourceType, type ResourceConfig, type WriteContext, type PathContext } from './tracked.js';
export type { EmulatorCore } from './core.js';
export type { OperationSpec, LroMode } from './lro.js';
export { ArmError, errors as armErrors } from './errors.js';
export type { ArmRequest, ArmResponse } from './router.js';
export type { StoredResource } from './state.js';

/** Options of `startEmulator`: the settings, plus extra providers (typed with the core, hence defined up here). */
export interface EmulatorOptions extends EmulatorSettings {
  /**
   * Extra providers, registered after the built-in ones: each gets the emulator core and typically calls
   * `registerResourceType(core, {...})` (see `src/emulator/providers/` for the shape).
   */
  providers?: Array<(core: EmulatorCore) => void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const subscriptionId = options.subscriptionId ?? DEFAULT_SUBSCRIPTION_ID;
  const tenantId = options.tenantId ?? DEFAULT_TENANT_ID;
  const extraHosts = ['127.0.0.1', '::1', 'localhost', '0.0.0.0', '::'].includes(host) ? [] : [host];
  // Locked and read before the server listens: a damaged or busy file then fails with nothing left running.
  const persistence = options.stateFile ? await StatePersistence.open(options.stateFile, options.stateLock) : undefined;
  const tls = await generateTlsMaterial(extraHosts);
  const ctx: Partial<ServerContext> = {};
  const server = createHttpsServer(tls, ctx);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((e: unknown) => {
    persistence?.close();
    throw e;
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host;
  const endpoint = `https://${urlHost}:${port}`;

  const core = new EmulatorCore({ endpoint, subscriptionId, tenantId, pageSize: options.pageSize ?? 100 }, options);
  registerProviders(core);
  for (const register of options.providers ?? []) register(core);
  const delays = {
    identity: (ms: number) => core.registry.service<{ setReplicationDelay(ms: number): void }>(DIRECTORY_SERVICE)?.setReplicationDelay(ms),
    role: (ms: number) => core.registry.service<{ setPropagationDelay(ms: number): void }>(ACCESS_SERVICE)?.setPropagationDelay(ms),
  };
  const applyDelays = () => {
    delays.identity(options.identityReplicationDelayInMs ?? 0);
    delays.role(options.rolePropagationDelayInMs ?? 0);
  };
  applyDelays();
  const auth: AuthConfig = { endpoint, tenantId, objectId: EMULATOR_OBJECT_ID, appId: EMULATOR_APP_ID };
  persistence?.attach(core.state);
  const reset = () => {
    core.state.reset();
    core.throttling.reset();
    applyDelays();
  };
  const dump = () => core.state.snapshot();
  let apps: AppsServer;
  try {
    apps = await startAppsServer(core, options.appsPort ?? 0);
  } catch (e) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    persistence?.close();
    throw e;
  }
  const runtime = () => {
    const r = core.registry.service<AppRuntimeService>(APP_RUNTIME_SERVICE);
    if (!r) throw new Error('setRevisionBehaviour: the Microsoft.App provider is not loaded');
    return r;
  };
  const setRevisionBehaviour = (revisionId: string, b: RevisionBehaviour) => runtime().setRevisionBehaviour(revisionId, b);
  const info = () => ({ endpoint, appsEndpoint: apps.endpoint, subscriptionId, tenantId, tokenEndpoint: endpoint + TOKEN_PATH, metricsIngestionDelayInMs: core.metricsIngestionDelayInMs });
  Object.assign(ctx, { core, auth, admin: createAdminHandler(core, { reset, dump, info, setRevisionBehaviour }) });

  if (options.caFile) {
    fs.mkdirSync(path.dirname(path.resolve(options.caFile)), { recursive: true });
    fs.writeFileSync(options.caFile, tls.caCertPem);
  }

  let closed = false;
  return {
    endpoint,
    port,
    caCertPem: tls.caCertPem,
    caFile: options.caFile,
    subscriptionId,
    tenantId,
    tokenEndpoint: endpoint + TOKEN_PATH,
    appsEndpoint: apps.endpoint,
    appsPort: apps.port,
    setRevisionBehaviour: (revisionId, b) => void setRevisionBehaviour(revisionId, b),
    service: <T>(name: string) => core.registry.service<T>(name),
    setIdentityReplicationDelay: (ms: number) => delays.identity(ms),
    setRolePropagationDelay: (ms: number) => delays.role(ms),
    exchanges: () => core.log.all(),
    clearExchanges: () => core.log.clear(),
    setFaults: (f: FaultOptions | undefined) => core.faults.set(f),
    reset,
    dump,
    mutate(resourceId, fn) {
      const r = core.state.get(resourceId);
      if (!r) throw new Error(`mutate: no resource ${resourceId}`);
      fn(r.body);
      r.etag = core.newEtag();
      if (r.body.etag !== undefined) r.body.etag = r.etag;
      r.changedTime = new Date().toISOString();
      core.state.changed();
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
        apps.close(),
      ]);
      persistence?.close();
    },
  };
}

/** Environment variables another client needs to talk to this emulator. */
export function describeEmulator(e: RunningEmulator): { endpoint: string; caFile?: string; env: Record<string, string> } {
  const env: Record<string, string> = {
    AZPROV_EMULATOR_ENDPOINT: e.endpoint,
    AZURE_SUBSCRIPTION_ID: e.subscriptionId,
    AZURE_TENANT_ID: e.tenantId,
    // `az login --identity` (MSI_ENDPOINT protocol) and @azure/identity's ManagedIdentityCredential (App Service 2019).
    MSI_ENDPOINT: e.tokenEndpoint,
    IDENTITY_ENDPOINT: e.tokenEndpoint,
    IDENTITY_HEADER: 'azprov-emulator',
    // The apps front end (plain HTTP): send a revision / label / app FQDN as the Host header.
    AZPROV_EMULATOR_APPS_ENDPOINT: e.appsEndpoint,
  };
  if (e.caFile) {
    env.AZPROV_EMULATOR_CA_FILE = e.caFile;
    env.NODE_EXTRA_CA_CERTS = e.caFile;
    env.REQUESTS_CA_BUNDLE = e.caFile;
  }
  return { endpoint: e.endpoint, caFile: e.caFile, env };
}
