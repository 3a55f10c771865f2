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
 * - `GET  /_emulator/health` — liveness.
 */
export interface AdminHooks {
  reset(): void;
  dump(): unknown;
}

export function createAdminHandler(core: EmulatorCore, hooks: AdminHooks) {
  return (method: string, path: string, _query: URLSearchParams, body: unknown): ArmResponse => {
    const what = path.slice('/_emulator/'.length).toLowerCase();
    const bad = (message: string): ArmResponse => ({ status: 400, body: { error: { code: 'BadRequest', message } } });
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
      default:
        return { status: 404, body: { error: { code: 'NotFound', message: `No admin operation ${method} ${path}.` } } };
    }
  };
}
