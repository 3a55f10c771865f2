import { ArmError } from '../../errors.js';

/**
 * Microsoft.Network errors (virtual networks, subnets, private DNS). Codes are the Network RP's as seen in
 * public threads; each entry cites its source, (U) = the wording (or the code) is not verified.
 */
export const networkErrors = {
  /** (U) wording; Network RP names: 2–64 (VNet), 1–80 (subnet) chars [doc-names-old]. */
  invalidName: (kind: string, name: string, max: number) =>
    new ArmError(
      400,
      'InvalidResourceName',
      `Resource name ${name} is invalid. The name can be up to ${max} characters long. It must begin with a word character, and it must end with a word character or with '_'. The name may contain word characters or '.', '-', '_'.`,
      { target: kind },
    ),
  /** Rule: addressPrefix is CIDR [spec-vnet]; code and wording (U). */
  invalidAddressPrefix: (prefix: unknown, id: string) =>
    new ArmError(400, 'InvalidAddressPrefixFormat', `Address prefix ${String(prefix)} of resource ${id} is not formatted correctly. It should follow CIDR notation, for example 10.0.0.0/24.`),
  /**
   * Code and message shape as quoted in public deployment notes ("Inner Error: InvalidCIDRNotation — The address
   * prefix 10.10.10.0/16 … should be 10.10.0.0/16"); no issue thread pinned, so code and wording stay (U).
   */
  invalidCidrNotation: (prefix: string, id: string, aligned: string) =>
    new ArmError(400, 'InvalidCIDRNotation', `The address prefix ${prefix} in resource ${id} has an invalid CIDR notation. For the given prefix length, the address prefix should be ${aligned}.`),
  /** Rule, code and wording (U): no source shows a VNet without addressPrefixes refused. */
  addressSpaceRequired: (vnet: string) =>
    new ArmError(400, 'InvalidRequestFormat', `Virtual network ${vnet} must have at least one address prefix in addressSpace.addressPrefixes.`),
  /** (U) code and wording. */
  overlappingAddressSpace: (vnet: string, a: string, b: string) =>
    new ArmError(400, 'NetcfgInvalidVirtualNetworkAddressSpace', `Address space ${a} of virtual network ${vnet} overlaps with address space ${b} of the same virtual network.`),
  /**
   * Code and message real (Azure/azure-cli#28097, Azure/AzureTRE#2111: the Network RP's generic answer for a
   * subnet it cannot accept); that it is the answer to a missing prefix in particular is (U).
   */
  subnetPrefixRequired: (subnet: string, vnet: string) => new ArmError(400, 'NetcfgInvalidSubnet', `Subnet '${subnet}' is not valid in virtual network '${vnet}'.`),
  /** Code and message real (MicrosoftDocs/azure-docs#123869). */
  subnetOutsideVnet: (subnet: string, vnet: string) =>
    new ArmError(400, 'NetcfgSubnetRangeOutsideVnet', `Subnet '${subnet}' is not valid because its IP address range is outside the IP address range of virtual network '${vnet}'.`),
  /** Code and message real (MicrosoftDocs/azure-docs#123869): the message does not name the other subnet. */
  subnetsOverlap: (subnet: string, vnet: string) =>
    new ArmError(400, 'NetcfgSubnetRangesOverlap', `Subnet '${subnet}' is not valid because its IP address range overlaps with that of an existing subnet in virtual network '${vnet}'.`),
  /** Code and message real (kubernetes-sigs/cluster-api-provider-azure#172, microsoft/nav-arm-templates#161). */
  inUseSubnet: (subnetId: string, users: string[]) =>
    new ArmError(
      400,
      'InUseSubnetCannotBeDeleted',
      `Subnet ${subnetId.split('/').pop()} is in use by ${users.join(', ')} and cannot be deleted. In order to delete the subnet, delete all the resources within the subnet. See aka.ms/deletesubnet.`,
    ),
  /**
   * 429 while another operation holds the VNet [doc-throttle] (arm-facts §1.4, §8); wording (U). The 409
   * `AnotherOperationInProgress` form that arm-facts also mentions is (U) and not used.
   */
  anotherOperation: (what: string, vnetId: string, opId: string, retryAfterSeconds: number) =>
    new ArmError(
      429,
      'RetryableErrorDueToAnotherOperation',
      `Operation on ${what} cannot be performed now because another operation (${opId}) on virtual network ${vnetId} is still in progress. Retry the request after ${retryAfterSeconds} seconds.`,
      { headers: { 'Retry-After': String(retryAfterSeconds) } },
    ),
  /** Private DNS zone name [doc-names-old]; code and message real (crossplane-contrib/provider-upjet-azure#19, #88). */
  zoneNotEnoughLabels: (name: string) =>
    new ArmError(400, 'BadRequest', `The zone name '${name}' does not have enough labels. Zone names must have two or more labels.`),
  /** Rule [doc-names-old] (arm-facts §9: 2–34 labels of 1–63 chars); code as the labels error above; wording (U). */
  zoneInvalidName: (name: string) =>
    new ArmError(
      400,
      'BadRequest',
      `The zone name '${name}' is invalid. A zone name has 2 to 34 labels of 1 to 63 characters each (letters, digits, '-' and '_'), and at most 253 characters.`,
    ),
  /** A link without `virtualNetwork.id` (the spec marks nothing required: rule, code and wording U). */
  linkVnetRequired: () => new ArmError(400, 'BadRequest', 'The virtual network link requires properties.virtualNetwork.id.'),
  /** Rule: a link needs an existing VNet [spec-pdns]; code and wording (U). */
  linkVnetNotFound: (id: string) => new ArmError(400, 'BadRequest', `Virtual network resource ${id} was not found.`),
  /** Code and message real (MicrosoftDocs/azure-aks-docs#212, Azure/ARO-RP#796, microsoft-foundry/foundry-samples#214); status 400 as a BadRequest (U). */
  overlappingNamespace: (zone: string, other: string) =>
    new ArmError(
      400,
      'BadRequest',
      `A virtual network cannot be linked to multiple zones with overlapping namespaces. You tried to link virtual network with '${zone}' and '${other}' zones.`,
    ),
  /** Rule: link name 1–80 chars [doc-names-old] (arm-facts §9); wording (U). */
  linkNameInvalid: (name: string) => new ArmError(400, 'BadRequest', `The virtual network link name '${name}' is invalid. It must be 1 to 80 characters long.`),
  /** Record-set shape rules from the spec (`ttl` int64, `aRecords[].ipv4Address`, SOA only as '@') [spec-pdns]; code and wording (U). */
  invalidRecordSet: (why: string) => new ArmError(400, 'BadRequest', why),
  /** Rule from the spec: "Record sets of type SOA cannot be deleted (they are deleted when the Private DNS zone is deleted)" [spec-pdns]; code and wording (U). */
  soaCannotBeDeleted: () => new ArmError(400, 'BadRequest', 'The SOA record set of a zone cannot be deleted.'),
};
