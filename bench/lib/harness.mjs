// Drives the library the way test/integration does: an emulator, an ArmContext that records every
// exchange (onExchange: below the SDK's retry policy, so each retry and each LRO poll is one exchange).
import { ArmContext } from '../../dist/arm/context.js';
import { planStack } from '../../dist/engine/plan.js';
import { applyPlan } from '../../dist/engine/apply.js';
import { startEmulator } from '../../dist/emulator/index.js';

export async function withEmulator(options, fn) {
  const emulator = await startEmulator({ port: 0, ...options });
  try {
    return await fn(emulator);
  } finally {
    await emulator.close();
  }
}

export function armFor(emulator, exchanges, options = {}) {
  return new ArmContext(
    { kind: 'emulator', endpoint: emulator.endpoint, caCertPem: emulator.caCertPem, subscriptionId: emulator.subscriptionId },
    { ...options, onExchange: (e) => exchanges.push({ ...e, at: Date.now() }) },
  );
}

/** plan + apply, timed; returns wall ms (plan and apply), the events and the exchanges. */
export async function upTimed(emulator, stack, { concurrency, armOptions } = {}) {
  const exchanges = [];
  const events = [];
  const arm = armFor(emulator, exchanges, armOptions);
  // Token and clients outside the timing would flatter; inside is what a user waits: keep inside.
  const t0 = performance.now();
  const state = await planStack(stack, { arm, events: (e) => events.push({ ...e, at: Date.now() }), concurrency });
  const t1 = performance.now();
  await applyPlan(state, { arm, events: (e) => events.push({ ...e, at: Date.now() }), concurrency });
  const t2 = performance.now();
  return { wallMs: t2 - t0, planMs: t1 - t0, applyMs: t2 - t1, exchanges, events, plan: state.plan };
}

export async function planTimed(emulator, stack, { concurrency } = {}) {
  const exchanges = [];
  const arm = armFor(emulator, exchanges);
  const t0 = performance.now();
  const state = await planStack(stack, { arm, concurrency });
  return { wallMs: performance.now() - t0, exchanges, plan: state.plan };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
