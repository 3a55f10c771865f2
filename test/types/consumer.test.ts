import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The published types as a consumer compiles them: test/types/consumer/ is a small project with `strict`,
 * `exactOptionalPropertyTypes`, `noUncheckedIndexedAccess` and `skipLibCheck: false`, importing 'azprov'
 * and 'azprov/emulator'. It is copied to a temporary directory where node_modules/azprov links to this
 * repository, so resolution goes through package.json `exports` to dist/ (built by `npm test`'s pretest),
 * exactly as for an installed package. The project's own TypeScript compiles it.
 */

const repo = path.resolve(import.meta.dirname, '../..');
const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');
const run = promisify(execFile);
let dir: string;

async function compile(project: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, [tsc, '-p', project, '--pretty', 'false'], { cwd: dir });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? 1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

describe('published types, compiled by a strict consumer', () => {
  let good: Promise<{ code: number; out: string }>;
  let bad: Promise<{ code: number; out: string }>;

  beforeAll(() => {
    if (!fs.existsSync(path.join(repo, 'dist/index.d.ts'))) throw new Error('dist/ is missing: run npm run build first');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'azprov-consumer-'));
    fs.cpSync(path.join(import.meta.dirname, 'consumer'), dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(repo, path.join(dir, 'node_modules/azprov'), 'dir');
    fs.symlinkSync(path.join(repo, 'node_modules/@types'), path.join(dir, 'node_modules/@types'), 'dir');
    // Both compilations at once: each takes tens of seconds on a busy machine.
    good = compile('tsconfig.json');
    bad = compile('tsconfig.bad.json');
  });
  afterAll(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('compiles: typed outputs without casts, dist/*.d.ts clean under every strict flag, skipLibCheck off', async () => {
    const { code, out } = await good;
    expect(out).toBe('');
    expect(code).toBe(0);
  }, 240_000);

  it('refuses output names the kinds do not have, and logical names the stack does not have', async () => {
    const { code, out } = await bad;
    expect(code).not.toBe(0);
    const errors = out.trim().split('\n').filter((l) => /error TS\d+/.test(l));
    // Exactly the four wrong lines of bad.ts, and nothing from dist/.
    expect(errors.map((l) => l.replace(/\(\d+,\d+\).*?error (TS\d+):.*?Property '(\w+)'.*/, ' $1 $2'))).toEqual([
      'bad.ts TS2551 defaultDomian',
      'bad.ts TS2339 fqdn',
      'bad.ts TS2339 nothere',
      'bad.ts TS2339 documentEndpoint',
    ]);
  }, 240_000);
});
