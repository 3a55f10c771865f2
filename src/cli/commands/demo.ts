import { fileURLToPath } from 'node:url';
import { ArmContext } from '../../arm/context.js';
import { AzprovError } from '../../core/errors.js';
import { applyPlan } from '../../engine/apply.js';
import { loadStackFile } from '../../engine/load.js';
import { planStack } from '../../engine/plan.js';
import { hasChanges } from '../../engine/plan-types.js';
import { EXIT, runSession, type OutputFlags } from '../session.js';

export interface DemoFlags extends OutputFlags {
  latency?: string;
  scale?: string;
  scenario?: string;
}

const template = (name: string) => fileURLToPath(new URL(`../../../templates/${name}`, import.meta.url));

/** The demo scenarios: the foundation alone, or the seed's Dapr app with its Cosmos DB state store. */
export const DEMO_STACKS: Record<string, string> = {
  environment: template('environment.yaml'),
  dapr: template('dapr-cosmos-app.yaml'),
};

/**
 * The whole loop on the embedded emulator: plan, apply with progress, outputs, then plan again, which
 * must find nothing to do. The Dapr scenario then does what `az containerapp update --set-env-vars` does
 * and ends with the app's revisions and their traffic.
 */
export async function runDemo(flags: DemoFlags): Promise<number> {
  return runSession(flags, async ({ render, defer }) => {
    const scenario = flags.scenario ?? 'dapr';
    const stack = await loadStackFile(DEMO_STACKS[scenario]);
    const { startEmulator } = await import('../../emulator/index.js');
    const latency = flags.latency === 'instant' ? 'instant' : 'realistic';
    const emulator = await startEmulator({ latency, latencyScale: Number(flags.scale ?? 0.01) });
    defer(() => emulator.close());
    const arm = new ArmContext({ kind: 'emulator', endpoint: emulator.endpoint, caCertPem: emulator.caCertPem, subscriptionId: emulator.subscriptionId });
    render.event({ type: 'info', message: `azprov demo (${scenario}): a local ARM emulator is listening on ${emulator.endpoint} (${latency} latency). Nothing is sent to Azure.\n` });
    for (const w of stack.warnings) render.event({ type: 'warning', message: w });
    const run = { arm, events: render.event };
    const first = await planStack(stack, run);
    render.event({ type: 'info', message: '\nApplying:' });
    const applied = await applyPlan(first, run);
    render.event({ type: 'info', message: '\nPlanning again, to show that a second run has nothing to do:' });
    const second = await planStack(stack, run);
    if (hasChanges(second.plan)) throw new AzprovError('DemoNotConverged', 'the second plan still has changes: this is a bug in azprov or its emulator.');
    if (scenario === 'dapr') {
      const { updateContainerApp } = await import('../../rollout/update-app.js');
      const { formatRevisions, listRevisions } = await import('../../rollout/revisions.js');
      const appId = applied.outputs.app.id;
      render.event({ type: 'info', message: `\nUpdating the app's environment (WELCOME='Hello from new revision'), as az containerapp update --set-env-vars does:` });
      const update = await updateContainerApp(arm, appId, { env: { WELCOME: 'Hello from new revision' } });
      render.event({ type: 'info', message: `  new revision ${update.revision} (was ${update.previousRevision})\n\nRevisions and traffic of ${applied.outputs.app.name}:\n${formatRevisions(await listRevisions(arm, appId))}` });
    }
    return EXIT.ok;
  });
}
