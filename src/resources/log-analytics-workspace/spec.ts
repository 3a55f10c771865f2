import { z } from 'zod';
import { baseResourceShape, nameSchema, referenceSchema, withFix } from '../common-spec.js';
import type { KindSpec } from '../kind.js';

// 4–63 characters, letters, digits and hyphens, starting and ending with a letter or digit [doc-names-old].
export const workspaceName = nameSchema('Log Analytics workspace', {
  min: 4,
  max: 63,
  pattern: /^[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]$/,
  allowed: 'letters, digits and hyphens, starting and ending with a letter or digit',
});

// SKU names of Workspaces.json 2022-10-01 [spec-la].
export const WORKSPACE_SKUS = ['PerGB2018', 'Free', 'Standard', 'Premium', 'PerNode', 'Standalone', 'CapacityReservation', 'LACluster'] as const;

export const logAnalyticsWorkspaceSchema = z
  .strictObject({
    ...baseResourceShape('logAnalyticsWorkspace'),
    name: workspaceName,
    resourceGroup: referenceSchema('resourceGroup'),
    sku: z.enum(WORKSPACE_SKUS, { error: withFix('unknown workspace SKU.', `use one of ${WORKSPACE_SKUS.join(', ')} (PerGB2018 is the current pay-as-you-go SKU).`) }).optional().meta({ description: 'Pricing tier; defaults to PerGB2018.' }),
    retentionInDays: z
      .number()
      .int({ error: withFix('retention must be a whole number of days.', 'use an integer between 30 and 730.') })
      .min(30, { error: withFix('retention must be at least 30 days for paid SKUs.', 'use 30–730.') })
      .max(730, { error: withFix('retention can be at most 730 days.', 'use 30–730.') })
      .optional()
      .meta({ description: 'Data retention in days (30–730).' }),
  })
  .meta({ title: 'logAnalyticsWorkspace', description: 'A Log Analytics workspace (Microsoft.OperationalInsights/workspaces).' });

export type LogAnalyticsWorkspaceSpec = z.infer<typeof logAnalyticsWorkspaceSchema>;

export const logAnalyticsWorkspaceOutputs = ['id', 'name', 'customerId'] as const;

export const logAnalyticsWorkspaceKind: KindSpec<LogAnalyticsWorkspaceSpec> = {
  kind: 'logAnalyticsWorkspace',
  description: 'Log Analytics workspace',
  schema: logAnalyticsWorkspaceSchema,
  outputs: logAnalyticsWorkspaceOutputs,
  references: (s) => [{ field: 'resourceGroup', target: s.resourceGroup, kind: 'resourceGroup' }],
};
