import { describe, expect, it } from 'vitest';
import { ArmCallError } from '../../src/core/errors.js';
import { isPrincipalNotReplicated, nextOperationRetry } from '../../src/engine/retry-decision.js';

const policy = { attempts: 3, delayInMs: 100, replicationBudgetInMs: 1_000, replicationPollInMs: 50 };
const failed = (armCode: string, statusCode?: number, message = 'x') => new ArmCallError('Writing x', { armCode, statusCode, message });

describe('operation retry decisions', () => {
  it('retries a long-running operation that failed with a retryable code, with backoff, up to the attempts', () => {
    const e = failed('InternalServerError');
    expect(nextOperationRetry(e, 1, policy)).toEqual({ delayInMs: 100 });
    expect(nextOperationRetry(e, 2, policy)).toEqual({ delayInMs: 200 });
    expect(nextOperationRetry(e, 3, policy)).toBeUndefined();
  });

  it('does not retry what a retry cannot fix', () => {
    expect(nextOperationRetry(failed('InvalidResourceName', 400), 1, policy)).toBeUndefined();
    expect(nextOperationRetry(new Error('socket hang up'), 1, policy)).toBeUndefined();
  });

  it('treats busy resources as retryable (environment or cluster operation in progress)', () => {
    expect(nextOperationRetry(failed('ManagedEnvironmentOperationInProgress', 409), 1, policy)).toBeDefined();
    expect(nextOperationRetry(failed('OperationNotAllowed', 409), 1, policy)).toBeDefined();
  });

  it('waits for a principal to replicate within its own time budget, whatever the attempt count', () => {
    const e = failed('PrincipalNotFound', 400, 'Principal 123 does not exist in the directory');
    expect(nextOperationRetry(e, 9, policy, 200)).toMatchObject({ delayInMs: 50, waiting: expect.stringContaining('replicate') });
    expect(nextOperationRetry(e, 1, policy, 1_000)).toBeUndefined();
  });

  it('recognises Cosmos DB\'s wording of a principal that is not there yet', () => {
    expect(isPrincipalNotReplicated(new ArmCallError('w', { statusCode: 400, message: "The principal 'abc' was not found in the directory of tenant 't'." }))).toBe(true);
    // The service's words (pulumi/pulumi-azure-native#2816).
    expect(isPrincipalNotReplicated(new ArmCallError('w', { statusCode: 400, message: "The provided principal ID [abc] was not found in the AAD tenant(s) [t] which are associated with the customer's subscription." }))).toBe(true);
    expect(isPrincipalNotReplicated(new ArmCallError('w', { statusCode: 400, message: 'The partition key path could not be accepted' }))).toBe(false);
  });
});

describe('operations in flight', () => {
  it('recognises a busy resource and a superseded operation, and nothing else', async () => {
    const { isOperationInFlight } = await import('../../src/engine/retry-decision.js');
    expect(isOperationInFlight(new ArmCallError('w', { statusCode: 409, armCode: 'ManagedEnvironmentOperationInProgress', message: 'busy' }))).toBe(true);
    expect(isOperationInFlight(new ArmCallError('w', { statusCode: 409, armCode: 'OperationNotAllowed', message: 'Another operation (Updating) is in progress' }))).toBe(true);
    expect(isOperationInFlight(new ArmCallError('w', { message: 'Operation was canceled' }))).toBe(true);
    expect(isOperationInFlight(new ArmCallError('w', { statusCode: 400, armCode: 'InvalidParameter', message: 'bad' }))).toBe(false);
  });
});
