import { isRetryableOperationError } from '../arm/rest-errors.js';
import { ArmCallError } from '../core/errors.js';

export interface OperationRetryPolicy {
  /** Tries in all for transient failures, the first included. */
  attempts: number;
  delayInMs: number;
  /** How long to keep trying while a new principal replicates (PrincipalNotFound). */
  replicationBudgetInMs?: number;
  replicationPollInMs?: number;
}

/**
 * A new managed identity is not visible to role assignments at once (arm-facts §6/§7,
 * MicrosoftDocs/azure-docs#103085): ARM answers PrincipalNotFound, Cosmos DB a BadRequest that says the
 * principal was not found. Both mean "wait", not "fail".
 */
export function isPrincipalNotReplicated(e: unknown): boolean {
  if (!(e instanceof ArmCallError)) return false;
  if (e.armCode?.toLowerCase() === 'principalnotfound') return true;
  return e.statusCode === 400 && /principal\b.*\b(was not found|does not exist|not found)/i.test(e.message);
}

/**
 * A role that exists but is not yet effective: AKS fails the create with CustomPrivateDNSZoneMissingPermission
 * (terraform-provider-azurerm#24064, Azure/AKS#1557). Preflight has made sure the roles exist, so this is
 * propagation (up to 10 minutes, doc-rbac-ts): wait and try again.
 */
export function isRoleNotYetEffective(e: unknown): boolean {
  return e instanceof ArmCallError && ['customprivatednszonemissingpermission', 'linkedauthorizationfailed'].includes(e.armCode?.toLowerCase() ?? '');
}

const IN_FLIGHT_CODES = ['managedenvironmentoperationinprogress', 'operationnotallowed', 'anotheroperationinprogress', 'retryableerrorduetoanotheroperation', 'conflict'];

/**
 * Another write holds the resource: a second run of the same stack, a person in the portal. The resource
 * is busy (409 with an "in progress" code), or our operation was superseded and ended Canceled. Waiting
 * for the other operation and then comparing again converges both runs without a duplicate or an error.
 */
export function isOperationInFlight(e: unknown): boolean {
  if (!(e instanceof ArmCallError)) return false;
  if (IN_FLIGHT_CODES.includes(e.armCode?.toLowerCase() ?? '') && (e.statusCode === 409 || e.statusCode === 429 || e.statusCode === undefined)) return true;
  // If-Match lost the race: someone wrote the resource after our read. Read again, compare again.
  if (e.statusCode === 412) return true;
  return /operation was canceled|operation was cancelled/i.test(e.message);
}

export type RetryDecision = { delayInMs: number; waiting?: string } | undefined;

/**
 * Whether to run a failed write again, and after how long. The SDK's pipeline already retries single
 * requests (429, 5xx, dropped connections); this is for what no pipeline policy can see: a long-running
 * operation that ended `Failed` with a code that says "try again", and a principal still replicating.
 */
export function nextOperationRetry(error: unknown, attempt: number, policy: OperationRetryPolicy, elapsedInMs = 0): RetryDecision {
  if (isPrincipalNotReplicated(error)) {
    if (elapsedInMs >= (policy.replicationBudgetInMs ?? 5 * 60_000)) return undefined;
    return { delayInMs: policy.replicationPollInMs ?? 5_000, waiting: 'waiting for the new identity to replicate in Entra ID (PrincipalNotFound)' };
  }
  if (isRoleNotYetEffective(error)) {
    if (elapsedInMs >= (policy.replicationBudgetInMs ?? 10 * 60_000)) return undefined;
    return { delayInMs: policy.replicationPollInMs ?? 30_000, waiting: 'waiting for role assignments to take effect (CustomPrivateDNSZoneMissingPermission; up to 10 minutes)' };
  }
  if (attempt >= policy.attempts || !isRetryableOperationError(error)) return undefined;
  return { delayInMs: policy.delayInMs * 2 ** (attempt - 1) };
}
