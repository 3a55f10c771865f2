import type { LatencyProfile } from './types.js';

/**
 * How long long-running operations take.
 *
 * - `instant` (tests): an LRO is non-terminal in the initial response and completes after
 *   `pollsToComplete` reads (of its status URL, its Location URL or the resource itself); `Retry-After: 0`,
 *   so the SDK poller falls back to the client's own (short) interval instead of waiting.
 * - `realistic`: an LRO completes after the wall-clock time in `REALISTIC_DURATIONS`, times `latencyScale`.
 *
 * Retry-After choice (realistic): integer seconds per the header's grammar [rpc-async], computed as
 * `ceil(remaining time)` and at least 1 while the operation runs, so a client that obeys it never polls
 * before the operation can be done. With a scaled duration under 1 s this means the client waits up to
 * 1 s longer than strictly needed: we prefer one late poll over a burst of early ones (sending 0 would make
 * the SDK fall back to its own interval, which can be much shorter than the remaining time).
 */

export interface DurationEntry {
  ms: number;
  source: string;
}

/**
 * Durations of real operations, from arm-facts §11 (checked 2026-12: every figure §11 gives is cited here); (U) = a
 * guess where §11 has no measurement (it lists the Container Apps environment and app, VNet and subnet as not measured).
 */
export const REALISTIC_DURATIONS: Record<string, DurationEntry> = {
  'Microsoft.Resources/resourceGroups:delete': { ms: 20_000, source: '(U) not in §11; deleting an empty group takes seconds to a minute' },
  'Microsoft.OperationalInsights/workspaces:create': { ms: 20_000, source: '[rec-x-dapr-e2e] ≤ 30 s (201 Creating → Succeeded at first GET)' },
  'Microsoft.OperationalInsights/workspaces:update': { ms: 5_000, source: '(U)' },
  'Microsoft.OperationalInsights/workspaces:delete': { ms: 10_000, source: '(U)' },
  'Microsoft.App/managedEnvironments:create': { ms: 180_000, source: '(U) §11 "not measured (minutes)"' },
  'Microsoft.App/managedEnvironments:update': { ms: 60_000, source: '(U)' },
  'Microsoft.App/managedEnvironments:delete': { ms: 120_000, source: '(U)' },
  'Microsoft.App/containerApps:create': { ms: 30_000, source: '(U) §11 not measured; Retry-After 5 [rec-x-ps-containerapp]' },
  'Microsoft.App/containerApps:update': { ms: 20_000, source: '(U)' },
  'Microsoft.App/containerApps:delete': { ms: 20_000, source: '(U)' },
  'Microsoft.Network/privateDnsZones:create': { ms: 30_000, source: '[rec-1] ≤ 30 s' },
  'Microsoft.Network/privateDnsZones/virtualNetworkLinks:create': { ms: 40_000, source: '[rec-x-pdns-link] tens of seconds' },
  'Microsoft.Network/virtualNetworks:create': { ms: 5_000, source: '(U) seconds' },
  'Microsoft.DocumentDB/databaseAccounts:create': { ms: 90_000, source: '[rec-4] 1.5 min (2021) – [rec-3] 14.5 min (2020)' },
  // Every Cosmos child (database, container, SQL role definition and assignment) uses this key: §11 gives them all ≤ 30 s.
  'Microsoft.DocumentDB/databaseAccounts/sqlDatabases:create': { ms: 30_000, source: '[rec-3] [rec-4] ≤ 30 s (§11: database, container, role definition, role assignment)' },
  'Microsoft.ContainerService/managedClusters:create': { ms: 330_000, source: '[rec-1] 5.5 min – [rec-2] 8.7 min' },
  'Microsoft.ContainerService/managedClusters:update': { ms: 720_000, source: '[rec-2] ≈ 12 min' },
  'Microsoft.ContainerService/managedClusters:delete': { ms: 300_000, source: '(U) not in §11; minutes' },
  'Microsoft.ContainerService/managedClusters/runCommand:action': { ms: 15_000, source: '(U) not in §11; seconds (a pod runs the command)' },
  'Microsoft.Network/virtualNetworks:update': { ms: 5_000, source: '(U) seconds, like create' },
  'Microsoft.Network/virtualNetworks:delete': { ms: 10_000, source: '(U) seconds' },
  'Microsoft.Network/virtualNetworks/subnets:create': { ms: 5_000, source: '(U) seconds (§11 VNet / subnet PUT)' },
  'Microsoft.Network/virtualNetworks/subnets:update': { ms: 5_000, source: '(U) seconds' },
  'Microsoft.Network/virtualNetworks/subnets:delete': { ms: 5_000, source: '(U) seconds' },
  'Microsoft.Network/privateDnsZones:update': { ms: 20_000, source: '(U) like create, ≤ 30 s' },
  'Microsoft.Network/privateDnsZones:delete': { ms: 30_000, source: '(U) like create, ≤ 30 s' },
  'Microsoft.Network/privateDnsZones/virtualNetworkLinks:update': { ms: 30_000, source: '(U) like create' },
  'Microsoft.Network/privateDnsZones/virtualNetworkLinks:delete': { ms: 30_000, source: '(U) like create' },
  default: { ms: 10_000, source: '(U) fallback for operations without an entry' },
};

export interface LatencyPlan {
  pollsToComplete: number;
  /** Absolute completion time in ms since the epoch (realistic), or 0 (instant). */
  completesAtMs: number;
}

export class Latency {
  constructor(
    readonly profile: LatencyProfile = 'instant',
    readonly scale = 1,
    readonly pollsToComplete = 1,
    private readonly durations: Record<string, DurationEntry> = REALISTIC_DURATIONS,
  ) {
    if (!(scale >= 0)) throw new Error(`latencyScale must be >= 0, got ${scale}`);
    if (!(pollsToComplete >= 0)) throw new Error(`pollsToComplete must be >= 0, got ${pollsToComplete}`);
  }

  durationMs(key: string): number {
    const e = this.durations[key] ?? this.durations.default;
    return e.ms * this.scale;
  }

  plan(durationKey: string, nowMs = Date.now()): LatencyPlan {
    if (this.profile === 'instant') return { pollsToComplete: this.pollsToComplete, completesAtMs: 0 };
    return { pollsToComplete: 0, completesAtMs: nowMs + this.durationMs(durationKey) };
  }

  /** Retry-After (integer seconds) to send while an operation runs; see the module comment. */
  retryAfterSeconds(completesAtMs: number, nowMs = Date.now()): number {
    if (this.profile === 'instant') return 0;
    return Math.max(1, Math.ceil((completesAtMs - nowMs) / 1000));
  }
}
