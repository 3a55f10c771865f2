import { parseResourceId } from '../arm/ids.js';
import { defineStack } from '../engine/stack.js';
import type { ContainerAppSpec } from '../resources/container-app/spec.js';
import { revisionNameOf } from '../resources/container-app/template.js';
import { existingEnvironment, runStack, type WorkflowOptions } from './run.js';

export interface DeployAppOptions extends WorkflowOptions {
  /** Resource id of an existing Container Apps environment (the app goes into its resource group). */
  environmentId: string;
  location: string;
  /** The app as a stack would declare it, without kind, resourceGroup and environment. */
  app: Omit<ContainerAppSpec, 'kind' | 'resourceGroup' | 'environment' | 'identities'> & { identityIds?: string[] };
  stack?: string;
}

/** Creates or updates a container app in an existing environment. Its revision name is known up front. */
export async function deployContainerApp(o: DeployAppOptions) {
  const { identityIds = [], ...app } = o.app;
  // Identities made elsewhere: read-only references (existing), each with its own group.
  const refs = identityIds.map((id) => parseResourceId(id));
  const identities = Object.fromEntries(refs.map((r, i) => [`identity${i}`, { kind: 'userAssignedIdentity', name: r.names[0], resourceGroup: `identity${i}-rg`, existing: true }]));
  const identityGroups = Object.fromEntries(refs.map((r, i) => [`identity${i}-rg`, { kind: 'resourceGroup', name: r.resourceGroup!, existing: true }]));
  const spec = { kind: 'containerApp', ...app, resourceGroup: 'rg', environment: 'env', identities: Object.keys(identities) } as ContainerAppSpec;
  const result = await runStack(
    defineStack({ name: o.stack ?? app.name, location: o.location, resources: { ...existingEnvironment(o.environmentId), ...identityGroups, ...identities, app: spec as never } }),
    o,
    'deployContainerApp',
  );
  return { changed: result.changed, appId: result.outputs.app.id, fqdn: result.outputs.app.fqdn, revision: revisionNameOf(spec) };
}
