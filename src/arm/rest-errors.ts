import { isRestError } from '@azure/core-rest-pipeline';
import { ArmCallError } from '../core/errors.js';

/**
 * ARM codes that come with a 404 but do not mean "this resource is missing": the subscription, the
 * provider or the type is wrong. Reading them as "missing" would make azprov try to create things.
 */
const NOT_MISSING_404_CODES = new Set(['subscriptionnotfound', 'invalidresourcetype', 'noregisteredproviderfound', 'invalidsubscriptionid']);

function armCode(e: unknown): string | undefined {
  if (!isRestError(e)) return undefined;
  if (e.code && e.code !== 'RestError') return e.code;
  const body = ((e.response as { parsedBody?: unknown } | undefined)?.parsedBody ?? tryParse(e.response?.bodyAsText)) as { error?: { code?: string }; code?: string } | undefined;
  return body?.error?.code ?? body?.code;
}

function tryParse(s: string | null | undefined): unknown {
  if (!s) return undefined;
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/** Only a real 404 for the resource (or its missing parent group) means "missing". */
export function isNotFound(e: unknown): boolean {
  if (!isRestError(e) || e.statusCode !== 404) return false;
  const code = armCode(e)?.toLowerCase();
  return code === undefined || !NOT_MISSING_404_CODES.has(code);
}

/** Reads a resource; `undefined` on a real 404; every other failure is an error, never "missing". */
export async function readOrUndefined<T>(what: string, resourceId: string, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw toArmCallError(`Reading ${what} ${resourceId}`, e, resourceId);
  }
}

/** ARM codes after which the same write may simply be tried again. */
const RETRYABLE_OPERATION_CODES = new Set(
  [
    'InternalServerError',
    'ServiceUnavailable',
    'RetryableError',
    'TooManyRequests',
    'GatewayTimeout',
    // Concurrent writes on one environment [issue-aspire] (arm-facts §4.1).
    'ManagedEnvironmentOperationInProgress',
    // AKS: another operation is in progress (arm-facts §10.1).
    'OperationNotAllowed',
    // Network RP holds the resource for another operation (arm-facts §8).
    'AnotherOperationInProgress',
    'RetryableErrorDueToAnotherOperation',
  ].map((c) => c.toLowerCase()),
);

/** Whether a failed write (typically an LRO that ended `Failed`) is worth running again. */
export function isRetryableOperationError(e: unknown): boolean {
  const code = (e instanceof ArmCallError ? e.armCode : armCode(e))?.toLowerCase();
  if (code && RETRYABLE_OPERATION_CODES.has(code)) return true;
  const status = e instanceof ArmCallError ? e.statusCode : isRestError(e) ? e.statusCode : undefined;
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

export function toArmCallError(what: string, e: unknown, resourceId?: string): ArmCallError {
  if (e instanceof ArmCallError) return e;
  if (isRestError(e)) {
    const body = ((e.response as { parsedBody?: unknown } | undefined)?.parsedBody ?? tryParse(e.response?.bodyAsText)) as { error?: { message?: string } } | undefined;
    return new ArmCallError(what, { statusCode: e.statusCode, armCode: armCode(e), message: body?.error?.message ?? e.message, resourceId }, { cause: e });
  }
  // core-lro throws a plain Error for an operation that ended Failed:
  // "The long-running operation has failed. <code>. <message>" (core-lro poller/operation.ts).
  const err = e as Error & { code?: string };
  const lro = /^The long-running operation has failed\. ([A-Za-z][\w.]*)\. ([\s\S]*)$/.exec(err?.message ?? '');
  if (lro) return new ArmCallError(what, { armCode: lro[1], message: lro[2], resourceId }, { cause: e });
  return new ArmCallError(what, { armCode: err?.code && err.code !== 'RestError' ? err.code : undefined, message: err?.message ?? String(e), resourceId }, { cause: e });
}

/** Runs a write and turns whatever it throws into an ArmCallError that names the resource. */
export async function armCall<T>(what: string, resourceId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw toArmCallError(what, e, resourceId);
  }
}
