import { commandLine, runAksCommand } from '../../aks/run-command.js';
import { ValidationError } from '../../core/errors.js';
import { runSession } from '../session.js';
import { openTarget, type TargetFlags } from '../target.js';

/** `azprov aks run -g RG -n NAME -- kubectl get ns`: prints the command's output and exits with its code. */
export async function runAksRun(command: string[], flags: TargetFlags & { resourceGroup?: string; name?: string }): Promise<number> {
  return runSession({}, async ({ defer }) => {
    const problems = [];
    if (!flags.resourceGroup) problems.push({ field: '--resource-group', reason: 'is required.', fix: 'pass -g <resource group of the cluster>.' });
    if (!flags.name) problems.push({ field: '--name', reason: 'is required.', fix: 'pass -n <cluster name>.' });
    if (!command.length) problems.push({ field: 'command', reason: 'no command given.', fix: 'put it after --, e.g. azprov aks run -g rg -n aks -- kubectl get ns' });
    if (problems.length) throw new ValidationError(problems);
    const open = await openTarget(flags);
    defer(open.close);
    const out = await runAksCommand(open.arm, flags.resourceGroup!, flags.name!, commandLine(command));
    process.stdout.write(out.logs.endsWith('\n') || !out.logs ? out.logs : out.logs + '\n');
    if (out.reason) process.stderr.write(`${out.reason}\n`);
    return out.exitCode;
  });
}
