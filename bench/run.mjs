#!/usr/bin/env node
// azprov benchmarks: `npm run bench` (builds, then runs this). Writes bench/results/latest.{md,json}.
// Options: --only seed,fleet,startup   --runs N (default 3)   --scale S (latencyScale, default 0.05)
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedStack, fleetStack } from './lib/stacks.mjs';
import { withEmulator, upTimed, planTimed, median } from './lib/harness.mjs';
import { criticalPath, durationOf, retryAfterAwareOf, serialSum } from './lib/bound.mjs';
import { analyseLros } from './lib/lro.mjs';
import { DEFAULT_BUCKETS } from '../dist/emulator/throttling.js';
import { DEFAULT_CONCURRENCY } from '../dist/engine/plan.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : dflt;
};
const only = new Set(String(arg('only', 'seed,fleet,startup')).split(','));
const RUNS = Number(arg('runs', 3));
const SCALE = Number(arg('scale', 0.05));
const STARTUP_RUNS = Math.max(5, Number(arg('startup-runs', 7)));
const cores = availableParallelism();
const cmd = (section) => `npm run bench -- --only ${section} --runs ${RUNS} --scale ${SCALE}`;
const r2 = (x) => Math.round(x * 100) / 100;
const s1 = (ms) => `${(ms / 1000).toFixed(2)} s`;
const log = (...a) => console.error('[bench]', ...a);
const started = Date.now();
const results = { machine: { cores, cpu: cpus()[0]?.model, node: process.version, platform: `${process.platform}-${process.arch}` }, options: { runs: RUNS, scale: SCALE }, sections: {} };

