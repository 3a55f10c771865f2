import { readFileSync } from 'node:fs';
import type { ArmContext } from '../../arm/context.js';
import { parseStackYaml } from '../../engine/load.js';
import { kindsNamedIn, loadKindSpecs } from '../../resources/kinds.js';
import type { ContainerAppSpec } from '../../resources/container-app/spec.js';
import { strategyOptions, type StrategyOptions } from '../../rollout/strategy.js';
import { ValidationError } from '../../core/errors.js';
import type { AzprovEvent, EventSink } from '../../core/events.js';
import { parseAnalysisFlag, parseMetricFlag, type AnalysisSpec } from '../../rollout/analysis/index.js';
import { abortRollout, promoteBlueGreen, runBlueGreen } from '../../rollout/blue-green.js';
import { checkSteps, runCanary, type RolloutResult } from '../../rollout/canary.js';
import type { Gates } from '../../rollout/gates.js';
import { deployRevision, revisionAction, setLabel, setTraffic, swapLabels, type RevisionAction } from '../../rollout/revision-ops.js';
import { formatRevisions, getApp, listRevisions } from '../../rollout/revisions.js';
import { parseLoadFlag } from '../../rollout/load.js';
import { describeEvent, webhookNotifier } from '../../rollout/notify.js';
import { readRolloutTag } from '../../rollout/rollout-state.js';
import { imageProblem, revisionSuffixProblem } from '../../resources/container-app/spec.js';
import type { Problem } from '../../core/errors.js';
import { parseWebhookFlags } from '../../rollout/webhooks.js';
import { writeStepSummary } from '../ci.js';
import { parseTrafficArgs, sumProblem, weightsOf } from '../../rollout/traffic.js';
import type { Renderer } from '../render.js';
import { EXIT, runSession, type OutputFlags } from '../session.js';
import { openTarget, type TargetFlags } from '../target.js';

export interface AppFlags extends TargetFlags, OutputFlags {
  resourceGroup?: string;
}

/** APP is a container app id, or a name with -g. */
export function appIdOf(app: string, flags: AppFlags, subscriptionId: string): string {
  if (app.startsWith('/subscriptions/')) return app;
  if (!flags.resourceGroup) throw new ValidationError([{ field: '--resource-group', reason: `'${app}' is a name, so the resource group is needed.`, fix: 'pass -g <resource group>, or give the app\'s full resource id.' }]);
  return `/subscriptions/${subscriptionId}/resourceGroups/${flags.resourceGroup}/providers/Microsoft.App/containerApps/${app}`;
}

/** Durations at the edge as strings: 60s, 2m, 500ms. */
export function parseDuration(v: string | undefined, field: string, fallbackInMs: number): number {
  if (v === undefined) return fallbackInMs;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(v);
  if (!m) throw new ValidationError([{ field, reason: `'${v}' is not a duration.`, fix: 'use e.g. 500ms, 30s or 2m.' }]);
  return Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 'm' ? 60_000 : 1000);
}

function envPairs(list: string[] | undefined): Record<string, string> | undefined {
  if (!list?.length) return undefined;
  return Object.fromEntries(list.map((kv) => [kv.split('=')[0], kv.split('=').slice(1).join('=')]));
}

async function withApp(app: string, flags: AppFlags, body: (arm: ArmContext, appId: string, render: Renderer) => Promise<number>): Promise<number> {
  return runSession(flags, async ({ render, defer }) => {
    const open = await openTarget(flags);
    defer(open.close);
    return body(open.arm, appIdOf(app, flags, open.arm.subscriptionId), render);
  });
}

export const revisionList = (app: string, flags: AppFlags) =>
  withApp(app, flags, async (arm, appId) => {
    const rows = await listRevisions(arm, appId);
    process.stdout.write(flags.output === 'json' ? JSON.stringify(rows) + '\n' : formatRevisions(rows) + '\n');
    return EXIT.ok;
  });

/** The app's name, from a name or a resource id. */
const appNameOf = (app: string) => (app.startsWith('/subscriptions/') ? app.split('/').pop()! : app);

