import { ArmError } from '../../errors.js';

/** Microsoft.Resources-specific errors. */
export const resourcesErrors = {
  /**
   * Name rule: 1–90 chars of Unicode letters/digits, `-`, `_`, `.`, `(`, `)`, not ending with `.` [spec-rg] [rpc-resource].
   * Code and message (U): from memory of ARM's answer.
   */
  invalidResourceGroupName: (name: string) =>
    new ArmError(
      400,
      'InvalidResourceGroupName',
      `Resource group name '${name}' is invalid. Resource group names only allow alphanumeric characters, periods, underscores, hyphens and parenthesis, must be 1-90 characters long and cannot end in a period.`,
      { target: 'resourceGroupName' },
    ),
};
