import { z } from 'zod';
import { containsIp, overlaps, parseCidr, parseIpv4, usableInAzureSubnet } from '../../core/cidr.js';
import type { Problem } from '../../core/errors.js';
import { baseResourceShape, referenceSchema, withFix } from '../common-spec.js';
import type { BaseResourceSpec, KindSpec, Reference } from '../kind.js';
import { BUILT_IN_ROLES, roleGuid } from '../role-assignment/roles.js';
import type { RoleAssignmentSpec } from '../role-assignment/spec.js';
import { cidrSchema } from '../virtual-network/spec.js';
import type { VirtualNetworkSpec } from '../virtual-network/spec.js';
import { checkZoneName } from './private-dns-rules.js';

// 1–63 characters, letters, digits, '_' and '-', starting and ending with a letter or digit [cli-acs-validators].
export const clusterName = z
  .string()
  .regex(/^[a-zA-Z0-9]$|^[a-zA-Z0-9][-_a-zA-Z0-9]{0,61}[a-zA-Z0-9]$/, { error: withFix('the cluster name can only contain letters, numbers, underscores or dashes, and cannot exceed 63 characters.', 'rename it.') });

const dnsLabel = z.string().regex(/^[a-zA-Z0-9]$|^[a-zA-Z0-9][-a-zA-Z0-9]{0,52}[a-zA-Z0-9]$/, { error: withFix('must be 1–54 letters, digits or hyphens, starting and ending with a letter or digit.', 'shorten or rename it.') });

export const aksClusterSchema = z
  .strictObject({
    ...baseResourceShape('aksCluster'),
    name: clusterName,
    resourceGroup: referenceSchema('resourceGroup'),
    kubernetesVersion: z.string().regex(/^\d+\.\d+(\.\d+)?$/).optional(),
    privateDnsZone: z
      .string()
      .meta({ description: "system (AKS makes the zone), none (public DNS record for the private IP), a privateDnsZone of the stack, or the id of an existing zone." }),
    enablePrivateClusterPublicFQDN: z.boolean().optional(),
    dnsPrefix: dnsLabel.optional(),
    fqdnSubdomain: dnsLabel.optional().meta({ description: 'Only with a custom zone: the cluster FQDN becomes <fqdnSubdomain>.<zone>.' }),
    identity: z.string().optional().meta({ description: "'system' (default) or a userAssignedIdentity of the stack (required with a custom zone)." }),
    network: z.strictObject({
      plugin: z.enum(['azure', 'kubenet']),
      pluginMode: z.enum(['overlay']).optional(),
      virtualNetwork: referenceSchema('virtualNetwork'),
      subnet: z.string().meta({ description: 'Subnet of that virtual network for the nodes.' }),
      serviceCidr: cidrSchema.optional(),
      dnsServiceIP: z.string().refine((ip) => parseIpv4(ip) !== undefined, { error: withFix('is not an IPv4 address.', "write it like '10.3.0.10'.") }).optional(),
      podCidr: cidrSchema.optional(),
      loadBalancerSku: z.enum(['standard', 'basic']).optional(),
    }),
    nodePool: z.strictObject({
      name: z.string().regex(/^[a-z][a-z0-9]{0,11}$/, { error: withFix('node pool names are 1–12 lower-case letters or digits, starting with a letter.', "use e.g. 'system'.") }).optional(),
      count: z.number().int().min(1).max(1000),
      vmSize: z.string().optional(),
      mode: z.enum(['System', 'User']).optional(),
      zones: z.array(z.enum(['1', '2', '3'])).optional(),
      maxPods: z.number().int().min(10).max(250).optional(),
    }),
    addons: z
      .strictObject({
        azurePolicy: z
          .union([z.boolean(), z.strictObject({ enabled: z.boolean() })])
          .optional()
          .meta({ description: 'The Azure Policy add-on (Gatekeeper v3): needed for Kubernetes policy assignments to reach the cluster.' }),
      })
      .optional()
      .meta({ description: 'AKS add-ons (addonProfiles). Only the ones declared are managed.' }),
  })
  .meta({ title: 'aksCluster', description: 'A private AKS cluster (Microsoft.ContainerService/managedClusters).' });

export type AksClusterSpec = z.infer<typeof aksClusterSchema>;

export type DnsMode = 'system' | 'none' | 'custom';

/** Role assignments of the stack for `identity` (used to decide what preflight must find in Azure). */
export function plannedRoleFor(all: Readonly<Record<string, BaseResourceSpec>>, identity: string, role: string, scopes: string[]): string | undefined {
  return plannedRole(all, identity, role, scopes);
}

export function dnsModeOf(s: AksClusterSpec): DnsMode {
  const z = s.privateDnsZone.toLowerCase();
  return z === 'system' || z === 'none' ? z : 'custom';
}

