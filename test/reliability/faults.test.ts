import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyPlan } from '../../src/engine/apply.js';
import { planStack } from '../../src/engine/plan.js';
import { validateStack } from '../../src/engine/validate.js';
import type { StateSnapshot } from '../../src/emulator/state.js';
import type { FaultKind } from '../../src/emulator/index.js';
import { useEmulator } from '../helpers/emulator.js';
import { countByType, duplicates, normalisedState } from './state.js';
import { injectedFaults } from '../helpers/https.js';

/**
 * Seeded fault runs: each template applied through the library while the emulator injects ~10% faults
 * (429, 500, 503, dropped connections, LROs ending Failed) on every ARM operation, with identity
 * replication and role propagation delays. Every run must converge to the state of a fault-free run.
 * CI runs 8 seeds per template (32); `AZPROV_FAULT_SEEDS=100 npm run test:faults` runs 100 per template.
 */

const fx = useEmulator();
const SEEDS = Number(process.env.AZPROV_FAULT_SEEDS ?? 8);
const RATE = Number(process.env.AZPROV_FAULT_RATE ?? 0.1);
const KINDS: FaultKind[] = ['429', '500', '503', 'drop', 'lro-failed'];
const RETRY = { attempts: 8, delayInMs: 1, replicationBudgetInMs: 5000, replicationPollInMs: 20 };
const TEMPLATES = ['dapr-cosmos-app', 'private-aks-system', 'private-aks-none', 'private-aks-custom-dns', 'gitops-crossplane', 'aks-policy'];

const figures = { runs: 0, faulted: 0, converged: 0, duplicates: 0, faults: {} as Record<string, number> };

async function apply(def: unknown, faults?: { seed: number }) {
  const stack = validateStack(def);
  const arm = fx.arm({ maxRetries: 10 });
  fx.emulator.setIdentityReplicationDelay(faults ? 60 : 0);
  fx.emulator.setRolePropagationDelay(faults ? 60 : 0);
  if (faults) fx.emulator.setFaults({ rate: RATE, seed: faults.seed, kinds: KINDS });
  try {
    const state = await planStack(stack, { arm, events: fx.sink });
    await applyPlan(state, { arm, events: fx.sink, operationRetry: RETRY });
  } finally {
    fx.emulator.setFaults(undefined);
  }
  // The final plan, faults off, reads only and finds nothing to do.
  const final = await planStack(stack, { arm: fx.arm() });
  return { ops: final.plan.steps.map((s) => `${s.resource}:${s.op}`), dump: fx.emulator.dump() as StateSnapshot };
}

afterAll(() => {
  if (process.env.AZPROV_FAULT_REPORT) console.log(`fault runs: ${JSON.stringify(figures)}`);
});

describe.each(TEMPLATES)('%s under seeded faults', (template) => {
  const def = parse(readFileSync(`templates/${template}.yaml`, 'utf8'));
  let reference: { state: ReturnType<typeof normalisedState>; counts: Record<string, number> } | undefined;
  // The fault-free run, made once per template (lazily, so that `-t` can pick a single seed).
  const referenceRun = async () => {
    if (!reference) {
      const r = await apply(def);
      expect(r.ops.every((o) => o.endsWith(':same'))).toBe(true);
      expect(duplicates(r.dump)).toEqual([]);
      reference = { state: normalisedState(r.dump), counts: countByType(r.dump) };
      fx.emulator.reset();
      fx.exchanges.length = 0;
    }
    return reference;
  };

  it('fault-free reference run', async () => {
    expect((await referenceRun()).state.length).toBeGreaterThanOrEqual(3);
  });

  // 167299 and 333598, 412788 (dapr) once ended with a workspace left Failed; kept as regressions.
  const seeds = [...Array.from({ length: SEEDS }, (_, i) => 1000 + i * 7919 + TEMPLATES.indexOf(template)), ...(template === "dapr-cosmos-app" && SEEDS < 100 ? [167299, 333598, 412788] : [])];
  it.each(seeds)('seed %i converges to the fault-free state, nothing twice', async (seed) => {
    const ref = await referenceRun();
    figures.runs++;
    const before = await injectedFaults(fx.emulator.endpoint, fx.emulator.caCertPem);
    const r = await apply(def, { seed });
    const after = await injectedFaults(fx.emulator.endpoint, fx.emulator.caCertPem);
    let injected = 0;
    for (const [k, n] of Object.entries(after)) {
      const d = n - (before[k] ?? 0);
      injected += d;
      figures.faults[k] = (figures.faults[k] ?? 0) + d;
    }
    if (injected > 0) figures.faulted++;
    expect(r.ops.filter((o) => !o.endsWith(':same'))).toEqual([]);
    const dups = duplicates(r.dump);
    figures.duplicates += dups.length;
    expect(dups).toEqual([]);
    expect(countByType(r.dump)).toEqual(ref.counts);
    expect(normalisedState(r.dump)).toEqual(ref.state);
    figures.converged++;
  }, 60_000);
});

describe('the fault runs as a whole', () => {
  it('injected every kind of fault and all runs converged without a duplicate', () => {
    // Runs only meaningfully after the seeds above (vitest runs a file's tests in order).
    expect(figures.runs).toBe(SEEDS * TEMPLATES.length + (SEEDS < 100 ? 3 : 0));
    expect(figures.converged).toBe(figures.runs);
    expect(figures.duplicates).toBe(0);
    const kinds = Object.entries(figures.faults).filter(([, n]) => n > 0).map(([k]) => k).sort();
    expect(kinds).toEqual([...KINDS].sort());
    expect(figures.faulted).toBeGreaterThanOrEqual(Math.ceil(figures.runs / 3));
  });
});
