import { acceptedVersions } from '../../api-versions.js';
import type { EmulatorCore } from '../../core.js';
import type { ArmRequest, Route } from '../../router.js';
import { type WriteContext, registerResourceType } from '../../tracked.js';
import { API_VERSIONS } from './api-versions.js';
import { ENVIRONMENT_TYPE, computeEnvironment, validateEnvironment, validateEnvironmentName } from './backend.js';
import { computeContainerApp, listAppSecrets, onContainerAppProvisioned, startStop, validateContainerApp, validateContainerAppName } from './container-app.js';
import { DAPR_COMPONENT_TYPE, computeDaprComponent, listDaprSecrets, validateDaprComponent, validateDaprComponentName } from './dapr.js';
import { appErrors } from './errors.js';
import { containerAppResultPath, containerAppStatusPath, environmentResultPath, environmentStatusPath } from './handlers.js';
import { APP_TYPE, registerRevisions } from './revisions.js';
import { registerAppRuntime } from './runtime.js';

export { REVISION_HOOKS_SERVICE, type RevisionHooksService, type RevisionState, labelFqdn } from './revisions.js';
export { APP_RUNTIME_SERVICE, type AppRuntimeService, type HostTarget } from './runtime.js';
export { FAIL_RATE_VAR, LATENCY_VAR, UNHEALTHY_VAR, WELCOME_VAR, type EffectiveBehaviour, type RevisionBehaviour } from './behaviour.js';

const ENV_ITEM = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.App/managedEnvironments/{environmentName}';
const APP_ITEM = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.App/containerApps/{containerAppName}';

/**
 * Microsoft.App [spec-app] (arm-facts §4):
 * - managedEnvironments: PUT → 201 (create) / 200 (update) with `Azure-AsyncOperation`, `provisioningState:
 *   Waiting`; the status body says `InProgress` then `Succeeded` [rec-x-ps-containerapp]; PATCH → 202 with
 *   `Azure-AsyncOperation` and `Location`; DELETE → 202 `Location` (absent: 204), refused (409, U) while
 *   container apps use the environment; its Dapr components go with it.
 * - managedEnvironments/daprComponents: PUT 200 sync (create and update), DELETE 204, listSecrets [rec-6].
 * - containerApps: PUT → 201 / 200 with `Azure-AsyncOperation` (`containerappOperationStatuses`),
 *   `provisioningState: InProgress`, `latestRevisionName: ""`, Retry-After 5 in the realistic profile
 *   [rec-x-ps-containerapp]; PATCH 202 (both headers); DELETE 202 `Location` (absent 204); POST start/stop
 *   202 `Location`; listSecrets 200.
 * - containerApps/revisions: list/get, activate/deactivate/restart 200 sync [rec-5] (see revisions.ts).
 * - the apps runtime (runtime.ts, behaviour.ts): which revision a Host header reaches on the apps HTTP
 *   server and how its built-in app behaves (`AZPROV_EMULATOR_*` env vars, behaviour overrides).
 * A write to a Dapr component or a container app while an environment operation runs → 409
 * `ManagedEnvironmentOperationInProgress` [issue-aspire] (arm-facts §4.1).
 */
