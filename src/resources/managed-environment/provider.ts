import { ContainerAppsAPIClient, type ManagedEnvironment } from '@azure/arm-appcontainers';
import { OperationalInsightsManagementClient } from '@azure/arm-operationalinsights';
import { parseResourceId, providerResourceId } from '../../arm/ids.js';
import { readOrUndefined, toArmCallError } from '../../arm/rest-errors.js';
import { KNOWN_AFTER_APPLY } from '../../core/plan.js';
import { mergeTags, normalizeLocation, tagFields } from '../common-provider.js';
import type { Comparable, KindEnv, KindProvider, ResolvedSpec } from '../kind.js';
import type { ManagedEnvironmentSpec } from './spec.js';

/**
 * The workspace's shared key, fetched only when the environment is written (the key is write-only on the
 * environment and is never compared, printed or logged).
 */
async function workspaceSharedKey(env: KindEnv, workspaceId: string): Promise<string> {
  const client = await env.arm.client(OperationalInsightsManagementClient);
  const { resourceGroup, names } = parseResourceId(workspaceId);
  try {
    const keys = await client.sharedKeys.getSharedKeys(resourceGroup!, names[0]);
    return keys.primarySharedKey!;
  } catch (e) {
    throw toArmCallError(`Reading the shared keys of workspace ${names[0]}`, e, workspaceId);
  }
}

async function appLogsConfiguration(env: KindEnv, r: ResolvedSpec<ManagedEnvironmentSpec>): Promise<ManagedEnvironment['appLogsConfiguration']> {
  if (!r.spec.logAnalyticsWorkspace) return undefined;
  const ws = r.refs.get(r.spec.logAnalyticsWorkspace);
  if (!ws.outputs) throw new Error(`internal: workspace ${ws.logicalName} has no outputs when ${r.logicalName} is written`);
  return {
    destination: 'log-analytics',
    logAnalyticsConfiguration: { customerId: ws.outputs.customerId, sharedKey: await workspaceSharedKey(env, ws.id) },
  };
}

export const managedEnvironmentProvider: KindProvider<ManagedEnvironmentSpec, ManagedEnvironment> = {
  resourceId: (r) => providerResourceId(r.subscriptionId, r.refs.get(r.spec.resourceGroup).name, 'Microsoft.App', 'managedEnvironments', r.spec.name),

  async read(env, id) {
    const client = await env.arm.client(ContainerAppsAPIClient);
    const { resourceGroup, names } = parseResourceId(id);
    return readOrUndefined('Container Apps environment', id, () => client.managedEnvironments.get(resourceGroup!, names[0]));
  },

  desired: (r) => {
    const d: Comparable = { location: r.location, ...tagFields(r.tags) };
    if (r.spec.logAnalyticsWorkspace) {
      d.logsDestination = 'log-analytics';
      d.logAnalyticsCustomerId = r.refs.get(r.spec.logAnalyticsWorkspace).outputs?.customerId ?? KNOWN_AFTER_APPLY;
    }
    if (r.spec.zoneRedundant !== undefined) d.zoneRedundant = r.spec.zoneRedundant;
    return d;
  },

  observed: (e) => ({
    location: normalizeLocation(e.location),
    logsDestination: e.appLogsConfiguration?.destination,
    logAnalyticsCustomerId: e.appLogsConfiguration?.logAnalyticsConfiguration?.customerId,
    zoneRedundant: e.zoneRedundant,
    ...tagFields(e.tags),
  }),

  async put(env, id, r, actual) {
    const client = await env.arm.client(ContainerAppsAPIClient);
    const { resourceGroup } = parseResourceId(id);
    const body: ManagedEnvironment = {
      location: r.location,
      tags: mergeTags(actual?.tags, r.tags),
      appLogsConfiguration: await appLogsConfiguration(env, r),
      zoneRedundant: r.spec.zoneRedundant ?? actual?.zoneRedundant,
    };
    try {
      // PUT 201/200 with Azure-AsyncOperation, no final-state-via: the poller re-reads the environment [spec-app].
      return await client.managedEnvironments.createOrUpdate(resourceGroup!, r.spec.name, body, env.arm.lroOptions());
    } catch (e) {
      throw toArmCallError(`Writing Container Apps environment ${r.spec.name}`, e, id);
    }
  },

  async delete(env, id) {
    const client = await env.arm.client(ContainerAppsAPIClient);
    const { resourceGroup, names } = parseResourceId(id);
    try {
      await client.managedEnvironments.delete(resourceGroup!, names[0], env.arm.lroOptions());
    } catch (e) {
      throw toArmCallError(`Deleting Container Apps environment ${names[0]}`, e, id);
    }
  },

  outputs: (e) => ({ id: e.id!, name: e.name!, defaultDomain: e.defaultDomain ?? '', staticIp: e.staticIp ?? '' }),

  tags: (e) => e.tags,
};