const isId = (v: string) => v.startsWith('/subscriptions/');

/** The role assignments of the stack that give `identity` `role` on `scope` (a logical name, or subnet of it). */
function plannedRole(all: Readonly<Record<string, BaseResourceSpec>>, identity: string, role: string, scopes: string[]): string | undefined {
  const guids = [roleGuid(role), BUILT_IN_ROLES.Owner, BUILT_IN_ROLES.Contributor];
  return Object.entries(all).find(([, r]) => {
    if (r.kind !== 'roleAssignment') return false;
    const ra = r as RoleAssignmentSpec;
    return ra.principal === identity && guids.includes(roleGuid(ra.role)) && scopes.includes(ra.subnet ? `${ra.scope}/${ra.subnet}` : ra.scope);
  })?.[0];
}

export function checkAksCluster(s: AksClusterSpec, lookup: (n: string) => BaseResourceSpec | undefined, all: Readonly<Record<string, BaseResourceSpec>>, location: string): Problem[] {
  const p: Problem[] = [];
  const mode = dnsModeOf(s);
  const region = s.location ?? location;
  const identity = s.identity ?? 'system';
  if (s.dnsPrefix && s.fqdnSubdomain) p.push({ field: 'fqdnSubdomain', reason: 'dnsPrefix and fqdnSubdomain cannot be used together.', fix: mode === 'custom' ? 'keep fqdnSubdomain and remove dnsPrefix.' : 'keep dnsPrefix and remove fqdnSubdomain.' });
  if (s.fqdnSubdomain && mode !== 'custom') p.push({ field: 'fqdnSubdomain', reason: 'fqdnSubdomain is only allowed with a custom private DNS zone.', fix: 'use dnsPrefix, or set privateDnsZone to a zone of your own.' });
  if (mode === 'none' && s.enablePrivateClusterPublicFQDN === false) p.push({ field: 'enablePrivateClusterPublicFQDN', reason: "privateDnsZone 'none' with enablePrivateClusterPublicFQDN false is not supported.", fix: 'remove enablePrivateClusterPublicFQDN, or use system.' });
  if (identity !== 'system') {
    const id = lookup(identity);
    if (!id) p.push({ field: 'identity', reason: `'${identity}' is not a resource of this stack.`, fix: "use 'system' or a userAssignedIdentity of the stack." });
    else if (id.kind !== 'userAssignedIdentity') p.push({ field: 'identity', reason: `'${identity}' is a ${id.kind}, not a userAssignedIdentity.`, fix: 'name a userAssignedIdentity.' });
  }

  if (mode === 'custom') {
    const zoneName = isId(s.privateDnsZone) ? s.privateDnsZone.split('/').pop()! : (lookup(s.privateDnsZone) as { kind?: string; name?: string } | undefined);
    if (!isId(s.privateDnsZone) && (!zoneName || (zoneName as { kind?: string }).kind !== 'privateDnsZone')) {
      p.push({ field: 'privateDnsZone', reason: `'${s.privateDnsZone}' is not system, none, a privateDnsZone of this stack, or a zone resource id.`, fix: 'use one of those.' });
    } else if (isId(s.privateDnsZone) && !/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/privateDnsZones\/[^/]+$/i.test(s.privateDnsZone)) {
      p.push({ field: 'privateDnsZone', reason: `'${s.privateDnsZone}' is not a private DNS zone resource id.`, fix: 'use /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/privateDnsZones/<zone>.' });
    } else {
      const name = typeof zoneName === 'string' ? zoneName : String((zoneName as { name: string }).name);
      const r = checkZoneName(name, region);
      if (!r.ok) p.push({ field: 'privateDnsZone', reason: r.reason, fix: r.fix });
    }
    if (identity === 'system') {
      p.push({ field: 'identity', reason: 'a custom private DNS zone needs a user-assigned control-plane identity; a system-assigned one is not accepted.', fix: 'add a userAssignedIdentity and set identity to it, with Private DNS Zone Contributor on the zone and Network Contributor on the VNet.' });
    } else if (lookup(identity)?.kind === 'userAssignedIdentity' && !lookup(identity)?.existing) {
      // The identity is made by this stack, so its roles must be too (they cannot exist in Azure yet).
      // An existing identity's roles are checked in Azure at plan time (the provider's preflight).
      if (!plannedRole(all, identity, 'Private DNS Zone Contributor', [s.privateDnsZone])) {
        p.push({ field: 'identity', reason: `'${identity}' needs Private DNS Zone Contributor on the zone '${s.privateDnsZone}', and no role assignment of the stack gives it.`, fix: `add: { kind: roleAssignment, role: Private DNS Zone Contributor, scope: ${s.privateDnsZone}, principal: ${identity} }.` });
      }
      if (!plannedRole(all, identity, 'Network Contributor', [s.network.virtualNetwork, `${s.network.virtualNetwork}/${s.network.subnet}`])) {
        p.push({ field: 'identity', reason: `'${identity}' needs Network Contributor on the virtual network '${s.network.virtualNetwork}' (or its subnet), and no role assignment of the stack gives it.`, fix: `add: { kind: roleAssignment, role: Network Contributor, scope: ${s.network.virtualNetwork}, principal: ${identity} }.` });
      }
    }
  }

  const net = s.network;
  const service = net.serviceCidr ? parseCidr(net.serviceCidr) : undefined;
  const dnsIp = net.dnsServiceIP ? parseIpv4(net.dnsServiceIP) : undefined;
  if ((net.serviceCidr === undefined) !== (net.dnsServiceIP === undefined)) p.push({ field: 'network.dnsServiceIP', reason: 'serviceCidr and dnsServiceIP go together.', fix: 'set both (e.g. serviceCidr: 10.3.0.0/24, dnsServiceIP: 10.3.0.10) or neither.' });
  if (service && dnsIp !== undefined) {
    if (!containsIp(service, dnsIp)) p.push({ field: 'network.dnsServiceIP', reason: `${net.dnsServiceIP} is not inside serviceCidr ${net.serviceCidr}.`, fix: 'pick an address inside serviceCidr, e.g. its .10.' });
    else if (dnsIp === service.base) p.push({ field: 'network.dnsServiceIP', reason: `${net.dnsServiceIP} is the network address of ${net.serviceCidr}.`, fix: 'use another address of the range, e.g. the .10.' });
    // The first usable address is the kubernetes.default service's ClusterIP (learn.microsoft.com, AKS networking: "don't use the first IP address ... such as .1").
    else if (dnsIp === service.base + 1) p.push({ field: 'network.dnsServiceIP', reason: `${net.dnsServiceIP} is the first address of ${net.serviceCidr}, which Kubernetes gives to the API server's service (kubernetes.default).`, fix: 'use another address of the range, e.g. the .10.' });
  }
  p.push(...checkNetworkPlugin(s));
  const vnet = lookup(net.virtualNetwork) as VirtualNetworkSpec | undefined;
  if (vnet?.kind === 'virtualNetwork') {
    p.push(...checkClusterCidrs(s, vnet));
    const subnet = vnet.subnets?.find((x) => x.name === net.subnet);
    if (!subnet) p.push({ field: 'network.subnet', reason: `the virtual network '${net.virtualNetwork}' has no subnet '${net.subnet}'.`, fix: `use one of: ${(vnet.subnets ?? []).map((x) => x.name).join(', ') || '(none: add one)'}.` });
    else {
      const cidr = parseCidr(subnet.addressPrefix);
      const perNode = net.plugin === 'azure' && net.pluginMode !== 'overlay' ? (s.nodePool.maxPods ?? 30) + 1 : 1;
      const needed = s.nodePool.count * perNode;
      if (cidr && usableInAzureSubnet(cidr) < needed) {
        p.push({ field: 'network.subnet', reason: `subnet ${subnet.addressPrefix} has ${usableInAzureSubnet(cidr)} usable addresses; ${s.nodePool.count} nodes need ${needed}${perNode > 1 ? ` (Azure CNI: ${perNode} per node)` : ''}.`, fix: 'use a larger subnet, fewer nodes or maxPods, or the overlay plugin mode.' });
      }
    }
  }
  return p;
}

