import type { PipelinePolicy, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';
import { retryAfterMs } from './poll-pacing.js';

const rateLimitPolicyName = 'azprovRateLimitPolicy';

export type RequestClass = 'reads' | 'writes' | 'deletes';

/**
 * ARM's documented refill rates per subscription (token buckets, 2024 algorithm) [doc-throttle]:
 * reads 25/s, writes 10/s, deletes 10/s. The bucket sizes are not needed: the server reports what is left.
 */
export const ARM_REFILL_PER_SECOND: Record<RequestClass, number> = { reads: 25, writes: 10, deletes: 10 };

export function requestClass(method: string): RequestClass {
  const m = method.toUpperCase();
  if (m === 'GET' || m === 'HEAD') return 'reads';
  if (m === 'DELETE') return 'deletes';
  return 'writes';
}

interface Lane {
  /** Estimated tokens left at `updatedMs`; undefined until the server has reported a figure. */
  tokens?: number;
  updatedMs: number;
  /** The largest figure the server reported, plus one: the bucket cannot hold more. */
  capacity: number;
  inFlight: number;
  waiting: Array<() => void>;
  timer?: ReturnType<typeof setTimeout>;
  /** No request before this time (a 429's Retry-After). */
  blockedUntilMs: number;
}

/**
 * Client-side pacing on ARM's own figures, so that a wide run slows down before ARM throttles it instead
 * of after. Every ARM response carries `x-ms-ratelimit-remaining-subscription-{reads|writes|deletes}`
 * [doc-throttle]: that figure, minus the requests still in flight, is what we may send now; between
 * responses it refills at ARM's documented rate. When the estimate is below one token, requests queue
 * (first come, first served) and leave one per refilled token. A 429 empties the lane and holds it for the
 * response's Retry-After; the SDK's retry policy still retries the throttled request itself.
 *
 * Until the first response of a class nothing is known and nothing is held. Other clients of the same
 * subscription spend from the same bucket: the next header corrects the estimate, and a 429 that still
 * happens is handled as above.
 */
export class RateLimiter {
  private readonly lanes = new Map<RequestClass, Lane>();

  constructor(
    private readonly refill: Record<RequestClass, number> = ARM_REFILL_PER_SECOND,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when a request of this class may be sent. */
  acquire(cls: RequestClass, abortSignal?: PipelineRequest['abortSignal']): Promise<void> {
    const lane = this.lane(cls);
    if (lane.waiting.length === 0 && this.available(cls, lane) >= 1) {
      this.take(cls, lane);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const go = () => {
        abortSignal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const i = lane.waiting.indexOf(go);
        if (i >= 0) lane.waiting.splice(i, 1);
        reject(new Error('The operation was aborted.'));
      };
      abortSignal?.addEventListener('abort', onAbort, { once: true });
      lane.waiting.push(go);
      this.schedule(cls, lane);
    });
  }

  /** Records what a response says about the budget; call once per acquired request. */
  settle(cls: RequestClass, response?: Pick<PipelineResponse, 'status' | 'headers'>): void {
    const lane = this.lane(cls);
    lane.inFlight = Math.max(0, lane.inFlight - 1);
    if (!response) return;
    const now = this.now();
    if (response.status === 429) {
      lane.tokens = 0;
      // Before any figure came back the bucket size is unknown: allow one probe after the wait.
      lane.capacity = Math.max(lane.capacity, 1);
      lane.updatedMs = now;
      // No Retry-After: ARM's buckets refill in well under a second per token, so wait one second.
      // `Retry-After: 0` (the emulator's injected faults) means no wait.
      const header = response.headers.get('retry-after');
      const wait = header === undefined ? 1000 : (retryAfterMs(header, now) ?? 0);
      lane.blockedUntilMs = Math.max(lane.blockedUntilMs, now + wait);
      return;
    }
    const figure = response.headers.get(`x-ms-ratelimit-remaining-subscription-${cls}`);
    const reported = Number(figure);
    if (figure === undefined || figure.trim() === '' || !Number.isFinite(reported)) return;
    lane.capacity = Math.max(lane.capacity, reported + 1);
    lane.tokens = reported - lane.inFlight;
    lane.updatedMs = now;
    if (lane.waiting.length) this.schedule(cls, lane);
  }

  /** Requests queued behind the budget right now. */
  queued(cls: RequestClass): number {
    return this.lane(cls).waiting.length;
  }

  private lane(cls: RequestClass): Lane {
    let lane = this.lanes.get(cls);
    if (!lane) {
      lane = { updatedMs: this.now(), capacity: 0, inFlight: 0, waiting: [], blockedUntilMs: 0 };
      this.lanes.set(cls, lane);
    }
    return lane;
  }

  private available(cls: RequestClass, lane: Lane): number {
    const now = this.now();
    if (now < lane.blockedUntilMs) return 0;
    if (lane.tokens === undefined) return Infinity;
    return Math.min(lane.capacity, lane.tokens + ((now - lane.updatedMs) / 1000) * this.refill[cls]);
  }

  private take(cls: RequestClass, lane: Lane): void {
    if (lane.tokens !== undefined) {
      const now = this.now();
      lane.tokens = this.available(cls, lane) - 1;
      lane.updatedMs = now;
    }
    lane.inFlight++;
  }

  private schedule(cls: RequestClass, lane: Lane): void {
    if (lane.timer) return;
    const pump = () => {
      lane.timer = undefined;
      while (lane.waiting.length && this.available(cls, lane) >= 1) {
        this.take(cls, lane);
        lane.waiting.shift()!();
      }
      if (!lane.waiting.length) return;
      const now = this.now();
      const deficit = 1 - this.available(cls, lane);
      const ms = now < lane.blockedUntilMs ? lane.blockedUntilMs - now : Math.ceil((deficit / this.refill[cls]) * 1000);
      lane.timer = setTimeout(pump, Math.max(1, ms));
    };
    pump();
  }
}

export function rateLimitPolicy(limiter: RateLimiter): PipelinePolicy {
  return {
    name: rateLimitPolicyName,
    async sendRequest(request, next) {
      const cls = requestClass(request.method);
      await limiter.acquire(cls, request.abortSignal);
      let response: PipelineResponse | undefined;
      try {
        response = await next(request);
        return response;
      } finally {
        limiter.settle(cls, response);
      }
    },
  };
}
