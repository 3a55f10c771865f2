import { z } from 'zod';
import { baseResourceShape, nameSchema, referenceSchema } from '../common-spec.js';
import type { KindSpec } from '../kind.js';

export const privateDnsZoneLinkSchema = z
  .strictObject({
    ...baseResourceShape('privateDnsZoneLink'),
    // 1–80 characters [doc-names-old].
    name: nameSchema('Virtual network link', { min: 1, max: 80, pattern: /^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/, allowed: "letters, digits, '_', '.' and '-'" }),
    zone: referenceSchema('privateDnsZone'),
    virtualNetwork: referenceSchema('virtualNetwork'),
    registrationEnabled: z.boolean().optional().meta({ description: 'Auto-register VM records in the zone (default false).' }),
  })
  .meta({ title: 'privateDnsZoneLink', description: 'Links a private DNS zone to a virtual network so names in it resolve there.' });

export type PrivateDnsZoneLinkSpec = z.infer<typeof privateDnsZoneLinkSchema>;

export const privateDnsZoneLinkOutputs = ['id', 'name'] as const;

export const privateDnsZoneLinkKind: KindSpec<PrivateDnsZoneLinkSpec> = {
  kind: 'privateDnsZoneLink',
  description: 'Private DNS zone virtual network link',
  schema: privateDnsZoneLinkSchema,
  outputs: privateDnsZoneLinkOutputs,
  references: (s) => [
    { field: 'zone', target: s.zone, kind: 'privateDnsZone' },
    { field: 'virtualNetwork', target: s.virtualNetwork, kind: 'virtualNetwork' },
  ],
};
