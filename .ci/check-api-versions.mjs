#!/usr/bin/env node
// Drift check: the emulator's vendored api-version tables (src/emulator/providers/<ns>/api-versions.ts) against
// the design data they were taken from (../shared/design/api-versions.json, present in the maintainers' checkout
// only). Fails when a type's stable or preview list differs, or when a version the latest SDKs send
// (`addedFromSdk`) is not accepted. Usage: node .ci/check-api-versions.mjs [path/to/api-versions.json]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const jsonPath = process.argv[2] ?? path.resolve(root, '../shared/design/api-versions.json');
if (!fs.existsSync(jsonPath)) {
  console.log(`check-api-versions: ${jsonPath} not found, skipped`);
  process.exit(0);
}
const published = JSON.parse(fs.readFileSync(jsonPath, 'utf8')).types;

/** The table literal of one api-versions.ts (plain data by construction: strings, arrays, objects). */
function loadTable(file) {
  const text = fs.readFileSync(file, 'utf8');
  const m = /export const API_VERSIONS = (\{[\s\S]*?\n\}) as const/.exec(text);
  if (!m) throw new Error(`${file}: no "export const API_VERSIONS = {...} as const"`);
  return new Function(`return (${m[1]});`)();
}

const providers = path.join(root, 'src/emulator/providers');
const problems = [];
let compared = 0;
for (const ns of fs.readdirSync(providers).sort()) {
  const file = path.join(providers, ns, 'api-versions.ts');
  if (!fs.existsSync(file)) continue;
  const rel = path.relative(root, file);
  for (const [type, entry] of Object.entries(loadTable(file))) {
    const src = published[type];
    if (!src) {
      if (!entry.note) problems.push(`${rel}: ${type} is not in api-versions.json and has no note saying why`);
      continue;
    }
    compared++;
    for (const kind of ['stable', 'preview']) {
      const want = src[kind] ?? [];
      const have = entry[kind] ?? [];
      const missing = want.filter((v) => !have.includes(v));
      const unknown = have.filter((v) => !want.includes(v));
      if (missing.length) problems.push(`${rel}: ${type} ${kind} lacks ${missing.join(', ')}`);
      if (unknown.length) problems.push(`${rel}: ${type} ${kind} has ${unknown.join(', ')}, which api-versions.json does not list (move them to extra with a source)`);
    }
    const accepted = new Set([...entry.stable, ...entry.preview, ...(entry.extra ?? [])]);
    for (const a of src.addedFromSdk ?? []) if (!accepted.has(a.version)) problems.push(`${rel}: ${type} does not accept ${a.version}, which an SDK sends (${a.evidence})`);
  }
}
if (problems.length) {
  console.log(problems.join('\n'));
  console.log(`check-api-versions: ${problems.length} difference(s) with ${path.relative(root, jsonPath)}; update the tables to match it`);
  process.exit(1);
}
console.log(`check-api-versions: ${compared} types match ${path.relative(root, jsonPath)}`);
