/** Public option and record types of the emulator (re-exported by index.ts). */

import type { RevisionBehaviour } from './providers/microsoft.app/behaviour.js';

export type { RevisionBehaviour };

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

export interface EmulatorOptions {
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
  stateLock?: import('./state.js').StateLockOptions;
  /** Write the CA certificate PEM here. */
  caFile?: string;
  /**
   * Extra providers, registered after the built-in ones: each gets the emulator core and typically calls
   * `registerResourceType(core, {...})` (see `src/emulator/providers/` for the shape).
   */
  providers?: Array<(core: import('./core.js').EmulatorCore) => void>;
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
