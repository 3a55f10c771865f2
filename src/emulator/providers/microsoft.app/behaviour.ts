import type { StoredResource } from '../../state.js';
import type { RevisionBehaviour } from '../../types.js';

export type { RevisionBehaviour };

/**
 * How a revision's built-in app behaves on the apps HTTP server (see `src/emulator/apps-http.ts`): defaults
 * from the environment variables of the revision template's first container, overridden per revision by
 * `RunningEmulator.setRevisionBehaviour()` (kept in the revision's `secrets.behaviour`, so it persists with
 * the state file and goes with the revision). No import from revisions.ts (which uses this module).
 */

/** Share (0..1) of `GET /` requests answered 500. */
export const FAIL_RATE_VAR = 'AZPROV_EMULATOR_FAIL_RATE';
/** Delay added to every request (ms). */
export const LATENCY_VAR = 'AZPROV_EMULATOR_LATENCY_MS';
/** `true`: `/healthz` and `/readyz` answer 503; the revision reports `healthState: Unhealthy`, `runningState: Degraded`. */
export const UNHEALTHY_VAR = 'AZPROV_EMULATOR_UNHEALTHY';
/** Body of `GET /`; default `Hello from <revision name>`. */
export const WELCOME_VAR = 'WELCOME';
/** Latency is capped so a typo cannot hang a test run. */
export const MAX_LATENCY_MS = 60_000;

export interface EffectiveBehaviour {
  failRate: number;
  latencyMs: number;
  unhealthy: boolean;
  restartCount: number;
}

/** Name → value of the first container's env; `secretRef` entries resolve through the app's secret values. */
export function templateEnv(template: any, secretValues: Record<string, string> = {}): Map<string, string> {
  const out = new Map<string, string>();
  const env = template?.containers?.[0]?.env;
  if (!Array.isArray(env)) return out;
  for (const e of env) {
    if (!e || typeof e.name !== 'string') continue;
    const v = e.value ?? (e.secretRef !== undefined ? secretValues[String(e.secretRef)] : undefined);
    if (v !== undefined && v !== null) out.set(e.name, String(v));
  }
  return out;
}

const clampRate = (n: number) => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);
const clampLatency = (n: number) => (Number.isFinite(n) ? Math.min(MAX_LATENCY_MS, Math.max(0, n)) : 0);

/** The env-var defaults of a template (unparseable values count as unset). */
export function envBehaviour(template: any): EffectiveBehaviour {
  const env = templateEnv(template);
  return {
    failRate: clampRate(Number(env.get(FAIL_RATE_VAR) ?? 0)),
    latencyMs: clampLatency(Number(env.get(LATENCY_VAR) ?? 0)),
    unhealthy: String(env.get(UNHEALTHY_VAR) ?? '').trim().toLowerCase() === 'true',
    restartCount: 0,
  };
}

/** Env-var defaults, then the revision's override (fields given there win). */
export function effectiveBehaviour(rev: StoredResource): EffectiveBehaviour {
  const base = envBehaviour(rev.body.properties?.template);
  const o = (rev.secrets.behaviour ?? {}) as RevisionBehaviour;
  return {
    failRate: o.failRate !== undefined ? clampRate(o.failRate) : base.failRate,
    latencyMs: o.latencyMs !== undefined ? clampLatency(o.latencyMs) : base.latencyMs,
    unhealthy: o.unhealthy ?? base.unhealthy,
    restartCount: o.restartCount ?? base.restartCount,
  };
}

/** Checks an override (from the admin API's JSON or a test); throws an Error with a readable message. */
export function validateBehaviour(b: unknown): RevisionBehaviour {
  if (!b || typeof b !== 'object' || Array.isArray(b)) throw new Error('behaviour must be an object');
  const o = b as Record<string, unknown>;
  const out: RevisionBehaviour = {};
  if (o.failRate !== undefined && o.failRate !== null) {
    if (typeof o.failRate !== 'number' || !(o.failRate >= 0 && o.failRate <= 1)) throw new Error('failRate must be a number between 0 and 1');
    out.failRate = o.failRate;
  }
  if (o.latencyMs !== undefined && o.latencyMs !== null) {
    if (typeof o.latencyMs !== 'number' || !(o.latencyMs >= 0 && o.latencyMs <= MAX_LATENCY_MS)) throw new Error(`latencyMs must be a number between 0 and ${MAX_LATENCY_MS}`);
    out.latencyMs = o.latencyMs;
  }
  if (o.unhealthy !== undefined && o.unhealthy !== null) {
    if (typeof o.unhealthy !== 'boolean') throw new Error('unhealthy must be a boolean');
    out.unhealthy = o.unhealthy;
  }
  if (o.restartCount !== undefined && o.restartCount !== null) {
    if (typeof o.restartCount !== 'number' || !Number.isInteger(o.restartCount) || o.restartCount < 0) throw new Error('restartCount must be a whole number of at least 0');
    out.restartCount = o.restartCount;
  }
  return out;
}

/**
 * The ARM view of the health knob on an active revision: Unhealthy/Degraded when set, Healthy/Running when
 * it is not and the revision was Degraded by it. A failed or inactive revision keeps its running state.
 */
export function applyHealth(rev: StoredResource): void {
  const p = rev.body.properties;
  const { unhealthy } = effectiveBehaviour(rev);
  if (unhealthy) {
    p.healthState = 'Unhealthy';
    if (p.active && p.runningState !== 'Failed') p.runningState = 'Degraded';
  } else if (p.healthState === 'Unhealthy' && rev.secrets.healthByKnob) {
    p.healthState = 'Healthy';
    if (p.active && p.runningState === 'Degraded') p.runningState = 'Running';
  }
  if (unhealthy) rev.secrets.healthByKnob = true;
  else delete rev.secrets.healthByKnob;
}

/** FNV-1a, for seeds derived from names. */
export function hashSeed(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
