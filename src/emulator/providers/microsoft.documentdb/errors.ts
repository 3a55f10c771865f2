import { ArmError } from '../../errors.js';

/**
 * Microsoft.DocumentDB errors. Cosmos answers a missing child with a bare `{"code","message"}` (no `error`
 * wrapper) whose message embeds the gateway's JSON [rec-3] (arm-facts §1.3): `CosmosFlatError` is turned into
 * that shape by the provider's route wrapper. Validation errors keep the ARM envelope; wording (U) unless a
 * source is given.
 */
export class CosmosFlatError extends ArmError {}

const activity = () => `ActivityId: ${crypto.randomUUID()}, Microsoft.Azure.Documents.Common/2.14.0`;

export const cosmosErrors = {
  /** [rec-3] shape; the embedded store diagnostics are abridged. */
  notFound: (resourceType: string, uriPath: string) =>
    new CosmosFlatError(
      404,
      'NotFound',
      `Message: {"code":"NotFound","message":"Message: {\\"Errors\\":[\\"Resource Not Found. Learn more: https://aka.ms/cosmosdb-tsg-not-found\\"]}\\r\\n${activity()}, ResourceType: ${resourceType}, OperationType: Read"}, Request URI: ${uriPath}, RequestStats: , SDK: Microsoft.Azure.Documents.Common/2.14.0`,
    ),
  badRequest: (message: string) => new ArmError(400, 'BadRequest', message),
  invalidAccountName: (name: string) =>
    new ArmError(
      400,
      'BadRequest',
      `Invalid database account name '${name}'. Database account names must be between 3 and 44 characters long, contain only lowercase letters, numbers and '-', and must not start or end with '-'.`,
      { target: 'accountName' },
    ),
  /** Real message [issue-callrecord-26] (account names are global: `<name>.documents.azure.com`). */
  nameTaken: (name: string) =>
    new ArmError(400, 'BadRequest', `Dns record for ${name} under zone Document is already taken. Please use a different name for the account.`),
  /** Path rule and message from [issue-cosmos-pk] (arm-facts §5); failing position (U). */
  invalidPartitionKeyPath: (path: string, position: number) =>
    new ArmError(
      400,
      'BadRequest',
      `The partition key component definition path '${path}' could not be accepted, failed near position '${position}'. Partition key paths must contain only valid characters and not contain a trailing slash or wildcard character.`,
    ),
  partitionKeyChange: () => new ArmError(400, 'BadRequest', 'Document collection partition key cannot be changed.'),
  serverlessThroughput: () => new ArmError(400, 'BadRequest', 'Setting offer throughput or autopilot on resource is not supported for serverless accounts.'),
};
