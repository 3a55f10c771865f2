import { ArmError } from '../../errors.js';

/**
 * Microsoft.ContainerService errors (arm-facts §10). Codes and messages with a source are cited; the others
 * are (U): arm-facts §13 lists no RP code for `dnsServiceIP` outside `serviceCidr` nor for
 * `dnsPrefix` + `fqdnSubdomain`, so those use `InvalidParameter`-style codes of our own choosing.
 */
export const ALLOWED_ZONE_FORMS = (region: string) =>
  `private.${region}.azmk8s.io,privatelink.${region}.azmk8s.io,[a-zA-Z0-9-]{1,32}.private.${region}.azmk8s.io,[a-zA-Z0-9-]{1,32}.privatelink.${region}.azmk8s.io`;

export const aksErrors = {
  /** Rule: the spec's `resourceName` pattern (managedClusters.json 2026-06-01) [cli-acs-validators]; code (U), the CLI's words. */
  invalidName: (name: string) =>
    new ArmError(400, 'InvalidParameter', `The cluster name '${name}' is invalid: it cannot exceed 63 characters and can only contain letters, numbers, underscores (_) or dashes (-), starting and ending with a letter or number.`, { target: 'resourceName' }),
  /**
   * 409 while another operation runs [issue-wi-417] [issue-cilium-25944]. Some clients report the same
   * situation as `AnotherOperationInProgress`; arm-facts §10.1 gives `OperationNotAllowed`, used here.
   */
  operationNotAllowed: (running: string) =>
    new ArmError(
      409,
      'OperationNotAllowed',
      `Operation is not allowed: Another operation (${running}) is in progress, please wait for it to finish before starting a new operation. See https://aka.ms/aks-pending-operation for more details`,
    ),
  /** [pr-cli-17430]: the CLI's rule; RP code and wording a known gap (arm-facts §13, U). */
  dnsPrefixAndSubdomain: () => new ArmError(400, 'InvalidParameter', 'DNSPrefix and FQDNSubdomain cannot be used at same time.', { target: 'properties.fqdnSubdomain' }),
  /**
   * A cluster without `dnsPrefix` (nor `fqdnSubdomain`): the service's answer to an empty prefix, code, message and
   * target as pulumi/pulumi-azure-native#571 shows them.
   */
  dnsPrefixRequired: () => aksErrors.invalidDnsPrefix(''),
  /** Same answer for a prefix outside the rule (1–54 letters, digits, '-'; [doc-names-old], terraform-provider-azurerm#20813). */
  invalidDnsPrefix: (p: string) =>
    new ArmError(
      400,
      'InvalidParameter',
      `The value of parameter dnsPrefix is invalid. Error details: DNS prefix '${p}' is invalid. DNS prefix must contain between 1 and 54 characters. Please see https://aka.ms/aks-naming-rules for more details.. Please see https://aka.ms/aks-naming-rules for more details.`,
      { target: 'dnsPrefix' },
    ),
  /** [doc-aks-private]; code and wording (U). */
  fqdnSubdomainNeedsCustomZone: () =>
    new ArmError(400, 'InvalidParameter', 'FQDNSubdomain can only be used with a private cluster that uses a custom private DNS zone.', { target: 'properties.fqdnSubdomain' }),
  /** [issue-docs-106092] [issue-docs-104092] (arm-facts §10.3). */
  invalidZoneId: (id: string, region: string) =>
    new ArmError(400, 'InvalidPrivateDNSZoneResourceID', `Invalid private dns zone resource id '${id}'. The private dns zone name must be one of: ${ALLOWED_ZONE_FORMS(region)}`, {
      target: 'properties.apiServerAccessProfile.privateDNSZone',
    }),
  /** Rule: a custom zone must exist for AKS to write its record [doc-aks-private]; code and wording (U). */
  zoneNotFound: (id: string) => new ArmError(400, 'PrivateDNSZoneNotFound', `Private DNS zone '${id}' was not found.`, { target: 'properties.apiServerAccessProfile.privateDNSZone' }),
  /** [doc-aks-private] (a system-assigned identity is not accepted for a custom zone; MicrosoftDocs/azure-docs#116667); code and wording (U). */
  customZoneNeedsUserIdentity: () =>
    new ArmError(
      400,
      'CustomPrivateDNSZoneRequiresUserAssignedIdentity',
      'A custom private DNS zone requires a user-assigned control plane identity or a service principal; a system-assigned identity is not supported with a custom private DNS zone.',
      { target: 'identity' },
    ),
  /** [doc-aks-private] [rec-2]; wording (U). */
  noneWithoutPublicFqdn: () =>
    new ArmError(400, 'InvalidParameter', "Private DNS zone 'none' is not supported together with enablePrivateClusterPublicFQDN false.", { target: 'properties.apiServerAccessProfile' }),
  /** [doc-aks-private] (only custom/system → none); wording (U). */
  zoneUpdateNotAllowed: (from: string, to: string) =>
    new ArmError(400, 'OperationNotAllowed', `Updating the private DNS zone from '${from}' to '${to}' is not supported. Only a custom zone or 'system' can be updated to 'none'.`, {
      target: 'properties.apiServerAccessProfile.privateDNSZone',
    }),
  /** Code [issue-docs-106092] for a value that is not a string; wording (U). */
  invalidPrivateDnsZoneValue: (v: unknown) => new ArmError(400, 'InvalidPrivateDNSZoneResourceID', `Invalid private dns zone resource id '${String(v)}'.`),
  /** Rule: the control-plane identity must exist [doc-aks-private] [rec-1]; code and wording (U). */
  identityNotFound: (id: string) => new ArmError(400, 'InvalidParameter', `The user assigned identity '${id}' was not found.`, { target: 'identity.userAssignedIdentities' }),
  /** Identity types of the spec's `ResourceIdentityType` enum [spec-aks], whose `None` (service-principal clusters) the emulator does not model: a gap; code and wording (U). */
  invalidIdentity: (why: string) => new ArmError(400, 'InvalidParameter', why, { target: 'identity' }),
  /** Rule: the node subnet must exist; code and wording (U). */
  subnetNotFound: (id: string) => new ArmError(400, 'InvalidParameter', `The subnet '${id}' referenced by agentPoolProfile.vnetSubnetID was not found.`, { target: 'properties.agentPoolProfiles.vnetSubnetID' }),
  /** Rule: a cluster needs a System pool (the spec gives no minItems; the service creates no default) — rule, code and wording (U). */
  agentPoolRequired: () => new ArmError(400, 'InvalidParameter', 'At least one agent pool profile (with mode System) is required.', { target: 'properties.agentPoolProfiles' }),
  /**
   * Rule from the spec's `dnsServiceIP` description ("must be within … serviceCidr", managedClusters.json
   * 2026-06-01); the code is a known gap (arm-facts §10.4/§13), the text follows the quoted "does not belong to the range" (U).
   */
  dnsServiceIpOutsideRange: (ip: string, cidr: string) =>
    new ArmError(400, 'InvalidDNSServiceIP', `The DNSServiceIP '${ip}' does not belong to the range of ServiceCidr '${cidr}'.`, { target: 'properties.networkProfile.dnsServiceIP' }),
  /** [issue-aks-2579]: the network address is rejected; wording (U). */
  dnsServiceIpIsNetworkAddress: (ip: string, cidr: string) =>
    new ArmError(400, 'InvalidDNSServiceIP', `The DNSServiceIP '${ip}' cannot be the network address of ServiceCidr '${cidr}'.`, { target: 'properties.networkProfile.dnsServiceIP' }),
  /** Rule: the spec's `serviceCidr`/`podCidr` pattern (managedClusters.json 2026-06-01); code and wording (U). */
  invalidCidr: (field: string, v: unknown) => new ArmError(400, 'InvalidParameter', `The value '${String(v)}' of ${field} is not a valid CIDR.`, { target: `properties.networkProfile.${field}` }),
  /** Real code and message (Azure/AKS#5662): overlay is a mode of Azure CNI only. */
  pluginModeWithKubenet: () =>
    new ArmError(400, 'UnsupportedNetworkPluginModeWithNetworkPlugin', 'NetworkPluginMode overlay is not supported with NetworkPlugin kubenet.', { target: 'networkProfile.networkpluginMode' }),
  /** Real code and message (Azure/AKS-Construction#403): a pod CIDR inside the cluster's VNet. */
  podCidrOverlapsVnet: (cidr: string, space: string) =>
    new ArmError(400, 'NetworkProfileCIDROverlapVNET', `NetworkProfile CIDR ${cidr} overlaps with reserved VNET CIDR ${space}`, { target: 'networkProfile.podCIDR' }),
  /** Code as the service answers it (Azure/AKS#1117, hashicorp/terraform-provider-azurerm#15711); wording (U). */
  serviceCidrOverlapsVnet: (cidr: string, space: string) =>
    new ArmError(400, 'ServiceCidrOverlapExistingSubnetsCidr', `The specified service CIDR ${cidr} is conflicted with an existing address space ${space} of the cluster's virtual network.`, {
      target: 'properties.networkProfile.serviceCidr',
    }),
};

/**
 * The late failure of a custom-zone cluster without the right roles. Real message seen in
 * Azure/Azure-Landing-Zones#2892 (the thread spells the code `customPrivateDNSZoneMissingPermission`).
 */
export function missingZonePermission(zoneId: string): { code: string; message: string } {
  return {
    code: 'CustomPrivateDNSZoneMissingPermission',
    message: `Service principal or user-assigned identity must be given permission to read and write to custom private dns zone ${zoneId}. Check access result not allowed for action Microsoft.Network/privateDnsZones/write.`,
  };
}

/** The same failure for the subnet (Network Contributor missing [doc-aks-private]); code as for the zone, wording (U). */
export function missingSubnetPermission(subnetId: string): { code: string; message: string } {
  return {
    code: 'CustomPrivateDNSZoneMissingPermission',
    message: `Service principal or user-assigned identity must be given permission to the virtual network or subnet ${subnetId} of a cluster with a custom private dns zone. Check access result not allowed for action Microsoft.Network/virtualNetworks/subnets/join/action.`,
  };
}
