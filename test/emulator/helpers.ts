import { raw as rawHttps, token as tokenFrom } from '../helpers/https.js';
import { ArmContext } from '../../src/arm/context.js';
import { afterEach } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';

export type { RawResponse } from '../helpers/https.js';

/** Raw HTTPS calls to the emulator, trusting its CA for this request only (test/helpers/https.ts). */
export function raw(emu: RunningEmulator, method: string, path: string, opts: { headers?: Record<string, string>; body?: unknown; rawBody?: string } = {}) {
  const payload = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  return rawHttps(emu.endpoint, emu.caCertPem, method, path, { body: payload || undefined, headers: opts.headers, timeoutInMs: 30_000 });
}

export async function token(emu: RunningEmulator): Promise<string> {
  return tokenFrom(emu.endpoint, emu.caCertPem);
}

/** An authenticated raw ARM call. */
export async function arm(emu: RunningEmulator, method: string, path: string, opts: { headers?: Record<string, string>; body?: unknown; rawBody?: string } = {}) {
  const t = await token(emu);
  return raw(emu, method, path, { ...opts, headers: { authorization: `Bearer ${t}`, ...(opts.headers ?? {}) } });
}

/** An ArmContext on the emulator, with short retry delays. */
export function contextFor(emu: RunningEmulator, options: ConstructorParameters<typeof ArmContext>[1] = {}): ArmContext {
  return new ArmContext({ kind: 'emulator', endpoint: emu.endpoint, caCertPem: emu.caCertPem, subscriptionId: emu.subscriptionId }, { retryDelayInMs: 10, ...options });
}

/** `start()` starts an emulator that is closed after the test (for tests that need their own options). */
export function emulatorsPerTest(): (o?: Parameters<typeof startEmulator>[0]) => Promise<RunningEmulator> {
  const running: RunningEmulator[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((e) => e.close()));
  });
  return async (o = {}) => {
    const e = await startEmulator(o);
    running.push(e);
    return e;
  };
}
