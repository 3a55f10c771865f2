import { z } from 'zod';
import { baseResourceShape, nameSchema, referenceSchema } from '../common-spec.js';
import type { KindSpec } from '../kind.js';

// 3–128 characters: letters, digits, '-' and '_', starting with a letter or digit [doc-names-old].
export const identityName = nameSchema('Managed identity', {
  min: 3,
  max: 128,
  pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
  allowed: "letters, digits, '-' and '_', starting with a letter or digit",
});

export const userAssignedIdentitySchema = z
  .strictObject({ ...baseResourceShape('userAssignedIdentity'), name: identityName, resourceGroup: referenceSchema('resourceGroup') })
  .meta({ title: 'userAssignedIdentity', description: 'A user-assigned managed identity (Microsoft.ManagedIdentity/userAssignedIdentities).' });

export type UserAssignedIdentitySpec = z.infer<typeof userAssignedIdentitySchema>;

export const userAssignedIdentityOutputs = ['id', 'name', 'principalId', 'clientId', 'tenantId'] as const;

export const userAssignedIdentityKind: KindSpec<UserAssignedIdentitySpec> = {
  kind: 'userAssignedIdentity',
  description: 'User-assigned managed identity',
  schema: userAssignedIdentitySchema,
  outputs: userAssignedIdentityOutputs,
  references: (s) => [{ field: 'resourceGroup', target: s.resourceGroup, kind: 'resourceGroup' }],
};
