#!/usr/bin/env node
// azprov benchmarks: `npm run bench` (builds, then runs this). Writes bench/results/latest.{md,json}.
// Options: --only seed,fleet,startup   --runs N (default 3)   --seq-runs N (sequential seed runs, default 1)
//          --seed-scale S (latencyScale of the seed runs, default 0.1)   --fleet-scale S (default 0.05)
//          --scale S (both scales)
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { parse } from 'yaml';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedStack, fleetStack } from './lib/stacks.mjs';
import { withEmulator, upTimed, planTimed, median } from './lib/harness.mjs';
import { bucketBound, criticalPath, durationOf, minimumRequests, retryAfterAwareOf, serialSum } from './lib/bound.mjs';
import { analyseLros } from './lib/lro.mjs';
import { DEFAULT_BUCKETS } from '../dist/emulator/throttling.js';
import { DEFAULT_CONCURRENCY } from '../dist/engine/plan.js';
import { loadProvider } from '../dist/resources/kinds.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : dflt;
};
const only = new Set(String(arg('only', 'seed,fleet,startup')).split(','));
const RUNS = Number(arg('runs', 3));
const SEQ_RUNS = Math.min(RUNS, Number(arg('seq-runs', 1)));
// Seed at 1/10: every duration on its critical path is then a whole number of seconds, so the emulator's
// integer-second Retry-After adds nothing to it (at 1/20 the 1.5 s zone is seen done after 2 s: 2.5 %
// of the bound from rounding alone). The fleet's figures are about requests and the throttle: 1/20.
const SEED_SCALE = Number(arg('seed-scale', arg('scale', 0.1)));
const FLEET_SCALE = Number(arg('fleet-scale', arg('scale', 0.05)));
const STARTUP_RUNS = Math.max(5, Number(arg('startup-runs', 7)));
const cores = availableParallelism();
const COMMANDS = {
  seed: `npm run bench -- --only seed --runs ${RUNS} --seq-runs ${SEQ_RUNS} --seed-scale ${SEED_SCALE}`,
  fleet: `npm run bench -- --only fleet --runs ${RUNS} --fleet-scale ${FLEET_SCALE}`,
  startup: 'npm run bench -- --only startup',
};
const cmd = (section) => COMMANDS[section];
const r2 = (x) => Math.round(x * 100) / 100;
const s1 = (ms) => `${(ms / 1000).toFixed(2)} s`;
const log = (...a) => console.error('[bench]', ...a);
const started = Date.now();
const results = { machine: { cores, cpu: cpus()[0]?.model, node: process.version, platform: `${process.platform}-${process.arch}` }, options: { runs: RUNS, seqRuns: SEQ_RUNS, seedScale: SEED_SCALE, fleetScale: FLEET_SCALE }, sections: {} };

