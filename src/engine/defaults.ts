// No imports: the CLI reads this for its help text without loading the engine.

/**
 * Resources read or written at once when the caller sets no limit. ARM's budget is not what bounds it:
 * requests pace themselves on ARM's remaining-budget headers (src/arm/rate-limit.ts). Measured on the
 * fleet bench (200 apps, ARM's buckets): 16 lanes 37 s, 32 lanes 25 s, 64 lanes 19 s, 200 lanes 20 s, so
 * beyond 64 the read budget, not the lanes, sets the pace. Narrower plans only add round trips.
 */
export const DEFAULT_CONCURRENCY = 64;
