import { randomUUID } from 'node:crypto';
import type { Latency } from './latency.js';
import { type EmulatorState, resourceKey } from './state.js';
import type { ArmResponse, LroMode, OperationError, OperationKind, OperationRecord, OperationSpec, OperationStatus } from './types.js';

export type { LroMode, OperationError, OperationKind, OperationRecord, OperationSpec, OperationStatus };

/**
 * The one long-running-operation engine all providers share [rpc-async] [core-lro].
 *
 * Each provider operation declares a `OperationSpec`: its mode, initial status code, in-progress word,
 * resource provisioningState while running and a duration key. The engine keeps an operation record per
 * started operation, advances it (after N polls with the instant profile, after wall time with the
 * realistic one), and answers its status URLs:
 * - `Azure-AsyncOperation` URL: always 200 with `{id,name,status,startTime,endTime?,error?}`;
 * - `Location` URL: 202 while running, then the final result as the synchronous call would give it
 *   (200 with the body, or 200/204 without) [rpc-async] [doc-async]; a failed operation answers its error.
 */

/** Declared lifecycle: a running operation ends exactly once. */
export const OPERATION_TRANSITIONS: Readonly<Record<OperationStatus, readonly OperationStatus[]>> = {
  Running: ['Succeeded', 'Failed', 'Canceled'],
  Succeeded: [],
  Failed: [],
  Canceled: [],
};

/** Decides, when an operation is about to succeed, whether it fails instead (late RP-side checks); see `LroEngine`. */
export type CompletionCheck = (op: OperationRecord) => OperationError | undefined;

export interface StartParams {
  kind: OperationKind;
  resourceId: string;
  resourceType: string;
  spec: OperationSpec;
  apiVersion: string;
  /** Builds the status / result paths from the new operation id. */
  statusPath?: (opId: string) => string;
  resultPath?: (opId: string) => string;
  previous: OperationRecord['previous'];
  final: OperationRecord['final'];
  failWith?: OperationRecord['failWith'];
}

export type CompletionHook = (op: OperationRecord) => void;
export type ResourceReader = (resourceId: string) => unknown | undefined;

export class LroEngine {
  constructor(
    private readonly state: EmulatorState,
    private readonly latency: Latency,
    private readonly endpoint: string,
    private readonly onComplete: CompletionHook,
    private readonly readResource: ResourceReader,
    /** Optional: consulted when an operation would succeed; an error makes it end Failed instead. */
    private readonly checkCompletion?: CompletionCheck,
  ) {}

  start(p: StartParams): OperationRecord {
    const now = Date.now();
    const id = randomUUID();
    const plan = this.latency.plan(p.spec.durationKey, now);
    const mode = p.spec.mode;
    const op: OperationRecord = {
      id,
      kind: p.kind,
      resourceId: p.resourceId,
      resourceType: p.resourceType,
      status: 'Running',
      inProgressWord: p.spec.inProgressWord ?? 'InProgress',
      startTime: new Date(now).toISOString(),
      polls: 0,
      pollsToComplete: plan.pollsToComplete,
      completesAtMs: plan.completesAtMs,
      minRetryAfterSeconds: p.spec.minRetryAfterSeconds,
      ...(p.spec.statusApiVersion ? { statusApiVersion: p.spec.statusApiVersion } : {}),
      ...(p.spec.statusQueryFlag === false ? { statusQueryFlag: false } : {}),
      ...(p.spec.sendRetryAfter === false ? { sendRetryAfter: false } : {}),
      ...(p.spec.statusStyle && p.spec.statusStyle !== 'arm' ? { statusStyle: p.spec.statusStyle } : {}),
      statusPath: mode === 'azure-async' || mode === 'both' ? p.statusPath?.(id) : undefined,
      resultPath: (mode === 'location' || mode === 'both') && p.spec.locationTarget !== 'resource' ? p.resultPath?.(id) : undefined,
      apiVersion: p.apiVersion,
      failWith: p.failWith,
      previous: p.previous,
      final: p.final,
    };
    if ((mode === 'azure-async' || mode === 'both') && !op.statusPath) throw new Error(`${p.resourceType}: mode ${mode} needs a status path`);
    if (mode !== 'azure-async' && mode !== 'sync' && p.spec.locationTarget !== 'resource' && !op.resultPath) {
      throw new Error(`${p.resourceType}: mode ${mode} needs a result path`);
    }
    // A new write supersedes whatever still runs on the same resource.
    for (const other of this.runningFor(p.resourceId)) this.finish(other, 'Canceled', { code: 'Canceled', message: 'Superseded by a newer operation.' }, false);
    this.state.operations.set(id, op);
    this.prune();
    this.state.changed();
    return op;
  }

