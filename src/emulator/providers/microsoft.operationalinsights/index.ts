import { acceptedVersions } from '../../api-versions.js';
import type { EmulatorCore } from '../../core.js';
import { WORKSPACE_KEYS_SERVICE, type WorkspaceKeysService } from '../../registry.js';
import { registerResourceType } from '../../tracked.js';
import { API_VERSIONS } from './api-versions.js';
import { WORKSPACE_TYPE, computeWorkspace, sharedKeys, validateWorkspace, validateWorkspaceName } from './backend.js';
import { workspaceActions } from './handlers.js';

/**
 * Microsoft.OperationalInsights workspaces [spec-la] (arm-facts §3):
 * - PUT → 201 `provisioningState: Creating` with `Location` = the resource URL: the SDK poller finishes on
 *   the first poll that answers 200 ([core-lro], arm-facts §1.2); replace → 200;
 * - PATCH → 200 synchronous; DELETE → 200 (absent: 204);
 * - lists answer in one page (`nextLinkName: null`); `POST …/sharedKeys` → 200 `{primarySharedKey, secondarySharedKey}`.
 */
export function registerOperationalInsightsProvider(core: EmulatorCore): void {
  const actions = workspaceActions(core);
  registerResourceType(core, {
    type: WORKSPACE_TYPE,
    item: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.OperationalInsights/workspaces/{workspaceName}',
    listBySubscription: '/subscriptions/{subscriptionId}/providers/Microsoft.OperationalInsights/workspaces',
    singlePageList: true,
    apiVersions: acceptedVersions(API_VERSIONS, WORKSPACE_TYPE),
    etag: true,
    create: { mode: 'location', locationTarget: 'resource', status: 201, provisioningState: 'Creating', durationKey: `${WORKSPACE_TYPE}:create` },
    replace: { mode: 'location', locationTarget: 'resource', status: 200, provisioningState: 'Updating', durationKey: `${WORKSPACE_TYPE}:update` },
    patch: { mode: 'sync', status: 200, durationKey: `${WORKSPACE_TYPE}:update` },
    delete: { mode: 'sync', status: 200, absentStatus: 204, durationKey: `${WORKSPACE_TYPE}:delete` },
    validateName: validateWorkspaceName,
    validate: validateWorkspace,
    compute: computeWorkspace,
    actions: { sharedKeys: actions.sharedKeys, regenerateSharedKey: actions.regenerateSharedKey },
  });

  const service: WorkspaceKeysService = {
    byCustomerId(customerId) {
      const id = customerId.toLowerCase();
      const r = core.state.all().find((x) => x.type === WORKSPACE_TYPE && x.visible && String(x.body.properties?.customerId).toLowerCase() === id);
      return r ? { id: r.id, ...sharedKeys(r) } : undefined;
    },
  };
  core.registry.provide(WORKSPACE_KEYS_SERVICE, service);
}
