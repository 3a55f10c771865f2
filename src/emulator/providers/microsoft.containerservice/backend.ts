import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EmulatorCore } from '../../core.js';
import type { OperationError, OperationRecord } from '../../lro.js';
import { type StoredResource, resourceKey } from '../../state.js';
import type { WriteContext } from '../../tracked.js';
import { ACCESS_SERVICE, type AccessService } from '../microsoft.authorization/index.js';
import { cidrOverlaps, formatIp, ipInCidr, parseCidr, parseIp } from '../microsoft.network/cidr.js';
import { PRIVATE_DNS_SERVICE, type PrivateDnsService, VNET_SERVICE, type VirtualNetworkService } from '../microsoft.network/index.js';
import { AGENT_POOL_DEFAULTS, CLUSTER_PROPERTY_DEFAULTS, effectiveOutboundIp, privateLinkServiceId, withDefaults } from './defaults.js';
import { aksErrors, missingSubnetPermission, missingZonePermission } from './errors.js';

/** Validation, computed properties and side effects (node resource group, DNS) of managed clusters (arm-facts §10). */

export const CLUSTER_TYPE = 'Microsoft.ContainerService/managedClusters';
const IDENTITY_TYPE = 'Microsoft.ManagedIdentity/userAssignedIdentities';
const RG_TYPE = 'Microsoft.Resources/resourceGroups';
export const DEFAULT_KUBERNETES_VERSION = '1.33.5';
export const PRIVATE_DNS_ZONE_CONTRIBUTOR = 'b12aa53e-6015-4669-85d0-8515ebb3ae7f';
export const NETWORK_CONTRIBUTOR = '4d97b98b-1d4f-4787-a291-c67834d212e7';

/** The spec's `resourceName` pattern (managedClusters.json 2026-06-01) [cli-acs-validators] [doc-names-old] (arm-facts §10.2). */
const CLUSTER_NAME = /^[a-zA-Z0-9]$|^[a-zA-Z0-9][-_a-zA-Z0-9]{0,61}[a-zA-Z0-9]$/;
/** 1–54 chars, letters, digits and '-': the service's own message (pulumi/pulumi-azure-native#571, terraform-provider-azurerm#20813) [doc-names-old]. */
const DNS_PREFIX = /^[a-zA-Z0-9]$|^[a-zA-Z0-9][-a-zA-Z0-9]{0,52}[a-zA-Z0-9]$/;
const ZONE_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/privateDnsZones\/([^/]+)$/i;

export function validateClusterName(name: string) {
  return CLUSTER_NAME.test(name) ? undefined : aksErrors.invalidName(name);
}

export type DnsMode = 'system' | 'none' | 'custom' | 'public';

/** What the secrets remember about a cluster: stable generated names and what it created. */
interface ClusterSecrets {
  hash?: string;
  privateHash?: string;
  portalHex?: string;
  systemZoneGuid?: string;
  kubelet?: { clientId: string; objectId: string };
  systemPrincipalId?: string;
  outboundIp?: { id: string };
  privateLinkServiceId?: string;
  effects?: { nodeRg?: string; systemZoneId?: string; record?: { zoneId: string; name: string }; zoneLinkId?: string; subnets?: string[] };
}

function dnsModeOf(props: Record<string, any>): { mode: DnsMode; zoneId?: string } {
  const ap = props.apiServerAccessProfile ?? {};
  if (ap.enablePrivateCluster !== true) return { mode: 'public' };
  const z = ap.privateDNSZone ?? 'system';
  const lower = String(z).toLowerCase();
  if (lower === 'system') return { mode: 'system' };
  if (lower === 'none') return { mode: 'none' };
  return { mode: 'custom', zoneId: String(z) };
}

