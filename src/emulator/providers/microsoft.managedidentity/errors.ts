import { ArmError } from '../../errors.js';

/** Microsoft.ManagedIdentity-specific errors. Each rule cites its source; codes and messages (U): not seen in a recording. */
export const identityErrors = {
  /** Name rule: 3–128 chars, letters, digits, `-`, `_`, starting with a letter or digit [doc-names-old]. */
  invalidName: (name: string) =>
    new ArmError(
      400,
      'InvalidResourceName',
      `Resource name '${name}' is invalid. The name can contain only letters, numbers, underscores and hyphens. The name must start with a letter or number and be 3 to 128 characters long.`,
      { target: 'resourceName' },
    ),
  /** Rule: the spec's `isolationScope` enum (None, Regional) [spec-msi] (arm-facts §6). */
  invalidIsolationScope: (v: unknown) =>
    new ArmError(400, 'InvalidRequestContent', `The value '${String(v)}' is not valid for 'properties.isolationScope'. Allowed values: None, Regional.`, {
      target: 'properties.isolationScope',
    }),
};
