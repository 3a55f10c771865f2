#!/usr/bin/env node
// Parity check: replays every recording of real ARM traffic (../shared/azure-recordings/ by default) against
// the emulator started in process, and compares each exchange with what Azure answered (status code, LRO
// headers, operation status words, field paths of the body; see compare.mjs).
//
//   node test/parity/replay.mjs [recordings-dir] [--verbose] [--emulator=<path of dist/emulator/index.js>]
//
// Needs `npm run build` (it loads dist/emulator). Exit 0 when every difference is listed in
// known-differences.json (each with its reason), 1 otherwise, 2 when it cannot run.
import https from 'node:https';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Substitutions, TERMINAL, compareExchange, parseBody, pollStatus } from './compare.mjs';
import { headerValue, isArm, listRecordings, readRecording } from './recordings.mjs';
import { seedRequests } from './seed.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const root = path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(repo, '../shared/azure-recordings'));
// Another build (e.g. an older checkout's) can be measured with the same replay.
const emulatorModule = path.resolve(args.find((a) => a.startsWith('--emulator='))?.slice('--emulator='.length) ?? path.join(repo, 'dist/emulator/index.js'));
const known = JSON.parse(readFileSync(path.join(here, 'known-differences.json'), 'utf8'));

let startEmulator;
try {
  ({ startEmulator } = await import(emulatorModule));
} catch (e) {
  console.error(`parity: cannot load dist/emulator (run npm run build first): ${e.message}`);
  process.exit(2);
}

function send(emu, method, pathAndQuery, { body, token } = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(pathAndQuery, emu.endpoint);
    const headers = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined && body !== '') {
      headers['content-type'] = typeof body === 'string' && body.startsWith('resource=') ? 'application/x-www-form-urlencoded' : 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    if (u.pathname.startsWith('/metadata/')) headers.metadata = 'true';
    const req = https.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method, ca: emu.caCertPem, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: parseBody(text) }));
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`no answer to ${method} ${pathAndQuery}`)));
    req.on('error', reject);
    if (body !== undefined && body !== '') req.write(body);
    req.end();
  });
}

async function tokenFor(emu) {
  const r = await send(emu, 'POST', '/metadata/identity/oauth2/token', { body: 'resource=' + encodeURIComponent(emu.endpoint + '/') });
  if (r.status !== 200) throw new Error(`token endpoint answered ${r.status}`);
  return r.body.access_token;
}

/** GUID-valued `principalId` fields of a request body. */
function principalsIn(value, out = []) {
  if (Array.isArray(value)) value.forEach((v) => principalsIn(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'principalId' && typeof v === 'string') out.push(v);
      else principalsIn(v, out);
    }
  }
  return out;
}

const isRunning = (r) => r.status === 202 || (pollStatus(r.body) !== undefined && !TERMINAL.has(pollStatus(r.body).toLowerCase()));

/** `{ asked, code, nearest }` when the emulator refused the request's api-version, naming the ones it supports. */
function refusedApiVersion(r) {
  const e = r.status === 400 ? r.body?.error : undefined;
  if (!e || !['NoRegisteredProviderFound', 'InvalidApiVersionParameter', 'InvalidResourceType'].includes(e.code)) return undefined;
  const asked = /api-version '([^']+)'|API version '([^']+)'/i.exec(e.message);
  const listed = /supported (?:api-)?versions are '([^']+)'/i.exec(e.message);
  if (!asked || !listed) return undefined;
  const stable = listed[1].split(/,\s*/).filter((v) => !v.includes('preview')).sort();
  const v = asked[1] ?? asked[2];
  // The nearest version: the first one at or after the asked one (its shape is closest), else the newest.
  return stable.length ? { asked: v, code: e.code, nearest: stable.find((x) => x >= v) ?? stable.at(-1) } : undefined;
}

const usedKnown = new Set();
function excused(recording, request, diff) {
  const k = known.find((k) => recording.endsWith(k.recording) && request.includes(k.request) && diff.startsWith(k.diff));
  if (k) usedKnown.add(k);
  return k;
}

