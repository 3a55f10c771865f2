import { z } from 'zod';
import { baseResourceShape, referenceSchema, withFix } from '../common-spec.js';
import type { KindSpec } from '../kind.js';

// 2–34 labels of 1–63 letters, digits, '_' or '-' [doc-names-old] (arm-facts §9).
export const zoneName = z
  .string()
  .max(253)
  .regex(/^(?=.{1,253}$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.){1,33}[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/, {
    error: withFix('is not a DNS zone name of two or more labels.', "use e.g. 'privatelink.westeurope.azmk8s.io'."),
  });

export const privateDnsZoneSchema = z
  .strictObject({ ...baseResourceShape('privateDnsZone'), name: zoneName, resourceGroup: referenceSchema('resourceGroup') })
  .meta({ title: 'privateDnsZone', description: "A private DNS zone (Microsoft.Network/privateDnsZones); its location is always 'global'." });

export type PrivateDnsZoneSpec = z.infer<typeof privateDnsZoneSchema>;

export const privateDnsZoneOutputs = ['id', 'name'] as const;

export const privateDnsZoneKind: KindSpec<PrivateDnsZoneSpec> = {
  kind: 'privateDnsZone',
  description: 'Private DNS zone',
  schema: privateDnsZoneSchema,
  outputs: privateDnsZoneOutputs,
  references: (s) => [{ field: 'resourceGroup', target: s.resourceGroup, kind: 'resourceGroup' }],
};
