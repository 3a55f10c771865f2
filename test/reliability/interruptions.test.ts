import { mulberry32 } from '../../src/emulator/faults.js';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import type { StateSnapshot } from '../../src/emulator/state.js';
import { CLI, azprov, tempDir } from '../helpers/cli.js';
import { countByType, duplicates } from './state.js';

/**
 * `azprov up` SIGKILLed at seeded points between ~50 ms and the duration of a full run, then run again:
 * the second run must converge (exit 0, a clean `plan --detailed-exitcode`), nothing may exist twice and
 * everything the stack created must carry its `azprov-stack` tag.
 *
 * One in-process emulator, realistic latencies scaled by 0.01. The two templates touch disjoint resource
 * groups, so each round runs one kill point of each side by side (the 30 s budget allows no more), and the
 * emulator is reset between rounds.
 */

const TEMPLATES = ['templates/environment.yaml', 'templates/private-aks-none.yaml'] as const;
const ROUNDS = Number(process.env.AZPROV_KILL_ROUNDS ?? 5);
const SEED = Number(process.env.AZPROV_KILL_SEED ?? 20261201);

let emulator: RunningEmulator;
const caFile = join(tempDir('azprov-kill-'), 'ca.pem');
const target = () => ['--endpoint', emulator.endpoint, '--ca', caFile, '--subscription', emulator.subscriptionId];
const stackName = (t: string) => (parse(readFileSync(t, 'utf8')) as { name: string }).name;

interface KillRecord {
  template: string;
  delayInMs: number;
  killed: boolean;
  converged: boolean;
  duplicates: string[];
  untagged: string[];
}
const figures = { fullInMs: {} as Record<string, number>, killPoints: [] as KillRecord[] };
const reference: Record<string, Record<string, number>> = {};

/** Spawns `up` and SIGKILLs it after `delayInMs`; resolves whether it was still running then. */
function upKilledAfter(template: string, delayInMs: number): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'up', '-f', template, ...target()], { env: { ...process.env, CI: 'true', NO_COLOR: '1' }, stdio: 'ignore' });
    let killed = false;
    const timer = setTimeout(() => {
      killed = child.exitCode === null && child.signalCode === null;
      if (killed) child.kill('SIGKILL');
    }, delayInMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ killed, code });
    });
  });
}

/** Resources of one template's resource groups that the stack itself creates (not AKS's node resource group, not inline child resources). */
function stackResources(d: StateSnapshot, template: string) {
  const def = parse(readFileSync(template, 'utf8')) as { resources: Record<string, { kind: string; name: string }> };
  const rgs = Object.values(def.resources).filter((r) => r.kind === 'resourceGroup').map((r) => r.name.toLowerCase());
  const inStack = d.resources.filter((r) => r.visible && rgs.includes(String(r.resourceGroup ?? r.id.split('/')[4]).toLowerCase()));
  return { all: inStack, own: inStack.filter((r) => r.type.split('/').length === 2) };
}

/** Same type and name more than once (names are case-insensitive). */
function sameTypeAndName(d: StateSnapshot): string[] {
  const c = new Map<string, number>();
  for (const r of d.resources.filter((x) => x.visible)) {
    const k = `${r.type.toLowerCase()} ${r.id.split('/').pop()!.toLowerCase()} ${String(r.resourceGroup ?? '').toLowerCase()}`;
    c.set(k, (c.get(k) ?? 0) + 1);
  }
  return [...c].filter(([, n]) => n > 1).map(([k, n]) => `${k} x${n}`);
}

