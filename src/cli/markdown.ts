import type { DriftReport } from '../engine/drift.js';
import { KNOWN_AFTER_APPLY, summarize, type Plan } from '../engine/plan-types.js';

const ICON: Record<string, string> = { create: '➕ create', update: '✏️ update', same: '✔️ no change', delete: '🗑️ delete' };

function cell(v: unknown): string {
  const s = v === KNOWN_AFTER_APPLY ? v : v === undefined ? '(none)' : JSON.stringify(v);
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function changesCell(step: Plan['steps'][number]): string {
  if (step.op === 'same') return '';
  const shown = step.changes.filter((c) => !c.path.startsWith('tags.azprov-'));
  if (step.op === 'create') return `${shown.length} field${shown.length === 1 ? '' : 's'}`;
  return shown.map((c) => `\`${c.path}\`: ${cell(c.before)} → ${cell(c.after)}`).join('<br>');
}

/** A plan as a Markdown table, for a CI run's summary page (what tfplan2md does for Terraform). */
export function planMarkdown(plan: Plan, title = 'azprov plan'): string {
  const n = summarize(plan);
  const lines = [
    `### ${title}: stack \`${plan.stack}\``,
    '',
    `**${n.create}** to create, **${n.update}** to update, **${n.delete}** to delete, **${n.same}** unchanged.`,
    '',
    '| Resource | Kind | Name | Action | Changes |',
    '|---|---|---|---|---|',
    ...plan.steps.map((s) => `| ${s.resource} | ${s.kind} | ${s.id.split('/').pop()} | ${ICON[s.op]} | ${changesCell(s)} |`),
  ];
  return lines.join('\n') + '\n';
}

export function driftMarkdown(r: DriftReport): string {
  const lines = [planMarkdown({ ...r.plan, steps: r.plan.steps }, 'azprov drift')];
  if (r.orphans.length) {
    lines.push('', '**Tagged for the stack but no longer in it:**', '', '| Id | Type |', '|---|---|', ...r.orphans.map((o) => `| ${o.id} | ${o.type} |`), '');
  }
  lines.push(r.drifted.length || r.orphans.length ? '⚠️ Drift found.\n' : '✅ No drift: Azure matches the stack.\n');
  return lines.join('\n');
}