  /** Keeps the newest finished operations only, so lookups stay cheap in long benchmark runs. */
  private prune(keepFinished = 2_000): void {
    const finished = [...this.state.operations.values()].filter((o) => o.status !== 'Running');
    for (const o of finished.slice(0, Math.max(0, finished.length - keepFinished))) this.state.operations.delete(o.id);
  }

  /** Headers of the initial response and of polls. */
  headers(op: OperationRecord, spec: OperationSpec): Record<string, string> {
    const h: Record<string, string> = {};
    const q = `?api-version=${encodeURIComponent(op.statusApiVersion ?? op.apiVersion)}`;
    if (op.statusPath) h['Azure-AsyncOperation'] = `${this.endpoint}${op.statusPath}${q}${op.statusQueryFlag === false ? '' : '&azureAsyncOperation=true'}`;
    if (spec.mode === 'location' || spec.mode === 'both') {
      h['Location'] =
        spec.locationTarget === 'resource' ? `${this.endpoint}${op.resourceId}?api-version=${encodeURIComponent(op.apiVersion)}` : `${this.endpoint}${op.resultPath}${q}`;
    }
    if (op.sendRetryAfter !== false) h['Retry-After'] = String(this.retryAfter(op));
    return h;
  }

  retryAfter(op: OperationRecord): number {
    if (op.status !== 'Running') return 0;
    const base = this.latency.retryAfterSeconds(op.completesAtMs);
    // The RP's own Retry-After floor is scaled like the durations, so a scaled run is not slowed down by it.
    if (this.latency.profile !== 'realistic' || !op.minRetryAfterSeconds) return base;
    return Math.max(base, Math.ceil(op.minRetryAfterSeconds * this.latency.scale));
  }

  running(): OperationRecord[] {
    return [...this.state.operations.values()].filter((o) => o.status === 'Running');
  }

  runningFor(resourceId: string): OperationRecord[] {
    const k = resourceKey(resourceId);
    return this.running().filter((o) => resourceKey(o.resourceId) === k);
  }

  /** Completes every operation whose time has come (realistic profile). Called at the start of each request. */
  tick(nowMs = Date.now()): void {
    if (this.latency.profile !== 'realistic') return;
    for (const op of this.running()) if (op.completesAtMs <= nowMs) this.complete(op);
  }

  /** One read of the operation (status URL, Location URL, or the resource). */
  notePoll(op: OperationRecord): void {
    if (op.status !== 'Running') return;
    op.polls++;
    if (this.latency.profile === 'instant' && op.polls >= op.pollsToComplete) this.complete(op);
    else this.tick();
  }

  /** A GET of a resource counts as a poll of the operations running on it (and on its ancestors). */
  noteResourceRead(resourceId: string): void {
    const k = resourceKey(resourceId);
    for (const op of this.running()) {
      const ok = resourceKey(op.resourceId);
      if (ok === k || k.startsWith(ok + '/')) this.notePoll(op);
    }
  }

  /** Cancels running operations on a resource and everything below it (its deletion superseded them). */
  cancelUnder(resourceId: string, exceptOpId?: string): void {
    const k = resourceKey(resourceId);
    for (const op of this.running()) {
      if (op.id === exceptOpId) continue;
      const ok = resourceKey(op.resourceId);
      if (ok === k || ok.startsWith(k + '/')) this.finish(op, 'Canceled', { code: 'Canceled', message: 'The resource was deleted.' }, false);
    }
  }