async function check(template: string, rec: Omit<KillRecord, 'converged' | 'duplicates' | 'untagged'>): Promise<KillRecord> {
  const again = await azprov(['up', '-f', template, ...target()], { timeoutInMs: 25_000 });
  const plan = await azprov(['plan', '-f', template, ...target(), '--detailed-exitcode'], { timeoutInMs: 25_000 });
  const d = emulator.dump();
  const { all, own } = stackResources(d, template);
  const name = stackName(template);
  const record: KillRecord = {
    ...rec,
    converged: again.code === 0 && plan.code === 0,
    duplicates: [...duplicates(d), ...sameTypeAndName(d)],
    untagged: own.filter((r) => r.body.tags?.['azprov-stack'] !== name).map((r) => r.id),
  };
  figures.killPoints.push(record);
  expect([again.code, again.stderr], `${template} after a kill at ${rec.delayInMs} ms:\n${again.stdout.slice(-800)}`).toEqual([0, '']);
  expect(plan.code, `plan after a kill at ${rec.delayInMs} ms:\n${plan.stdout.slice(-800)}`).toBe(0);
  expect(record.duplicates).toEqual([]);
  expect(record.untagged).toEqual([]);
  // Nothing orphaned or missing: exactly the resources of an uninterrupted run, all in the stack's groups.
  const counts: Record<string, number> = {};
  for (const r of all) counts[r.type] = (counts[r.type] ?? 0) + 1;
  expect(counts).toEqual(reference[template]);
  return record;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, caFile, latency: 'realistic', latencyScale: 0.01 });
});
afterAll(async () => {
  if (process.env.AZPROV_FAULT_REPORT) console.log(`kill points: ${JSON.stringify(figures)}`);
  await emulator?.close();
});

describe('up interrupted by SIGKILL, then run again', () => {
  it('measures an uninterrupted up of each template (the reference)', async () => {
    await Promise.all(
      TEMPLATES.map(async (t) => {
        const t0 = Date.now();
        const r = await azprov(['up', '-f', t, ...target()], { timeoutInMs: 25_000 });
        figures.fullInMs[t] = Date.now() - t0;
        expect([r.code, r.stderr]).toEqual([0, '']);
      }),
    );
    const d = emulator.dump();
    for (const t of TEMPLATES) {
      const { all, own } = stackResources(d, t);
      reference[t] = countByType({ ...d, resources: all });
      expect(own.length).toBeGreaterThanOrEqual(3);
      expect(own.every((r) => r.body.tags?.['azprov-stack'] === stackName(t))).toBe(true);
    }
    expect(duplicates(d)).toEqual([]);
    emulator.reset();
  }, 25_000);

  it(`${ROUNDS} rounds of one kill point per template converge, nothing twice, nothing untagged`, async () => {
    expect(Object.keys(figures.fullInMs)).toHaveLength(TEMPLATES.length);
    const random = mulberry32(SEED);
    // Stratified: round k kills somewhere in the k-th fifth of [50 ms, full duration], in a seeded order.
    const order = Array.from({ length: ROUNDS }, (_, k) => k).sort(() => random() - 0.5);
    const plan = order.map((k) =>
      TEMPLATES.map((t) => ({ template: t, delayInMs: Math.round(50 + ((k + random()) / ROUNDS) * (figures.fullInMs[t] - 50)) })),
    );
    for (const round of plan) {
      emulator.reset();
      await Promise.all(
        round.map(async ({ template, delayInMs }) => {
          const { killed } = await upKilledAfter(template, delayInMs);
          await check(template, { template, delayInMs, killed });
        }),
      );
    }
    const points = figures.killPoints;
    expect(points).toHaveLength(ROUNDS * TEMPLATES.length);
    expect(points.every((p) => p.converged)).toBe(true);
    // Most points must actually interrupt a running up (the last fifth may race its end).
    expect(points.filter((p) => p.killed).length).toBeGreaterThanOrEqual(Math.ceil(points.length * 0.7));
    console.log(
      `kill points: ${points.length}, killed ${points.filter((p) => p.killed).length}, converged ${points.filter((p) => p.converged).length}, ` +
        `duplicates ${points.reduce((n, p) => n + p.duplicates.length, 0)}, untagged ${points.reduce((n, p) => n + p.untagged.length, 0)}; ` +
        `full up ${JSON.stringify(figures.fullInMs)}; delays ${points.map((p) => `${p.template.split('/')[1].split('.')[0]}@${p.delayInMs}`).join(' ')}`,
    );
  }, 120_000);
});
