import type { Plan, StepOp } from './plan.js';

/**
 * Everything azprov reports while it works, as data: the CLI renders it, tests assert on it,
 * CI gets it as JSON lines. No event carries a secret.
 */
export type AzprovEvent =
  | { type: 'plan'; plan: Plan }
  | { type: 'step-start'; resource: string; kind: string; op: StepOp; id: string }
  | { type: 'step-waiting'; resource: string; reason: string }
  | { type: 'step-retry'; resource: string; attempt: number; reason: string; delayInMs: number }
  | { type: 'step-done'; resource: string; op: StepOp; durationInMs: number }
  | { type: 'step-failed'; resource: string; op: StepOp; error: string }
  | { type: 'step-skipped'; resource: string; reason: string }
  | { type: 'http'; method: string; url: string; status?: number; durationInMs: number; error?: string }
  | { type: 'warning'; message: string; resource?: string }
  | { type: 'info'; message: string }
  | { type: 'outputs'; outputs: Record<string, Record<string, string>> }
  | { type: 'rollout-step'; app: string; weights: Record<string, number>; step: number; of: number; nextInMs?: number }
  | { type: 'gate'; app: string; revision: string; gate: string; pass: boolean; detail: string; value?: number; threshold?: number }
  | { type: 'rollout-done'; app: string; outcome: 'promoted' | 'rolled-back' | 'ready'; revision: string; reason?: string };

export type EventSink = (e: AzprovEvent) => void;

export const noEvents: EventSink = () => {};
