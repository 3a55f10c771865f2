import { SourceControlConfigurationClient, type Extension, type SourceControlConfigurationClientOptionalParams } from '@azure/arm-kubernetesconfiguration';
import type { TokenCredential } from '@azure/core-auth';
import { parseResourceId } from '../../arm/ids.js';
import { armCall, readOrUndefined } from '../../arm/rest-errors.js';
import type { Comparable, KindProvider } from '../kind.js';
import { protectedValues, type AksExtensionSpec } from './spec.js';

/**
 * The 6.x client (the latest major) defaults to api-version 2023-05-01; it takes the version as an option.
 * Extensions are written at 2025-03-01 and Flux configurations at 2025-04-01, the newest stable versions the
 * official specs publish (the emulator's api-versions.ts), so that their traffic is checked against those specs.
 * One class each, since ArmContext builds and shares one client per class.
 */
export class ExtensionsClient extends SourceControlConfigurationClient {
  constructor(credential: TokenCredential, subscriptionId: string, options: SourceControlConfigurationClientOptionalParams = {}) {
    super(credential, subscriptionId, { ...options, apiVersion: '2025-03-01' });
  }
}

export class FluxConfigurationsClient extends SourceControlConfigurationClient {
  constructor(credential: TokenCredential, subscriptionId: string, options: SourceControlConfigurationClientOptionalParams = {}) {
    super(credential, subscriptionId, { ...options, apiVersion: '2025-04-01' });
  }
}

export const EXTENSIONS = '/providers/Microsoft.KubernetesConfiguration/extensions/';

/** The SDK addresses a cluster extension resource by the cluster's group, RP, type and name. */
export function clusterArgs(clusterId: string): [string, string, string, string] {
  const c = parseResourceId(clusterId);
  return [c.resourceGroup!, c.namespace!, c.types[0], c.names[0]];
}

/** `{clusterId}/providers/Microsoft.KubernetesConfiguration/{type}/{name}` split at the marker. */
export function splitExtensionId(id: string, marker: string): { clusterId: string; name: string } {
  const i = id.toLowerCase().lastIndexOf(marker.toLowerCase());
  return { clusterId: id.slice(0, i), name: id.slice(i + marker.length) };
}

function desired(s: AksExtensionSpec): Comparable {
  const d: Comparable = { extensionType: s.extensionType.toLowerCase() };
  if (s.releaseTrain !== undefined) d.releaseTrain = s.releaseTrain.toLowerCase();
  if (s.version !== undefined) d.version = s.version;
  if (s.autoUpgradeMinorVersion !== undefined) d.autoUpgradeMinorVersion = s.autoUpgradeMinorVersion;
  if (s.identity !== undefined) d.identity = s.identity;
  for (const [k, v] of Object.entries(s.configurationSettings ?? {})) d[`configurationSettings.${k}`] = v;
  // Protected settings are write-only in Azure: nothing to compare, and their values stay out of the plan.
  return d;
}

export const aksExtensionProvider: KindProvider<AksExtensionSpec, Extension> = {
  resourceId: (r) => `${r.refs.get(r.spec.cluster).id}${EXTENSIONS}${r.spec.name}`,

  async read(env, id) {
    const client = await env.arm.client(ExtensionsClient);
    const { clusterId, name } = splitExtensionId(id, EXTENSIONS);
    return readOrUndefined('cluster extension', id, () => client.extensions.get(...clusterArgs(clusterId), name));
  },

  desired: (r) => desired(r.spec),

  observed: (e) => {
    const o: Comparable = {
      extensionType: e.extensionType?.toLowerCase(),
      releaseTrain: e.releaseTrain?.toLowerCase(),
      version: e.version ?? undefined,
      autoUpgradeMinorVersion: e.autoUpgradeMinorVersion,
      identity: e.identity?.type === 'SystemAssigned',
    };
    for (const [k, v] of Object.entries(e.configurationSettings ?? {})) o[`configurationSettings.${k}`] = v;
    return o;
  },

  async put(env, id, r) {
    const client = await env.arm.client(ExtensionsClient);
    const { clusterId, name } = splitExtensionId(id, EXTENSIONS);
    const s = r.spec;
    const body: Extension = {
      extensionType: s.extensionType,
      releaseTrain: s.releaseTrain,
      version: s.version,
      autoUpgradeMinorVersion: s.autoUpgradeMinorVersion,
      configurationSettings: s.configurationSettings,
      configurationProtectedSettings: protectedValues(s.configurationProtectedSettings),
      identity: s.identity ? { type: 'SystemAssigned' } : undefined,
    };
    // PUT 201/200 with Azure-AsyncOperation; the extension type cannot change (the RP refuses it).
    return armCall(`Installing extension ${name} (${s.extensionType})`, id, async () => (await client.extensions.beginCreate(...clusterArgs(clusterId), name, body, env.arm.lroOptions())).pollUntilDone());
  },

  /** The type of an installed extension cannot change (the RP refuses it): say so before writing. */
  async preflight(_env, r, actual) {
    const was = actual?.extensionType;
    if (!was || was.toLowerCase() === r.spec.extensionType.toLowerCase()) return [];
    return [{ field: 'extensionType', reason: `extension ${r.spec.name} is a ${was} extension in Azure; its type cannot change.`, fix: `keep extensionType: ${was}, or give the new extension another name.` }];
  },

  async delete(env, id) {
    const client = await env.arm.client(ExtensionsClient);
    const { clusterId, name } = splitExtensionId(id, EXTENSIONS);
    await armCall(`Deleting extension ${name}`, id, async () => (await client.extensions.beginDelete(...clusterArgs(clusterId), name, env.arm.lroOptions())).pollUntilDone());
  },

  outputs: (e) => ({ id: e.id!, name: e.name!, provisioningState: e.provisioningState ?? '', version: e.currentVersion ?? e.version ?? '' }),
  tags: () => undefined,
};
