import { ArmError } from '../../errors.js';

/** Microsoft.OperationalInsights errors. Codes and messages (U): not pinned to a recording. */
export const workspaceErrors = {
  /** Name rule: 4–63 letters, digits, hyphens; starts and ends with a letter or digit [doc-names-old]. */
  invalidName: (name: string) =>
    new ArmError(
      400,
      'InvalidWorkspaceName',
      `The workspace name '${name}' is invalid. The name must be 4 to 63 characters long, contain only letters, digits and hyphens, and start and end with a letter or digit.`,
      { target: 'workspaceName' },
    ),
  invalidSku: (sku: unknown, allowed: readonly string[]) =>
    new ArmError(400, 'InvalidParameter', `The SKU '${String(sku)}' is invalid. Allowed values are: ${allowed.join(', ')}.`, { target: 'properties.sku.name' }),
  invalidRetention: (days: unknown) =>
    new ArmError(400, 'InvalidParameter', `The retention '${String(days)}' is invalid; it must be an integer between 30 and 730 days (U: per pricing tier).`, {
      target: 'properties.retentionInDays',
    }),
};
