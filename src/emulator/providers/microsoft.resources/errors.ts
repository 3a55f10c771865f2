import { ArmError } from '../../errors.js';

/** Microsoft.Resources-specific errors. */
export const resourcesErrors = {
  /**
   * Name rule: 1–90 chars of Unicode letters/digits, `-`, `_`, `.`, `(`, `)`, not ending with `.` [spec-rg] [rpc-resource].
   * Code and the invalid-characters message as ARM answers them (Azure/azure-cli#14481); the wording for a bad
   * length or a trailing period is (U).
   */
  invalidResourceGroupName: (name: string, invalidChars: string) =>
    new ArmError(
      400,
      'InvalidResourceGroup',
      invalidChars
        ? `The provided resource group name '${name}' has these invalid characters: '${invalidChars}'. The name can only be a letter, digit, '-', '.', '(', ')' or '_'.`
        : `The provided resource group name '${name}' is invalid: it must be 1-90 characters long and cannot end in a period.`,
      { target: 'resourceGroupName' },
    ),
};