export function registerAppProvider(core: EmulatorCore): void {
  const key = (type: string, op: string) => `${type}:${op}`;
  registerResourceType(withEnvironmentDeleteGuard(core), {
    type: ENVIRONMENT_TYPE,
    item: ENV_ITEM,
    listBySubscription: '/subscriptions/{subscriptionId}/providers/Microsoft.App/managedEnvironments',
    apiVersions: acceptedVersions(API_VERSIONS, ENVIRONMENT_TYPE),
    create: { mode: 'azure-async', status: 201, provisioningState: 'Waiting', inProgressWord: 'InProgress', durationKey: key(ENVIRONMENT_TYPE, 'create'), minRetryAfterSeconds: 5 },
    replace: { mode: 'azure-async', status: 200, provisioningState: 'Waiting', inProgressWord: 'InProgress', durationKey: key(ENVIRONMENT_TYPE, 'update'), minRetryAfterSeconds: 5 },
    patch: { mode: 'both', status: 202, provisioningState: 'Waiting', inProgressWord: 'InProgress', durationKey: key(ENVIRONMENT_TYPE, 'update'), minRetryAfterSeconds: 5 },
    delete: { mode: 'location', status: 202, absentStatus: 204, provisioningState: 'ScheduledForDelete', durationKey: key(ENVIRONMENT_TYPE, 'delete'), minRetryAfterSeconds: 5 },
    statusPath: environmentStatusPath,
    resultPath: environmentResultPath,
    validateName: validateEnvironmentName,
    validate: validateEnvironment,
    compute: computeEnvironment,
  });

  registerResourceType(core, {
    type: DAPR_COMPONENT_TYPE,
    item: `${ENV_ITEM}/daprComponents/{componentName}`,
    apiVersions: acceptedVersions(API_VERSIONS, DAPR_COMPONENT_TYPE),
    tracked: false,
    create: { mode: 'sync', status: 200, durationKey: key(DAPR_COMPONENT_TYPE, 'create') },
    replace: { mode: 'sync', status: 200, durationKey: key(DAPR_COMPONENT_TYPE, 'update') },
    // The real service answers 204 for a deleted component [rec-6]; the spec allows 200/204.
    delete: { mode: 'sync', status: 204, absentStatus: 204, durationKey: key(DAPR_COMPONENT_TYPE, 'delete') },
    validateName: validateDaprComponentName,
    validate: (c) => {
      requireIdleEnvironment(c, c.resource.id.replace(/\/daprComponents\/[^/]+$/i, ''));
      validateDaprComponent(c);
    },
    compute: computeDaprComponent,
    actions: { listSecrets: listDaprSecrets },
  });

  const { nextState } = registerRevisions(core);
  registerAppRuntime(core);
  const spec = (mode: 'azure-async' | 'both' | 'location', status: number, op: string, provisioningState: string) => ({
    mode,
    status,
    provisioningState,
    inProgressWord: 'InProgress',
    durationKey: key(APP_TYPE, op),
    minRetryAfterSeconds: 5, // Retry-After: 5 [rec-x-ps-containerapp], scaled by latencyScale
  });
  registerResourceType(core, {
    type: APP_TYPE,
    item: APP_ITEM,
    listBySubscription: '/subscriptions/{subscriptionId}/providers/Microsoft.App/containerApps',
    apiVersions: acceptedVersions(API_VERSIONS, APP_TYPE),
    create: spec('azure-async', 201, 'create', 'InProgress'),
    replace: spec('azure-async', 200, 'update', 'InProgress'),
    patch: spec('both', 202, 'update', 'InProgress'),
    delete: { ...spec('location', 202, 'delete', 'Deleting'), absentStatus: 204 },
    statusPath: containerAppStatusPath,
    resultPath: containerAppResultPath,
    validateName: validateContainerAppName,
    validate: validateContainerApp,
    compute: computeContainerApp,
    onProvisioned: onContainerAppProvisioned(core, nextState),
    actions: { listSecrets: listAppSecrets, start: startStop(core, 'Running'), stop: startStop(core, 'Stopped') },
  });
}

/** 409 while an operation runs on the environment [issue-aspire] (arm-facts §4.1; status and message U). */
function requireIdleEnvironment(c: WriteContext, envId: string): void {
  const env = c.core.state.get(envId);
  if (env && c.core.lro.runningFor(env.id).length) throw appErrors.environmentOperationInProgress(String(env.body.name));
}

/** The environment's DELETE answers 409 while container apps still use it (U: see appErrors.environmentHasApps). */
function withEnvironmentDeleteGuard(core: EmulatorCore): EmulatorCore {
  const guard = (req: ArmRequest) => {
    const envId = `/subscriptions/${req.params.subscriptionId}/resourceGroups/${req.params.resourceGroupName}/providers/Microsoft.App/managedEnvironments/${req.params.environmentName}`.toLowerCase();
    const apps = core.state
      .all()
      .filter((r) => r.visible && r.type === APP_TYPE && String(r.body.properties?.managedEnvironmentId ?? '').toLowerCase() === envId);
    if (apps.length) throw appErrors.environmentHasApps(req.params.environmentName, apps.length);
  };
  const router = {
    add: (route: Route) =>
      core.router.add(
        route.method === 'DELETE' && route.template === ENV_ITEM
          ? {
              ...route,
              handler: (req: ArmRequest) => {
                guard(req);
                return route.handler(req);
              },
            }
          : route,
      ),
  };
  return Object.create(core, { router: { value: router } }) as EmulatorCore;
}