/** Flags a release command can check without Azure: image, suffix, weight, label, env. */
export function releaseFlagProblems(app: string, f: { image?: string; suffix?: string; weight?: string; label?: string; env?: string[] }): Problem[] {
  const problems: Problem[] = [];
  const image = f.image === undefined ? undefined : imageProblem(f.image);
  if (image) problems.push({ field: '--image', ...image });
  if (f.suffix !== undefined) {
    const p = revisionSuffixProblem(appNameOf(app), f.suffix, '--suffix');
    if (p) problems.push(p);
  }
  if (f.weight !== undefined && !/^(100|[1-9]?\d)$/.test(f.weight)) problems.push({ field: '--weight', reason: `'${f.weight}' is not a whole percent from 0 to 100.`, fix: 'use e.g. --weight 10.' });
  // Labels become part of a host name: lower-case letters, digits and '-' (U: the service's exact rule is not published).
  if (f.label !== undefined && !/^[a-z](?:[a-z0-9-]*[a-z0-9])?$/.test(f.label)) problems.push({ field: '--label', reason: `'${f.label}' is not a label Container Apps accepts.`, fix: "use lower-case letters, digits and '-', e.g. blue." });
  (f.env ?? []).forEach((kv, i) => {
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*=/.test(kv)) problems.push({ field: `--env.${i}`, reason: `'${kv}' is not NAME=value.`, fix: 'write each as NAME=value, e.g. --env LOG_LEVEL=debug.' });
  });
  return problems;
}

/** Problems found before anything is opened or sent are input errors (exit 3). */
function refuse(flags: OutputFlags, problems: Problem[]): Promise<number> | undefined {
  return problems.length ? runSession(flags, async () => { throw new ValidationError(problems); }) : undefined;
}

export const revisionDeploy = (app: string, flags: AppFlags & { image?: string; suffix?: string; env?: string[]; weight?: string; label?: string }) =>
  refuse(flags, releaseFlagProblems(app, flags)) ??
  withApp(app, flags, async (arm, appId) => {
    const r = await deployRevision(arm, appId, { image: flags.image, suffix: flags.suffix, env: envPairs(flags.env), weight: flags.weight === undefined ? undefined : Number(flags.weight), label: flags.label });
    process.stdout.write(`revision ${r.revision} (was ${r.previous ?? 'none'}) at ${flags.weight ?? 0}%\n`);
    return EXIT.ok;
  });

const DONE: Record<RevisionAction, string> = { activate: 'activated', deactivate: 'deactivated', restart: 'restarted' };

export const revisionDo = (action: RevisionAction) => (app: string, revision: string, flags: AppFlags) =>
  withApp(app, flags, async (arm, appId) => {
    await revisionAction(arm, appId, revision, action);
    process.stdout.write(`${revision}: ${DONE[action]}\n`);
    return EXIT.ok;
  });

export const revisionLabel = (app: string, label: string, revision: string | undefined, flags: AppFlags & { remove?: boolean; swap?: string }) =>
  refuse(flags, releaseFlagProblems(app, { label }).map((p) => ({ ...p, field: 'label' }))) ??
  withApp(app, flags, async (arm, appId) => {
    if (flags.swap) await swapLabels(arm, appId, label, flags.swap);
    else await setLabel(arm, appId, label, flags.remove ? undefined : revision);
    process.stdout.write(formatRevisions(await listRevisions(arm, appId)) + '\n');
    return EXIT.ok;
  });

export const trafficSet = (app: string, weights: string[], flags: AppFlags) => {
  // What can be checked without Azure is checked before anything is started or sent.
  const { map, problems } = parseTrafficArgs(weights);
  const total = problems.length ? undefined : sumProblem(map);
  if (total) problems.push(total);
  if (problems.length) return runSession(flags, async () => { throw new ValidationError(problems); });
  return withApp(app, flags, async (arm, appId) => {
    await setTraffic(arm, appId, map);
    process.stdout.write(formatRevisions(await listRevisions(arm, appId)) + '\n');
    return EXIT.ok;
  });
};

export interface RolloutFlags extends AppFlags {
  image?: string;
  env?: string[];
  suffix?: string;
  steps?: string;
  interval?: string;
  deactivateAfter?: string;
  keepRevisions?: string;
  promote?: boolean;
  healthGate?: boolean;
  minReplicas?: string;
  httpPath?: string;
  httpStatus?: string;
  httpRequests?: string;
  successRate?: string;
  maxLatency?: string;
  command?: string;
  /** `success-rate>=0.99,min-requests=20,...` (analysis/spec.ts). */
  analysis?: string;
  metric?: string[];
  load?: string;
  webhook?: string[];
  notify?: string;
  /** A stack file whose containerApp declares a `rollout` strategy (flags override it). */
  file?: string;
}

/**
 * With `-f`, the app as the stack declares it: its name, resource group (for -g) and `rollout` strategy.
 * Read synchronously: it is input checking, done before anything is sent.
 */