  findByPath(path: string): { op: OperationRecord; which: 'status' | 'result' } | undefined {
    const k = resourceKey(path);
    for (const op of this.state.operations.values()) {
      if (op.statusPath && resourceKey(op.statusPath) === k) return { op, which: 'status' };
      if (op.resultPath && resourceKey(op.resultPath) === k) return { op, which: 'result' };
    }
    return undefined;
  }

  /** Answers a GET of an operation's status or result URL. */
  respond(op: OperationRecord, which: 'status' | 'result'): ArmResponse {
    this.notePoll(op);
    const retry: Record<string, string> = op.sendRetryAfter === false ? {} : { 'Retry-After': String(this.retryAfter(op)) };
    if (which === 'status') return { status: 200, headers: op.status === 'Running' ? retry : {}, body: this.statusBody(op) };
    if (op.status === 'Running') {
      const headers: Record<string, string> = { ...retry, Location: `${this.endpoint}${op.resultPath}?api-version=${encodeURIComponent(op.statusApiVersion ?? op.apiVersion)}` };
      return { status: 202, headers, body: undefined };
    }
    if (op.status === 'Failed' || op.status === 'Canceled') {
      const status = op.failWith?.httpStatus ?? (op.status === 'Canceled' ? 409 : 500);
      return { status, body: { error: op.error ?? { code: op.status, message: `The operation ${op.status.toLowerCase()}.` } } };
    }
    if (op.final.body === 'resource') {
      const body = this.readResource(op.resourceId);
      if (body !== undefined) return { status: op.final.status, body };
    }
    return { status: op.final.status === 204 ? 204 : 200, body: undefined };
  }

  statusBody(op: OperationRecord): Record<string, unknown> {
    const status = op.status === 'Running' ? op.inProgressWord : op.status;
    if (op.statusStyle === 'status-only') return op.error ? { status, error: op.error } : { status };
    if (op.statusStyle === 'aks') {
      const a: Record<string, unknown> = { name: swapGuidGroups(op.id), status, startTime: sevenDigitTime(op.startTime) };
      if (op.endTime) a.endTime = sevenDigitTime(op.endTime);
      if (op.error) a.error = op.error;
      return a;
    }
    const b: Record<string, unknown> = {
      id: op.statusPath ?? op.resultPath ?? op.id,
      name: op.id,
      status: op.status === 'Running' ? op.inProgressWord : op.status,
      startTime: op.startTime,
    };
    if (op.endTime) b.endTime = op.endTime;
    if (op.error) b.error = op.error; // core-lro needs code and message on Failed [core-lro]
    return b;
  }

  private complete(op: OperationRecord): void {
    const late = op.failWith ? undefined : this.checkCompletion?.(op);
    if (late) this.finish(op, 'Failed', late);
    else if (op.failWith) this.finish(op, 'Failed', { code: op.failWith.code, message: op.failWith.message });
    else this.finish(op, 'Succeeded');
  }

  private finish(op: OperationRecord, to: OperationStatus, error?: OperationError, runHook = true): void {
    if (!OPERATION_TRANSITIONS[op.status].includes(to)) throw new Error(`operation ${op.id}: ${op.status} -> ${to} is not a declared transition`);
    op.status = to;
    op.endTime = new Date().toISOString();
    if (error) op.error = error;
    if (runHook) this.onComplete(op);
    this.state.changed();
  }
}

/** `7f8f121f-6121-4e3e-…` → `1f128f7f-2161-3e4e-…`: the first three groups byte-swapped (AKS operation names [rec-2]). */
export function swapGuidGroups(id: string): string {
  const g = id.split('-');
  if (g.length !== 5) return id;
  const swap = (h: string) => (h.match(/../g) ?? []).reverse().join('');
  return [swap(g[0]), swap(g[1]), swap(g[2]), g[3], g[4]].join('-');
}

/** ISO time with 7 fractional digits (`2021-04-19T08:42:33.1566666Z`), as AKS writes them [rec-1]. */
export function sevenDigitTime(iso: string): string {
  return iso.replace(/\.(\d+)Z$/, (_, f: string) => `.${f.padEnd(7, '0').slice(0, 7)}Z`);
}
