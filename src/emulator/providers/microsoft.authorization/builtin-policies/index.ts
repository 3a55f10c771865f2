/**
 * The built-in Kubernetes policy definitions and initiatives the emulator serves: unmodified copies of files of
 * Azure/azure-policy (MIT, Copyright (c) Microsoft Corporation) at commit f4a50bac ("Built-in Policy Release
 * 3.2026.0417.1"); `SOURCES.md` beside them lists each file, its repository path and display name. They keep their
 * real ids, names, display names, parameters (with the allowed effects) and rules.
 */
import AKS_AzurePolicyAddOn_Audit from './AKS_AzurePolicyAddOn_Audit.json' with { type: 'json' };
import AllowedHostPaths from './AllowedHostPaths.json' with { type: 'json' };
import AllowedSeccompProfile from './AllowedSeccompProfile.json' with { type: 'json' };
import AllowedUsersGroups from './AllowedUsersGroups.json' with { type: 'json' };
import AllowedVolumeTypes from './AllowedVolumeTypes.json' with { type: 'json' };
import BlockAutomountToken from './BlockAutomountToken.json' with { type: 'json' };
import BlockDefaultNamespace from './BlockDefaultNamespace.json' with { type: 'json' };
import BlockHostNamespace from './BlockHostNamespace.json' with { type: 'json' };
import ContainerAllowedCapabilities from './ContainerAllowedCapabilities.json' with { type: 'json' };
import ContainerAllowedImages from './ContainerAllowedImages.json' with { type: 'json' };
import ContainerDisallowedCapabilities from './ContainerDisallowedCapabilities.json' with { type: 'json' };
import ContainerNoPrivilege from './ContainerNoPrivilege.json' with { type: 'json' };
import ContainerNoPrivilegeEscalation from './ContainerNoPrivilegeEscalation.json' with { type: 'json' };
import ContainerResourceLimits from './ContainerResourceLimits.json' with { type: 'json' };
import ContainerResourceRequests from './ContainerResourceRequests.json' with { type: 'json' };
import Deploy_GitOps_Flux2_Extension_to_Kubernetes_cluster_DINE from './Deploy-GitOps-Flux2-Extension-to-Kubernetes-cluster_DINE.json' with { type: 'json' };
import HostNetworkPorts from './HostNetworkPorts.json' with { type: 'json' };
import ImagesDoNotUseLatest from './ImagesDoNotUseLatest.json' with { type: 'json' };
import IngressHttpsOnly from './IngressHttpsOnly.json' with { type: 'json' };
import LoadbalancerNoPublicIPs from './LoadbalancerNoPublicIPs.json' with { type: 'json' };
import ReadOnlyRootFileSystem from './ReadOnlyRootFileSystem.json' with { type: 'json' };
import ServiceAllowedPorts from './ServiceAllowedPorts.json' with { type: 'json' };
import PSPBaselineStandard from './PSPBaselineStandard.json' with { type: 'json' };
import PSPRestrictedStandard from './PSPRestrictedStandard.json' with { type: 'json' };

/** A built-in definition or initiative file as Azure/azure-policy ships it (`id`, `name`, `properties`). */
export interface BuiltInPolicyFile {
  id: string;
  name: string;
  properties: Record<string, any>;
}

export const BUILT_IN_POLICY_DEFINITIONS: readonly BuiltInPolicyFile[] = [
  AKS_AzurePolicyAddOn_Audit,
  AllowedHostPaths,
  AllowedSeccompProfile,
  AllowedUsersGroups,
  AllowedVolumeTypes,
  BlockAutomountToken,
  BlockDefaultNamespace,
  BlockHostNamespace,
  ContainerAllowedCapabilities,
  ContainerAllowedImages,
  ContainerDisallowedCapabilities,
  ContainerNoPrivilege,
  ContainerNoPrivilegeEscalation,
  ContainerResourceLimits,
  ContainerResourceRequests,
  Deploy_GitOps_Flux2_Extension_to_Kubernetes_cluster_DINE,
  HostNetworkPorts,
  ImagesDoNotUseLatest,
  IngressHttpsOnly,
  LoadbalancerNoPublicIPs,
  ReadOnlyRootFileSystem,
  ServiceAllowedPorts,
];

export const BUILT_IN_POLICY_SET_DEFINITIONS: readonly BuiltInPolicyFile[] = [
  PSPBaselineStandard,
  PSPRestrictedStandard,
];
