import { afterAll, beforeAll, beforeEach } from 'vitest';
import { ArmContext, type ArmContextOptions } from '../../src/arm/context.js';
import type { HttpExchange } from '../../src/arm/policies.js';
import type { AzprovEvent } from '../../src/core/events.js';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';

export interface EmulatorFixture {
  emulator: RunningEmulator;
  /** A context with the real SDK clients pointed at the emulator; every exchange is recorded. */
  arm(options?: ArmContextOptions): ArmContext;
  exchanges: HttpExchange[];
  events: AzprovEvent[];
  sink: (e: AzprovEvent) => void;
}

/** Starts one emulator for the file (random port, instant latency) and resets it before each test. */
export function useEmulator(options: EmulatorOptions = {}): EmulatorFixture {
  const f = { exchanges: [] as HttpExchange[], events: [] as AzprovEvent[] } as EmulatorFixture;
  f.sink = (e) => f.events.push(e);
  f.arm = (o = {}) =>
    new ArmContext(
      { kind: 'emulator', endpoint: f.emulator.endpoint, caCertPem: f.emulator.caCertPem, subscriptionId: f.emulator.subscriptionId },
      { retryDelayInMs: 5, maxRetryDelayInMs: 50, ...o, onExchange: (e) => (f.exchanges.push(e), o.onExchange?.(e)) },
    );
  beforeAll(async () => {
    f.emulator = await startEmulator({ port: 0, latency: 'instant', ...options });
  });
  afterAll(async () => {
    await f.emulator?.close();
  });
  beforeEach(() => {
    f.emulator.reset();
    f.emulator.setFaults(undefined);
    f.emulator.clearExchanges();
    f.exchanges.length = 0;
    f.events.length = 0;
  });
  return f;
}
