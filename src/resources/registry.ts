import type { BaseResourceSpec, KindProvider, KindSpec } from './kind.js';
import { logAnalyticsWorkspaceKind } from './log-analytics-workspace/spec.js';
import { managedEnvironmentKind } from './managed-environment/spec.js';
import { resourceGroupKind } from './resource-group/spec.js';

/**
 * Every resource kind azprov knows. Specs are loaded eagerly (they need no SDK); providers are imported
 * on first use, so validation and `--help` never load an ARM client.
 */
export const kindSpecs: readonly KindSpec<any>[] = [resourceGroupKind, logAnalyticsWorkspaceKind, managedEnvironmentKind];

const providerLoaders: Record<string, () => Promise<KindProvider<any, any>>> = {
  resourceGroup: async () => (await import('./resource-group/provider.js')).resourceGroupProvider,
  logAnalyticsWorkspace: async () => (await import('./log-analytics-workspace/provider.js')).logAnalyticsWorkspaceProvider,
  managedEnvironment: async () => (await import('./managed-environment/provider.js')).managedEnvironmentProvider,
};

export function kindSpec(kind: string): KindSpec<any> | undefined {
  return kindSpecs.find((k) => k.kind === kind);
}

export async function loadProvider<S extends BaseResourceSpec>(kind: string): Promise<KindProvider<S, unknown>> {
  const load = providerLoaders[kind];
  if (!load) throw new Error(`internal: no provider for kind '${kind}'`);
  return load();
}
