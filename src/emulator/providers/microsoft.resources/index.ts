import { acceptedVersions, unionOf } from '../../api-versions.js';
import type { EmulatorCore } from '../../core.js';
import { errors } from '../../errors.js';
import type { ApiVersionPolicy } from '../../router.js';
import { registerResourceType } from '../../tracked.js';
import { API_VERSIONS } from './api-versions.js';
import { presentResourceGroup, validateResourceGroupName } from './backend.js';
import { handlers } from './handlers.js';
import { providerHandlers } from './provider-metadata.js';

/**
 * Microsoft.Resources: subscriptions, tenants, locations, resource groups, generic resource lists and
 * provider metadata.
 * Resource groups [spec-rg] (arm-facts §2): PUT 201/200 and PATCH 200 synchronous; DELETE 202 + `Location`
 * (…/operationresults/…) + `Retry-After`, polled via Location (no final-state-via); deleting a group
 * deletes every resource in it, whatever provider owns it (through the registry's cascade).
 */
/**
 * ARM serves Microsoft.Resources itself, with one version list for its operations: the
 * InvalidApiVersionParameter answers in ansible-collections/azure#1739 and Azure/azure-cli#28038 list resource-group
 * and subscription versions alike (2022-12-01 beside 2021-04-01). So every route here accepts the union.
 */
const RESOURCES_API_VERSIONS = unionOf(
  acceptedVersions(API_VERSIONS, 'Microsoft.Resources/resourceGroups'),
  acceptedVersions(API_VERSIONS, 'Microsoft.Resources/subscriptions'),
);

export function registerResourcesProvider(core: EmulatorCore): void {
  const h = handlers(core);
  const rgPolicy: ApiVersionPolicy = { versions: RESOURCES_API_VERSIONS, kind: 'resources', typeName: 'resourceGroups' };
  const subPolicy: ApiVersionPolicy = { versions: RESOURCES_API_VERSIONS, kind: 'resources', typeName: 'subscriptions' };
  const route = (method: string, template: string, handler: (req: any) => any, apiVersions = rgPolicy) =>
    core.router.add({ method, template, handler, apiVersions, namespace: 'Microsoft.Resources' });

  route('GET', '/subscriptions', h.listSubscriptions, subPolicy);
  route('GET', '/subscriptions/{subscriptionId}', h.getSubscription, subPolicy);
  route('GET', '/subscriptions/{subscriptionId}/locations', h.listLocations, subPolicy);
  route('GET', '/tenants', h.listTenants, subPolicy);
  route('GET', '/subscriptions/{subscriptionId}/resourceGroups', h.listResourceGroups);
  route('GET', '/subscriptions/{subscriptionId}/resources', h.listResources);
  route('GET', '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/resources', h.listResources);
  const providers = providerHandlers(core, RESOURCES_API_VERSIONS);
  route('GET', '/subscriptions/{subscriptionId}/providers', providers.list);
  route('GET', '/subscriptions/{subscriptionId}/providers/{resourceProviderNamespace}', providers.get);
  route('POST', '/subscriptions/{subscriptionId}/providers/{resourceProviderNamespace}/register', providers.register);

  registerResourceType(core, {
    type: 'Microsoft.Resources/resourceGroups',
    item: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}',
    listByParent: false, // served above, with $filter
    apiVersions: RESOURCES_API_VERSIONS,
    apiVersionKind: 'resources',
    systemData: false,
    create: { mode: 'sync', status: 201, durationKey: 'Microsoft.Resources/resourceGroups:create' },
    replace: { mode: 'sync', status: 200, durationKey: 'Microsoft.Resources/resourceGroups:update' },
    patch: { mode: 'sync', status: 200, durationKey: 'Microsoft.Resources/resourceGroups:update' },
    delete: {
      mode: 'location',
      status: 202,
      absentStatus: 404,
      provisioningState: 'Deleting',
      durationKey: 'Microsoft.Resources/resourceGroups:delete',
      minRetryAfterSeconds: 15, // real shape: Retry-After 15 (U, arm-facts §2)
    },
    resultPath: (c) => {
      // Real form: /subscriptions/{sub}/operationresults/<opaque job token> (arm-facts §2, U).
      const token = Buffer.from(JSON.stringify({ jobId: `ResourceGroupDeletionJob-${c.name.toUpperCase()}-${c.opId}`, jobLocation: c.location })).toString('base64url');
      return `/subscriptions/${c.subscriptionId}/operationresults/${token}`;
    },
    validateName: validateResourceGroupName,
    validate: (c) => {
      if (c.existing?.body.properties?.provisioningState === 'Deleting') throw errors.resourceGroupBeingDeleted(c.existing.body.name);
    },
    present: (b) => presentResourceGroup(b),
    notFound: (name) => errors.resourceGroupNotFound(name),
  });
}