async function replay(file) {
  const all = readRecording(file);
  const xs = all.filter((x) => isArm(x.url)).map((x) => ({ ...x, path: new URL(x.url).pathname + new URL(x.url).search }));
  const subscriptionId = /\/subscriptions\/([^/?]+)/i.exec(xs[0]?.path ?? '')?.[1];
  const emu = await startEmulator({ subscriptionId, pollsToComplete: 2, requestLogPolls: false });
  const result = { file, compared: 0, matched: 0, skipped: all.length - xs.length, collapsed: 0, known: 0, mismatches: [], excused: [], extra: [] };
  try {
    const token = await tokenFor(emu);
    const directory = emu.service('microsoft.managedidentity/directory');
    for (const s of seedRequests(xs)) {
      if (s.revisionState) {
        // The revision's state as the recording shows it (e.g. crashed), set through the emulator's hooks.
        const { healthState, runningState, provisioningState, provisioningError } = s.revisionState.state;
        emu.service('microsoft.app/revisions').setRevisionState(s.revisionState.id, { healthState, runningState, provisioningState, provisioningError });
        continue;
      }
      const r = await send(emu, s.method, s.path, { body: JSON.stringify(s.body), token });
      if (r.status >= 300) throw new Error(`seeding ${s.method} ${s.path} answered ${r.status}: ${JSON.stringify(r.body)}`);
      // Let the seeded operations finish before the recording's first request.
      for (let i = 0; i < 5; i++) await send(emu, 'GET', s.path, { token });
    }
    const subs = new Substitutions();
    /** Recorded operation URL (path, lower case) -> the emulator's URL for the same operation. */
    const operations = new Map();
    for (const [i, x] of xs.entries()) {
      const pathname = x.path.split('?')[0].toLowerCase();
      let apiVersionDiffs = [];
      const op = operations.get(pathname);
      const recorded = { status: x.status, headers: x.headers, body: parseBody(x.responseBody) };
      let actual;
      if (op) {
        if (isRunning(recorded) && op.ended) {
          // The emulator finished in fewer polls than Azure: the extra in-progress polls are timing, not shape.
          result.collapsed++;
          continue;
        }
        actual = await send(emu, 'GET', op.url, { token });
        for (let n = 0; !isRunning(recorded) && isRunning(actual) && n < 10; n++) actual = await send(emu, 'GET', op.url, { token });
        op.ended = !isRunning(actual);
        if (isRunning(recorded) && op.ended) {
          result.collapsed++;
          continue;
        }
      } else {
        const body = x.body === undefined || x.body === null ? undefined : subs.apply(String(x.body));
        for (const p of principalsIn(parseBody(body))) if (!subs.has(p) && directory?.addPrincipal) directory.addPrincipal(p);
        actual = await send(emu, x.method, subs.apply(x.path), { body, token });
        const refused = refusedApiVersion(actual);
        if (refused) {
          // One mismatch for the refused version; the exchange is then replayed with the nearest version the
          // emulator names, so that the rest of the recording is still compared.
          apiVersionDiffs = [`api-version ${refused.asked} refused (${refused.code})`];
          actual = await send(emu, x.method, subs.apply(x.path).replace(/api-version=[^&]+/, `api-version=${refused.nearest}`), { body, token });
        }
        // Lists are left out: their order may differ (built-in items first), which would pair unrelated ids.
        if (!Array.isArray(recorded.body?.value)) subs.learn(recorded.body, actual.body);
        for (const h of ['azure-asyncoperation', 'location']) {
          const rv = headerValue(x.headers, h);
          const av = actual.headers[h];
          if (!rv || !av) continue;
          const rp = new URL(rv, 'https://management.azure.com').pathname.toLowerCase();
          if (rp !== pathname) {
            const au = new URL(av, emu.endpoint);
            operations.set(rp, { url: au.pathname + au.search, ended: false });
          }
        }
      }
      const request = `${x.method} ${x.path.split('?')[0]}`;
      const compared = compareExchange(recorded, actual, { poll: !!op });
      const diffs = [...apiVersionDiffs, ...compared.diffs];
      const extra = compared.extra;
      result.compared++;
      if (extra.length) result.extra.push({ i, request, extra });
      const open = [];
      for (const d of diffs) {
        const k = excused(file, request, d);
        if (k) result.excused.push({ i, request, diff: d, reason: k.reason });
        else open.push(d);
      }
      if (open.length) result.mismatches.push({ i, request, diffs: open });
      else if (diffs.length) result.known++;
      else result.matched++;
      if (verbose) console.log(`  #${i} ${request} -> ${actual.status} ${open.length ? 'MISMATCH' : 'ok'}`);
    }
  } finally {
    await emu.close();
  }
  return result;
}

let files;
try {
  files = listRecordings(root);
} catch (e) {
  console.error(`parity: cannot read ${root}: ${e.message}`);
  process.exit(2);
}
let compared = 0;
let matched = 0;
let knownOnly = 0;
let failed = false;
for (const file of files) {
  let r;
  try {
    r = await replay(file);
  } catch (e) {
    failed = true;
    console.log(`${path.relative(root, file)}: could not be replayed: ${e.message}`);
    continue;
  }
  compared += r.compared;
  matched += r.matched;
  knownOnly += r.known;
  const name = path.relative(root, file);
  console.log(`${name}: ${r.compared} exchanges compared, ${r.matched} match, ${r.known} differ only as known (${r.skipped} non-ARM skipped, ${r.collapsed} extra in-progress polls collapsed)`);
  for (const m of r.mismatches) {
    failed = true;
    console.log(`  MISMATCH #${m.i} ${m.request}`);
    for (const d of m.diffs) console.log(`    - ${d}`);
  }
  for (const e of r.excused) console.log(`  known #${e.i} ${e.request}: ${e.diff} (${e.reason})`);
  if (r.extra.length) console.log(`  ${r.extra.length} exchanges carry fields beyond Azure's body (not a mismatch${verbose ? '' : '; --verbose lists them'})`);
  if (verbose) for (const e of r.extra) console.log(`  extra #${e.i} ${e.request}: ${e.extra.join(', ')}`);
}
for (const k of known) if (!usedKnown.has(k)) console.log(`note: known difference no longer seen, remove it from known-differences.json: ${k.recording} ${k.request} ${k.diff}`);
console.log(`${compared} exchanges compared, ${matched} match, ${knownOnly} differ only as listed in known-differences.json, ${compared - matched - knownOnly} mismatch`);
process.exit(failed ? 1 : 0);
