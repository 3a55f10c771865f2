import { randomUUID } from 'node:crypto';
import type { EmulatorCore } from '../../core.js';
import { resourceKey } from '../../state.js';

/**
 * How the emulator decides compliance, per (assignment, member definition, cluster). Only AKS clusters are
 * evaluated (the Kubernetes built-ins target `Microsoft.ContainerService/managedClusters`):
 * - `Microsoft.Kubernetes.Data` definitions are evaluated by the Azure Policy add-on in the cluster, so only on
 *   clusters with `addonProfiles.azurepolicy.enabled` (learn.microsoft.com policy-for-kubernetes: the add-on reports
 *   audit results to Azure Policy); Compliant unless `setViolations()` reports violations for it.
 * - AKS_AzurePolicyAddOn_Audit (0a15ec92-…): Compliant iff the add-on is enabled (its rule).
 * - Deploy-GitOps-Flux2 (f9175d5f-…): Compliant iff the cluster has a `microsoft.flux` extension (its
 *   existenceCondition).
 * - `Disabled` effects are not evaluated. Other definitions: Compliant (U).
 * Results appear after an evaluation delay: "around five minutes" after an assignment (learn.microsoft.com
 * get-compliance-data, evaluation triggers) × `latencyScale` with the realistic profile; with the instant profile
 * after `pollsToComplete` summarize calls that include the assignment.
 */

export const EVALUATION_DELAY_MS = 5 * 60_000;
export const CLUSTER_TYPE = 'Microsoft.ContainerService/managedClusters';
const EXTENSION_TYPE = 'Microsoft.KubernetesConfiguration/extensions';
const ADDON_AUDIT = '0a15ec92-a229-4763-bb14-0ea34a568f8d';
const FLUX_DINE = 'f9175d5f-abc8-1dc3-bd3c-5d7476ada3d1';

export const POLICY_INSIGHTS_BEHAVIOUR_SERVICE = 'microsoft.policyinsights/behaviour';
export const AZURE_POLICY_ADDON_SERVICE = 'microsoft.policyinsights/azurePolicyAddon';

export interface PolicyInsightsBehaviourService {
  /** Reports `count` violating objects in a cluster for one definition (GUID or id; `*`: every Kubernetes.Data definition); 0 clears. */
  setViolations(clusterId: string, policyDefinition: string, count: number): void;
}

/**
 * What the AKS provider can call to fill `addonProfiles.azurepolicy.identity` (readOnly in the AKS spec,
 * ManagedClusterAddonProfileIdentity): Azure creates a user-assigned identity `azurepolicy-{cluster}` in the node
 * resource group and answers `{resourceId: "/subscriptions/…/resourcegroups/MC_…/providers/Microsoft.ManagedIdentity/
 * userAssignedIdentities/azurepolicy-{cluster}", clientId, objectId}` with `config: null` (public `az aks show` outputs).
 */
export interface AzurePolicyAddonService {
  /** The add-on identity of a cluster, stable for its id: `azurepolicy-{cluster}` in the node resource group. */
  addonIdentity(cluster: { id: string; name: string; subscriptionId: string; nodeResourceGroup: string }): { resourceId: string; clientId: string; objectId: string };
  /** Whether the cluster's ARM view has `addonProfiles.azurepolicy.enabled` (case-insensitive key). */
  isEnabled(clusterId: string): boolean;
}

export interface MemberInfo {
  policyDefinitionId: string;
  mode?: string;
  effect: string;
}

export function createEvaluation(core: EmulatorCore) {
  const violations = new Map<string, number>();
  const identities = new Map<string, { resourceId: string; clientId: string; objectId: string }>();
  const reads = new Map<string, number>();

  const addonEnabled = (clusterId: string): boolean => {
    const c = core.state.get(clusterId);
    const profiles: Record<string, any> = c?.body.properties?.addonProfiles ?? {};
    const k = Object.keys(profiles).find((x) => x.toLowerCase() === 'azurepolicy');
    return !!(k && profiles[k]?.enabled);
  };
  const hasFlux = (clusterId: string): boolean =>
    core.childrenOfType(clusterId, EXTENSION_TYPE).some((e) => String(e.body.properties?.extensionType).toLowerCase() === 'microsoft.flux' && e.body.properties?.provisioningState === 'Succeeded');

  const behaviour: PolicyInsightsBehaviourService = {
    setViolations(clusterId, policyDefinition, count) {
      if (!core.state.get(clusterId)?.visible) throw new Error(`setViolations: no cluster ${clusterId}`);
      const key = `${resourceKey(clusterId)}|${policyDefinition.split('/').pop()!.toLowerCase()}`;
      if (count > 0) violations.set(key, count);
      else violations.delete(key);
    },
  };

  const addon: AzurePolicyAddonService = {
    addonIdentity(cluster) {
      const k = resourceKey(cluster.id);
      let id = identities.get(k);
      if (!id) {
        id = {
          resourceId: `/subscriptions/${cluster.subscriptionId}/resourcegroups/${cluster.nodeResourceGroup}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/azurepolicy-${cluster.name}`,
          clientId: randomUUID(),
          objectId: randomUUID(),
        };
        identities.set(k, id);
      }
      return structuredClone(id);
    },
    isEnabled: addonEnabled,
  };

  return {
    behaviour,
    addon,
    /** Whether an assignment's results are available yet; each call counts as one read with the instant profile. */
    evaluated(assignmentId: string, assignedAt: number): boolean {
      if (core.latency.profile === 'realistic') return Date.now() >= assignedAt + EVALUATION_DELAY_MS * core.latency.scale;
      const k = `${resourceKey(assignmentId)}@${assignedAt}`;
      const n = reads.get(k) ?? 0;
      reads.set(k, n + 1);
      return n >= Math.max(1, core.latency.pollsToComplete);
    },
    /** 'compliant' | 'noncompliant', or undefined when this member is not evaluated on this cluster. */
    state(member: MemberInfo, clusterId: string): 'compliant' | 'noncompliant' | undefined {
      if (member.effect.toLowerCase() === 'disabled') return undefined;
      const guid = member.policyDefinitionId.split('/').pop()!.toLowerCase();
      if (guid === ADDON_AUDIT) return addonEnabled(clusterId) ? 'compliant' : 'noncompliant';
      if (guid === FLUX_DINE) return hasFlux(clusterId) ? 'compliant' : 'noncompliant';
      if (member.mode === 'Microsoft.Kubernetes.Data') {
        if (!addonEnabled(clusterId)) return undefined;
        const k = resourceKey(clusterId);
        return (violations.get(`${k}|${guid}`) ?? violations.get(`${k}|*`) ?? 0) > 0 ? 'noncompliant' : 'compliant';
      }
      return 'compliant';
    },
    clustersUnder(scope: string, notScopes: string[]): string[] {
      const s = resourceKey(scope);
      const excluded = notScopes.map(resourceKey);
      const t = CLUSTER_TYPE.toLowerCase();
      return core.state
        .all()
        .filter((r) => r.visible && r.type.toLowerCase() === t && (r.key === s || r.key.startsWith(s + '/')) && !excluded.some((x) => r.key === x || r.key.startsWith(x + '/')))
        .map((r) => r.id);
    },
  };
}
