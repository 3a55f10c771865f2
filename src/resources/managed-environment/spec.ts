import { z } from 'zod';
import { baseResourceShape, nameSchema, referenceSchema } from '../common-spec.js';
import type { KindSpec, Reference } from '../kind.js';

// The spec allows ^[-\w\._\(\)]+$, the service is stricter: lower-case letters, digits and '-', starting
// with a letter and ending with a letter or digit; 2–60 characters (U: length not verified, arm-facts §4.1).
export const environmentName = nameSchema('Container Apps environment', {
  min: 2,
  max: 60,
  pattern: /^[a-z][a-z0-9-]*[a-z0-9]$/,
  allowed: "lower-case letters, digits and '-', starting with a letter and ending with a letter or digit",
});

export const managedEnvironmentSchema = z
  .strictObject({
    ...baseResourceShape('managedEnvironment'),
    name: environmentName,
    resourceGroup: referenceSchema('resourceGroup'),
    logAnalyticsWorkspace: referenceSchema('logAnalyticsWorkspace')
      .optional()
      .meta({ description: 'Send the apps\' logs to this Log Analytics workspace of the stack. Without it, logs are not kept.' }),
    zoneRedundant: z.boolean().optional().meta({ description: 'Spread replicas across availability zones (needs a VNet).' }),
  })
  .meta({ title: 'managedEnvironment', description: 'A Container Apps environment (Microsoft.App/managedEnvironments).' });

export type ManagedEnvironmentSpec = z.infer<typeof managedEnvironmentSchema>;

export const managedEnvironmentOutputs = ['id', 'name', 'defaultDomain', 'staticIp'] as const;

export const managedEnvironmentKind: KindSpec<ManagedEnvironmentSpec> = {
  kind: 'managedEnvironment',
  description: 'Container Apps environment',
  schema: managedEnvironmentSchema,
  outputs: managedEnvironmentOutputs,
  references: (s) => {
    const refs: Reference[] = [{ field: 'resourceGroup', target: s.resourceGroup, kind: 'resourceGroup' }];
    if (s.logAnalyticsWorkspace) refs.push({ field: 'logAnalyticsWorkspace', target: s.logAnalyticsWorkspace, kind: 'logAnalyticsWorkspace' });
    return refs;
  },
  check: (s) =>
    s.zoneRedundant
      ? [{ field: 'zoneRedundant', reason: 'zone redundancy needs the environment to be integrated with a virtual network, which this kind does not configure yet.', fix: 'remove zoneRedundant.' }]
      : [],
};