// ---------------------------------------------------------------- 1, 2, 4: seed stack
async function seed() {
  const stack = seedStack();
  const dur = (k) => durationOf(k, SCALE);
  const bound = criticalPath(stack, dur);
  const raBound = criticalPath(stack, (k) => retryAfterAwareOf(k, SCALE));
  const serial = serialSum(stack, dur);
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
    const seq = await withEmulator(emuOpts, (emu) => upTimed(emu, stack, { concurrency: 1 }));
    const noopWrites = par.noop.exchanges.filter((e) => e.method !== 'GET' && e.method !== 'HEAD').length;
    const run = {
      wallMs: par.wallMs,
      planMs: par.planMs,
      applyMs: par.applyMs,
      requests: par.exchanges.length,
      seqWallMs: seq.wallMs,
      seqRequests: seq.exchanges.length,
      ratioBound: par.wallMs / bound.ms,
      ratioBoundApply: par.applyMs / bound.ms,
      ratioRaBound: par.wallMs / raBound.ms,
      ratioSeq: seq.wallMs / par.wallMs,
      noop: { wallMs: par.noop.wallMs, writes: noopWrites, reads: par.noop.exchanges.length - noopWrites, changes: par.noop.plan.steps.filter((s) => s.op !== 'same').length },
    };
    runs.push(run);
    log(`seed run ${i + 1}/${RUNS}: azprov ${s1(run.wallMs)} (plan ${s1(run.planMs)}), sequential ${s1(run.seqWallMs)}, no-op plan ${s1(run.noop.wallMs)}`);
  }
  const m = (f) => median(runs.map(f));
  const resources = Object.keys(stack.resources).length;
  return {
    resources,
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
  const stack = fleetStack();
  const dur = (k) => durationOf(k, SCALE);
  const cp = criticalPath(stack, dur);
  const throttling = { scale: 1 };
  const buckets = DEFAULT_BUCKETS;
  // Minimum requests: one read per resource (plan), one PUT per resource, per LRO one terminal poll
  // plus the final GET of the resource (Log Analytics: its Location is the resource, so the terminal
  // poll is that GET), and one POST listKeys per environment (the workspace's shared key).
  const kinds = Object.values(stack.resources).map((r) => r.kind);
  const lroKinds = kinds.filter((k) => k !== 'resourceGroup');
  const envs = kinds.filter((k) => k === 'managedEnvironment').length;
  const minReads = kinds.length + lroKinds.reduce((s, k) => s + (k === 'logAnalyticsWorkspace' ? 1 : 2), 0);
  const minWrites = kinds.length + envs; // POST is a write for ARM's buckets (the emulator's throttlingKind too)
  const bucketBound = (need, b) => (Math.max(0, need - b.capacity) / (b.refillPerSecond * throttling.scale)) * 1000;
  const readsBoundMs = bucketBound(minReads, buckets.reads);
  const writesBoundMs = bucketBound(minWrites, buckets.writes);
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
  // What `azprov plan` imports before its first request: the engine and the providers (with the SDKs)
  // of every kind in the seed stack, in a fresh process.
  const kinds = [...new Set(Object.values(seedStack().resources).map((r) => r.kind))];
  const script = `const t0 = performance.now();
const { planStack } = await import('./dist/engine/plan.js');
const { loadProvider } = await import('./dist/resources/registry.js');
const t1 = performance.now();
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
  log(`startup: --version ${version.medianMs.toFixed(0)} ms, --help ${help.medianMs.toFixed(0)} ms, plan imports ${median(imports.map((x) => x.totalMs)).toFixed(0)} ms`);
  return {
    runs: STARTUP_RUNS,
    version,
    help,
    nodeBaseline: baseline,
    planImport: {
      kinds,
      engineMs: median(imports.map((x) => x.engineMs)),
      providersMs: median(imports.map((x) => x.providersMs)),
      totalMs: median(imports.map((x) => x.totalMs)),
      processWallMs: median(wall),
    },
  };
}

// ---------------------------------------------------------------- report
function markdown(res) {
  const L = [];
  const { machine, options } = res;
  L.push('# azprov benchmarks', '');
  L.push(`Machine: ${machine.cores} cores (${machine.cpu}), Node ${machine.node}, ${machine.platform}. Generated ${res.generatedAt} in ${(res.elapsedMs / 1000).toFixed(0)} s by \`npm run bench\`.`);
  L.push(`Emulator: \`realistic\` latency, \`latencyScale\` ${options.scale} (1/${Math.round(1 / options.scale)} of the durations in src/emulator/latency.ts). Each figure is the median of N runs; ratios are taken within one run (same process, back to back) and then the median of those ratios.`, '');
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
    row('1b', 'sequential (`concurrency: 1`) wall time', `${s1(md.seqWallMs)} (sum of durations ${s1(s.serialSumMs)})`, '', undefined, options.runs, cmd('seed'));
    row('1b', 'sequential / azprov', r2(md.ratioSeq), '≥ 2.5', md.ratioSeq >= 2.5, options.runs, cmd('seed'));
    row('2', 'no-op re-run (plan): writes', md.noopWrites, '0', md.noopWrites === 0, options.runs, cmd('seed'));
    row('2', 'no-op re-run: reads per resource (no LRO runs, so no polls; polls would be included)', r2(md.noopReadsPerResource), '≤ 1', md.noopReadsPerResource <= 1, options.runs, cmd('seed'));
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
    row('5', `\`azprov plan\` import cost: engine + providers/SDKs of ${u.planImport.kinds.length} kinds, fresh process`, `${u.planImport.totalMs.toFixed(0)} ms (engine ${u.planImport.engineMs.toFixed(0)}, providers ${u.planImport.providersMs.toFixed(0)}; process ${u.planImport.processWallMs.toFixed(0)} ms)`, '', undefined, u.runs, cmd('startup'));
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
    n.push(`Bound: longest chain of \`stack.dependencies\` weighted by each kind's create duration (bench/lib/bound.mjs maps kind → latency key; synchronous PUTs weigh 0; Cosmos children use the emulator's sqlDatabases key). It excludes the plan's reads (median plan ${s1(s.median.planMs)}; run 1 is cold and also pays the SDK imports and the token).`);
    n.push(`The emulator sends Retry-After in whole seconds (ceil of the remaining time, at least 1): an operation of D s cannot be seen done before ceil(D) s. On the critical path the private DNS zone lasts ${durationOf('privateDnsZone', SCALE)} ms but is seen done after ${retryAfterAwareOf('privateDnsZone', SCALE)} ms; AKS sends no Retry-After and is polled at the client's 200 ms interval. Hence the Retry-After-aware bound ${s1(s.retryAfterBound.ms)} vs ${s1(s.bound.ms)}.`);
    n.push('Early polls: for every LRO the SDK clients send two status polls right after the initial response (within a few ms), before honouring its Retry-After (core-lro 2.x: the poller\'s first poll, then `pollUntilDone`\'s immediate poll); after that they obey Retry-After (no early poll later). That is the 2 early polls per LRO in the table; AKS sends no Retry-After, so its polls come every 200 ms (ArmContext.pollIntervalInMs on the emulator; 5 s on Azure).');
    n.push(`Log Analytics: its Location is the resource URL, so the SDK takes the first 200 GET as done while the workspace is still \`Creating\` (as real ARM does, [rec-x-dapr-e2e]); the step ends in ms, not ${durationOf('logAnalyticsWorkspace', SCALE)} ms. The bound still weighs it with its table duration (it is not on the critical path here).`);
    const raSerial = serialSum(seedStack(), (k) => retryAfterAwareOf(k, SCALE));
    n.push(`Sequential / azprov cannot reach 2.5 on this stack with any scheduler: one-at-a-time needs at least the sum of the durations (${s1(s.serialSumMs)}; ${s1(raSerial)} with Retry-After rounding), a parallel run at least the critical path (${s1(s.bound.ms)}; ${s1(s.retryAfterBound.ms)}), so the ratio is at most ≈ ${r2(s.serialSumMs / s.bound.ms)}–${r2(raSerial / s.retryAfterBound.ms)}: the AKS create (330 s of the 815 s total in the table) dominates both.`);
  }
  const f = res.sections.fleet;
  if (f) {
    n.push(`Fleet throttling: the emulator's default ARM buckets (reads ${f.throttling.buckets.reads.capacity} / ${f.throttling.buckets.reads.refillPerSecond} per s, writes ${f.throttling.buckets.writes.capacity} / ${f.throttling.buckets.writes.refillPerSecond} per s), refill not scaled. Throttle bound = max(critical path, (min reads − capacity)/refill, (min writes − capacity)/refill).`);
    n.push(`Fleet wall time is bounded in practice by azprov's DEFAULT_CONCURRENCY (${f.concurrency} resources in flight): 200 apps of ~${s1(retryAfterAwareOf('containerApp', SCALE))} each in waves of ${f.concurrency}. The concurrency-200 row shows what the same fleet does when the throttle, not the lane count, limits it.`);
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