// ---------------------------------------------------------------- 1, 2, 4: seed stack
async function seed() {
  const SCALE = SEED_SCALE;
  const stack = seedStack();
  const dur = (k) => durationOf(k, SCALE);
  const bound = criticalPath(stack, dur);
  const raBound = criticalPath(stack, (k) => retryAfterAwareOf(k, SCALE));
  const serial = serialSum(stack, dur);
  // The module imports (engine, providers, SDKs) are a process's start-up cost, measured in section 5;
  // load them once here so that run 1 is not the only run that pays them. The token, the TLS
  // connections and the clients stay inside every run (a fresh ArmContext each time).
  await Promise.all([...new Set(Object.values(stack.resources).map((r) => r.kind))].map((k) => loadProvider(k)));
  const runs = [];
  let lro;
  for (let i = 0; i < RUNS; i++) {
    const emuOpts = { latency: 'realistic', latencyScale: SCALE };
    const par = await withEmulator(emuOpts, async (emu) => {
      const r = await upTimed(emu, stack);
      if (i === 0) lro = analyseLros(emu.exchanges(), r.exchanges, r.plan.steps, { durationOf: dur });
      const noop = await planTimed(emu, stack);
      return { ...r, noop };
    });
    // Sequential runs are the slow part of the bench: the first SEQ_RUNS pairs only.
    const seq = i < SEQ_RUNS ? await withEmulator(emuOpts, (emu) => upTimed(emu, stack, { concurrency: 1 })) : undefined;
    const noopWrites = par.noop.exchanges.filter((e) => e.method !== 'GET' && e.method !== 'HEAD').length;
    // The plan lists what is tagged for the stack (resource groups, resources: two list reads per stack),
    // to find what the stack no longer declares; counted apart from the per-resource reads.
    const noopListReads = par.noop.exchanges.filter((e) => e.method === 'GET' && /\$filter=tagName/i.test(decodeURIComponent(e.url ?? ''))).length;
    const run = {
      wallMs: par.wallMs,
      planMs: par.planMs,
      applyMs: par.applyMs,
      requests: par.exchanges.length,
      seqWallMs: seq?.wallMs,
      seqRequests: seq?.exchanges.length,
      ratioBound: par.wallMs / bound.ms,
      ratioBoundApply: par.applyMs / bound.ms,
      ratioRaBound: par.wallMs / raBound.ms,
      ratioSeq: seq ? seq.wallMs / par.wallMs : undefined,
      noop: { wallMs: par.noop.wallMs, writes: noopWrites, reads: par.noop.exchanges.length - noopWrites - noopListReads, listReads: noopListReads, changes: par.noop.plan.steps.filter((s) => s.op !== 'same').length },
    };
    runs.push(run);
    log(`seed run ${i + 1}/${RUNS}: azprov ${s1(run.wallMs)} (plan ${s1(run.planMs)})${seq ? `, sequential ${s1(run.seqWallMs)}` : ''}, no-op plan ${s1(run.noop.wallMs)}`);
  }
  const m = (f) => median(runs.map(f).filter((x) => x !== undefined));
  const resources = Object.keys(stack.resources).length;
  return {
    resources,
    scale: SCALE,
    bound: { ms: bound.ms, path: bound.path },
    retryAfterBound: { ms: raBound.ms, path: raBound.path },
    serialSumMs: serial,
    runs,
    median: {
      wallMs: m((r) => r.wallMs),
      planMs: m((r) => r.planMs),
      applyMs: m((r) => r.applyMs),
      seqWallMs: m((r) => r.seqWallMs),
      ratioBound: m((r) => r.ratioBound),
      ratioBoundApply: m((r) => r.ratioBoundApply),
      ratioRaBound: m((r) => r.ratioRaBound),
      ratioSeq: m((r) => r.ratioSeq),
      noopWallMs: m((r) => r.noop.wallMs),
      noopWrites: m((r) => r.noop.writes),
      noopReadsPerResource: m((r) => r.noop.reads / resources),
      noopListReads: m((r) => r.noop.listReads),
      noopChanges: m((r) => r.noop.changes),
    },
    lro,
  };
}

// ---------------------------------------------------------------- 3, 6: fleet under throttling
function runChild(script, payload) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [script, JSON.stringify(payload)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop())) : reject(new Error(`${script} exited ${code}`))));
  });
}

