import { errors } from './errors.js';
import type { ThrottlingOptions } from './types.js';

/**
 * ARM's subscription throttling: token buckets per subscription and per operation kind; reads 250
 * (refill 25/s), writes 200 (10/s), deletes 200 (10/s) [doc-throttle]. Over the limit: 429
 * `TooManyRequests` with `Retry-After` (seconds). Every ARM response carries the matching
 * `x-ms-ratelimit-remaining-subscription-{reads|writes|deletes}` header, also with throttling off (ARM
 * always sends it); with throttling off the header reports a full bucket (capacity − 1), so that a client
 * pacing itself on the header is never slowed down by an emulator that does not throttle.
 */

export type OperationKindForThrottling = 'reads' | 'writes' | 'deletes';

export const DEFAULT_BUCKETS: Record<OperationKindForThrottling, { capacity: number; refillPerSecond: number }> = {
  reads: { capacity: 250, refillPerSecond: 25 },
  writes: { capacity: 200, refillPerSecond: 10 },
  deletes: { capacity: 200, refillPerSecond: 10 },
};

export function throttlingKind(method: string): OperationKindForThrottling {
  const m = method.toUpperCase();
  if (m === 'GET' || m === 'HEAD') return 'reads';
  if (m === 'DELETE') return 'deletes';
  return 'writes';
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export class Throttling {
  private readonly enabled: boolean;
  private readonly scale: number;
  private readonly config: typeof DEFAULT_BUCKETS;
  private readonly buckets = new Map<string, Bucket>();

  constructor(options: boolean | ThrottlingOptions | undefined) {
    this.enabled = !!options;
    const o = typeof options === 'object' ? options : {};
    this.scale = o.scale ?? 1;
    this.config = {
      reads: o.reads ?? DEFAULT_BUCKETS.reads,
      writes: o.writes ?? DEFAULT_BUCKETS.writes,
      deletes: o.deletes ?? DEFAULT_BUCKETS.deletes,
    };
  }

  /** Takes one token; returns the headers to send, or throws the 429. */
  take(subscriptionId: string, method: string, nowMs = Date.now()): Record<string, string> {
    const kind = throttlingKind(method);
    const header = `x-ms-ratelimit-remaining-subscription-${kind}`;
    const cfg = this.config[kind];
    if (!this.enabled) return { [header]: String(cfg.capacity - 1) };
    const key = `${subscriptionId.toLowerCase()}|${kind}`;
    const refill = cfg.refillPerSecond * this.scale;
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: cfg.capacity, updatedMs: nowMs };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(cfg.capacity, b.tokens + ((nowMs - b.updatedMs) / 1000) * refill);
    b.updatedMs = nowMs;
    if (b.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - b.tokens) / refill));
      const e = errors.tooManyRequests(retryAfter, kind.slice(0, -1));
      Object.assign(e.extra.headers!, { [header]: '0' });
      throw e;
    }
    b.tokens -= 1;
    return { [header]: String(Math.floor(b.tokens)) };
  }

  reset(): void {
    this.buckets.clear();
  }
}
