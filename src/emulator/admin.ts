import type { EmulatorCore } from './core.js';
import { validateFaultOptions } from './faults.js';
import type { ArmResponse } from './router.js';

/**
 * Admin API under `/_emulator/` (a prefix ARM never uses); no auth, not logged, never faulted:
 * - `POST /_emulator/reset` — drop all resources and operations;
 * - `GET  /_emulator/state` — state snapshot;
 * - `GET|POST /_emulator/faults` — read / set fault options (JSON FaultOptions, or null to stop);
 * - `GET  /_emulator/log` — the in-memory request log; `DELETE /_emulator/log` clears it;
 * - `GET  /_emulator/routes` — the implemented operations (method + template);
 * - `GET  /_emulator/health` — liveness;
 * - `GET  /_emulator/info` — `{ endpoint, appsEndpoint, subscriptionId, tenantId, tokenEndpoint }`;
 * - `POST /_emulator/revisions/behaviour` — `{ revisionId, failRate?, latencyMs?, unhealthy?, restartCount? }` (see
 *   `RunningEmulator.setRevisionBehaviour`); 404 for an unknown revision.
 */
export interface AdminHooks {
  reset(): void;
  dump(): unknown;
  info?(): Record<string, unknown>;
  /** Returns the effective behaviour; throws for an unknown revision or invalid values. */
  setRevisionBehaviour?(revisionId: string, behaviour: Record<string, unknown>): unknown;
}

export function createAdminHandler(core: EmulatorCore, hooks: AdminHooks) {
  return (method: string, path: string, _query: URLSearchParams, body: unknown): ArmResponse => {
    const what = path.slice('/_emulator/'.length).toLowerCase();
    const bad = (message: string): ArmResponse => ({ status: 400, body: { error: { code: 'BadRequest', message } } });
    const none = (): ArmResponse => ({ status: 404, body: { error: { code: 'NotFound', message: `No admin operation ${method} ${path}.` } } });
    switch (`${method} ${what}`) {
      case 'GET health':
        return { status: 200, body: { status: 'ok', endpoint: core.config.endpoint } };
      case 'POST reset':
        hooks.reset();
        return { status: 200, body: { reset: true } };
      case 'GET state':
        return { status: 200, body: hooks.dump() };
      case 'GET faults':
        return { status: 200, body: { faults: core.faults.current ?? null, injected: core.faults.counts } };
      case 'POST faults':
        try {
          core.faults.set(validateFaultOptions(body));
        } catch (e) {
          return bad((e as Error).message);
        }
        return { status: 200, body: { faults: core.faults.current ?? null } };
      case 'GET log':
        return { status: 200, body: core.log.all() };
      case 'DELETE log':
        core.log.clear();
        return { status: 204 };
      case 'GET routes':
        return { status: 200, body: core.router.list() };
      case 'GET info':
        return { status: 200, body: hooks.info?.() ?? { endpoint: core.config.endpoint, subscriptionId: core.config.subscriptionId, tenantId: core.config.tenantId } };
      case 'POST revisions/behaviour': {
        if (!hooks.setRevisionBehaviour) return none();
        const { revisionId, ...behaviour } = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
        if (typeof revisionId !== 'string' || !revisionId) return bad('revisionId (the ARM id of a revision) is required');
        if (!core.state.get(revisionId)?.visible) return { status: 404, body: { error: { code: 'NotFound', message: `No revision ${revisionId}.` } } };
        try {
          return { status: 200, body: { revisionId, behaviour: hooks.setRevisionBehaviour(revisionId, behaviour) } };
        } catch (e) {
          return bad((e as Error).message);
        }
      }
      default:
        return none();
    }
  };
}
