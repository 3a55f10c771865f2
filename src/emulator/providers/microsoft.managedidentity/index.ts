import { acceptedVersions } from '../../api-versions.js';
import type { EmulatorCore } from '../../core.js';
import type { Route } from '../../router.js';
import { registerResourceType } from '../../tracked.js';
import { API_VERSIONS } from './api-versions.js';
import { DIRECTORY_SERVICE, IDENTITY_TYPE, computeIdentity, createDirectory, shapeForApiVersion, validateIdentity, validateIdentityName } from './backend.js';

export { DIRECTORY_SERVICE, type DirectoryPrincipal, type DirectoryService } from './backend.js';

/**
 * Microsoft.ManagedIdentity/userAssignedIdentities [spec-msi] (arm-facts §6): PUT 201 created / 200 updated
 * and PATCH 200, all synchronous; DELETE 200 (204 when absent); lists by group and subscription.
 * api-versions: `./api-versions.ts` (2022-01-31-preview the Azure CLI 2.45 sends, 2015-08-31-preview [rec-1]).
 * Publishes the directory service (principals of the identities, with a replication delay).
 */
export const IDENTITY_API_VERSIONS = acceptedVersions(API_VERSIONS, 'Microsoft.ManagedIdentity/userAssignedIdentities');

export function registerManagedIdentityProvider(core: EmulatorCore): void {
  const settings = { delayMs: 0 };
  const directory = createDirectory(core, settings);
  core.registry.provide(DIRECTORY_SERVICE, directory);

  // Responses depend on the api-version (clientSecretUrl / isolationScope), which the generic handler's
  // `present` hook does not see: its routes are wrapped to reshape the body per request.
  const router = {
    add: (route: Route) =>
      core.router.add({
        ...route,
        handler: async (req) => {
          const res = await route.handler(req);
          const b = res.body as any;
          // A create answers 201 with `Location` = the identity's own path (relative) [rec-1].
          if (req.method === 'PUT' && res.status === 201 && b?.id) res.headers = { ...(res.headers ?? {}), Location: String(b.id) };
          if (b && typeof b === 'object') {
            if (Array.isArray(b.value)) b.value.forEach((x: any) => shapeForApiVersion(x, req.apiVersion));
            else shapeForApiVersion(b, req.apiVersion);
          }
          return res;
        },
      }),
  };
  const scoped = Object.create(core, { router: { value: router } }) as EmulatorCore;

  registerResourceType(scoped, {
    type: IDENTITY_TYPE,
    item: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{resourceName}',
    listBySubscription: '/subscriptions/{subscriptionId}/providers/Microsoft.ManagedIdentity/userAssignedIdentities',
    apiVersions: IDENTITY_API_VERSIONS,
    provisioningState: false,
    create: { mode: 'sync', status: 201, durationKey: `${IDENTITY_TYPE}:create` },
    replace: { mode: 'sync', status: 200, durationKey: `${IDENTITY_TYPE}:update` },
    patch: { mode: 'sync', status: 200, durationKey: `${IDENTITY_TYPE}:update` },
    delete: { mode: 'sync', status: 200, absentStatus: 204, durationKey: `${IDENTITY_TYPE}:delete` },
    validateName: validateIdentityName,
    validate: validateIdentity,
    compute: computeIdentity(core, () => settings.delayMs),
  });
}
