import { ArmError } from '../../errors.js';

/** Microsoft.OperationalInsights errors. Each rule cites its source; codes and messages (U) unless a source is given. */
export const workspaceErrors = {
  /** Name rule: 4–63 letters, digits, hyphens; starts and ends with a letter or digit [doc-names-old]. */
  invalidName: (name: string) =>
    new ArmError(
      400,
      'InvalidWorkspaceName',
      `The workspace name '${name}' is invalid. The name must be 4 to 63 characters long, contain only letters, digits and hyphens, and start and end with a letter or digit.`,
      { target: 'workspaceName' },
    ),
  /** Rule: the spec's SKU name enum [spec-la] (arm-facts §3). */
  invalidSku: (sku: unknown, allowed: readonly string[]) =>
    new ArmError(400, 'InvalidParameter', `The SKU '${String(sku)}' is invalid. Allowed values are: ${allowed.join(', ')}.`, { target: 'properties.sku.name' }),
  /**
   * The service's answer to a retention it does not take: code, message and target as
   * hashicorp/terraform-provider-azurerm#2949 shows them; the range (30–730, 7 on the Free tier) from
   * terraform-provider-azurerm#28272.
   */
  invalidRetention: (_days: unknown) => new ArmError(400, 'BadRequest', 'The value provided for retention is invalid', { target: 'retention' }),
};
