import { setTimeout as sleep } from 'node:timers/promises';
import type { Problem } from '../core/errors.js';
import type { EventSink } from '../core/events.js';
import type { GateResult } from './gates.js';

/**
 * Flagger-style webhooks (https://docs.flagger.app/usage/webhooks): an HTTP POST with a JSON body at each phase.
 * - `pre-rollout`: before the new revision is deployed; a non-2xx answer stops the rollout before it starts;
 * - `rollout`: at each step, before the gates; a non-2xx answer fails the step (rolled back);
 * - `confirm-promotion`: before all traffic moves; polled until it answers 2xx (go) or `timeoutInMs` passes (rolled back);
 * - `post-rollout`, `rollback`: told after the promotion or the rollback; their answer changes nothing (a warning).
 * Unlike Flagger's `rollback` hook (polled to *trigger* a rollback), azprov's is a notice that one happened.
 */
export type WebhookPhase = 'pre-rollout' | 'rollout' | 'confirm-promotion' | 'post-rollout' | 'rollback';
export const PHASES: WebhookPhase[] = ['pre-rollout', 'rollout', 'confirm-promotion', 'post-rollout', 'rollback'];

export interface WebhookSpec {
  url: string;
  /** One call's timeout (default 10 s); for confirm-promotion, how long to keep polling (default 10 min). */
  timeoutInMs?: number;
  /** confirm-promotion: time between polls (default 10 s). */
  pollInMs?: number;
}

export type Webhooks = Partial<Record<WebhookPhase, WebhookSpec>>;

export interface WebhookPayload {
  phase: WebhookPhase;
  app: string;
  revisions: { canary: string; stable: string };
  step?: number;
  of?: number;
  weights?: Record<string, number>;
  /** confirm-promotion and rollback: the gates and analyses of the last step judged, with their measured values. */
  results?: GateResult[];
  reason?: string;
}

export interface WebhookOutcome {
  pass: boolean;
  detail: string;
}

export function checkWebhooks(w: Webhooks, field: string): Problem[] {
  const problems: Problem[] = [];
  for (const [phase, spec] of Object.entries(w)) {
    if (!PHASES.includes(phase as WebhookPhase)) problems.push({ field: `${field}.${phase}`, reason: `'${phase}' is not a webhook phase.`, fix: `use one of ${PHASES.join(', ')}.` });
    else if (!spec || !/^https?:\/\/\S+$/.test(spec.url ?? '')) problems.push({ field: `${field}.${phase}.url`, reason: `'${spec?.url ?? ''}' is not an http(s) URL.`, fix: 'use e.g. https://hooks.example.com/azprov.' });
  }
  return problems;
}

/** `--webhook confirm-promotion=https://…` (repeatable) → webhooks. */
export function parseWebhookFlags(list: string[]): { webhooks: Webhooks; problems: Problem[] } {
  const webhooks: Webhooks = {};
  for (const item of list) {
    const i = item.indexOf('=');
    webhooks[item.slice(0, i) as WebhookPhase] = { url: i < 0 ? '' : item.slice(i + 1) };
  }
  return { webhooks, problems: checkWebhooks(webhooks, '--webhook') };
}

/** One POST; 2xx passes. A network error or timeout fails with what happened. */
export async function callWebhook(spec: WebhookSpec, payload: WebhookPayload, timeoutInMs = spec.timeoutInMs ?? 10_000): Promise<WebhookOutcome> {
  try {
    const res = await fetch(spec.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload), signal: AbortSignal.timeout(timeoutInMs) });
    const text = (await res.text()).slice(0, 200).trim();
    return { pass: res.ok, detail: `${spec.url} answered ${res.status}${text ? `: ${text}` : ''}` };
  } catch (e) {
    return { pass: false, detail: `${spec.url} did not answer: ${(e as Error).message}` };
  }
}

/** Polls until the hook answers 2xx (approved) or the timeout passes (not approved). */
export async function confirmPromotion(spec: WebhookSpec, payload: WebhookPayload, onPoll?: (detail: string) => void): Promise<WebhookOutcome> {
  const deadline = Date.now() + (spec.timeoutInMs ?? 600_000);
  const every = spec.pollInMs ?? 10_000;
  for (let polls = 1; ; polls++) {
    // Each call gets up to 10 s (at least 1 s, even at the deadline): a slow approver is not a refusal.
    const r = await callWebhook(spec, payload, Math.max(1000, Math.min(10_000, deadline - Date.now())));
    if (r.pass) return { pass: true, detail: `approved after ${polls} poll(s): ${r.detail}` };
    const left = deadline - Date.now();
    if (left <= 0) return { pass: false, detail: `not approved within ${(spec.timeoutInMs ?? 600_000) / 1000} s (${polls} poll(s); last: ${r.detail})` };
    onPoll?.(`confirm-promotion: waiting (${r.detail})`);
    await sleep(Math.min(every, left));
  }
}

/**
 * Runs one phase's hook if it is configured, reporting it as a `webhook:<phase>` gate event. Returns the
 * outcome (undefined: no hook for that phase).
 */
export async function runHook(hooks: Webhooks | undefined, payload: WebhookPayload, events: EventSink): Promise<WebhookOutcome | undefined> {
  const spec = hooks?.[payload.phase];
  if (!spec) return undefined;
  const r =
    payload.phase === 'confirm-promotion'
      ? await confirmPromotion(spec, payload, (message) => events({ type: 'info', message }))
      : await callWebhook(spec, payload);
  if (payload.phase === 'post-rollout' || payload.phase === 'rollback') {
    if (!r.pass) events({ type: 'warning', message: `${payload.phase} webhook: ${r.detail}` });
  } else events({ type: 'gate', app: payload.app, revision: payload.revisions.canary, gate: `webhook:${payload.phase}`, pass: r.pass, detail: r.detail });
  return r;
}