/**
 * Plugin combinations AKS refuses: overlay is a mode of Azure CNI only (UnsupportedNetworkPluginModeWithNetworkPlugin,
 * Azure/AKS#5662); a pod CIDR is used by kubenet and overlay only (Azure/azure-cli#26237 makes it an error,
 * arm-facts §10.4 for the defaults).
 */
export function checkNetworkPlugin(s: AksClusterSpec): Problem[] {
  const net = s.network;
  const p: Problem[] = [];
  if (net.plugin === 'kubenet' && net.pluginMode === 'overlay') p.push({ field: 'network.pluginMode', reason: 'pluginMode overlay is not supported with plugin kubenet (overlay is a mode of Azure CNI).', fix: 'set plugin: azure to keep overlay, or remove pluginMode to use kubenet.' });
  if (net.plugin === 'azure' && net.pluginMode !== 'overlay' && net.podCidr !== undefined) p.push({ field: 'network.podCidr', reason: 'Azure CNI without overlay gives pods addresses of the subnet, so podCidr is not used.', fix: 'remove podCidr, or set pluginMode: overlay.' });
  return p;
}

/** AKS's defaults when the stack leaves them out (arm-facts §10.4 [rec-1]): they must not collide either. */
const DEFAULT_SERVICE_CIDR = '10.0.0.0/16';
const DEFAULT_POD_CIDR = '10.244.0.0/16';

