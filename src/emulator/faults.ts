import type { FaultKind, FaultOptions } from './types.js';

/**
 * Fault injection on ARM paths (never the token, metadata or admin endpoints): a seeded PRNG makes the
 * sequence of decisions deterministic for a given seed and request order.
 * - `429`: `TooManyRequests` with `Retry-After` [doc-throttle];
 * - `500` / `503`: ARM error bodies (503 with `Retry-After`);
 * - `drop`: the socket is destroyed without a response;
 * - `lro-failed`: only for writes that start an LRO; the operation later ends `Failed` with the retryable
 *   code `InternalServerError`, and the resource is left as it was (or `Failed` when it was being created).
 */

export const ALL_FAULT_KINDS: readonly FaultKind[] = ['429', '500', '503', 'drop', 'lro-failed'];

/** mulberry32: tiny, fast, good enough for test decisions. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function validateFaultOptions(f: unknown): FaultOptions | undefined {
  if (f === null || f === undefined) return undefined;
  if (typeof f !== 'object') throw new Error('faults must be an object or null');
  const o = f as FaultOptions;
  if (typeof o.rate !== 'number' || !(o.rate >= 0 && o.rate <= 1)) throw new Error('faults.rate must be a number between 0 and 1');
  if (o.kinds !== undefined) {
    if (!Array.isArray(o.kinds) || o.kinds.length === 0) throw new Error('faults.kinds must be a non-empty array');
    for (const k of o.kinds) if (!ALL_FAULT_KINDS.includes(k)) throw new Error(`unknown fault kind '${k}' (known: ${ALL_FAULT_KINDS.join(', ')})`);
  }
  if (o.methods !== undefined && !Array.isArray(o.methods)) throw new Error('faults.methods must be an array');
  return { ...o };
}

export class FaultInjector {
  private options?: FaultOptions;
  private random: () => number = Math.random;
  /** How many faults of each kind were injected (for tests and the admin state). */
  readonly counts: Record<string, number> = {};

  constructor(options?: FaultOptions) {
    this.set(options);
  }

  set(options: FaultOptions | undefined): void {
    this.options = validateFaultOptions(options);
    this.random = mulberry32(this.options?.seed ?? 1);
  }

  get current(): FaultOptions | undefined {
    return this.options;
  }

  /**
   * Draws the fault for one ARM request. `startsLro` tells whether the request is a write that may start
   * an LRO; `lro-failed` drawn for another request becomes no fault.
   */
  decide(method: string, path: string, startsLro: boolean): FaultKind | undefined {
    const o = this.options;
    if (!o || o.rate <= 0) return undefined;
    if (o.methods && !o.methods.some((m) => m.toUpperCase() === method.toUpperCase())) return undefined;
    if (o.pathIncludes && !path.toLowerCase().includes(o.pathIncludes.toLowerCase())) return undefined;
    if (this.random() >= o.rate) return undefined;
    const kinds = o.kinds ?? ALL_FAULT_KINDS;
    const kind = kinds[Math.floor(this.random() * kinds.length)];
    if (kind === 'lro-failed' && !startsLro) return undefined;
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
    return kind;
  }
}
