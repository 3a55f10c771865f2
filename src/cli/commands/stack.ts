import { applyPlan } from '../../engine/apply.js';
import { destroyStack } from '../../engine/destroy.js';
import { loadStackFile } from '../../engine/load.js';
import { outputsOf, planStack } from '../../engine/plan.js';
import { hasChanges } from '../../engine/plan-types.js';
import { detectDrift, hasDrift } from '../../engine/drift.js';
import { emitAnnotation, writeStepSummary } from '../ci.js';
import { driftMarkdown, planMarkdown } from '../markdown.js';
import { formatDrift, formatOutputs } from '../render.js';
import type { Stack } from '../../engine/stack.js';
import { ValidationError } from '../../core/errors.js';
import type { Renderer } from '../render.js';
import { checkOutputMode, EXIT, reportError, runSession, type OutputFlags } from '../session.js';
import { checkTargetFlags, openTarget, type OpenTarget, type TargetFlags } from '../target.js';

export interface StackFlags extends TargetFlags, OutputFlags {
  file: string;
  concurrency?: string;
  detailedExitcode?: boolean;
  dryRun?: boolean;
  keepRemoved?: boolean;
}

function concurrencyOf(flags: StackFlags): number | undefined {
  if (flags.concurrency === undefined) return undefined;
  const n = Number(flags.concurrency);
  if (!Number.isInteger(n) || n < 1) throw new ValidationError([{ field: '--concurrency', reason: `'${flags.concurrency}' is not a whole number of at least 1.`, fix: 'pass e.g. --concurrency 4, or leave it out for the default.' }]);
  return n;
}

/**
 * Runs one stack command: input is validated (file, flags) before any emulator starts or request is sent,
 * so bad input exits 3 having sent nothing.
 */
async function withStack(flags: StackFlags, planVerb: 'plan' | 'down', body: (ctx: { stack: Stack; open: OpenTarget; render: Renderer }) => Promise<number>): Promise<number> {
  return runSession(
    flags,
    async ({ render, defer }) => {
      checkTargetFlags(flags);
      const stack = await loadStackFile(flags.file);
      const open = await openTarget(flags, render.event);
      defer(open.close);
      return body({ stack, open, render });
    },
    { planVerb, onError: (e) => emitAnnotation('error', `azprov ${planVerb === 'down' ? 'down' : 'run'} failed`, (e as Error)?.message ?? String(e)) },
  );
}

export function runPlan(flags: StackFlags): Promise<number> {
  const markdown = flags.output === 'markdown';
  return withStack({ ...flags, output: markdown ? 'human' : flags.output }, 'plan', async ({ stack, open, render }) => {
    for (const w of stack.warnings) render.event({ type: 'warning', message: w });
    const state = await planStack(stack, { arm: open.arm, events: markdown ? undefined : render.event, concurrency: concurrencyOf(flags), keepRemoved: flags.keepRemoved });
    if (markdown) process.stdout.write(planMarkdown(state.plan));
    writeStepSummary(planMarkdown(state.plan));
    return flags.detailedExitcode && hasChanges(state.plan) ? EXIT.changes : EXIT.ok;
  });
}

/**
 * Read-only: every resource of the stack against Azure, and what Azure holds under the stack's tag that
 * the stack no longer declares. Exit 0 no drift, 2 drift, 1 error.
 */
export function runDrift(flags: StackFlags): Promise<number> {
  const mode = flags.output ?? 'human';
  return withStack({ ...flags, output: mode === 'json' ? 'json' : 'human' }, 'plan', async ({ stack, open }) => {
    const report = await detectDrift(stack, { arm: open.arm, concurrency: concurrencyOf(flags) });
    const drift = hasDrift(report);
    if (mode === 'json') process.stdout.write(JSON.stringify({ type: 'drift', drift, drifted: report.drifted, orphans: report.orphans, plan: report.plan }) + '\n');
    else if (mode === 'markdown') process.stdout.write(driftMarkdown(report));
    else process.stdout.write(formatDrift(report) + '\n');
    writeStepSummary(driftMarkdown(report));
    for (const d of report.drifted) emitAnnotation('warning', `drift in ${d.resource}`, d.op === 'create' ? `${d.id} is missing` : d.changes.map((c) => `${c.path}: ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)}`).join('; '));
    for (const o of report.orphans) emitAnnotation('warning', 'orphaned resource', `${o.id} is tagged for stack ${stack.name} but not in it`);
    return drift ? EXIT.changes : EXIT.ok;
  });
}

export function runUp(flags: StackFlags): Promise<number> {
  return withStack(flags, 'plan', async ({ stack, open, render }) => {
    const run = { arm: open.arm, events: render.event, concurrency: concurrencyOf(flags), keepRemoved: flags.keepRemoved };
    const state = await planStack(stack, run);
    if (!hasChanges(state.plan)) {
      render.event({ type: 'outputs', outputs: outputsOf(state) });
      return EXIT.ok;
    }
    const result = await applyPlan(state, run);
    writeStepSummary(planMarkdown(result.plan, 'azprov up (applied)'));
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
    const outputs = outputsOf(await planStack(stack, { arm: open.arm, concurrency: concurrencyOf(flags) }, { checkOwnership: false, removed: false }));
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
