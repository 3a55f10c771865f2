import { z } from 'zod';
import { baseResourceShape, nameSchema, withFix } from '../common-spec.js';
import type { KindSpec } from '../kind.js';

// 1–90 characters: Unicode letters and digits, '-', '_', '.', '(', ')'; must not end with '.' [spec-rg] [rpc-resource].
export const resourceGroupName = nameSchema('Resource group', {
  min: 1,
  max: 90,
  pattern: /^[-\p{L}\p{N}_.()]+$/u,
  allowed: "letters, digits, '-', '_', '.', '(' and ')'",
}).refine((n) => !n.endsWith('.'), { error: withFix('Resource group name must not end with a period.', "remove the trailing '.'.") });

export const resourceGroupSchema = z
  .strictObject({ ...baseResourceShape('resourceGroup'), name: resourceGroupName })
  .meta({ title: 'resourceGroup', description: 'A resource group (Microsoft.Resources/resourceGroups).' });

export type ResourceGroupSpec = z.infer<typeof resourceGroupSchema>;

export const resourceGroupOutputs = ['id', 'name', 'location'] as const;

export const resourceGroupKind: KindSpec<ResourceGroupSpec> = {
  kind: 'resourceGroup',
  description: 'Resource group',
  schema: resourceGroupSchema,
  outputs: resourceGroupOutputs,
  references: () => [],
};
