import { isRetryableOperationError } from '../arm/rest-errors.js';

export interface OperationRetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  delayInMs: number;
}

/**
 * Whether to run a failed write again, and after how long. The SDK's pipeline already retries single
 * requests (429, 5xx, dropped connections); this is for a long-running operation that ended `Failed`
 * with a code that says "try again", which no pipeline policy can see.
 */
export function nextOperationRetry(error: unknown, attempt: number, policy: OperationRetryPolicy): { delayInMs: number } | undefined {
  if (attempt >= policy.attempts || !isRetryableOperationError(error)) return undefined;
  return { delayInMs: policy.delayInMs * 2 ** (attempt - 1) };
}
