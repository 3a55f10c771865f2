import { defineStack } from '../engine/stack.js';
import { runStack, type WorkflowOptions } from './run.js';

export interface CreateEnvironmentOptions extends WorkflowOptions {
  resourceGroup: string;
  location: string;
  /** Environment name; the workspace is named after it unless `workspaceName` is given. */
  name: string;
  workspaceName?: string;
  /** Stack name for the ownership tags; defaults to the environment name. */
  stack?: string;
  tags?: Record<string, string>;
}

/**
 * A resource group, a Log Analytics workspace and a Container Apps environment wired to it: the
 * foundation most stacks start from, as one call. Idempotent: a second call only reads.
 */
export async function createEnvironment(o: CreateEnvironmentOptions) {
  const result = await runStack(
    defineStack({
      name: o.stack ?? o.name,
      location: o.location,
      tags: o.tags,
      resources: {
        rg: { kind: 'resourceGroup', name: o.resourceGroup },
        logs: { kind: 'logAnalyticsWorkspace', name: o.workspaceName ?? `log-${o.name}`.slice(0, 63), resourceGroup: 'rg' },
        env: { kind: 'managedEnvironment', name: o.name, resourceGroup: 'rg', logAnalyticsWorkspace: 'logs' },
      },
    }),
    o,
    'createEnvironment',
  );
  return {
    plan: result.plan,
    changed: result.changed,
    resourceGroupId: result.outputs.rg.id,
    workspaceId: result.outputs.logs.id,
    environmentId: result.outputs.env.id,
    defaultDomain: result.outputs.env.defaultDomain,
    staticIp: result.outputs.env.staticIp,
  };
}
