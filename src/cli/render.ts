import type { AzprovEvent } from '../core/events.js';
import type { DriftReport } from '../engine/drift.js';
import { KNOWN_AFTER_APPLY, summarize, type Plan, type Step } from '../engine/plan-types.js';

export type OutputMode = 'human' | 'json';

export interface Renderer {
  event(e: AzprovEvent): void;
  /** Stops timers; call before exit. */
  close(): void;
}

const SYMBOL: Record<Step['op'], string> = { create: '+', update: '~', same: '=', delete: '-' };

function show(v: unknown): string {
  if (v === KNOWN_AFTER_APPLY) return v;
  if (v === undefined) return '(none)';
  return JSON.stringify(v);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

export function formatPlan(plan: Plan, verb: 'plan' | 'down' = 'plan'): string {
  const lines: string[] = [];
  const width = Math.max(4, ...plan.steps.map((s) => s.resource.length));
  const kindWidth = Math.max(4, ...plan.steps.map((s) => s.kind.length));
  for (const s of plan.steps) {
    const name = s.id.split('/').pop();
    lines.push(`  ${SYMBOL[s.op]} ${s.resource.padEnd(width)}  ${s.kind.padEnd(kindWidth)}  ${name}  ${s.op === 'same' ? 'no changes' : s.op}${s.note ? `  (${s.note})` : ''}`);
    if (s.op === 'update') for (const c of s.changes) lines.push(`      ${c.path}: ${show(c.before)} -> ${show(c.after)}`);
    // azprov's own ownership tags are on every create: noise in a plan a person reads (JSON keeps them).
    if (s.op === 'create') for (const c of s.changes.filter((c) => !c.path.startsWith('tags.azprov-'))) lines.push(`      ${c.path}: ${show(c.after)}`);
  }
  const n = summarize(plan);
  if (verb === 'down') {
    lines.push(n.delete ? `Down: ${n.delete} to delete.` : 'Nothing to delete: the stack owns no resource that exists.');
  } else if (n.create + n.update + n.delete === 0) {
    lines.push(`No changes. Azure matches the stack (${plan.steps.length} resource${plan.steps.length === 1 ? '' : 's'}).`);
  } else {
    lines.push(`Plan: ${n.create} to create, ${n.update} to update, ${n.delete} to delete, ${n.same} unchanged.`);
  }
  return lines.join('\n');
}

export function formatDrift(r: DriftReport): string {
  const lines = [`Drift of stack '${r.plan.stack}':`];
  const width = Math.max(4, ...r.plan.steps.map((s) => s.resource.length));
  for (const s of r.plan.steps) {
    const state = s.op === 'same' ? 'matches' : s.op === 'create' ? 'MISSING' : 'DRIFTED';
    lines.push(`  ${s.resource.padEnd(width)}  ${state}`);
    if (s.op === 'update') for (const c of s.changes) lines.push(`      ${c.path}: azure ${show(c.before)}, stack ${show(c.after)}`);
  }
  for (const o of r.orphans) lines.push(`  ! ${o.id}: tagged for the stack but no longer in it`);
  lines.push(r.drifted.length || r.orphans.length ? `Drift: ${r.drifted.length} resource(s) differ or are missing, ${r.orphans.length} orphaned.` : 'No drift: Azure matches the stack.');
  return lines.join('\n');
}

export function formatOutputs(outputs: Record<string, Record<string, string>>): string {
  const lines = ['Outputs:'];
  for (const [name, o] of Object.entries(outputs)) {
    lines.push(`  ${name}:`);
    for (const [k, v] of Object.entries(o)) lines.push(`    ${k}: ${v}`);
  }
  return lines.join('\n');
}

/** One JSON object per line, for machines. */
export function jsonRenderer(write: (s: string) => void, verbose = false): Renderer {
  return {
    event(e) {
      if (e.type === 'http' && !verbose) return;
      write(JSON.stringify({ time: new Date().toISOString(), ...e }) + '\n');
    },
    close() {},
  };
}

/**
 * Lines for people. On a terminal, a status line at the bottom shows what is running and for how long;
 * elsewhere (CI, pipes) every start and end is a plain line.
 */
export function humanRenderer(out: NodeJS.WriteStream | { write(s: string): boolean; isTTY?: boolean }, options: { live: boolean; verbose?: boolean; planVerb?: 'plan' | 'down' }): Renderer {
  const running = new Map<string, { op: string; started: number }>();
  const waitingFor = new Map<string, string>();
  let statusShown = false;
  const clearStatus = () => {
    if (statusShown) out.write('\r\x1b[2K');
    statusShown = false;
  };
  const drawStatus = () => {
    if (!options.live || running.size === 0) return;
    const now = Date.now();
    const parts = [...running].map(([n, r]) => `${n} ${r.op} ${Math.floor((now - r.started) / 1000)}s`);
    out.write(`\r\x1b[2K  … ${parts.join(', ')}`);
    statusShown = true;
  };
  const timer = options.live ? setInterval(drawStatus, 500) : undefined;
  timer?.unref();
  const line = (s: string) => {
    clearStatus();
    out.write(s + '\n');
    drawStatus();
  };
  return {
    event(e) {
      switch (e.type) {
        case 'plan':
          line(`Stack '${e.plan.stack}' on ${e.plan.target.endpoint} (subscription ${e.plan.target.subscriptionId}):`);
          line(formatPlan(e.plan, options.planVerb));
          break;
        case 'step-start':
          running.set(e.resource, { op: e.op, started: Date.now() });
          if (!options.live) line(`  ${e.resource}: ${e.op} started`);
          else drawStatus();
          break;
        case 'step-done':
          running.delete(e.resource);
          line(`  ✓ ${e.resource}: ${e.op} done in ${seconds(e.durationInMs)}`);
          break;
        case 'step-failed':
          running.delete(e.resource);
          line(`  ✗ ${e.resource}: ${e.op} failed: ${e.error}`);
          break;
        case 'step-retry':
          line(`  ↻ ${e.resource}: attempt ${e.attempt} in ${seconds(e.delayInMs)} (${e.reason})`);
          break;
        case 'step-waiting':
          // Waits repeat each poll: say it once per resource and reason.
          if (waitingFor.get(e.resource) !== e.reason) line(`  … ${e.resource}: ${e.reason}`);
          waitingFor.set(e.resource, e.reason);
          break;
        case 'step-skipped':
          line(`  - ${e.resource}: not attempted (${e.reason})`);
          break;
        case 'warning':
          line(`  ! ${e.resource ? `${e.resource}: ` : ''}${e.message}`);
          break;
        case 'info':
          line(e.message);
          break;
        case 'outputs':
          line(formatOutputs(e.outputs));
          break;
        case 'http':
          if (options.verbose) line(`    ${e.method} ${e.url.replace(/\?.*$/, '')} -> ${e.status ?? e.error}`);
          break;
      }
    },
    close() {
      if (timer) clearInterval(timer);
      clearStatus();
    },
  };
}
