/**
 * The bottom layer: option and record types every part of the emulator shares (the public ones re-exported by
 * index.ts). No imports: each module depends only on modules below it, this one on none
 * (test/unit/emulator-layers.test.ts).
 */

export interface RevisionBehaviour {
  /** 0..1: share of `GET /` requests answered 500 (seeded per revision). */
  failRate?: number;
  /** Added delay per request, ms (capped at 60 s). */
  latencyMs?: number;
  /** Health endpoints answer 503 and the ARM view says Unhealthy / Degraded. */
  unhealthy?: boolean;
  /** Cumulative restarts of the revision's replicas, reported by the `RestartCount` metric (Microsoft.Insights). */
  restartCount?: number;
}

export type FaultKind = '429' | '500' | '503' | 'drop' | 'lro-failed';

export interface FaultOptions {
  /** Probability (0..1) that a matching ARM request gets a fault. */
  rate: number;
  /** PRNG seed: the same seed gives the same sequence of decisions. Default 1. */
  seed?: number;
  /** Faults to draw from (uniformly). Default all five. */
  kinds?: FaultKind[];
  /** Only requests with these methods (case-insensitive); default all. */
  methods?: string[];
  /** Only requests whose path contains this string (case-insensitive). */
  pathIncludes?: string;
  /** Retry-After (seconds) sent with injected 429/503. Default 0 with the instant profile, 1 otherwise. */
  retryAfterSeconds?: number;
}

export interface ThrottlingOptions {
  /** Multiplies the refill rate (e.g. 100 for benchmarks). Default 1. */
  scale?: number;
  /** Bucket sizes and refill per second per operation kind; defaults from arm-facts §1.4 [doc-throttle]. */
  reads?: { capacity: number; refillPerSecond: number };
  writes?: { capacity: number; refillPerSecond: number };
  deletes?: { capacity: number; refillPerSecond: number };
}

export type LatencyProfile = 'instant' | 'realistic';

/** The options of `startEmulator` but `providers` (which needs the core, a layer above; see index.ts). */
export interface EmulatorSettings {
  /** Entra ID replication: a new identity's principal is visible to role assignments this long after its PUT. Default 0. */
  identityReplicationDelayInMs?: number;
  /** RBAC propagation: a role assignment takes effect this long after its PUT (up to 10 min in Azure). Default 0. */
  rolePropagationDelayInMs?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 = a random free port. */
  port?: number;
  /** Port of the apps front end (plain HTTP on 127.0.0.1 that plays the container-app revisions). Default 0 = random. */
  appsPort?: number;
  subscriptionId?: string;
  tenantId?: string;
  /** Default 'instant'. */
  latency?: LatencyProfile;
  /** Realistic durations are multiplied by this. Default 1. */
  latencyScale?: number;
  /** Instant profile: how many polls (reads of the operation or the resource) until an LRO completes. Default 1. */
  pollsToComplete?: number;
  faults?: FaultOptions;
  /** ARM token buckets; default off (the remaining-budget headers are sent anyway). */
  throttling?: boolean | ThrottlingOptions;
  /** List page size (items per page before a nextLink). Default 100. */
  pageSize?: number;
  /** Path of a JSONL file to append exchanges to. */
  requestLog?: string;
  /** Log LRO status/result polls too (marked with `name`). Default true; false keeps only spec-described operations. */
  requestLogPolls?: boolean;
  /** Loaded at start when it exists; saved (atomically) after each change. */
  stateFile?: string;
  /** With `stateFile`: the file is locked for the emulator's life; how long to wait for another holder, and a hook to say so. */
  stateLock?: StateLockOptions;
  /** Write the CA certificate PEM here. */
  caFile?: string;
  /**
   * Accept any date-shaped api-version (`yyyy-mm-dd[-preview]`) beyond the published ones, for clients newer than
   * the emulator's tables. Default false: unpublished versions get ARM's NoRegisteredProviderFound.
   */
  acceptAnyApiVersion?: boolean;
  /**
   * Microsoft.Insights metrics: how long a request the apps front end served takes to show in metric queries.
   * Default 0 with the instant profile, 60 s (× latencyScale) with the realistic one (U: Azure's platform
   * metrics typically arrive within minutes, not pinned).
   */
  metricsIngestionDelayInMs?: number;
}

