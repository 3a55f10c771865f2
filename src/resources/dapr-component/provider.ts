import { ContainerAppsAPIClient, type DaprComponent } from '@azure/arm-appcontainers';
import { parseResourceId } from '../../arm/ids.js';
import { armCall, readOrUndefined } from '../../arm/rest-errors.js';
import type { Problem } from '../../core/errors.js';
import type { Comparable, KindEnv, KindProvider, ResolvedSpec } from '../kind.js';
import { secretNames, secretsBody } from '../secrets-provider.js';
import { cosmosComponentPreflight } from './cosmos-preflight.js';
import type { DaprComponentSpec } from './spec.js';

function metadataView(m: readonly { name?: string; value?: string; secretRef?: string }[] | undefined) {
  return (m ?? []).map((x) => ({ name: x.name, ...(x.secretRef !== undefined && x.secretRef !== '' ? { secretRef: x.secretRef } : { value: x.value ?? '' }) })).sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

export const daprComponentProvider: KindProvider<DaprComponentSpec, DaprComponent> = {
  resourceId: (r) => `${r.refs.get(r.spec.environment).id}/daprComponents/${r.spec.name}`,

  async read(env, id) {
    const client = await env.arm.client(ContainerAppsAPIClient);
    const { resourceGroup, names } = parseResourceId(id);
    return readOrUndefined('Dapr component', id, () => client.daprComponents.get(resourceGroup!, names[0], names[1]));
  },

  desired: (r) => {
    const s = r.spec;
    const d: Comparable = { componentType: s.componentType, version: s.version ?? 'v1', metadata: metadataView(s.metadata), scopes: [...(s.scopes ?? [])].sort() };
    if (s.secrets) d.secretNames = secretNames(s.secrets);
    if (s.secretStoreComponent !== undefined) d.secretStoreComponent = s.secretStoreComponent;
    if (s.ignoreErrors !== undefined) d.ignoreErrors = s.ignoreErrors;
    if (s.initTimeout !== undefined) d.initTimeout = s.initTimeout;
    return d;
  },

  observed: (c) => ({
    componentType: c.componentType,
    version: c.version,
    metadata: metadataView(c.metadata),
    scopes: [...(c.scopes ?? [])].sort(),
    secretNames: secretNames(c.secrets),
    secretStoreComponent: c.secretStoreComponent,
    ignoreErrors: c.ignoreErrors,
    initTimeout: c.initTimeout,
  }),

  async put(env, id, r) {
    const client = await env.arm.client(ContainerAppsAPIClient);
    const { resourceGroup, names } = parseResourceId(id);
    const s = r.spec;
    const secrets = await secretsBody(env, s.secrets, r.refs);
    // Synchronous PUT, 200 [spec-app] [rec-6]; secret values are not echoed back.
    return armCall(`Writing Dapr component ${s.name}`, id, () =>
      client.daprComponents.createOrUpdate(resourceGroup!, names[0], s.name, {
        componentType: s.componentType,
        version: s.version ?? 'v1',
        ignoreErrors: s.ignoreErrors ?? false,
        initTimeout: s.initTimeout,
        metadata: s.metadata,
        secrets,
        secretStoreComponent: s.secretStoreComponent,
        scopes: s.scopes,
      }),
    );
  },

  // A Cosmos DB state store outside the stack is read (cosmos-preflight.ts); so is a secret store it names.
  async preflight(env, r) {
    const cosmos = await cosmosComponentPreflight(env, r);
    return [...cosmos, ...(await secretStorePreflight(env, r))];
  },

  async delete(env, id) {
    const client = await env.arm.client(ContainerAppsAPIClient);
    const { resourceGroup, names } = parseResourceId(id);
    await armCall(`Deleting Dapr component ${names[1]}`, id, () => client.daprComponents.delete(resourceGroup!, names[0], names[1]));
  },

  outputs: (c) => ({ id: c.id!, name: c.name! }),
  tags: () => undefined,
};

/** A secret store named by the component exists: declared in the stack, or already in the environment. */
async function secretStorePreflight(env: KindEnv, r: ResolvedSpec<DaprComponentSpec>): Promise<Problem[]> {
  const store = r.spec.secretStoreComponent;
  if (!store) return [];
  const envId = r.refs.get(r.spec.environment).id;
  const declared = Object.values(env.stack.resources).some((x) => x.kind === 'daprComponent' && x.name === store);
  if (declared) return [];
  const client = await env.arm.client(ContainerAppsAPIClient);
  const { resourceGroup, names } = parseResourceId(envId);
  const found = await readOrUndefined('Dapr component', `${envId}/daprComponents/${store}`, () => client.daprComponents.get(resourceGroup!, names[0], store));
  return found
    ? []
    : [{ field: 'secretStoreComponent', reason: `secret store component '${store}' is neither in the stack nor in environment ${names[0]}.`, fix: `declare a secretstores.* daprComponent named '${store}', or fix the name.` }];
}
