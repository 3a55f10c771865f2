import { OperationalInsightsManagementClient, type Workspace } from '@azure/arm-operationalinsights';
import { parseResourceId, providerResourceId } from '../../arm/ids.js';
import { readOrUndefined, toArmCallError } from '../../arm/rest-errors.js';
import { mergeTags, normalizeLocation, tagFields } from '../common-provider.js';
import type { Comparable, KindProvider } from '../kind.js';
import type { LogAnalyticsWorkspaceSpec } from './spec.js';

const DEFAULT_SKU = 'PerGB2018';

export const logAnalyticsWorkspaceProvider: KindProvider<LogAnalyticsWorkspaceSpec, Workspace> = {
  resourceId: (r) =>
    providerResourceId(r.subscriptionId, r.refs.get(r.spec.resourceGroup).name, 'Microsoft.OperationalInsights', 'workspaces', r.spec.name),

  async read(env, id) {
    const client = await env.arm.client(OperationalInsightsManagementClient);
    const { resourceGroup, names } = parseResourceId(id);
    return readOrUndefined('Log Analytics workspace', id, () => client.workspaces.get(resourceGroup!, names[0]));
  },

  desired: (r) => {
    const d: Comparable = { location: r.location, sku: r.spec.sku ?? DEFAULT_SKU, ...tagFields(r.tags) };
    if (r.spec.retentionInDays !== undefined) d.retentionInDays = r.spec.retentionInDays;
    return d;
  },

  observed: (w) => ({ location: normalizeLocation(w.location), sku: w.sku?.name, retentionInDays: w.retentionInDays, ...tagFields(w.tags) }),

  async put(env, id, r, actual) {
    const client = await env.arm.client(OperationalInsightsManagementClient);
    const { resourceGroup } = parseResourceId(id);
    try {
      // PUT answers 201 Creating with Location = the resource itself; the poller finishes when it reads 200 [spec-la] [rec-x-dapr-e2e].
      return await client.workspaces.createOrUpdate(
        resourceGroup!,
        r.spec.name,
        {
          location: r.location,
          tags: mergeTags(actual?.tags, r.tags),
          sku: { name: r.spec.sku ?? DEFAULT_SKU },
          retentionInDays: r.spec.retentionInDays ?? actual?.retentionInDays,
        },
        env.arm.lroOptions(),
      );
    } catch (e) {
      throw toArmCallError(`Writing Log Analytics workspace ${r.spec.name}`, e, id);
    }
  },

  async delete(env, id) {
    const client = await env.arm.client(OperationalInsightsManagementClient);
    const { resourceGroup, names } = parseResourceId(id);
    try {
      await client.workspaces.delete(resourceGroup!, names[0], env.arm.lroOptions());
    } catch (e) {
      throw toArmCallError(`Deleting Log Analytics workspace ${names[0]}`, e, id);
    }
  },

  outputs: (w) => ({ id: w.id!, name: w.name!, customerId: w.customerId! }),

  tags: (w) => w.tags,
};