async function stackStrategy(app: string, flags: RolloutFlags): Promise<{ name: string; resourceGroup?: string; options?: StrategyOptions } | undefined> {
  if (!flags.file) return undefined;
  let text: string;
  try {
    text = readFileSync(flags.file, 'utf8');
  } catch (e) {
    throw new ValidationError([{ field: '--file', reason: `cannot read ${flags.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`, fix: 'give the path of the stack file that declares the app.' }]);
  }
  // Validation needs the schemas of the kinds the file names (loaded on demand: src/resources/kinds.ts).
  await loadKindSpecs(kindsNamedIn(text));
  const stack = parseStackYaml(text, flags.file);
  const found = Object.entries(stack.resources).find(([key, r]) => r.kind === 'containerApp' && ((r as ContainerAppSpec).name === app || key === app));
  if (!found) throw new ValidationError([{ field: '--file', reason: `${flags.file} declares no containerApp named '${app}'.`, fix: 'pass the app\'s name or its key under resources:.' }]);
  const [key, spec] = found as [string, ContainerAppSpec];
  const resourceGroup = (stack.resources[spec.resourceGroup] as { name?: string } | undefined)?.name;
  if (!spec.rollout) return { name: spec.name, resourceGroup };
  const { options, problems } = strategyOptions(spec.rollout, `resources.${key}.rollout`);
  if (problems.length) throw new ValidationError(problems, flags.file);
  return { name: spec.name, resourceGroup, options };
}

/** The metric-analysis flags, or undefined when none is given. */
function analysisOf(f: RolloutFlags): AnalysisSpec | undefined {
  if (!f.analysis && !f.metric?.length) return undefined;
  const { spec, problems } = parseAnalysisFlag(f.analysis ?? '');
  const metrics = (f.metric ?? []).map((m) => parseMetricFlag(m));
  problems.push(...metrics.flatMap((m) => m.problems));
  if (problems.length) throw new ValidationError(problems);
  return { ...spec, ...(metrics.length ? { metrics: metrics.map((m) => m.check!) } : {}) };
}

/** Load, webhooks and notification flags over the stack's (checked before anything is sent). */
function extrasOf(f: RolloutFlags, base?: StrategyOptions) {
  const { webhooks, problems } = parseWebhookFlags(f.webhook ?? []);
  if (f.notify !== undefined && !/^https?:\/\/\S+$/.test(f.notify)) problems.push({ field: '--notify', reason: `'${f.notify}' is not an http(s) URL.`, fix: 'pass a Slack or Teams incoming-webhook URL.' });
  let load;
  try {
    load = f.load ? parseLoadFlag(f.load) : undefined;
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    problems.push(...e.problems);
  }
  if (problems.length) throw new ValidationError(problems);
  const hooks = { ...base?.webhooks, ...webhooks };
  return { load: load ?? base?.load, webhooks: Object.keys(hooks).length ? hooks : undefined, notify: f.notify ?? base?.notify };
}

/** Gate flags are checked before anything is started or sent. */
function checkGateFlags(f: RolloutFlags): void {
  const problems = [];
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const rate = num(f.successRate);
  if (rate !== undefined && !(rate >= 0 && rate <= 1)) problems.push({ field: '--success-rate', reason: `'${f.successRate}' is not a share between 0 and 1.`, fix: 'use e.g. --success-rate 0.99.' });
  const n = num(f.httpRequests);
  if (n !== undefined && !(Number.isInteger(n) && n >= 1)) problems.push({ field: '--http-requests', reason: `'${f.httpRequests}' is not a whole number of at least 1.`, fix: 'use e.g. --http-requests 20.' });
  const status = num(f.httpStatus);
  if (status !== undefined && !(Number.isInteger(status) && status >= 100 && status <= 599)) problems.push({ field: '--http-status', reason: `'${f.httpStatus}' is not an HTTP status.`, fix: 'use e.g. --http-status 200.' });
  const min = num(f.minReplicas);
  if (min !== undefined && !(Number.isInteger(min) && min >= 0)) problems.push({ field: '--min-replicas', reason: `'${f.minReplicas}' is not a whole number.`, fix: 'use e.g. --min-replicas 1.' });
  if (problems.length) throw new ValidationError(problems);
}