export interface ExchangeRecord {
  /**
   * Set on LRO polls of operation-status (`lro-status`) and operation-result (`lro-result`) URLs: no API
   * spec describes those, so a spec validator should skip them (e.g. `grep -v '"name":"lro-'`).
   */
  name?: 'lro-status' | 'lro-result';
  request: { method: string; url: string; headers: Record<string, string>; body: unknown };
  response: { statusCode: number; headers: Record<string, string>; body: unknown };
}

export interface RunningEmulator {
  /** A service a provider published on the registry (e.g. the identity directory), for tests. */
  service<T>(name: string): T | undefined;
  /** Sets the identity replication delay (see EmulatorOptions). */
  setIdentityReplicationDelay(ms: number): void;
  /** Sets the role propagation delay (see EmulatorOptions). */
  setRolePropagationDelay(ms: number): void;
  /** https://127.0.0.1:PORT (no trailing slash) */
  endpoint: string;
  port: number;
  caCertPem: string;
  caFile?: string;
  subscriptionId: string;
  tenantId: string;
  tokenEndpoint: string;
  /**
   * http://127.0.0.1:PORT of the apps front end: connect here and send a revision FQDN
   * (`<app>--<suffix>.<defaultDomain>`), a label FQDN (`<app>---<label>.<defaultDomain>`) or the app's
   * `ingress.fqdn` (traffic-weighted) as the Host header.
   */
  appsEndpoint: string;
  appsPort: number;
  /**
   * Overrides the `AZPROV_EMULATOR_*` env-var behaviour of one revision (by ARM id); replaces the previous
   * override (`{}` clears it); `unhealthy` also sets the revision's ARM healthState/runningState. Cleared by
   * `reset()` (with the revisions). Throws for an unknown revision or invalid values.
   */
  setRevisionBehaviour(revisionId: string, behaviour: RevisionBehaviour): void;
  /** The in-memory request log (same redacted records as the JSONL file). */
  exchanges(): ExchangeRecord[];
  clearExchanges(): void;
  setFaults(f: FaultOptions | undefined): void;
  /** Drop all resources and operations. */
  reset(): void;
  /** State snapshot (JSON-serialisable). */
  dump(): unknown;
  /** Test hook: change a stored resource out of band (like a portal edit), bypassing the API. */
  mutate(resourceId: string, fn: (resource: any) => void): void;
  close(): Promise<void>;
}

/** An identity from a bearer token. */
export interface Principal {
  tenantId: string;
  objectId: string;
  appId: string;
}

export interface ArmRequest {
  method: string;
  /** Normalised path (doubled slashes collapsed, no trailing slash), still percent-encoded. */
  path: string;
  query: URLSearchParams;
  apiVersion?: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when empty. */
  body: any;
  /** Route parameters, percent-decoded. */
  params: Record<string, string>;
  principal?: Principal;
  requestId: string;
  /** The fault drawn for this request when it is an LRO-level one (`lro-failed`). */
  fault?: FaultKind;
}

export interface ArmResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type Handler = (req: ArmRequest) => ArmResponse | Promise<ArmResponse>;

/** Which api-versions a route accepts, and how ARM words the rejection. */
export interface ApiVersionPolicy {
  versions: readonly string[];
  /** `resources`: Microsoft.Resources' own InvalidApiVersionParameter; `provider`: NoRegisteredProviderFound. */
  kind: 'resources' | 'provider';
  /** Type name used in the NoRegisteredProviderFound message (e.g. `managedEnvironments`). */
  typeName: string;
}

export interface StoredResource {
  /** Lower-cased, slash-normalised id. */
  key: string;
  /** The id as first given (casing preserved). */
  id: string;
  /** Canonical type, e.g. `Microsoft.App/managedEnvironments`. */
  type: string;
  subscriptionId: string;
  /** Canonical resource group name (undefined for subscription-level resources). */
  resourceGroup?: string;
  /** The ARM envelope as GET returns it (before the type's `present` hook strips write-only fields). */
  body: Record<string, any>;
  /** Server-side values never returned by GET (shared keys, write-only inputs). */
  secrets: Record<string, any>;
  etag: string;
  createdTime: string;
  changedTime: string;
  /** False while a resource created through a 202 flow does not exist yet [rpc-async]. */
  visible: boolean;
}

