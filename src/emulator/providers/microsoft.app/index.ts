import { APP_API_VERSIONS } from '../../api-versions.js';
import type { EmulatorCore } from '../../core.js';
import { registerResourceType } from '../../tracked.js';
import { ENVIRONMENT_TYPE, computeEnvironment, validateEnvironment, validateEnvironmentName } from './backend.js';
import { environmentResultPath, environmentStatusPath } from './handlers.js';

/**
 * Microsoft.App managed environments [spec-app] (arm-facts §4.1):
 * - PUT → 201 (create) / 200 (update) with `Azure-AsyncOperation`, `provisioningState: Waiting`; the
 *   status body says `InProgress` then `Succeeded` [rec-x-ps-containerapp];
 * - PATCH → 202 with `Azure-AsyncOperation` and `Location`; DELETE → 202 `Location` (absent: 204).
 */
export function registerAppProvider(core: EmulatorCore): void {
  const key = (op: string) => `${ENVIRONMENT_TYPE}:${op}`;
  registerResourceType(core, {
    type: ENVIRONMENT_TYPE,
    item: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.App/managedEnvironments/{environmentName}',
    listBySubscription: '/subscriptions/{subscriptionId}/providers/Microsoft.App/managedEnvironments',
    apiVersions: APP_API_VERSIONS,
    create: { mode: 'azure-async', status: 201, provisioningState: 'Waiting', inProgressWord: 'InProgress', durationKey: key('create'), minRetryAfterSeconds: 5 },
    replace: { mode: 'azure-async', status: 200, provisioningState: 'Waiting', inProgressWord: 'InProgress', durationKey: key('update'), minRetryAfterSeconds: 5 },
    patch: { mode: 'both', status: 202, provisioningState: 'Waiting', inProgressWord: 'InProgress', durationKey: key('update'), minRetryAfterSeconds: 5 },
    delete: { mode: 'location', status: 202, absentStatus: 204, provisioningState: 'ScheduledForDelete', durationKey: key('delete'), minRetryAfterSeconds: 5 },
    statusPath: environmentStatusPath,
    resultPath: environmentResultPath,
    validateName: validateEnvironmentName,
    validate: validateEnvironment,
    compute: computeEnvironment,
  });
}
