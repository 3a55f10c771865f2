import { spawn } from 'node:child_process';
import type { ArmContext } from '../arm/context.js';
import { runAnalysis, type AnalysisSpec } from './analysis/index.js';
import { appsEndpointOf, probe } from './probe.js';
import { labelFqdn, type RevisionRow } from './revisions.js';

export interface HttpGate {
  /** `revision` (the revision's own FQDN) or `label:<name>` (a label's FQDN). */
  target?: string;
  path?: string;
  expectStatus?: number;
  requests?: number;
  /** Share of requests that must answer expectStatus (0–1). */
  successRate?: number;
  /** The slowest request allowed, in ms (p100 of the sample). */
  maxLatencyInMs?: number;
}

export interface Gates {
  /** The revision must be Healthy and Running, with at least this many replicas. */
  health?: { minReplicas?: number };
  http?: HttpGate;
  /** A command that must exit 0 (an integration test, a smoke test); gets AZPROV_REVISION and AZPROV_URL. */
  command?: string;
  /** Metric analysis of the canary over the step's window (Azure Monitor platform metrics; analysis/). */
  analysis?: AnalysisSpec;
}

export interface GateResult {
  /** `health`, `http`, `command`, or `analysis:<name>` (one per analysis, with its measured value). */
  gate: string;
  pass: boolean;
  detail: string;
  value?: number;
  threshold?: number;
}

export interface GateTarget {
  app: string;
  appFqdn: string;
  revision: RevisionRow;
  /** For the metric analysis: the app's id, the stable revision, when the step's traffic began, and a hook told while it waits for traffic. */
  analysis?: { appId: string; stable: string; windowStart: number; onWait?: (detail: string) => void };
}

/** Evaluates every gate given; all must pass. */
export async function evaluateGates(arm: ArmContext, gates: Gates, t: GateTarget): Promise<GateResult[]> {
  const results: GateResult[] = [];
  if (gates.health) {
    const r = t.revision;
    const min = gates.health.minReplicas ?? 1;
    const pass = r.healthState === 'Healthy' && r.runningState === 'Running' && r.replicas >= min;
    results.push({ gate: 'health', pass, detail: `health ${r.healthState}, state ${r.runningState}, ${r.replicas} replica(s) (need Healthy, Running, ≥ ${min})` });
  }
  if (gates.http) {
    const g = gates.http;
    const fqdn = g.target?.startsWith('label:') ? labelFqdn(t.appFqdn, t.app, g.target.slice(6)) : (t.revision.fqdn ?? t.appFqdn);
    const apps = await appsEndpointOf(arm);
    const n = g.requests ?? 20;
    const expect = g.expectStatus ?? 200;
    const sample = [];
    for (let i = 0; i < n; i++) sample.push(await probe(fqdn, g.path ?? '/', apps));
    const ok = sample.filter((s) => s.status === expect).length;
    const rate = ok / n;
    const slowest = Math.max(...sample.map((s) => s.latencyInMs));
    const needRate = g.successRate ?? 1;
    const pass = rate >= needRate && (g.maxLatencyInMs === undefined || slowest <= g.maxLatencyInMs);
    results.push({ gate: 'http', pass, detail: `${ok}/${n} answered ${expect} on ${fqdn}${g.path ?? '/'} (need ${Math.round(needRate * 100)}%), slowest ${slowest} ms${g.maxLatencyInMs !== undefined ? ` (limit ${g.maxLatencyInMs} ms)` : ''}` });
  }
  if (gates.command) {
    const code = await new Promise<number>((resolve) => {
      const child = spawn(gates.command!, { shell: true, stdio: 'ignore', env: { ...process.env, AZPROV_REVISION: t.revision.name, AZPROV_URL: `https://${t.revision.fqdn ?? t.appFqdn}` } });
      child.on('close', (c) => resolve(c ?? 1));
      child.on('error', () => resolve(127));
    });
    results.push({ gate: 'command', pass: code === 0, detail: `'${gates.command}' exited ${code}` });
  }
  if (gates.analysis && t.analysis) {
    const a = t.analysis;
    for (const r of await runAnalysis(arm, gates.analysis, { appId: a.appId, canary: t.revision.name, stable: a.stable, windowStart: a.windowStart }, a.onWait)) {
      results.push({ gate: `analysis:${r.analysis}`, pass: r.pass, detail: r.detail, value: r.value, threshold: r.threshold });
    }
  }
  return results;
}
