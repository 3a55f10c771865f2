import { ContainerServiceClient, type ManagedCluster } from '@azure/arm-containerservice';
import { parseResourceId, providerResourceId } from '../../arm/ids.js';
import { armCall, isNotFound, readOrUndefined, toArmCallError } from '../../arm/rest-errors.js';
import { mergeTags, normalizeLocation, tagFields } from '../common-provider.js';
import type { Comparable, KindProvider, ResolvedSpec } from '../kind.js';
import { azurePolicyAddon, dnsModeOf, plannedRoleFor, type AksClusterSpec } from './spec.js';
import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { PrivateDnsManagementClient } from '@azure/arm-privatedns';
import type { Problem } from '../../core/errors.js';
import { rolesGranting } from '../role-assignment/roles.js';

function zoneValue(r: ResolvedSpec<AksClusterSpec>): string {
  const mode = dnsModeOf(r.spec);
  if (mode !== 'custom') return mode;
  return r.spec.privateDnsZone.startsWith('/subscriptions/') ? r.spec.privateDnsZone : r.refs.get(r.spec.privateDnsZone).id;
}

function subnetId(r: ResolvedSpec<AksClusterSpec>): string {
  return `${r.refs.get(r.spec.network.virtualNetwork).id}/subnets/${r.spec.network.subnet}`;
}

/** dnsPrefix by default; fqdnSubdomain is for custom zones only (arm-facts §10.2). */
function dnsNames(s: AksClusterSpec): { dnsPrefix?: string; fqdnSubdomain?: string } {
  if (s.fqdnSubdomain) return { fqdnSubdomain: s.fqdnSubdomain };
  return { dnsPrefix: s.dnsPrefix ?? s.name.replace(/_/g, '-').slice(0, 54) };
}

/** ARM keeps the add-on keys as written (`azurepolicy`, `azurePolicy`): matched without case. */
function addonProfile(c: ManagedCluster | undefined, key: string) {
  const profiles = c?.addonProfiles ?? {};
  const k = Object.keys(profiles).find((x) => x.toLowerCase() === key);
  return k ? profiles[k] : undefined;
}

/** The add-ons already there, with the declared ones set: a PUT without a profile would drop it. */
function addonProfiles(s: AksClusterSpec, actual: ManagedCluster | undefined): ManagedCluster['addonProfiles'] {
  const out: NonNullable<ManagedCluster['addonProfiles']> = {};
  for (const [k, v] of Object.entries(actual?.addonProfiles ?? {})) out[k] = { enabled: v.enabled, config: v.config };
  const policy = azurePolicyAddon(s);
  if (policy !== undefined) {
    for (const k of Object.keys(out)) if (k.toLowerCase() === 'azurepolicy') delete out[k];
    out.azurepolicy = { enabled: policy };
  }
  return Object.keys(out).length ? out : undefined;
}

function desiredOf(r: ResolvedSpec<AksClusterSpec>): Comparable {
  const s = r.spec;
  const d: Comparable = {
    location: r.location,
    privateCluster: true,
    privateDnsZone: zoneValue(r).toLowerCase(),
    identity: s.identity && s.identity !== 'system' ? r.refs.get(s.identity).id.toLowerCase() : 'system',
    networkPlugin: s.network.plugin,
    vnetSubnetId: subnetId(r).toLowerCase(),
    nodeCount: s.nodePool.count,
    ...dnsNames(s),
    ...tagFields(r.tags),
  };
  if (s.network.serviceCidr) Object.assign(d, { serviceCidr: s.network.serviceCidr, dnsServiceIP: s.network.dnsServiceIP });
  if (s.network.pluginMode) d.networkPluginMode = s.network.pluginMode;
  if (s.kubernetesVersion) d.kubernetesVersion = s.kubernetesVersion;
  if (s.nodePool.vmSize) d.vmSize = s.nodePool.vmSize;
  const policy = azurePolicyAddon(s);
  if (policy !== undefined) d['addons.azurePolicy'] = policy;
  return d;
}

