import type { EmulatorCore } from '../../core.js';
import type { ServedRequest, TrafficRecorder } from '../../registry.js';

/**
 * The requests the apps front end served, kept per app (in memory only: metrics are not part of the state file,
 * and a reset forgets them). A query sees a request only once `ingestionDelayInMs` has passed since it was
 * answered, as Azure Monitor shows platform metrics some time after the fact.
 */
export const MAX_SAMPLES_PER_APP = 200_000;

export class TrafficStore implements TrafficRecorder {
  private readonly byApp = new Map<string, ServedRequest[]>();

  constructor(
    private readonly ingestionDelayInMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  record(r: ServedRequest): void {
    const key = r.appId.toLowerCase();
    let list = this.byApp.get(key);
    if (!list) this.byApp.set(key, (list = []));
    list.push(r);
    // A long-running emulator under load keeps the newest samples only.
    if (list.length > MAX_SAMPLES_PER_APP) list.splice(0, list.length - MAX_SAMPLES_PER_APP);
  }

  /** Requests of the app answered in [from, to) and already ingested. */
  served(appId: string, from: number, to: number): ServedRequest[] {
    const visibleUntil = Math.min(to, this.now() - this.ingestionDelayInMs + 1);
    return (this.byApp.get(appId.toLowerCase()) ?? []).filter((r) => r.at >= from && r.at < visibleUntil);
  }

  /** The moment up to which data is ingested. */
  ingestedUntil(): number {
    return this.now() - this.ingestionDelayInMs;
  }

  clear(): void {
    this.byApp.clear();
  }
}

export function createTrafficStore(core: EmulatorCore): TrafficStore {
  const store = new TrafficStore(core.metricsIngestionDelayInMs);
  core.state.onChange(() => {
    if (core.state.resources.size === 0) store.clear();
  });
  return store;
}