/**
 * Every CIDR of the cluster against every other: service and pod ranges against each other and against the
 * VNet's address spaces (which hold the subnets). The RP refuses a pod CIDR in the VNet with
 * NetworkProfileCIDROverlapVNET (Azure/AKS-Construction#403) and a service CIDR in it with
 * ServiceCidrOverlapExistingSubnetsCidr (Azure/AKS#1117).
 */
export function checkClusterCidrs(s: AksClusterSpec, vnet: VirtualNetworkSpec): Problem[] {
  const net = s.network;
  const usesPodCidr = net.plugin === 'kubenet' || net.pluginMode === 'overlay';
  const ranges = [
    { field: 'network.serviceCidr', name: 'serviceCidr', text: net.serviceCidr ?? DEFAULT_SERVICE_CIDR, given: net.serviceCidr !== undefined },
    ...(usesPodCidr ? [{ field: 'network.podCidr', name: 'podCidr', text: net.podCidr ?? DEFAULT_POD_CIDR, given: net.podCidr !== undefined }] : []),
  ];
  const p: Problem[] = [];
  const label = (r: (typeof ranges)[number]) => (r.given ? `${r.name} ${r.text}` : `the default ${r.name} ${r.text}`);
  for (const r of ranges) {
    const c = parseCidr(r.text);
    if (!c) continue;
    for (const a of vnet.addressSpaces) {
      const v = parseCidr(a);
      if (v && overlaps(v, c)) {
        p.push({ field: r.field, reason: `${label(r)} overlaps the virtual network's address space ${a}.`, fix: r.given ? `choose a ${r.name} outside every address space of the VNet (e.g. ${suggestOutside(vnet)}).` : `set ${r.field} (and ${r.name === 'serviceCidr' ? 'dnsServiceIP' : 'nothing else'}) to a range outside the VNet, e.g. ${suggestOutside(vnet)}.` });
        break;
      }
    }
  }
  const [svc, pod] = ranges.map((r) => parseCidr(r.text));
  if (svc && pod && overlaps(svc, pod)) p.push({ field: ranges[1].field, reason: `${label(ranges[1])} overlaps ${label(ranges[0])}.`, fix: 'give pods and services ranges that do not overlap (e.g. podCidr 10.244.0.0/16, serviceCidr 10.3.0.0/24).' });
  return p;
}

/** A /16 of 172.16.0.0/12 outside the VNet, for the fix. */
function suggestOutside(vnet: VirtualNetworkSpec): string {
  const spaces = vnet.addressSpaces.map(parseCidr).filter((c) => c !== undefined);
  for (let i = 16; i < 32; i++) {
    const c = parseCidr(`172.${i}.0.0/16`)!;
    if (!spaces.some((v) => overlaps(v, c))) return c.text;
  }
  return '192.168.0.0/16';
}

export const aksClusterOutputs = ['id', 'name', 'privateFQDN', 'fqdn', 'nodeResourceGroup', 'privateDnsZone', 'azurePolicyIdentity'] as const;

/** Whether the stack asks for the Azure Policy add-on: true/false when declared, undefined when left alone. */
export function azurePolicyAddon(s: AksClusterSpec): boolean | undefined {
  const a = s.addons?.azurePolicy;
  return typeof a === 'object' ? a.enabled : a;
}

export const aksClusterKind: KindSpec<AksClusterSpec> = {
  kind: 'aksCluster',
  description: 'Private AKS cluster',
  schema: aksClusterSchema,
  outputs: aksClusterOutputs,
  references: (s) => {
    const refs: Reference[] = [
      { field: 'resourceGroup', target: s.resourceGroup, kind: 'resourceGroup' },
      { field: 'network.virtualNetwork', target: s.network.virtualNetwork, kind: 'virtualNetwork' },
    ];
    if (s.identity && s.identity !== 'system') refs.push({ field: 'identity', target: s.identity, kind: 'userAssignedIdentity' });
    if (dnsModeOf(s) === 'custom' && !isId(s.privateDnsZone)) refs.push({ field: 'privateDnsZone', target: s.privateDnsZone, kind: 'privateDnsZone' });
    return refs;
  },
  // The control plane checks its roles when the cluster is created: they come first. So does the zone's
  // link to the VNet: with no link, AKS makes its own (Azure/AKS#2711), which the stack would not own.
  after: (s, all) =>
    Object.entries(all)
      .filter(([, r]) => (r.kind === 'roleAssignment' && (r as RoleAssignmentSpec).principal === s.identity) || (r.kind === 'privateDnsZoneLink' && (r as { zone?: string }).zone === s.privateDnsZone))
      .map(([n]) => n),
  check: (s, lookup, all, stackLocation) => checkAksCluster(s, lookup, all, stackLocation),
};
