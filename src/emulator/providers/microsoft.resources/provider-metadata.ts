import { newestFirst } from '../../api-versions.js';
import type { EmulatorCore } from '../../core.js';
import { errors } from '../../errors.js';
import { regionDisplayName } from '../../regions.js';
import type { ArmRequest, ArmResponse } from '../../router.js';

/**
 * Provider metadata, which clients read to pick an api-version (the Azure CLI's `az resource`, Terraform, Pulumi):
 * `GET /subscriptions/{id}/providers[/{namespace}]` and `POST …/{namespace}/register` [spec-rg] (Providers_List,
 * Providers_Get, Providers_Register). Body as real ARM gives it (Azure/azure-cli-extensions#8163, the
 * Microsoft.App provider): `id`, `namespace`, `registrationState`, `registrationPolicy`, and per type
 * `resourceType` (child types as paths, `managedEnvironments/daprComponents`), `locations` (display names),
 * `apiVersions` (newest first, previews included) and `capabilities`. Every provider is registered: the
 * emulator's subscription has nothing to register.
 */

/** Providers ARM serves without registration (U: from `az provider show`, not a recording). */
const REGISTRATION_FREE = new Set(['Microsoft.Resources', 'Microsoft.Authorization']);

/** Microsoft.Resources' own routes that are no registered type; they accept the provider's one list. */
const RESOURCES_ROUTE_TYPES = ['subscriptions', 'tenants', 'locations', 'providers', 'resources', 'subscriptions/locations', 'subscriptions/providers', 'subscriptions/resources', 'subscriptions/resourceGroups'];

export function providerHandlers(core: EmulatorCore, resourcesVersions: readonly string[]) {
  const body = (ns: string): Record<string, unknown> => {
    const types = core.registry.allTypes().filter((t) => t.namespace === ns);
    const resourceTypes = types.map((t) => ({
      resourceType: t.type.split('/').slice(1).join('/'),
      locations: t.locations.map(regionDisplayName),
      apiVersions: newestFirst(t.apiVersions),
      // (U) the real lists also name move capabilities; tracked types at least support tags and location.
      capabilities: t.tracked ? 'SupportsTags, SupportsLocation' : 'None',
    }));
    if (ns === 'Microsoft.Resources') {
      for (const resourceType of RESOURCES_ROUTE_TYPES) resourceTypes.push({ resourceType, locations: [], apiVersions: newestFirst(resourcesVersions), capabilities: 'None' });
    }
    return {
      id: `/subscriptions/${core.config.subscriptionId}/providers/${ns}`,
      namespace: ns,
      registrationState: 'Registered',
      registrationPolicy: REGISTRATION_FREE.has(ns) ? 'RegistrationFree' : 'RegistrationRequired',
      resourceTypes,
    };
  };
  const get = (req: ArmRequest): ArmResponse => {
    const ns = core.registry.namespace(req.params.resourceProviderNamespace);
    if (!ns) throw errors.invalidResourceNamespace(req.params.resourceProviderNamespace);
    return { status: 200, body: body(ns) };
  };
  return {
    list: (req: ArmRequest): ArmResponse => ({ status: 200, body: core.page(req, core.registry.allNamespaces().map(body)) }),
    get,
    /** Registering an already registered provider answers its metadata (200). */
    register: get,
  };
}
