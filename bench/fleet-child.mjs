// The fleet run in its own process, so that its peak RSS is azprov's alone (the emulator runs in the
// parent). argv[2]: JSON { endpoint, caFile, subscriptionId, concurrency }. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { fleetStack } from './lib/stacks.mjs';
import { ArmContext } from '../dist/arm/context.js';
import { planStack } from '../dist/engine/plan.js';
import { applyPlan } from '../dist/engine/apply.js';

const cfg = JSON.parse(process.argv[2]);
const exchanges = [];
const arm = new ArmContext(
  { kind: 'emulator', endpoint: cfg.endpoint, caCertPem: readFileSync(cfg.caFile, 'utf8'), subscriptionId: cfg.subscriptionId },
  { onExchange: (e) => exchanges.push(e) },
);
const stack = fleetStack();
let failure;
const t0 = performance.now();
let steps = [];
try {
  const state = await planStack(stack, { arm, concurrency: cfg.concurrency });
  steps = state.plan.steps;
  await applyPlan(state, { arm, concurrency: cfg.concurrency });
} catch (e) {
  failure = { message: e.message, failures: e.failures?.length ?? null };
}
const wallMs = performance.now() - t0;
const count = (f) => exchanges.filter(f).length;
process.stdout.write(
  JSON.stringify({
    wallMs,
    resources: Object.keys(stack.resources).length,
    lros: steps.filter((s) => !['resourceGroup'].includes(s.kind)).length,
    failure,
    requests: exchanges.length,
    byMethod: Object.fromEntries(['GET', 'PUT', 'POST', 'DELETE', 'PATCH'].map((m) => [m, count((e) => e.method === m)])),
    throttled: count((e) => e.status === 429),
    errors: count((e) => e.status === undefined || e.status >= 500),
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
