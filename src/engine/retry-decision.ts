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
