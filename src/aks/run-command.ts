import { ContainerServiceClient } from '@azure/arm-containerservice';
import type { ArmContext } from '../arm/context.js';
import { armCall } from '../arm/rest-errors.js';

export interface RunCommandOutput {
  exitCode: number;
  logs: string;
  reason?: string;
}

/**
 * Runs a command (kubectl, helm) in a private cluster through AKS `runCommand`: the way to reach an API
 * server that has no public endpoint. A long-running operation; its result carries the output and exit code.
 */
export async function runAksCommand(arm: ArmContext, resourceGroup: string, cluster: string, command: string): Promise<RunCommandOutput> {
  const client = await arm.client(ContainerServiceClient);
  const id = `/subscriptions/${arm.subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${cluster}`;
  const result = await armCall(`Running '${command}' in ${cluster}`, id, () => client.managedClusters.runCommand(resourceGroup, cluster, { command }, arm.lroOptions()).pollUntilDone());
  return { exitCode: result.exitCode ?? 1, logs: result.logs ?? '', reason: result.reason };
}

/** Joins argv back into one shell command line, quoting what needs it. */
export function commandLine(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