async function fleet() {
  const SCALE = FLEET_SCALE;
  const stack = fleetStack();
  const dur = (k) => durationOf(k, SCALE);
  const cp = criticalPath(stack, dur);
  const throttling = { scale: 1 };
  const buckets = DEFAULT_BUCKETS;
  // Minimum requests, each at the earliest time it can be sent (bench/lib/bound.mjs); the bucket bound
  // counts what must come late (the apps' polls, after their environments) against the bucket then.
  const kinds = Object.values(stack.resources).map((r) => r.kind);
  const need = minimumRequests(stack, SCALE);
  const [minReads, minWrites] = [need.reads.length, need.writes.length]; // POST is a write for ARM's buckets
  const scaled = (b) => ({ ...b, refillPerSecond: b.refillPerSecond * throttling.scale });
  const readsBoundMs = bucketBound(need.reads, scaled(buckets.reads));
  const writesBoundMs = bucketBound(need.writes, scaled(buckets.writes));
  const boundMs = Math.max(cp.ms, readsBoundMs, writesBoundMs);
  const dir = mkdtempSync(join(tmpdir(), 'azprov-bench-'));
  const one = (concurrency) =>
    withEmulator({ latency: 'realistic', latencyScale: SCALE, throttling, caFile: join(dir, 'ca.pem') }, async (emu) => {
      const r = await runChild(join(root, 'bench/fleet-child.mjs'), { endpoint: emu.endpoint, caFile: join(dir, 'ca.pem'), subscriptionId: emu.subscriptionId, concurrency });
      const log = emu.exchanges();
      r.emulator429 = log.filter((x) => x.response.statusCode === 429).length;
      return r;
    });
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await one(undefined);
    runs.push(r);
    log(`fleet run ${i + 1}/${RUNS}: ${s1(r.wallMs)}, ${r.requests} requests, ${r.throttled} x 429, rss ${r.maxRssMB.toFixed(0)} MB${r.failure ? ', FAILED ' + r.failure.message.split('\n')[0] : ''}`);
  }
  const wide = await one(200);
  log(`fleet, concurrency 200: ${s1(wide.wallMs)}, ${wide.requests} requests, ${wide.throttled} x 429, rss ${wide.maxRssMB.toFixed(0)} MB`);
  const minNeeded = minReads + minWrites;
  const m = (f, rs = runs) => median(rs.map(f));
  return {
    resources: kinds.length,
    scale: SCALE,
    concurrency: DEFAULT_CONCURRENCY,
    throttling: { buckets, refillScale: throttling.scale },
    criticalPath: { ms: cp.ms, path: cp.path },
    minNeeded: { reads: minReads, writes: minWrites, total: minNeeded },
    bound: { ms: boundMs, readsBoundMs, writesBoundMs, criticalPathMs: cp.ms },
    runs,
    median: {
      wallMs: m((r) => r.wallMs),
      failures: m((r) => (r.failure ? (r.failure.failures ?? 1) : 0)),
      requests: m((r) => r.requests),
      throttled: m((r) => r.throttled),
      ratioRequests: m((r) => r.requests / minNeeded),
      ratioBound: m((r) => r.wallMs / boundMs),
      maxRssMB: m((r) => r.maxRssMB),
    },
    wide: { ...wide, ratioRequests: wide.requests / minNeeded, ratioBound: wide.wallMs / boundMs },
  };
}

// ---------------------------------------------------------------- 5: start-up
function timeSpawn(args, n) {
  const xs = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const p = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    xs.push(performance.now() - t0);
    if (p.status !== 0) throw new Error(`${args.join(' ')} exited ${p.status}: ${p.stderr}`);
  }
  return { medianMs: median(xs), samplesMs: xs.map((x) => Math.round(x)) };
}

function startup() {
  const version = timeSpawn(['dist/cli/main.js', '--version'], STARTUP_RUNS);
  const help = timeSpawn(['dist/cli/main.js', '--help'], STARTUP_RUNS);
  const baseline = timeSpawn(['-e', '0'], STARTUP_RUNS);
  // What `azprov plan` imports before its first request: the engine, then the specs and providers (with
  // the SDKs) of the kinds the stack names, in a fresh process; for the seed stack and templates/environment.yaml.
  const probe = (kinds) => {
    const script = `const t0 = performance.now();
const { planStack } = await import('./dist/engine/plan.js');
const { loadKindSpecs, loadProvider } = await import('./dist/resources/kinds.js');
const t1 = performance.now();
await loadKindSpecs(${JSON.stringify(kinds)});
await Promise.all(${JSON.stringify(kinds)}.map((k) => loadProvider(k)));
const t2 = performance.now();
process.stdout.write(JSON.stringify({ engineMs: t1 - t0, providersMs: t2 - t1, totalMs: t2 - t0 }));`;
    const imports = [];
    const wall = [];
    for (let i = 0; i < STARTUP_RUNS; i++) {
      const t0 = performance.now();
      const p = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
      wall.push(performance.now() - t0);
      if (p.status !== 0) throw new Error(`import probe failed: ${p.stderr}`);
      imports.push(JSON.parse(p.stdout));
    }
    const m = (f) => median(imports.map(f));
    return { kinds, engineMs: m((x) => x.engineMs), providersMs: m((x) => x.providersMs), totalMs: m((x) => x.totalMs), processWallMs: median(wall) };
  };
  const planImport = probe([...new Set(Object.values(seedStack().resources).map((r) => r.kind))]);
  const envImport = probe([...new Set(Object.values(parse(readFileSync(join(root, 'templates/environment.yaml'), 'utf8')).resources).map((r) => r.kind))]);
  log(`startup: --version ${version.medianMs.toFixed(0)} ms, --help ${help.medianMs.toFixed(0)} ms, plan imports ${planImport.totalMs.toFixed(0)} ms (environment stack ${envImport.totalMs.toFixed(0)} ms)`);
  return {
    runs: STARTUP_RUNS,
    version,
    help,
    nodeBaseline: baseline,
    planImport,
    envImport,
  };
}