/** Zone names AKS accepts for a region [doc-aks-private] [issue-docs-104092]. */
export function zoneNameAllowed(name: string, region: string): boolean {
  const r = region.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^(?:[a-zA-Z0-9-]{1,32}\\.)?(?:privatelink|private)\\.${r}\\.azmk8s\\.io$`, 'i').test(name);
}

function userIdentityIds(body: Record<string, any>): string[] {
  return Object.keys(body.identity?.userAssignedIdentities ?? {});
}

function subnetIds(props: Record<string, any>): string[] {
  const ids = (props.agentPoolProfiles ?? []).map((p: any) => p?.vnetSubnetID).filter((x: unknown): x is string => typeof x === 'string' && !!x);
  return [...new Map(ids.map((i: string) => [resourceKey(i), i])).values()] as string[];
}

function runningWord(op: OperationRecord): string {
  return op.kind === 'create' ? 'Creating' : op.kind === 'delete' ? 'Deleting' : 'Updating';
}

export function validateCluster(core: EmulatorCore) {
  return (c: WriteContext): void => {
    const running = core.lro.runningFor(c.resource.id)[0];
    if (running) throw aksErrors.operationNotAllowed(runningWord(running));
    if (c.req.method !== 'PUT') return; // UpdateTags: tags only
    const body = c.resource.body;
    const props = body.properties;
    const prev = c.existing?.body.properties;
    const region = String(body.location);

    // DNS names (arm-facts §10.2).
    if (props.dnsPrefix === undefined && props.fqdnSubdomain === undefined && prev) {
      if (prev.dnsPrefix !== undefined) props.dnsPrefix = prev.dnsPrefix;
      if (prev.fqdnSubdomain !== undefined) props.fqdnSubdomain = prev.fqdnSubdomain;
    }
    if (props.dnsPrefix && props.fqdnSubdomain) throw aksErrors.dnsPrefixAndSubdomain();
    if (!props.dnsPrefix && !props.fqdnSubdomain) throw aksErrors.dnsPrefixRequired();
    if (props.dnsPrefix && !DNS_PREFIX.test(String(props.dnsPrefix))) throw aksErrors.invalidDnsPrefix(String(props.dnsPrefix));
    if (props.fqdnSubdomain && !DNS_PREFIX.test(String(props.fqdnSubdomain))) throw aksErrors.invalidDnsPrefix(String(props.fqdnSubdomain));

    // Identity.
    const type = String(body.identity?.type ?? 'SystemAssigned');
    if (!['SystemAssigned', 'UserAssigned'].includes(type)) throw aksErrors.invalidIdentity(`The identity type '${type}' is not supported; use SystemAssigned or UserAssigned.`);
    if (type === 'UserAssigned') {
      const ids = userIdentityIds(body);
      if (ids.length !== 1) throw aksErrors.invalidIdentity('Exactly one user assigned identity is supported for the cluster control plane.');
      const r = core.state.get(ids[0]);
      if (!r || !r.visible || r.type !== IDENTITY_TYPE) throw aksErrors.identityNotFound(ids[0]);
    }

    // Private DNS zone (arm-facts §10.3).
    const ap = props.apiServerAccessProfile;
    if (ap?.privateDNSZone !== undefined && ap?.privateDNSZone !== null && typeof ap.privateDNSZone !== 'string') throw aksErrors.invalidPrivateDnsZoneValue(ap.privateDNSZone);
    const { mode, zoneId } = dnsModeOf(props);
    if (mode === 'custom') {
      const m = ZONE_ID.exec(zoneId!);
      if (!m || !zoneNameAllowed(m[1], region)) throw aksErrors.invalidZoneId(zoneId!, region);
      const zone = core.registry.service<PrivateDnsService>(PRIVATE_DNS_SERVICE)?.zone(zoneId!);
      if (!zone) throw aksErrors.zoneNotFound(zoneId!);
      if (type !== 'UserAssigned') throw aksErrors.customZoneNeedsUserIdentity();
    }
    if (props.fqdnSubdomain && mode !== 'custom' && !prev?.fqdnSubdomain) throw aksErrors.fqdnSubdomainNeedsCustomZone();
    const publicFqdn = ap?.enablePrivateClusterPublicFQDN;
    if (mode === 'none' && publicFqdn === false) {
      const was = prev?.apiServerAccessProfile;
      const unchanged = was && dnsModeOf(prev).mode === 'none' && was.enablePrivateClusterPublicFQDN === false;
      if (!unchanged) throw aksErrors.noneWithoutPublicFqdn();
    }
    if (prev) {
      const before = dnsModeOf(prev);
      const same = before.mode === mode && (mode !== 'custom' || resourceKey(before.zoneId!) === resourceKey(zoneId!));
      if (!same && !(mode === 'none' && (before.mode === 'system' || before.mode === 'custom'))) {
        throw aksErrors.zoneUpdateNotAllowed(before.zoneId ?? before.mode, zoneId ?? mode);
      }
    }

    // Agent pools and the network (arm-facts §10.4).
    if (!Array.isArray(props.agentPoolProfiles) || props.agentPoolProfiles.length === 0) throw aksErrors.agentPoolRequired();
    const vnets = core.registry.service<VirtualNetworkService>(VNET_SERVICE);
    const spaces: string[] = [];
    for (const id of subnetIds(props)) {
      const s = vnets?.subnet(id);
      if (!s) throw aksErrors.subnetNotFound(id);
      spaces.push(...s.vnetAddressSpaces);
    }
    const np = props.networkProfile ?? {};
    const serviceCidr = String(np.serviceCidr ?? '10.0.0.0/16');
    const svc = parseCidr(serviceCidr);
    // The spec's pattern only (managedClusters.json 2026-06-01): host bits set are not refused by any source.
    if (!svc) throw aksErrors.invalidCidr('serviceCidr', serviceCidr);
    const dnsIp = String(np.dnsServiceIP ?? formatIp(svc.base + 10));
    const ip = parseIp(dnsIp);
    if (ip === undefined || !ipInCidr(ip, svc)) throw aksErrors.dnsServiceIpOutsideRange(dnsIp, serviceCidr);
    if (ip === svc.base) throw aksErrors.dnsServiceIpIsNetworkAddress(dnsIp, serviceCidr);
    for (const sp of spaces) {
      const c2 = parseCidr(sp);
      if (c2 && cidrOverlaps(c2, svc)) throw aksErrors.serviceCidrOverlapsVnet(serviceCidr, sp);
    }
    if (np.podCidr !== undefined && !parseCidr(String(np.podCidr))) throw aksErrors.invalidCidr('podCidr', np.podCidr);
    if (String(np.networkPluginMode ?? '').toLowerCase() === 'overlay' && String(np.networkPlugin ?? 'kubenet').toLowerCase() === 'kubenet') throw aksErrors.pluginModeWithKubenet();
    const pod = np.podCidr !== undefined ? parseCidr(String(np.podCidr)) : undefined;
    for (const sp of pod ? spaces : []) {
      const c2 = parseCidr(sp);
      if (c2 && cidrOverlaps(c2, pod!)) throw aksErrors.podCidrOverlapsVnet(String(np.podCidr), sp);
    }
  };
}

const alnum8 = () => {
  const abc = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(8)].map((b) => abc[b % abc.length]).join('');
};

export function nodeResourceGroupName(rg: string, name: string, region: string): string {
  return `MC_${rg}_${name}_${region}`.slice(0, 80);
}

/** Server-computed properties; the shapes follow [rec-1] [rec-2]. */
export function computeCluster(core: EmulatorCore) {
  return (c: WriteContext): void => {
    if (c.req.method !== 'PUT') return;
    const r = c.resource;
    const body = r.body;
    const props = body.properties;
    const prev = c.existing?.body.properties ?? {};
    const s = r.secrets as ClusterSecrets;
    const region = String(body.location);
    s.hash ??= alnum8();
    s.privateHash ??= alnum8();
    s.portalHex ??= randomBytes(16).toString('hex');
    s.systemZoneGuid ??= randomUUID();

    // Identity.
    const type = String(body.identity?.type ?? 'SystemAssigned');
    if (type === 'SystemAssigned') {
      s.systemPrincipalId ??= randomUUID();
      body.identity = { type, principalId: s.systemPrincipalId, tenantId: core.config.tenantId };
    } else {
      const [id] = userIdentityIds(body);
      const ident = core.state.get(id)!;
      body.identity = { type, userAssignedIdentities: { [id]: { principalId: ident.body.properties.principalId, clientId: ident.body.properties.clientId } } };
    }
    props.servicePrincipalProfile = { clientId: 'msi' }; // clients crash without it ("What real clients require")

    // Versions, node group, kubelet identity.
    const version = String(props.kubernetesVersion || prev.kubernetesVersion || DEFAULT_KUBERNETES_VERSION);
    props.kubernetesVersion = version;
    props.currentKubernetesVersion = /^\d+\.\d+$/.test(version) ? `${version}.${DEFAULT_KUBERNETES_VERSION.split('.')[2]}` : version;
    props.powerState = { code: 'Running' };
    props.nodeResourceGroup = prev.nodeResourceGroup ?? props.nodeResourceGroup ?? nodeResourceGroupName(String(r.resourceGroup), String(body.name), region);
    s.kubelet ??= { clientId: randomUUID(), objectId: randomUUID() };
    props.identityProfile = {
      kubeletidentity: {
        resourceId: `/subscriptions/${r.subscriptionId}/resourcegroups/${props.nodeResourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${body.name}-agentpool`,
        clientId: s.kubelet.clientId,
        objectId: s.kubelet.objectId,
      },
    };
    // The Azure Policy add-on runs as an identity AKS creates in the node group (`addonProfiles.azurepolicy.identity`,
    // learn.microsoft.com azure/governance/policy/concepts/policy-for-kubernetes); the Policy Insights provider owns it.
    const addons = props.addonProfiles ?? {};
    const k = Object.keys(addons).find((x) => x.toLowerCase() === 'azurepolicy');
    if (k && addons[k]?.enabled) {
      const svc = core.registry.service<{ addonIdentity(c: { id: string; name: string; subscriptionId: string; nodeResourceGroup: string }): { resourceId: string; clientId: string; objectId: string } }>('microsoft.policyinsights/azurePolicyAddon');
      addons[k].config ??= null;
      addons[k].identity = svc?.addonIdentity({ id: r.id, name: String(body.name), subscriptionId: r.subscriptionId, nodeResourceGroup: String(props.nodeResourceGroup) });
    } else if (k) delete addons[k].identity;
    props.enableRBAC ??= true;
    props.maxAgentPools = 100;
    props.supportPlan ??= 'KubernetesOfficial';
    body.sku ??= { name: 'Base', tier: 'Free' };

    props.agentPoolProfiles = props.agentPoolProfiles.map((p: any, i: number) => ({
      name: i === 0 ? 'nodepool1' : `nodepool${i + 1}`,
      ...structuredClone(AGENT_POOL_DEFAULTS),
      ...p,
      orchestratorVersion: p.orchestratorVersion || props.currentKubernetesVersion,
      currentOrchestratorVersion: props.currentKubernetesVersion,
      nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202509.01.0',
      powerState: { code: 'Running' },
    }));

    // Network profile defaults [rec-1] [rec-2] (arm-facts §10.4).
    const np = (props.networkProfile ??= {});
    np.networkPlugin ??= 'kubenet';
    np.loadBalancerSku ??= 'standard';
    np.outboundType ??= 'loadBalancer';
    np.serviceCidr ??= '10.0.0.0/16';
    np.dnsServiceIP ??= formatIp(parseCidr(np.serviceCidr)!.base + 10);
    if (np.networkPlugin === 'kubenet' || np.networkPluginMode === 'overlay') np.podCidr ??= '10.244.0.0/16';
    np.loadBalancerProfile ??= { managedOutboundIPs: { count: 1 } };
    if (np.outboundType === 'loadBalancer' && np.loadBalancerProfile.managedOutboundIPs) {
      s.outboundIp ??= effectiveOutboundIp(r.subscriptionId, props.nodeResourceGroup);
      np.loadBalancerProfile.effectiveOutboundIPs = [s.outboundIp];
    }
    for (const [k, v] of Object.entries(CLUSTER_PROPERTY_DEFAULTS)) props[k] = withDefaults(props[k] ?? prev[k], v);
    np.serviceCidrs = [np.serviceCidr];
    if (np.podCidr) np.podCidrs = [np.podCidr];
    np.ipFamilies ??= ['IPv4'];

    // DNS names and FQDNs (arm-facts §10.2).
    const { mode, zoneId } = dnsModeOf(props);
    const label = props.dnsPrefix ? String(props.dnsPrefix).toLowerCase() : undefined;
    const publicName = label ? `${label}-${s.hash}.hcp.${region}.azmk8s.io` : undefined;
    delete props.fqdn;
    delete props.privateFQDN;
    if (mode === 'public') {
      props.fqdn = publicName;
      props.azurePortalFQDN = `${label}-${s.hash}.portal.hcp.${region}.azmk8s.io`;
    } else {
      const ap = props.apiServerAccessProfile;
      if (mode === 'system' || mode === 'none') ap.privateDNSZone = mode;
      ap.enablePrivateClusterPublicFQDN ??= true;
      props.azurePortalFQDN = `${s.portalHex}-priv.portal.hcp.${region}.azmk8s.io`;
      if (publicName && (ap.enablePrivateClusterPublicFQDN !== false || mode === 'none')) props.fqdn = publicName;
      if (mode === 'system') props.privateFQDN = `${label}-${s.privateHash}.${s.systemZoneGuid}.privatelink.${region}.azmk8s.io`;
      else if (mode === 'none') props.privateFQDN = publicName;
      else {
        const zoneName = ZONE_ID.exec(zoneId!)![1].toLowerCase();
        props.privateFQDN = props.fqdnSubdomain ? `${String(props.fqdnSubdomain).toLowerCase()}.${zoneName}` : `${label}-${s.privateHash}.${zoneName}`;
      }
      props.privateLinkResources = [
        { id: `${r.id}/privateLinkResources/management`, name: 'management', type: `${CLUSTER_TYPE}/privateLinkResources`, groupId: 'management', requiredMembers: ['management'] },
      ];
      // The create answer does not name the private link service yet, the update answer does [rec-2]: it
      // exists once the cluster has been provisioned (onClusterProvisioned), whichever write comes next.
      if (c.existing) s.privateLinkServiceId ??= privateLinkServiceId(r.subscriptionId, region);
      if (s.privateLinkServiceId) props.privateLinkResources[0].privateLinkServiceID = s.privateLinkServiceId;
    }
  };
}

/** Cluster `type` is spelled `ManagedClusters` in real bodies [rec-1]; agent pools mirror the cluster's state. */
export function presentCluster(b: Record<string, any>): Record<string, any> {
  b.type = 'Microsoft.ContainerService/ManagedClusters';
  const state = b.properties?.provisioningState;
  for (const p of b.properties?.agentPoolProfiles ?? []) p.provisioningState = state;
  return b;
}

/**
 * The late check of a custom-zone cluster: its control-plane identity must hold Private DNS Zone Contributor on
 * the zone and Network Contributor on the VNet/subnet, *effective* now (the access service honours the
 * propagation delay) [doc-aks-private] (arm-facts §10.3). The real service fails late, so the LRO ends Failed.
 */
export function checkClusterCompletion(core: EmulatorCore) {
  return (op: OperationRecord, r: StoredResource | undefined): OperationError | undefined => {
    if (!r || (op.kind !== 'create' && op.kind !== 'update')) return undefined;
    const props = r.body.properties;
    const { mode, zoneId } = dnsModeOf(props);
    if (mode !== 'custom') return undefined;
    const access = core.registry.service<AccessService>(ACCESS_SERVICE);
    const principal = Object.values(r.body.identity?.userAssignedIdentities ?? {}).map((v: any) => v?.principalId)[0];
    if (!access || !principal) return missingZonePermission(zoneId!);
    if (!access.hasRole(principal, PRIVATE_DNS_ZONE_CONTRIBUTOR, zoneId!)) return missingZonePermission(zoneId!);
    for (const s of subnetIds(props)) if (!access.hasRole(principal, NETWORK_CONTRIBUTOR, s)) return missingSubnetPermission(s);
    return undefined;
  };
}

function store(core: EmulatorCore, id: string, type: string, subscriptionId: string, resourceGroup: string, body: Record<string, any>, secrets: Record<string, any> = {}): void {
  const now = new Date().toISOString();
  const prev = core.state.get(id);
  core.state.put({ key: resourceKey(id), id, type, subscriptionId, resourceGroup, body, secrets, etag: core.newEtag(), createdTime: prev?.createdTime ?? now, changedTime: now, visible: true });
}

/** A stable 'private IP' for a cluster without a BYO subnet (AKS's own VNet is 10.224.0.0/12; U). */
function defaultIp(clusterId: string): string {
  const h = createHash('sha256').update(clusterId.toLowerCase()).digest();
  return `10.224.${h[0]}.${4 + (h[1] % 250)}`;
}

/**
 * Applies what a finished create/update makes exist: the node resource group (ARM creates it, `managedBy` the
 * cluster) with the kubelet identity, the subnet reservation, and the DNS records of the chosen mode:
 * `system` → a zone `<guid>.privatelink.<region>.azmk8s.io` in the node group, linked to the cluster's VNet,
 * with the API server's A record; custom → the zone linked to the cluster's VNet unless it already is, and
 * the A record in that zone; `none` → nothing. What the previous
 * mode created and the new one does not need is removed.
 */
export function onClusterProvisioned(core: EmulatorCore) {
  return (r: StoredResource): void => {
    const s = r.secrets as ClusterSecrets;
    const props = r.body.properties;
    const fx = (s.effects ??= {});
    const region = String(r.body.location);
    const dns = core.registry.service<PrivateDnsService>(PRIVATE_DNS_SERVICE);
    const vnets = core.registry.service<VirtualNetworkService>(VNET_SERVICE);

    if (props.privateLinkResources?.[0]) props.privateLinkResources[0].privateLinkServiceID = s.privateLinkServiceId ??= privateLinkServiceId(r.subscriptionId, region);

    const nodeRg = String(props.nodeResourceGroup);
    const rgId = `/subscriptions/${r.subscriptionId}/resourceGroups/${nodeRg}`;
    if (!core.state.get(rgId)) {
      store(core, rgId, RG_TYPE, r.subscriptionId, nodeRg, { id: rgId, name: nodeRg, type: RG_TYPE, location: region, managedBy: r.id, properties: { provisioningState: 'Succeeded' } });
    }
    fx.nodeRg = rgId;
    const kubeletId = `${rgId}/providers/${IDENTITY_TYPE}/${r.body.name}-agentpool`;
    if (!core.state.get(kubeletId)) {
      const k = s.kubelet!;
      store(
        core,
        kubeletId,
        IDENTITY_TYPE,
        r.subscriptionId,
        nodeRg,
        { id: kubeletId, name: `${r.body.name}-agentpool`, type: IDENTITY_TYPE, location: region, properties: { tenantId: core.config.tenantId, principalId: k.objectId, clientId: k.clientId } },
        { visibleAt: 0 },
      );
    }

    const subnets = subnetIds(props);
    for (const old of fx.subnets ?? []) if (!subnets.some((x) => resourceKey(x) === resourceKey(old))) vnets?.detach(old, r.id);
    let ip: string | undefined;
    for (const sn of subnets) ip ??= vnets?.attach(sn, r.id);
    fx.subnets = subnets;
    ip ??= defaultIp(r.id);

    const { mode, zoneId } = dnsModeOf(props);
    const fqdn = String(props.privateFQDN ?? '');
    // Drop what the previous mode made.
    if (fx.systemZoneId && mode !== 'system') {
      dns?.deleteZone(fx.systemZoneId);
      delete fx.systemZoneId;
    }
    if (fx.record && !(mode === 'custom' && resourceKey(fx.record.zoneId) === resourceKey(zoneId!))) {
      dns?.removeRecord(fx.record.zoneId, 'A', fx.record.name);
      delete fx.record;
    }
    if (fx.zoneLinkId && !(mode === 'custom' && resourceKey(fx.zoneLinkId).startsWith(resourceKey(zoneId!) + '/'))) {
      if (core.state.get(fx.zoneLinkId)) core.deleteTree(fx.zoneLinkId);
      delete fx.zoneLinkId;
    }
    if (dns && mode === 'system') {
      const zoneName = `${s.systemZoneGuid}.privatelink.${region}.azmk8s.io`;
      const id = dns.zone(`${rgId}/providers/Microsoft.Network/privateDnsZones/${zoneName}`)?.id ?? dns.createZone(r.subscriptionId, nodeRg, zoneName);
      const vnetId = subnets.length ? vnets?.subnet(subnets[0])?.vnetId : undefined;
      if (vnetId && !dns.zone(id)!.links.some((l) => resourceKey(l.virtualNetworkId) === resourceKey(vnetId))) {
        dns.linkVirtualNetwork(id, `${String(vnetId.split('/').pop())}-${s.systemZoneGuid!.slice(0, 8)}`, vnetId);
      }
      dns.setARecord(id, fqdn.slice(0, -(zoneName.length + 1)), [ip]);
      fx.systemZoneId = id;
    } else if (dns && mode === 'custom') {
      const zone = dns.zone(zoneId!);
      // With a zone of your own AKS links it to the cluster's VNet itself when no link exists yet
      // (Azure/AKS#2711, #4998): the reason the control plane needs Network Contributor on the VNet.
      // The link's name is not documented (U).
      const vnetId = subnets.length ? vnets?.subnet(subnets[0])?.vnetId : undefined;
      if (zone && vnetId && !zone.links.some((l) => resourceKey(l.virtualNetworkId) === resourceKey(vnetId))) {
        const suffix = createHash('sha256').update(r.id.toLowerCase()).digest('hex').slice(0, 8);
        fx.zoneLinkId = dns.linkVirtualNetwork(zone.id, `${String(vnetId.split('/').pop())}-${suffix}`, vnetId);
      }
      if (zone) {
        const name = fqdn.toLowerCase().endsWith(`.${zone.name.toLowerCase()}`) ? fqdn.slice(0, -(zone.name.length + 1)) : fqdn.split('.')[0];
        dns.setARecord(zone.id, name, [ip]);
        fx.record = { zoneId: zone.id, name };
      }
    }
    core.state.changed();
  };
}

/** Deleting the cluster removes what it created: its A record in a custom zone, the subnet reservation, the node group (and with it the system zone). */
export function onClusterDelete(core: EmulatorCore) {
  return (r: StoredResource): void => {
    const fx = (r.secrets as ClusterSecrets).effects;
    if (!fx) return;
    const dns = core.registry.service<PrivateDnsService>(PRIVATE_DNS_SERVICE);
    const vnets = core.registry.service<VirtualNetworkService>(VNET_SERVICE);
    if (fx.record) dns?.removeRecord(fx.record.zoneId, 'A', fx.record.name);
    // (U) whether AKS removes a link it made is not documented; the emulator removes what it made.
    if (fx.zoneLinkId && core.state.get(fx.zoneLinkId)) core.deleteTree(fx.zoneLinkId);
    for (const sn of fx.subnets ?? []) vnets?.detach(sn, r.id);
    if (fx.systemZoneId) dns?.deleteZone(fx.systemZoneId);
    if (fx.nodeRg && core.state.get(fx.nodeRg)) core.deleteTree(fx.nodeRg);
  };
}
