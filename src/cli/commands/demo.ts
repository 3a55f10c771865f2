import { fileURLToPath } from 'node:url';
import { ArmContext } from '../../arm/context.js';
import { AzprovError } from '../../core/errors.js';
import { applyPlan } from '../../engine/apply.js';
import { loadStackFile } from '../../engine/load.js';
import { planStack } from '../../engine/plan.js';
import { hasChanges } from '../../engine/plan-types.js';
import { EXIT, renderer, reportError, type OutputFlags } from '../session.js';

export interface DemoFlags extends OutputFlags {
  latency?: string;
  scale?: string;
}

export const DEMO_STACK = fileURLToPath(new URL('../../../templates/environment.yaml', import.meta.url));

/**
 * The whole loop on the embedded emulator: plan (3 creates), apply with progress, outputs, then plan
 * again, which must find nothing to do.
 */
export async function runDemo(flags: DemoFlags): Promise<number> {
  const render = renderer(flags);
  let close: (() => Promise<void>) | undefined;
  try {
    const stack = await loadStackFile(DEMO_STACK);
    const { startEmulator } = await import('../../emulator/index.js');
    const latency = flags.latency === 'instant' ? 'instant' : 'realistic';
    const emulator = await startEmulator({ latency, latencyScale: Number(flags.scale ?? 0.01) });
    close = () => emulator.close();
    const arm = new ArmContext({ kind: 'emulator', endpoint: emulator.endpoint, caCertPem: emulator.caCertPem, subscriptionId: emulator.subscriptionId });
    render.event({ type: 'info', message: `azprov demo: a local ARM emulator is listening on ${emulator.endpoint} (${latency} latency). Nothing is sent to Azure.\n` });
    const run = { arm, events: render.event };
    const first = await planStack(stack, run);
    render.event({ type: 'info', message: '\nApplying:' });
    await applyPlan(first, run);
    render.event({ type: 'info', message: '\nPlanning again, to show that a second run has nothing to do:' });
    const second = await planStack(stack, run);
    if (hasChanges(second.plan)) throw new AzprovError('DemoNotConverged', 'the second plan still has changes: this is a bug in azprov or its emulator.');
    return EXIT.ok;
  } catch (e) {
    render.close();
    return reportError(e, flags);
  } finally {
    render.close();
    await close?.();
  }
}
