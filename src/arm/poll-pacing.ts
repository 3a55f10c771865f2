import type { PipelinePolicy, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';
import { delay } from '@azure/core-util';

const pollPacingPolicyName = 'azprovPollPacingPolicy';

/** RPC guidance caps Retry-After at 10 minutes [rpc-async]; a larger value is treated as that. */
const MAX_RETRY_AFTER_MS = 10 * 60_000;

/**
 * Makes long-running-operation polls wait for the Retry-After of the response that announced them.
 *
 * Why: core-lro 3 (`pollUntilDone`, poller/poller.ts) ignores the initial response's Retry-After: it polls
 * once at once, and only then waits for the Retry-After of that poll's response (or its interval). So every
 * LRO costs a status read before the server's Retry-After has elapsed, which can only say "still running":
 * the bench's fleet sends 1.22 × the minimum requests without this policy, 1.0 with it. For Log Analytics,
 * whose Location is the resource itself, that early 200 GET even ends the poller while the workspace is
 * still provisioning (arm-facts §3). The poller itself is left alone (its protocol handling, final GET and
 * interval are the SDK's); this only holds a GET of a URL that the server said not to ask about again
 * before a given time.
 *
 * The URL a poller polls next is, in core-lro's order: `Operation-Location`, `Azure-AsyncOperation`,
 * `Location`, else (PUT/PATCH in body mode, or a status URL that is polled again) the request URL.
 * Only 2xx responses count: 429/503 with Retry-After belong to the SDK's retry policies.
 */
export class PollPacer {
  private readonly notBefore = new Map<string, number>();

  /**
   * @param firstPollMs the client's poll interval: used for the first poll of an operation whose initial
   * response gives no Retry-After at all (AKS sends none [rec-1] [rec-2]), which core-lro would otherwise
   * send at once. An explicit `Retry-After: 0` still means "poll now".
   */
  constructor(
    private readonly firstPollMs = 0,
    private readonly now: () => number = Date.now,
  ) {}

  /** How long a GET of `url` must still wait, in ms (0: send now). */
  waitFor(url: string): number {
    const key = urlKey(url);
    const at = this.notBefore.get(key);
    if (at === undefined) return 0;
    this.notBefore.delete(key);
    return Math.max(0, at - this.now());
  }

  record(request: Pick<PipelineRequest, 'method' | 'url'>, response: Pick<PipelineResponse, 'status' | 'headers'>): void {
    if (response.status < 200 || response.status >= 300) return;
    const h = response.headers;
    const method = request.method.toUpperCase();
    const operationUrl = h.get('operation-location') ?? h.get('azure-asyncoperation') ?? h.get('location');
    const header = h.get('retry-after');
    let ms = retryAfterMs(header, this.now());
    if (header === undefined && method !== 'GET' && operationUrl) ms = this.firstPollMs;
    if (!ms) return;
    const next = operationUrl ?? (method === 'PUT' || method === 'PATCH' || method === 'GET' ? request.url : undefined);
    if (!next) return;
    if (this.notBefore.size > 10_000) this.sweep();
    this.notBefore.set(urlKey(next), this.now() + Math.min(ms, MAX_RETRY_AFTER_MS));
  }

  /** Entries whose time has passed and were never polled (an operation given up on) are dropped. */
  private sweep(): void {
    const now = this.now();
    for (const [k, at] of this.notBefore) if (at <= now) this.notBefore.delete(k);
  }
}

/** Retry-After in ms: delta-seconds or an HTTP date [RFC 9110 §10.2.3]; undefined when absent or not positive. */
export function retryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) {
    const s = Number(v);
    return s > 0 ? s * 1000 : undefined;
  }
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  const ms = at - nowMs;
  return ms > 0 ? ms : undefined;
}

function urlKey(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href.toLowerCase();
  } catch {
    return url.toLowerCase();
  }
}

export function pollPacingPolicy(pacer: PollPacer): PipelinePolicy {
  return {
    name: pollPacingPolicyName,
    async sendRequest(request, next) {
      if (request.method === 'GET') {
        const ms = pacer.waitFor(request.url);
        if (ms > 0) await delay(ms, { abortSignal: request.abortSignal });
      }
      const response = await next(request);
      pacer.record(request, response);
      return response;
    },
  };
}
