import type { EmulatorCore } from '../../core.js';
import { REGIONS } from '../../core.js';
import { regionDisplayName as displayName } from '../../regions.js';
import type { ArmRequest, ArmResponse } from '../../router.js';
import { parseFilter } from '../../tracked-helpers.js';
import { matchesFilter, presentGeneric, presentResourceGroup } from './backend.js';

/** Request handlers of Microsoft.Resources beyond the generic resource-group handler. */

const RG_TYPE = 'Microsoft.Resources/resourceGroups';

export function subscriptionBody(core: EmulatorCore): Record<string, unknown> {
  const { subscriptionId, tenantId } = core.config;
  return {
    id: `/subscriptions/${subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId,
    tenantId,
    displayName: 'azprov emulator',
    state: 'Enabled',
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'PayAsYouGo_2014-09-01', spendingLimit: 'Off' },
  };
}

export function handlers(core: EmulatorCore) {
  return {
    listSubscriptions(req: ArmRequest): ArmResponse {
      return { status: 200, body: { value: [subscriptionBody(core)], count: { type: 'Total', value: 1 } } };
    },
    getSubscription(_req: ArmRequest): ArmResponse {
      return { status: 200, body: subscriptionBody(core) };
    },
    listTenants(_req: ArmRequest): ArmResponse {
      const { tenantId } = core.config;
      return { status: 200, body: { value: [{ id: `/tenants/${tenantId}`, tenantId, tenantCategory: 'Home', displayName: 'azprov emulator', defaultDomain: 'azprov.local' }] } };
    },
    listLocations(_req: ArmRequest): ArmResponse {
      const sub = core.config.subscriptionId;
      const value = REGIONS.map((name) => ({ id: `/subscriptions/${sub}/locations/${name}`, name, displayName: displayName(name), regionalDisplayName: displayName(name), type: 'Region' }));
      return { status: 200, body: { value } };
    },
    /** `GET /subscriptions/{sub}/resourcegroups` with `$filter=tagName eq 'k' and tagValue eq 'v'` and paging [spec-rg]. */
    listResourceGroups(req: ArmRequest): ArmResponse {
      const clauses = parseFilter(req.query.get('$filter'));
      const items = core
        .childrenOfType(`/subscriptions/${req.params.subscriptionId}`, RG_TYPE)
        .filter((r) => matchesFilter(r, clauses))
        .map((r) => presentResourceGroup(r.body));
      return { status: 200, body: core.page(req, items) };
    },
    /**
     * Generic resources (`/resources`), subscription-wide or in a group: top-level resources only, with `$filter`,
     * `$expand` and paging. Filtered by tag, the results carry no tags [spec-rg].
     */
    listResources(req: ArmRequest): ArmResponse {
      const { subscriptionId, resourceGroupName } = req.params;
      let scope = `/subscriptions/${subscriptionId}`;
      if (resourceGroupName !== undefined) scope = core.requireResourceGroup(subscriptionId, resourceGroupName).id;
      const filter = req.query.get('$filter');
      const clauses = parseFilter(filter);
      const expand = new Set((req.query.get('$expand') ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean));
      const byTag = clauses.some((c) => c.field === 'tagname' || c.field === 'tagvalue');
      const prefix = scope.toLowerCase() + '/';
      const items = core.state
        .all()
        .filter((r) => r.visible && r.type !== RG_TYPE && r.key.startsWith(prefix) && r.type.split('/').length === 2)
        .filter((r) => matchesFilter(r, clauses))
        .map((r) => presentGeneric(r, expand, !byTag));
      return { status: 200, body: core.page(req, items) };
    },
  };
}
