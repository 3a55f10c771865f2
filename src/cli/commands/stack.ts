import { applyPlan } from '../../engine/apply.js';
import { destroyStack } from '../../engine/destroy.js';
import { loadStackFile } from '../../engine/load.js';
import { outputsOf, planStack } from '../../engine/plan.js';
import { hasChanges } from '../../engine/plan-types.js';
import { formatOutputs } from '../render.js';
import { checkOutputMode, EXIT, renderer, reportError, type OutputFlags } from '../session.js';
import { checkTargetFlags, openTarget, type TargetFlags } from '../target.js';

export interface StackFlags extends TargetFlags, OutputFlags {
  file: string;
  concurrency?: string;
  detailedExitcode?: boolean;
  dryRun?: boolean;
}

function concurrencyOf(flags: StackFlags): number | undefined {
  return flags.concurrency === undefined ? undefined : Math.max(1, Number(flags.concurrency) || 1);
}

/**
 * Runs one stack command: input is validated (file, flags) before any emulator starts or request is sent,
 * so bad input exits 3 having sent nothing.
 */
async function withStack(flags: StackFlags, planVerb: 'plan' | 'down', body: (ctx: { stack: Awaited<ReturnType<typeof loadStackFile>>; open: Awaited<ReturnType<typeof openTarget>>; render: ReturnType<typeof renderer> }) => Promise<number>): Promise<number> {
  let render: ReturnType<typeof renderer> | undefined;
  let open: Awaited<ReturnType<typeof openTarget>> | undefined;
  try {
    render = renderer(flags, planVerb);
    checkTargetFlags(flags);
    const stack = await loadStackFile(flags.file);
    open = await openTarget(flags, render.event);
    return await body({ stack, open, render });
  } catch (e) {
    render?.close();
    return reportError(e, flags);
  } finally {
    render?.close();
    await open?.close();
  }
}

export function runPlan(flags: StackFlags): Promise<number> {
  return withStack(flags, 'plan', async ({ stack, open, render }) => {
    const state = await planStack(stack, { arm: open.arm, events: render.event, concurrency: concurrencyOf(flags) });
    return flags.detailedExitcode && hasChanges(state.plan) ? EXIT.changes : EXIT.ok;
  });
}

export function runUp(flags: StackFlags): Promise<number> {
  return withStack(flags, 'plan', async ({ stack, open, render }) => {
    const run = { arm: open.arm, events: render.event, concurrency: concurrencyOf(flags) };
    const state = await planStack(stack, run);
    if (!hasChanges(state.plan)) {
      render.event({ type: 'outputs', outputs: outputsOf(state) });
      return EXIT.ok;
    }
    await applyPlan(state, run);
    return EXIT.ok;
  });
}

export function runDown(flags: StackFlags): Promise<number> {
  return withStack(flags, 'down', async ({ stack, open, render }) => {
    const result = await destroyStack(stack, { arm: open.arm, events: render.event, concurrency: concurrencyOf(flags), dryRun: flags.dryRun });
    if (!flags.dryRun && result.deleted.length) render.event({ type: 'info', message: `Deleted ${result.deleted.length}: ${result.deleted.join(', ')}.` });
    return EXIT.ok;
  });
}

/** Outputs as a table, JSON, or KEY=value lines for `>> $GITHUB_ENV`. */
export function runOutputs(flags: StackFlags): Promise<number> {
  const mode = (() => {
    try {
      return checkOutputMode(flags.output, ['human', 'json', 'env'] as const);
    } catch (e) {
      return e;
    }
  })();
  if (typeof mode !== 'string') return Promise.resolve(reportError(mode, flags));
  // Outputs print themselves; progress events are not wanted here.
  return withStack({ ...flags, output: 'human' }, 'plan', async ({ stack, open }) => {
    const outputs = outputsOf(await planStack(stack, { arm: open.arm, concurrency: concurrencyOf(flags) }, { checkOwnership: false }));
    if (mode === 'json') process.stdout.write(JSON.stringify(outputs, null, 2) + '\n');
    else if (mode === 'env') {
      for (const [name, o] of Object.entries(outputs)) for (const [k, v] of Object.entries(o)) process.stdout.write(`${envName(name, k)}=${v}\n`);
    } else process.stdout.write(formatOutputs(outputs) + '\n');
    return EXIT.ok;
  });
}

export function envName(resource: string, key: string): string {
  return `AZPROV_${resource}_${key}`.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9_]/g, '_').toUpperCase();
}