export type LroMode = 'sync' | 'azure-async' | 'location' | 'both';
export type OperationStatus = 'Running' | 'Succeeded' | 'Failed' | 'Canceled';
export type OperationKind = 'create' | 'update' | 'delete' | 'action';

export interface OperationSpec {
  mode: LroMode;
  /** Status code of the initial response (each operation's spec lists the allowed ones). */
  status: number;
  /** Word in the operation-status body while running; core-lro keeps polling on unknown words [core-lro]. */
  inProgressWord?: string;
  /** `properties.provisioningState` of the resource while the operation runs. */
  provisioningState?: string;
  /** `Location` target: an operation-result URL (default) or the resource URL itself (Log Analytics, arm-facts §3). */
  locationTarget?: 'operation' | 'resource';
  /** Key into the latency table, e.g. `Microsoft.App/managedEnvironments:create`. */
  durationKey: string;
  /** Realistic profile: a floor for Retry-After that the real RP sends (e.g. 5 s for container apps). */
  minRetryAfterSeconds?: number;
  /** api-version on the status / result URLs when the RP uses its own (AKS: `2016-03-30` [rec-1] [rec-2]); default: the request's. */
  statusApiVersion?: string;
  /** Append `&azureAsyncOperation=true` to the Azure-AsyncOperation URL. Default true. */
  statusQueryFlag?: boolean;
  /** Send `Retry-After` on the initial response and on polls. Default true (AKS sends none [rec-1] [rec-2]). */
  sendRetryAfter?: boolean;
  /**
   * Shape of the operation-status body: `arm` (default) `{id,name,status,startTime,endTime?,error?}`;
   * `status-only` `{status,error?}` (Network, Private DNS [rec-1]); `aks` `{name,status,startTime,endTime?,error?}`
   * with `name` = the id with its first three groups byte-swapped and 7-digit fractional times (arm-facts §1.1 [rec-2]).
   */
  statusStyle?: 'arm' | 'status-only' | 'aks';
}

export interface OperationError {
  code: string;
  message: string;
}

export interface OperationRecord {
  id: string;
  kind: OperationKind;
  resourceId: string;
  resourceType: string;
  status: OperationStatus;
  inProgressWord: string;
  startTime: string;
  endTime?: string;
  error?: OperationError;
  polls: number;
  pollsToComplete: number;
  completesAtMs: number;
  minRetryAfterSeconds?: number;
  statusApiVersion?: string;
  statusQueryFlag?: boolean;
  sendRetryAfter?: boolean;
  statusStyle?: OperationSpec['statusStyle'];
  /** Path (no query) of the Azure-AsyncOperation URL, when the mode has one. */
  statusPath?: string;
  /** Path (no query) of the Location URL when it is an operation-result URL. */
  resultPath?: string;
  apiVersion: string;
  /** Set by fault injection (`lro-failed`): the operation ends Failed with this error. */
  failWith?: OperationError & { httpStatus: number };
  /** Resource body and secrets before the operation (null: it did not exist), for rollback. */
  previous: { body: Record<string, any>; secrets: Record<string, any> } | null;
  /** What the Location URL answers once the operation succeeded. */
  final: { status: number; body: 'resource' | 'none' };
}

/** Who holds a state file's lock (written into the lock file, so that a waiting command can say it). */
export interface StateLockHolder {
  pid: number;
  command: string;
  since: string;
}

export interface StateLockOptions {
  /** How long to wait for another process's lock before failing. Default 120 s. */
  waitInMs?: number;
  /** Called once when the file is locked by another process, before waiting. */
  onWait?: (holder: StateLockHolder | undefined, until: Date) => void;
  /** What this process is, for whoever waits on it. Default: the command line. */
  command?: string;
}