/** The gates: the stack's (`base`), each overridden by the flags that name it. */
function gatesOf(f: RolloutFlags, base?: Gates): Gates {
  checkGateFlags(f);
  const { health, ...rest } = base ?? { health: {} };
  const gates: Gates = { ...rest };
  if (f.healthGate !== false && health) gates.health = f.minReplicas ? { minReplicas: Number(f.minReplicas) } : health;
  if (f.httpPath || f.httpStatus || f.successRate || f.maxLatency || f.httpRequests) {
    gates.http = {
      path: f.httpPath ?? '/',
      expectStatus: f.httpStatus ? Number(f.httpStatus) : undefined,
      requests: f.httpRequests ? Number(f.httpRequests) : undefined,
      successRate: f.successRate ? Number(f.successRate) : undefined,
      maxLatencyInMs: f.maxLatency ? parseDuration(f.maxLatency, '--max-latency', 0) : undefined,
    };
  }
  if (f.command) gates.command = f.command;
  const analysis = analysisOf(f);
  if (analysis) gates.analysis = { ...base?.analysis, ...analysis };
  return gates;
}

function report(r: RolloutResult): number {
  process.stdout.write(r.outcome === 'promoted' ? `promoted ${r.revision}: 100% of the traffic (was ${r.stable})\n` : `${r.revision} is ready behind its preview label; promote with azprov rollout promote\n`);
  return EXIT.ok;
}

/**
 * The rollout's events to the terminal, and (each notable one as a Markdown line) to the GitHub step summary
 * and the --notify webhook; `flush` waits for the notifications still being sent.
 */
function rolloutSinks(render: Renderer, notify: string | undefined): { events: EventSink; flush: () => Promise<void> } {
  const toTerminal = sink(render);
  const hook = notify ? webhookNotifier(notify, (message) => render.event({ type: 'warning', message })) : undefined;
  const events: EventSink = (e) => {
    toTerminal(e);
    const line = describeEvent(e);
    if (line) writeStepSummary(`- ${line}`);
    hook?.sink(e);
  };
  return { events, flush: async () => void (await hook?.flush()) };
}

async function withSinks(render: Renderer, notify: string | undefined, run: (events: EventSink) => Promise<number>): Promise<number> {
  const s = rolloutSinks(render, notify);
  try {
    return await run(s.events);
  } finally {
    await s.flush();
  }
}

const sink = (render: Renderer) => (e: AzprovEvent) => {
  if (e.type === 'rollout-step') render.event({ type: 'info', message: `step ${e.step}/${e.of}: ${Object.entries(e.weights).map(([k, w]) => `${k}=${w}%`).join(' ')}${e.nextInMs ? `; waiting ${Math.round(e.nextInMs / 1000)} s, until ${new Date(Date.now() + e.nextInMs).toISOString().slice(11, 19)} UTC, before checking the gates` : ''}` });
  else if (e.type === 'gate') render.event({ type: 'info', message: `  ${e.pass ? '✓' : '✗'} ${e.gate}: ${e.detail}` });
  else if (e.type === 'rollout-done' && e.outcome === 'rolled-back') render.event({ type: 'warning', message: `rolled back ${e.revision}: ${e.reason}` });
  else render.event(e);
};

function checkReleaseFlags(app: string, f: RolloutFlags): void {
  const problems = releaseFlagProblems(app, f);
  if (problems.length) throw new ValidationError(problems);
}

/** Flag problems are input errors: reported (exit 3) before a target is opened or a request sent. */
async function preflight<T>(flags: RolloutFlags, check: () => T | Promise<T>, run: (checked: T) => Promise<number>): Promise<number> {
  let checked: T;
  try {
    checked = await check();
  } catch (e) {
    return runSession(flags, async () => {
      throw e;
    });
  }
  return run(checked);
}

/** `--keep-revisions`: how many superseded revisions stay active after promotion (undefined: the default). */
function keepRevisionsOf(f: RolloutFlags): number | undefined {
  if (f.keepRevisions === undefined) return undefined;
  const n = Number(f.keepRevisions);
  if (!Number.isInteger(n) || n < 0) throw new ValidationError([{ field: '--keep-revisions', reason: `'${f.keepRevisions}' is not a whole number of revisions.`, fix: 'give 0 (deactivate every superseded revision) or more, e.g. --keep-revisions 1.' }]);
  return n;
}

/** Every problem at once: each check throws its own ValidationError; gather them. */
function gather(checks: Array<() => unknown>): void {
  const problems = checks.flatMap((check) => {
    try {
      check();
      return [];
    } catch (e) {
      if (e instanceof ValidationError) return e.problems;
      throw e;
    }
  });
  if (problems.length) throw new ValidationError(problems);
}