// ---------------------------------------------------------------- report
function markdown(res) {
  const L = [];
  const { machine, options } = res;
  L.push('# azprov benchmarks', '');
  L.push(`Machine: ${machine.cores} cores (${machine.cpu}), Node ${machine.node}, ${machine.platform}. Generated ${res.generatedAt} in ${(res.elapsedMs / 1000).toFixed(0)} s by \`npm run bench\`.`);
  const sc = (x) => `${x} (1/${Math.round(1 / x)})`;
  L.push(`Emulator: \`realistic\` latency, durations from src/emulator/latency.ts times \`latencyScale\`: seed ${sc(options.seedScale)}, fleet ${sc(options.fleetScale)}. Each figure is the median of N runs; ratios are taken within one run (same process, back to back) and then the median of those ratios.`, '');
  L.push('| # | figure | value | target | met | N | command |', '|---|---|---|---|---|---|---|');
  const row = (n, what, value, target, met, N, c) => L.push(`| ${n} | ${what} | ${value} | ${target} | ${met === undefined ? '–' : met ? 'yes' : '**no**'} | ${N} | \`${c}\` |`);
  const s = res.sections.seed;
  if (s) {
    const md = s.median;
    row('1a', `seed stack (${s.resources} resources): azprov wall time (plan + apply)`, s1(md.wallMs), '', undefined, options.runs, cmd('seed'));
    row('1a', `critical-path bound (${s.bound.path.join(' → ')}, durations × scale)`, s1(s.bound.ms), '', undefined, '–', cmd('seed'));
    row('1a', 'wall / critical-path bound', r2(md.ratioBound), '≤ 1.05', md.ratioBound <= 1.05, options.runs, cmd('seed'));
    row('1a', 'apply only / critical-path bound (plan excluded)', r2(md.ratioBoundApply), '(info)', undefined, options.runs, cmd('seed'));
    row('1a', `wall / Retry-After-aware bound (${s1(s.retryAfterBound.ms)}: integer-second Retry-After, AKS polled every 200 ms)`, r2(md.ratioRaBound), '(info)', undefined, options.runs, cmd('seed'));
    row('1b', 'sequential (`concurrency: 1`) wall time', `${s1(md.seqWallMs)} (sum of durations ${s1(s.serialSumMs)})`, '', undefined, options.seqRuns, cmd('seed'));
    row('1b', `sequential / azprov (at most ${r2(s.serialSumMs / s.bound.ms)} for any scheduler: sum of durations / critical path)`, r2(md.ratioSeq), '≥ 2.5', md.ratioSeq >= 2.5, options.seqRuns, cmd('seed'));
    row('1b', 'sequential / azprov as a share of that maximum', `${Math.round((md.ratioSeq / (s.serialSumMs / s.bound.ms)) * 100)} %`, '(info)', undefined, options.seqRuns, cmd('seed'));
    row('2', 'no-op re-run (plan): writes', md.noopWrites, '0', md.noopWrites === 0, options.runs, cmd('seed'));
    row('2', 'no-op re-run: reads per resource (no LRO runs, so no polls; polls would be included) + per-stack list reads (tag filter: groups, resources)', `${r2(md.noopReadsPerResource)} + ${md.noopListReads}`, '≤ 1 + 2', md.noopReadsPerResource <= 1 && md.noopListReads <= 2, options.runs, cmd('seed'));
    row('2', 'no-op re-run: wall time', s1(md.noopWallMs), '', undefined, options.runs, cmd('seed'));
    const lt = s.lro.reduce((a, x) => ({ req: a.req + x.requests, ideal: a.ideal + x.idealRequests, early: a.early + x.earlyPolls }), { req: 0, ideal: 0, early: 0 });
    row('4', `LRO polling, run 1: requests / ideal over ${s.lro.length} LROs (early polls: ${lt.early})`, `${lt.req} / ${lt.ideal} = ${r2(lt.req / lt.ideal)}`, 'no over-polling', lt.early === 0, 1, cmd('seed'));
  }
  const f = res.sections.fleet;
  if (f) {
    const md = f.median;
    row('3', `fleet (${f.resources} resources, throttling on, concurrency ${f.concurrency}): failures`, md.failures, '0', md.failures === 0, options.runs, cmd('fleet'));
    row('3', `total requests / minimum needed (${f.minNeeded.total}: ${f.minNeeded.reads} reads + ${f.minNeeded.writes} writes)`, `${md.requests} / ${f.minNeeded.total} = ${r2(md.ratioRequests)} (429s: ${md.throttled})`, '≤ 1.1', md.ratioRequests <= 1.1, options.runs, cmd('fleet'));
    row('3', `wall time / throttle-limited bound (${s1(f.bound.ms)} = max(critical path ${s1(f.bound.criticalPathMs)}, reads ${s1(f.bound.readsBoundMs)}, writes ${s1(f.bound.writesBoundMs)}))`, `${s1(md.wallMs)} / ${s1(f.bound.ms)} = ${r2(md.ratioBound)}`, '(close to 1)', undefined, options.runs, cmd('fleet'));
    row('3', 'same fleet with `concurrency: 200`: failures, requests / min, wall / bound', `${f.wide.failure ? f.wide.failure.failures ?? 1 : 0}, ${r2(f.wide.ratioRequests)} (429s: ${f.wide.throttled}), ${r2(f.wide.ratioBound)} (${s1(f.wide.wallMs)})`, '(info)', undefined, 1, cmd('fleet'));
    row('6', 'peak RSS of the fleet run (azprov child process, emulator in the parent)', `${md.maxRssMB.toFixed(0)} MB`, '≤ 150 MB', md.maxRssMB <= 150, options.runs, cmd('fleet'));
  }
  const u = res.sections.startup;
  if (u) {
    row('5', '`azprov --version` (whole process)', `${u.version.medianMs.toFixed(0)} ms (bare \`node -e 0\`: ${u.nodeBaseline.medianMs.toFixed(0)} ms)`, '', undefined, u.runs, cmd('startup'));
    row('5', '`azprov --help` (whole process)', `${u.help.medianMs.toFixed(0)} ms`, '', undefined, u.runs, cmd('startup'));
    const imp = (x) => `${x.totalMs.toFixed(0)} ms (engine ${x.engineMs.toFixed(0)}, specs + providers ${x.providersMs.toFixed(0)}; process ${x.processWallMs.toFixed(0)} ms)`;
    row('5', `\`azprov plan\` import cost: engine + specs and providers/SDKs of the seed stack's ${u.planImport.kinds.length} kinds, fresh process`, imp(u.planImport), '', undefined, u.runs, cmd('startup'));
    row('5', `same for templates/environment.yaml (${u.envImport.kinds.length} kinds)`, imp(u.envImport), '< 300 ms', u.envImport.totalMs < 300, u.runs, cmd('startup'));
  }
  if (s) {
    L.push('', '## LRO polling (seed stack, run 1)', '');
    L.push('Polls: GETs of the operation\'s status/result URL (for Log Analytics, of the resource itself) after the PUT; final: the GET of the resource the SDK makes after the operation ends. Early: a poll sent before the previous response\'s Retry-After elapsed (200 ms interval where none is sent). Ideal: PUT + 1 poll (+ final) for a client that obeys Retry-After; AKS sends no Retry-After, so ceil(duration / 200 ms) polls.', '');
    L.push('| resource | kind | duration | first Retry-After | polls | early | final GETs | requests | ideal | elapsed |', '|---|---|---|---|---|---|---|---|---|---|');
    for (const x of s.lro) L.push(`| ${x.resource} | ${x.kind} | ${x.durationMs} ms | ${x.initialRetryAfterS ?? 'none'} | ${x.polls} | ${x.earlyPolls} | ${x.finalGets} | ${x.requests} | ${x.idealRequests} | ${x.elapsedMs} ms |`);
  }
  L.push('', '## Notes', '', ...res.notes.map((n) => `- ${n}`), '');
  return L.join('\n');
}

