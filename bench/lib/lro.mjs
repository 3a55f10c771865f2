// LRO polling analysis: the emulator's request log (Retry-After of each response) joined with the
// client's exchanges (when each one came back), per long-running operation of a run.
// A Location may be a path (the Managed Identity RP answers its own id [rec-1]): resolve it against any host.
const keyOf = (method, url) => {
  const u = new URL(url, 'https://host');
  return `${method.toUpperCase()} ${u.pathname.replace(/\/{2,}/g, '/').toLowerCase()}`;
};
const pathOf = (url) => new URL(url, 'https://host').pathname.replace(/\/{2,}/g, '/').toLowerCase();
const header = (h, name) => h?.[name] ?? h?.[name.toLowerCase()] ?? Object.entries(h ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];

/**
 * @param records emulator.exchanges() of the run (in response order)
 * @param clientExchanges the ArmContext's onExchange records (with `at`, ms since epoch, at response)
 * @param steps the plan's steps (resource, kind, id)
 */
export function analyseLros(records, clientExchanges, steps, { durationOf, pollIntervalMs = 200 }) {
  const queues = new Map();
  for (const x of clientExchanges) {
    const k = keyOf(x.method, x.url);
    if (!queues.has(k)) queues.set(k, []);
    queues.get(k).push(x);
  }
  const timed = records.map((r) => ({ r, at: queues.get(keyOf(r.request.method, r.request.url))?.shift()?.at }));
  const byId = new Map(steps.map((s) => [s.id.toLowerCase(), s]));
  const out = [];
  timed.forEach(({ r, at }, i) => {
    if (r.request.method !== 'PUT' || r.response.statusCode >= 300) return;
    const async = header(r.response.headers, 'azure-asyncoperation');
    const location = header(r.response.headers, 'location');
    if (!async && !location) return; // synchronous
    const step = byId.get(pathOf(r.request.url));
    if (!step) return;
    const resourceKey = pathOf(r.request.url);
    const pollPaths = new Set([async, location].filter(Boolean).map(pathOf));
    const polls = [];
    const finals = [];
    for (let j = i + 1; j < timed.length; j++) {
      const q = timed[j];
      if (q.r.request.method !== 'GET') continue;
      const p = pathOf(q.r.request.url);
      if (pollPaths.has(p) && p !== resourceKey) polls.push(q);
      else if (p === resourceKey) {
        // Log Analytics: Location is the resource URL, so resource GETs are the polls until it is done.
        if (pollPaths.has(p) && !finals.length && !/succeeded/i.test(JSON.stringify(q.r.response.body?.properties?.provisioningState ?? ''))) polls.push(q);
        else finals.push(q);
        if (finals.length) break;
      }
    }
    const ra = (x) => {
      const v = header(x.r.response.headers, 'retry-after');
      return v === undefined ? undefined : Number(v);
    };
    let prevAt = at;
    let prevRa = ra({ r });
    let early = 0;
    for (const p of polls) {
      const gap = p.at - prevAt;
      const wanted = (prevRa ?? pollIntervalMs / 1000) * 1000;
      if (gap < wanted - 50) early++;
      prevAt = p.at;
      prevRa = ra(p);
    }
    const d = durationOf(step.kind);
    const noRetryAfter = prevRa === undefined && ra({ r }) === undefined;
    // A client that obeys Retry-After needs one poll (the emulator's Retry-After = ceil(remaining s) is
    // never early); without Retry-After it needs ceil(D / its poll interval).
    // When the poll URL is the resource itself (Log Analytics), the terminal poll is the final GET.
    const idealPolls = pollPaths.has(resourceKey) ? 0 : noRetryAfter ? Math.max(1, Math.ceil(d / pollIntervalMs)) : 1;
    const idealFinals = Math.max(1, finals.length);
    out.push({
      resource: step.resource,
      kind: step.kind,
      durationMs: d,
      initialRetryAfterS: ra({ r }) ?? null,
      polls: polls.length,
      earlyPolls: early,
      finalGets: finals.length,
      requests: 1 + polls.length + finals.length,
      idealPolls,
      idealRequests: 1 + idealPolls + idealFinals,
      elapsedMs: (finals.at(-1)?.at ?? polls.at(-1)?.at ?? at) - at,
    });
  });
  return out;
}
