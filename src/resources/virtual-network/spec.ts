import { z } from 'zod';
import type { Problem } from '../../core/errors.js';
import { contains, overlaps, parseCidr } from '../../core/cidr.js';
import { baseResourceShape, nameSchema, referenceSchema, withFix } from '../common-spec.js';
import type { KindSpec } from '../kind.js';

// VNet 2–64, subnet 1–80 characters; letters, digits, '_', '.', '-'; start with a letter or digit, end with
// a letter, digit or '_' [doc-names-old] (character rules U, arm-facts §8).
export const vnetName = nameSchema('Virtual network', { min: 2, max: 64, pattern: /^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/, allowed: "letters, digits, '_', '.' and '-', starting with a letter or digit and ending with a letter, digit or '_'" });
const subnetName = nameSchema('Subnet', { min: 1, max: 80, pattern: /^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/, allowed: "letters, digits, '_', '.' and '-', starting with a letter or digit" });

export const cidrSchema = z.string().refine((c) => parseCidr(c) !== undefined, { error: withFix('is not an IPv4 CIDR block (address/prefix, no host bits set).', "write it like '10.1.0.0/16'.") });

export const virtualNetworkSchema = z
  .strictObject({
    ...baseResourceShape('virtualNetwork'),
    name: vnetName,
    resourceGroup: referenceSchema('resourceGroup'),
    addressSpaces: z.array(cidrSchema).min(1).meta({ description: "Address spaces, e.g. ['10.1.0.0/16']." }),
    subnets: z
      .array(z.strictObject({ name: subnetName, addressPrefix: cidrSchema, delegations: z.array(z.string()).optional().meta({ description: "Service names, e.g. 'Microsoft.App/environments'." }) }))
      .optional(),
  })
  .meta({ title: 'virtualNetwork', description: 'A virtual network with its subnets (Microsoft.Network/virtualNetworks).' });

export type VirtualNetworkSpec = z.infer<typeof virtualNetworkSchema>;

export function checkVirtualNetwork(s: VirtualNetworkSpec): Problem[] {
  const p: Problem[] = [];
  const spaces = s.addressSpaces.map(parseCidr);
  if (spaces.some((c) => !c)) return p;
  spaces.forEach((a, i) => spaces.slice(i + 1).forEach((b, j) => overlaps(a!, b!) && p.push({ field: `addressSpaces.${i + j + 1}`, reason: `${b!.text} overlaps ${a!.text}.`, fix: 'use address spaces that do not overlap.' })));
  const subnets = (s.subnets ?? []).map((x) => ({ ...x, cidr: parseCidr(x.addressPrefix) }));
  subnets.forEach((sub, i) => {
    if (!sub.cidr) return;
    if (!spaces.some((sp) => contains(sp!, sub.cidr!))) p.push({ field: `subnets.${i}.addressPrefix`, reason: `${sub.addressPrefix} is outside the address spaces (${s.addressSpaces.join(', ')}).`, fix: 'pick a prefix inside an address space of the VNet.' });
    subnets.slice(i + 1).forEach((o, j) => {
      if (o.cidr && overlaps(sub.cidr!, o.cidr)) p.push({ field: `subnets.${i + j + 1}.addressPrefix`, reason: `${o.addressPrefix} overlaps subnet '${sub.name}' (${sub.addressPrefix}).`, fix: 'give subnets prefixes that do not overlap.' });
    });
    if (subnets.findIndex((o) => o.name === sub.name) !== i) p.push({ field: `subnets.${i}.name`, reason: `subnet '${sub.name}' is declared twice.`, fix: 'give each subnet its own name.' });
  });
  return p;
}

export const virtualNetworkOutputs = ['id', 'name'] as const;

export const virtualNetworkKind: KindSpec<VirtualNetworkSpec> = {
  kind: 'virtualNetwork',
  description: 'Virtual network',
  schema: virtualNetworkSchema,
  outputs: virtualNetworkOutputs,
  references: (s) => [{ field: 'resourceGroup', target: s.resourceGroup, kind: 'resourceGroup' }],
  check: checkVirtualNetwork,
};
