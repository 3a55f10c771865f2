// The comparison logic of the parity replay (test/parity/replay.mjs): pure functions, unit-tested in
// test/unit/parity.test.ts. Values are never compared, only shapes: status codes, the presence of the
// long-running-operation headers, operation status words and the set of JSON field paths.

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const GUID_ONLY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Operation status words that end an operation [rpc-async]. */
export const TERMINAL = new Set(['succeeded', 'failed', 'canceled', 'cancelled']);

/**
 * Field paths left out of the comparison, each with the reason. Only values that vary per call and carry no
 * shape a client relies on belong here.
 */
export const NOISE = [
  // Timestamps of an operation-status body: `endTime` appears only once the operation ended, and the recorded
  // poll sequence and the emulator's differ in length (the emulator finishes in fewer polls).
  { path: /^endTime$/, reason: 'operation end time: present only on the poll that ends the operation, whose position depends on timing' },
];

/** A dictionary key that is data (an ARM id or a GUID), not a field name. */
function isDataKey(key) {
  return key.startsWith('/subscriptions/') || GUID_ONLY.test(key);
}

/**
 * The set of field paths of a JSON value: `a.b`, arrays as `a[]`, keys that are ids as `{id}`. Leaves and
 * containers both count, so `{"a":{}}` gives `a` and `{"a":null}` gives `a` too (a null field is a field).
 */
export function fieldPaths(value, prefix = '', out = new Set()) {
  if (Array.isArray(value)) {
    const p = `${prefix}[]`;
    for (const v of value) fieldPaths(v, p, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = prefix ? `${prefix}.${isDataKey(k) ? '{id}' : k}` : isDataKey(k) ? '{id}' : k;
      out.add(p);
      fieldPaths(v, p, out);
    }
  }
  return out;
}

function isNoise(path) {
  return NOISE.some((n) => n.path.test(path));
}

/** Paths the recording has and the emulator lacks, and the reverse (noise left out), sorted. */
export function comparePaths(recorded, actual) {
  const r = fieldPaths(recorded);
  const a = fieldPaths(actual);
  const missing = [...r].filter((p) => !a.has(p) && !isNoise(p)).sort();
  const extra = [...a].filter((p) => !r.has(p) && !isNoise(p)).sort();
  return { missing, extra };
}

/** Lower-cased header names; values joined (vcrpy and the test proxy store lists). */
export function normaliseHeaders(headers = {}) {
  const out = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
}

/** The long-running-operation headers whose presence the comparison checks [rpc-async]. */
export const LRO_HEADERS = ['azure-asyncoperation', 'location', 'retry-after'];

export function compareLroHeaders(recorded, actual) {
  const r = normaliseHeaders(recorded);
  const a = normaliseHeaders(actual);
  const out = [];
  for (const h of LRO_HEADERS) {
    if (h in r && !(h in a)) out.push(`header ${h} missing`);
    if (!(h in r) && h in a) out.push(`header ${h} not sent by Azure`);
  }
  return out;
}

/** `status` of an operation-status body, when the body is one. */
export function pollStatus(body) {
  return body && typeof body === 'object' && !Array.isArray(body) && typeof body.status === 'string' ? body.status : undefined;
}

/**
 * Differences of one exchange: status code, LRO headers, operation status word (for polls), field paths.
 * `recorded` and `actual` are `{ status, headers, body }` with `body` parsed (or a string, or undefined).
 * Returns `{ diffs, extra }`: `diffs` are mismatches (a client would see them: a code, a header, a status word
 * or a field Azure returns that the emulator lacks); `extra` lists fields the emulator returns beyond the
 * recorded body (newer api-versions add fields; a client ignores fields it does not know), reported only.
 */
export function compareExchange(recorded, actual, { poll = false } = {}) {
  const diffs = [];
  const extras = [];
  if (recorded.status !== actual.status) diffs.push(`status ${actual.status}, Azure ${recorded.status}`);
  diffs.push(...compareLroHeaders(recorded.headers, actual.headers));
  if (poll) {
    const r = pollStatus(recorded.body);
    const a = pollStatus(actual.body);
    if (r !== a) diffs.push(`poll status ${a}, Azure ${r}`);
  }
  if (typeof recorded.body === 'string' || typeof actual.body === 'string') {
    if (typeof recorded.body !== typeof actual.body) diffs.push(`body ${JSON.stringify(actual.body)}, Azure ${JSON.stringify(recorded.body)}`);
  } else {
    const { missing, extra } = comparePaths(recorded.body, actual.body);
    for (const p of missing) diffs.push(`field ${p} missing`);
    extras.push(...extra);
  }
  return { diffs, extra: extras };
}

/**
 * Server-generated ids: what the recording calls X, the emulator calls Y. Learned by walking a recorded
 * response and the emulator's answer side by side; applied to the requests that follow.
 */
export class Substitutions {
  constructor(pairs = []) {
    this.map = new Map();
    for (const [from, to] of pairs) this.add(from, to);
  }

  add(from, to) {
    if (!from || !to || from.toLowerCase() === to.toLowerCase()) return;
    if (!this.map.has(from.toLowerCase())) this.map.set(from.toLowerCase(), to);
  }

  has(from) {
    return this.map.has(String(from).toLowerCase());
  }

  /** Learns the GUIDs that differ at the same place in the two bodies (principal ids, client ids, names). */
  learn(recorded, actual) {
    if (typeof recorded === 'string' && typeof actual === 'string') {
      const r = recorded.match(GUID) ?? [];
      const a = actual.match(GUID) ?? [];
      if (r.length === a.length) r.forEach((g, i) => this.add(g, a[i]));
      return;
    }
    if (Array.isArray(recorded) && Array.isArray(actual)) {
      recorded.forEach((v, i) => i < actual.length && this.learn(v, actual[i]));
      return;
    }
    if (recorded && actual && typeof recorded === 'object' && typeof actual === 'object') {
      for (const [k, v] of Object.entries(recorded)) if (k in actual) this.learn(v, actual[k]);
    }
  }

  /** Replaces every known id in a string (URL or serialized body), case-insensitively. */
  apply(text) {
    if (!text || this.map.size === 0) return text;
    return text.replace(GUID, (g) => this.map.get(g.toLowerCase()) ?? g);
  }
}

/** Parses a body that may be JSON; an empty body is undefined. */
export function parseBody(text) {
  if (text === undefined || text === null || text === '') return undefined;
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
