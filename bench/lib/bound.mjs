// The critical-path bound: the longest chain of dependent operations in `stack.dependencies`, each
// weighted by the emulator's duration for that kind's create, from the same latency table and scale.
import { REALISTIC_DURATIONS } from '../../dist/emulator/latency.js';

/**
 * kind -> how the emulator answers its create (see src/emulator/providers/*): `key` is the latency-table
 * key of the operation (null: the PUT is synchronous, duration 0); `minRetryAfterS` the RP's Retry-After
 * floor (scaled by the emulator like the durations); `retryAfter: false` when the RP sends none (AKS), so
 * the SDK polls at the client's interval (ArmContext.pollIntervalInMs, 200 ms on the emulator).
 */
export const CREATE_OPERATION = {
  resourceGroup: { key: null, why: 'PUT 201/200 synchronous' },
  userAssignedIdentity: { key: null, why: 'PUT 201 synchronous' },
  roleAssignment: { key: null, why: 'PUT 201 synchronous' },
  daprComponent: { key: null, why: 'PUT 200 synchronous' },
  logAnalyticsWorkspace: { key: 'Microsoft.OperationalInsights/workspaces:create' },
  managedEnvironment: { key: 'Microsoft.App/managedEnvironments:create', minRetryAfterS: 5 },
  containerApp: { key: 'Microsoft.App/containerApps:create', minRetryAfterS: 5 },
  cosmosAccount: { key: 'Microsoft.DocumentDB/databaseAccounts:create' },
  // The emulator uses the sqlDatabases key for every Cosmos child (database, container, role assignment).
  cosmosSqlDatabase: { key: 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases:create' },
  cosmosSqlContainer: { key: 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases:create' },
  cosmosSqlRoleAssignment: { key: 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases:create' },
  // Subnets go inline in the VNet PUT: one operation.
  virtualNetwork: { key: 'Microsoft.Network/virtualNetworks:create', minRetryAfterS: 10 },
  privateDnsZone: { key: 'Microsoft.Network/privateDnsZones:create' },
  privateDnsZoneLink: { key: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks:create' },
  aksCluster: { key: 'Microsoft.ContainerService/managedClusters:create', retryAfter: false },
};

function entryMs(key) {
  return (REALISTIC_DURATIONS[key] ?? REALISTIC_DURATIONS.default).ms;
}

/** Duration (ms) of a kind's create at `scale`, exactly as the emulator's Latency.durationMs computes it. */
export function durationOf(kind, scale) {
  const op = CREATE_OPERATION[kind];
  if (!op) throw new Error(`bench: no duration mapping for kind ${kind}`);
  return op.key ? entryMs(op.key) * scale : 0;
}

/**
 * What a client that obeys Retry-After must wait at least, given the emulator's integer-second rounding:
 * Retry-After = max(1, ceil(remaining s)) and >= ceil(floor × scale): the first poll that can see
 * "done" comes at ceil(D) s (or the floor). Without Retry-After (AKS) the SDK polls every `pollMs`.
 */
export function retryAfterAwareOf(kind, scale, pollMs = 200) {
  const op = CREATE_OPERATION[kind];
  const d = durationOf(kind, scale);
  if (!op.key) return 0;
  if (op.retryAfter === false) return Math.ceil(d / pollMs) * pollMs;
  const floorS = op.minRetryAfterS ? Math.ceil(op.minRetryAfterS * scale) : 0;
  return Math.max(1, Math.ceil(d / 1000), floorS) * 1000;
}

/** Longest weighted chain through the DAG; returns { ms, path }. */
export function criticalPath(stack, weightOf) {
  const memo = new Map();
  const visit = (n) => {
    if (memo.has(n)) return memo.get(n);
    let best = { ms: 0, path: [] };
    for (const d of stack.dependencies[n] ?? []) {
      const c = visit(d);
      if (c.ms > best.ms || (c.ms === best.ms && c.path.length > best.path.length)) best = c;
    }
    const r = { ms: best.ms + weightOf(stack.resources[n].kind, n), path: [...best.path, n] };
    memo.set(n, r);
    return r;
  };
  let top = { ms: 0, path: [] };
  for (const n of Object.keys(stack.dependencies)) {
    const r = visit(n);
    if (r.ms > top.ms || (r.ms === top.ms && r.path.length > top.path.length)) top = r;
  }
  return top;
}

/** Sum of every operation's duration: what a strictly one-at-a-time run must wait at least. */
export function serialSum(stack, weightOf) {
  return Object.entries(stack.resources).reduce((s, [n, r]) => s + weightOf(r.kind, n), 0);
}

/**
 * kind -> the field naming the resource it is contained in by id (default: resourceGroup). A plan does not
 * read what is contained in a resource it creates (src/engine/plan.ts, readWhatCanExist): on a fresh
 * stack only the resources whose container is not in the stack are read.
 */
const CONTAINER_FIELD = { resourceGroup: null, daprComponent: 'environment', cosmosSqlDatabase: 'account', cosmosSqlContainer: 'database', cosmosSqlRoleAssignment: 'account', privateDnsZoneLink: 'zone', roleAssignment: 'scope' };

/**
 * The fewest requests a fresh create of `stack` needs, each at the earliest time it can be sent (durations
 * × scale, every operation starting when its dependencies end): the plan's two list reads of what is
 * tagged for the stack and its reads of resources with no container in the stack (t 0); one PUT per resource when it starts; per LRO the terminal poll and the
 * final GET when it ends (Log Analytics: its Location is the resource, so that poll is the GET); one POST
 * listKeys per environment (the workspace's shared key) when it starts.
 */
export function minimumRequests(stack, scale) {
  const end = new Map();
  const finish = (n) => {
    if (!end.has(n)) end.set(n, Math.max(0, ...(stack.dependencies[n] ?? []).map(finish)) + durationOf(stack.resources[n].kind, scale));
    return end.get(n);
  };
  const reads = [0, 0];
  const writes = [];
  for (const [n, r] of Object.entries(stack.resources)) {
    const start = finish(n) - durationOf(r.kind, scale);
    const field = CONTAINER_FIELD[r.kind] === undefined ? 'resourceGroup' : CONTAINER_FIELD[r.kind];
    if (!field || !(r[field] in stack.resources)) reads.push(0);
    writes.push(start);
    if (r.kind === 'managedEnvironment') writes.push(start);
    if (CREATE_OPERATION[r.kind].key) reads.push(...(r.kind === 'logAnalyticsWorkspace' ? [end.get(n)] : [end.get(n), end.get(n)]));
  }
  return { reads, writes };
}

/**
 * The earliest a token bucket lets `times` (earliest send times, ms) all go: whatever is sent at or after t
 * gets at most the bucket's capacity at t plus what refills after, so the last goes no earlier than
 * t + (count from t − capacity) / refill, for every t.
 */
export function bucketBound(times, { capacity, refillPerSecond }) {
  const sorted = [...times].sort((a, b) => a - b);
  return Math.max(0, ...sorted.map((t, i) => t + (Math.max(0, sorted.length - i - capacity) / refillPerSecond) * 1000));
}