/** The stack's strategy (with -f), then the flags over it; the app's name and resource group from the stack too. */
async function rolloutConfig(app: string, flags: RolloutFlags) {
  const stack = await stackStrategy(app, flags);
  const base = stack?.options;
  const f = { ...flags, resourceGroup: flags.resourceGroup ?? stack?.resourceGroup };
  const steps = flags.steps ? flags.steps.split(',').map(Number) : (base?.steps ?? [10, 25, 50, 100]);
  gather([() => checkSteps(steps), () => gatesOf(flags, base?.gates), () => parseDuration(flags.interval, '--interval', 0), () => extrasOf(flags, base), () => checkReleaseFlags(app, flags), () => keepRevisionsOf(flags)]);
  const { notify, ...extras } = extrasOf(flags, base);
  return {
    app: stack?.name ?? app,
    flags: f,
    notify,
    strategy: base?.strategy,
    steps,
    gates: gatesOf(flags, base?.gates),
    intervalInMs: flags.interval ? parseDuration(flags.interval, '--interval', 60_000) : (base?.intervalInMs ?? 60_000),
    deactivateAfterInMs: parseDuration(flags.deactivateAfter, '--deactivate-after', 0),
    keepRevisions: keepRevisionsOf(flags),
    ...extras,
  };
}

export const rolloutCanary = (app: string, flags: RolloutFlags) =>
  preflight(
    flags,
    () => rolloutConfig(app, flags),
    ({ app: name, flags: f, notify, strategy, ...c }) =>
      strategy === 'blue-green'
        ? runSession(flags, async () => {
            throw new ValidationError([{ field: '--file', reason: `the stack declares a blue-green rollout for ${name}.`, fix: `run azprov rollout blue-green ${name} -f ${flags.file}.` }]);
          })
        : withApp(name, f, async (arm, appId, render) => withSinks(render, notify, async (events) => report(await runCanary({ arm, appId, image: flags.image, env: envPairs(flags.env), suffix: flags.suffix, ...c, events })))),
  );

export const rolloutBlueGreen = (app: string, flags: RolloutFlags) =>
  preflight(
    flags,
    async () => {
      const c = await rolloutConfig(app, flags);
      // Blue-green judges once, on the preview label, with no step to spread a load over.
      if (c.load) throw new ValidationError([{ field: flags.load ? '--load' : '--file', reason: 'the built-in load runs during canary steps; blue-green has none.', fix: 'drive the preview label with --http-requests, a --command tester or a rollout webhook, or use rollout canary.' }]);
      return c;
    },
    ({ app: name, flags: f, notify, strategy: _strategy, steps: _steps, intervalInMs: _interval, ...c }) =>
      withApp(name, f, async (arm, appId, render) => withSinks(render, notify, async (events) => report(await runBlueGreen({ arm, appId, image: flags.image, env: envPairs(flags.env), suffix: flags.suffix, promote: flags.promote, ...c, events })))),
  );

export const rolloutPromote = (app: string, flags: RolloutFlags) =>
  preflight(
    flags,
    () => ({ deactivateAfterInMs: parseDuration(flags.deactivateAfter, '--deactivate-after', 0), keepRevisions: keepRevisionsOf(flags) }),
    (c) => withApp(app, flags, async (arm, appId, render) => report(await promoteBlueGreen({ arm, appId, gates: {}, events: sink(render), ...c }))),
  );

export const rolloutAbort = (app: string, flags: RolloutFlags) =>
  withApp(app, flags, async (arm, appId, render) => {
    const r = await abortRollout(arm, appId, sink(render));
    process.stdout.write(`aborted: all traffic back on ${r.stable}, ${r.revision} deactivated\n`);
    return EXIT.ok;
  });

export const rolloutStatus = (app: string, flags: RolloutFlags) =>
  withApp(app, flags, async (arm, appId) => {
    const a = await getApp(arm, appId);
    const state = readRolloutTag(a.tags);
    const weights = weightsOf(a.configuration?.ingress?.traffic, a.latestRevisionName);
    const line = state ? `${state.strategy} rollout of ${state.next} from ${state.stable}: ${Object.entries(weights).map(([k, w]) => `${k}=${w}%`).join(' ')}` : `no rollout in progress: ${Object.entries(weights).map(([k, w]) => `${k}=${w}%`).join(' ')}`;
    process.stdout.write(flags.output === 'json' ? JSON.stringify({ rollout: state ?? null, weights }) + '\n' : line + '\n');
    return EXIT.ok;
  });
