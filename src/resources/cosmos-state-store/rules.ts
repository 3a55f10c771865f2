import type { Problem } from '../../core/errors.js';

/**
 * Dapr-on-Cosmos rules shared by the one-call cosmosStateStore and a daprComponent written by hand
 * (imports nothing of the kinds, so both can use it).
 */
export const STRONG_WARNING = 'Dapr maps a "strong" request on a single operation to Session consistency in the Cosmos DB state store (dapr/components-contrib#3884).';

/** Dapr asking for `asked` against an account whose default is `level`: Cosmos rejects a stronger request. */
export function consistencyProblem(asked: string | undefined, level: string | undefined, field: string): Problem | undefined {
  if (asked?.toLowerCase() !== 'strong' || !level || level === 'Strong') return undefined;
  return {
    field,
    reason: `Dapr clients will ask for strong consistency, but the account's default is ${level} (account.consistency); Cosmos DB rejects requests stronger than the account default.`,
    fix: "either set the account's consistency to Strong, or set daprConsistency: eventual (and make clients request eventual).",
  };
}

/** Key auth against an account with `disableLocalAuth: true`: the data plane refuses keys (learn.microsoft.com/azure/cosmos-db/how-to-setup-rbac#disable-local-auth). */
export function keyAuthDisabledProblem(field: string, account: string): Problem {
  return {
    field,
    reason: `key auth is used, but the Cosmos DB account '${account}' has disableLocalAuth: true, so it refuses keys (Dapr fails to load the component).`,
    fix: 'use identity auth (azureClientId and a Cosmos data-plane role), or set disableLocalAuth: false on the account.',
  };
}

