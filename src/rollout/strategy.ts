import type { Problem } from '../core/errors.js';
import type { RolloutStrategySpec } from '../resources/container-app/rollout-spec.js';
import { checkAnalysisSpec, type AnalysisSpec } from './analysis/index.js';
import { parseDurationText } from './analysis/spec.js';
import type { Gates } from './gates.js';
import { checkLoad, type LoadSpec } from './load.js';
import { checkWebhooks, type Webhooks } from './webhooks.js';
import { ValidationError } from '../core/errors.js';

/** A stack file's `rollout` block as rollout options (durations in ms), with every value problem named by its YAML path. */
export interface StrategyOptions {
  strategy: 'canary' | 'blue-green';
  steps?: number[];
  intervalInMs?: number;
  gates: Gates;
  load?: LoadSpec;
  webhooks?: Webhooks;
  notify?: string;
}

const ms = (v: string | undefined) => (v === undefined ? undefined : parseDurationText(v));

export function strategyOptions(s: RolloutStrategySpec, field: string): { options: StrategyOptions; problems: Problem[] } {
  const problems: Problem[] = [];
  const gates: Gates = {};
  if (s.gates?.health !== false) gates.health = s.gates?.health ?? {};
  if (s.gates?.http) {
    const { maxLatency, ...http } = s.gates.http;
    gates.http = { ...http, ...(maxLatency ? { maxLatencyInMs: ms(maxLatency) } : {}) };
  }
  if (s.gates?.command) gates.command = s.gates.command;
  if (s.analysis) {
    const { maxWait, maxLatency, ingestionDelay, ...rest } = s.analysis;
    const analysis: AnalysisSpec = { ...rest, maxWaitInMs: ms(maxWait), maxLatencyInMs: ms(maxLatency), ingestionDelayInMs: ms(ingestionDelay) };
    for (const k of Object.keys(analysis) as Array<keyof AnalysisSpec>) if (analysis[k] === undefined) delete analysis[k];
    problems.push(...checkAnalysisSpec(analysis, `${field}.analysis`));
    gates.analysis = analysis;
  }
  if (s.load) {
    try {
      checkLoad(s.load, `${field}.load`);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      problems.push(...e.problems);
    }
  }
  let webhooks: Webhooks | undefined;
  if (s.webhooks) {
    webhooks = Object.fromEntries(Object.entries(s.webhooks).map(([phase, w]) => [phase, { url: w!.url, timeoutInMs: ms(w!.timeout), pollInMs: ms(w!.poll) }]));
    problems.push(...checkWebhooks(webhooks, `${field}.webhooks`));
  }
  return { options: { strategy: s.strategy ?? 'canary', steps: s.steps, intervalInMs: ms(s.interval), gates, load: s.load, webhooks, notify: s.notify }, problems };
}