export const aksClusterProvider: KindProvider<AksClusterSpec, ManagedCluster> = {
  resourceId: (r) => providerResourceId(r.subscriptionId, r.refs.get(r.spec.resourceGroup).name, 'Microsoft.ContainerService', 'managedClusters', r.spec.name),

  async read(env, id) {
    const client = await env.arm.client(ContainerServiceClient);
    const { resourceGroup, names } = parseResourceId(id);
    return readOrUndefined('AKS cluster', id, () => client.managedClusters.get(resourceGroup!, names[0]));
  },

  desired: desiredOf,

  observed: (c) => {
    const pool = c.agentPoolProfiles?.[0];
    const user = Object.keys(c.identity?.userAssignedIdentities ?? {})[0];
    return {
      location: normalizeLocation(c.location),
      privateCluster: c.apiServerAccessProfile?.enablePrivateCluster,
      privateDnsZone: c.apiServerAccessProfile?.privateDNSZone?.toLowerCase(),
      identity: user ? user.toLowerCase() : c.identity?.type === 'SystemAssigned' ? 'system' : c.identity?.type,
      networkPlugin: c.networkProfile?.networkPlugin,
      networkPluginMode: c.networkProfile?.networkPluginMode,
      vnetSubnetId: pool?.vnetSubnetID?.toLowerCase(),
      nodeCount: pool?.count,
      vmSize: pool?.vmSize,
      dnsPrefix: c.dnsPrefix,
      fqdnSubdomain: c.fqdnSubdomain,
      serviceCidr: c.networkProfile?.serviceCidr,
      dnsServiceIP: c.networkProfile?.dnsServiceIP,
      kubernetesVersion: c.kubernetesVersion,
      'addons.azurePolicy': addonProfile(c, 'azurepolicy')?.enabled ?? false,
      ...tagFields(c.tags),
    };
  },

  async put(env, id, r, actual) {
    const client = await env.arm.client(ContainerServiceClient);
    const { resourceGroup } = parseResourceId(id);
    const s = r.spec;
    const userIdentity = s.identity && s.identity !== 'system' ? r.refs.get(s.identity).id : undefined;
    const body: ManagedCluster = {
      location: r.location,
      tags: mergeTags(actual?.tags, r.tags),
      identity: userIdentity ? { type: 'UserAssigned', userAssignedIdentities: { [userIdentity]: {} } } : { type: 'SystemAssigned' },
      ...dnsNames(s),
      kubernetesVersion: s.kubernetesVersion ?? actual?.kubernetesVersion,
      agentPoolProfiles: [
        {
          name: s.nodePool.name ?? 'system',
          count: s.nodePool.count,
          vmSize: s.nodePool.vmSize ?? 'Standard_D2s_v5',
          mode: s.nodePool.mode ?? 'System',
          osType: 'Linux',
          type: 'VirtualMachineScaleSets',
          vnetSubnetID: subnetId(r),
          availabilityZones: s.nodePool.zones,
          maxPods: s.nodePool.maxPods,
        },
      ],
      networkProfile: {
        networkPlugin: s.network.plugin,
        networkPluginMode: s.network.pluginMode,
        serviceCidr: s.network.serviceCidr,
        dnsServiceIP: s.network.dnsServiceIP,
        podCidr: s.network.podCidr,
        loadBalancerSku: s.network.loadBalancerSku ?? 'standard',
      },
      addonProfiles: addonProfiles(s, actual),
      apiServerAccessProfile: {
        enablePrivateCluster: true,
        privateDNSZone: zoneValue(r),
        enablePrivateClusterPublicFqdn: s.enablePrivateClusterPublicFQDN,
      },
    };
    // PUT 201 Creating / 200 Updating with Azure-AsyncOperation; minutes in Azure [rec-1] [rec-2].
    // If-Match with the eTag that was read: a concurrent writer makes this a 412 and the engine compares again.
    const concurrency = actual?.eTag ? { ifMatch: actual.eTag } : {};
    return armCall(`Writing AKS cluster ${s.name}`, id, () => client.managedClusters.createOrUpdate(resourceGroup!, s.name, body, { ...env.arm.lroOptions(), ...concurrency }).pollUntilDone());
  },

  /**
   * A custom zone given by id must exist, and an identity that exists already must hold its two roles in
   * Azure unless the stack assigns them: AKS would otherwise fail minutes into the create with
   * CustomPrivateDNSZoneMissingPermission.
   */
  async preflight(env, r) {
    if (dnsModeOf(r.spec) !== 'custom') return [];
    const problems: Problem[] = [];
    const zoneId = zoneValue(r);
    if (r.spec.privateDnsZone.startsWith('/subscriptions/')) {
      const dns = await env.arm.client(PrivateDnsManagementClient);
      const z = parseResourceId(zoneId);
      if (!(await readOrUndefined('private DNS zone', zoneId, () => dns.privateZones.get(z.resourceGroup!, z.names[0])))) {
        problems.push({ field: 'privateDnsZone', reason: `zone ${zoneId} does not exist.`, fix: 'create it first (or declare it as a privateDnsZone of the stack), or fix the id.' });
      }
    }
    const identity = r.spec.identity && r.spec.identity !== 'system' ? r.refs.get(r.spec.identity) : undefined;
    if (!identity?.spec.existing || !identity.outputs?.principalId) return problems;
    const vnetId = r.refs.get(r.spec.network.virtualNetwork).id;
    const needs: [string, string[], string][] = [
      ['Private DNS Zone Contributor', [zoneId], r.spec.privateDnsZone],
      ['Network Contributor', [vnetId, subnetId(r)], r.spec.network.virtualNetwork],
    ];
    const auth = await env.arm.client(AuthorizationManagementClient);
    for (const [role, scopes, scopeName] of needs) {
      if (plannedRoleFor(env.stack.resources, r.spec.identity!, role, [scopeName, `${scopeName}/${r.spec.network.subnet}`])) continue;
      const granting = rolesGranting(role);
      let found = false;
      for (const scope of scopes) {
        try {
          for await (const a of auth.roleAssignments.listForScope(scope, { filter: `principalId eq '${identity.outputs.principalId}'` })) {
            if (granting.some((g) => a.roleDefinitionId?.toLowerCase().endsWith(g))) found = true;
          }
        } catch (e) {
          // A scope the stack has yet to create holds no assignment: that is the answer, not an error.
          if (!isNotFound(e)) throw toArmCallError(`Listing the role assignments on ${scope}`, e, scope);
        }
      }
      if (!found) {
        problems.push({
          field: 'identity',
          reason: `identity ${identity.name} does not hold ${role} on ${scopes[0]}.`,
          fix: `add it to the stack ({ kind: roleAssignment, role: ${role}, scope: ${scopeName}, principal: ${r.spec.identity} }) or run: az role assignment create --assignee-object-id ${identity.outputs.principalId} --assignee-principal-type ServicePrincipal --role "${role}" --scope ${scopes[0]}`,
        });
      }
    }
    return problems;
  },

  async delete(env, id) {
    const client = await env.arm.client(ContainerServiceClient);
    const { resourceGroup, names } = parseResourceId(id);
    await armCall(`Deleting AKS cluster ${names[0]}`, id, () => client.managedClusters.delete(resourceGroup!, names[0], env.arm.lroOptions()).pollUntilDone());
  },

  outputs: (c) => ({
    id: c.id!,
    name: c.name!,
    privateFQDN: c.privateFqdn ?? '',
    fqdn: c.fqdn ?? '',
    nodeResourceGroup: c.nodeResourceGroup ?? '',
    privateDnsZone: c.apiServerAccessProfile?.privateDNSZone ?? '',
    azurePolicyIdentity: addonProfile(c, 'azurepolicy')?.identity?.objectId ?? '',
  }),
  tags: (c) => c.tags,
};