function notes(res) {
  const n = [];
  const s = res.sections.seed;
  if (s) {
    const SCALE = s.scale;
    n.push(`Bound: longest chain of \`stack.dependencies\` weighted by each kind's create duration (bench/lib/bound.mjs maps kind → latency key; synchronous PUTs weigh 0; Cosmos children use the emulator's sqlDatabases key). The cluster waits for the zone's link on purpose: with a custom zone AKS links the zone to the cluster's VNet itself when no link exists (Azure/AKS#2711), and that link would not be the stack's. The bound excludes the plan's reads (median plan ${s1(s.median.planMs)}: the token, the TLS connections and ${s.resources} reads of a fresh ArmContext; module imports are loaded once before the runs and measured in section 5).`);
    n.push(`The emulator sends Retry-After in whole seconds (ceil of the remaining time, at least 1): an operation of D s cannot be seen done before ceil(D) s. At ${SCALE} the critical path's durations are ${s.bound.path.map((p) => `${p} ${durationOf(seedStack().resources[p].kind, SCALE)} ms`).join(', ')}; AKS sends no Retry-After and is polled at the client's 200 ms interval. Retry-After-aware bound ${s1(s.retryAfterBound.ms)} vs ${s1(s.bound.ms)}.`);
    n.push('Polls: the SDK clients (core-lro 3) ignore the initial response\'s Retry-After and poll once at once (`pollUntilDone`), then wait for each poll response\'s Retry-After; without pacing each LRO costs one early poll (measured on 2026-12-04: seed 195 requests with 11 early polls, the workspace reported done after 83 ms while still provisioning; fleet 1021 / 834 = 1.22). azprov\'s poll-pacing policy (src/arm/poll-pacing.ts) holds each GET of the announced poll URL until that Retry-After has passed (the client interval, 200 ms on the emulator and 5 s on Azure, when an operation sends none, as AKS does), so one poll per operation is the norm. Early: a poll sent before the previous response\'s Retry-After elapsed.');
    n.push('Log Analytics: its Location is the resource URL, so the SDK takes the first 200 GET as done whatever the workspace says (arm-facts §3); with the poll held for the Retry-After (≥ the remaining time), that GET finds it Succeeded.');
    const raSerial = serialSum(seedStack(), (k) => retryAfterAwareOf(k, SCALE));
    n.push(`Sequential / azprov cannot reach 2.5 on this stack with any scheduler: one-at-a-time needs at least the sum of the durations (${s1(s.serialSumMs)}; ${s1(raSerial)} with Retry-After rounding), a parallel run at least the critical path (${s1(s.bound.ms)}; ${s1(s.retryAfterBound.ms)}), so the ratio is at most ≈ ${r2(s.serialSumMs / s.bound.ms)}–${r2(raSerial / s.retryAfterBound.ms)}: the AKS create (330 s of the 815 s in the table, arm-facts §11) is on the critical path and dominates both. Reaching 2.5 would need durations the recordings do not support (e.g. the Cosmos account at the 14.5 min of 2020 rather than the 1.5 min of 2021).`);
  }
  const f = res.sections.fleet;
  if (f) {
    n.push(`Fleet throttling: the emulator's default ARM buckets (reads ${f.throttling.buckets.reads.capacity} / ${f.throttling.buckets.reads.refillPerSecond} per s, writes ${f.throttling.buckets.writes.capacity} / ${f.throttling.buckets.writes.refillPerSecond} per s), refill not scaled. Minimum: the plan reads only what has no container in the stack (a fresh fleet: the group; what it contains cannot exist), then PUTs, polls and final GETs. Throttle bound = max(critical path, and per bucket the latest t + (requests that cannot be sent before t − capacity) / refill): the apps' polls and final GETs (2 per app) cannot come before their environments and their own create end (${s1(f.bound.criticalPathMs)} in), so they meet a bucket of at most its capacity then (bench/lib/bound.mjs).`);
    n.push(`Requests pace themselves on ARM's \`x-ms-ratelimit-remaining-subscription-*\` headers (src/arm/rate-limit.ts): below one token a request waits for the refill instead of being answered 429. DEFAULT_CONCURRENCY is ${f.concurrency}; the concurrency-200 row shows that more lanes do not help once the read budget sets the pace.`);
  }
  return n;
}

(async () => {
  if (only.has('seed')) results.sections.seed = await seed();
  if (only.has('fleet')) results.sections.fleet = await fleet();
  if (only.has('startup')) results.sections.startup = startup();
  results.generatedAt = new Date().toISOString();
  results.elapsedMs = Date.now() - started;
  results.notes = notes(results);
  results.commands = Object.fromEntries([...only].map((s) => [s, cmd(s)]));
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/latest.json'), JSON.stringify(results, null, 2) + '\n');
  const md = markdown(results);
  writeFileSync(join(root, 'bench/results/latest.md'), md);
  process.stdout.write(md + '\n');
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
