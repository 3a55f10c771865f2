import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';

/**
 * The README is executable: its ```sh blocks run in order, as written, in one shell, in a temp copy of
 * the repository (templates, scripts, package.json; dist and node_modules linked), with `npx azprov` and
 * `npx zx` mapped to the built CLI and the installed zx. Only the commands below are left out, each for
 * a reason; a rule that matches nothing fails the test, so the list cannot go stale.
 */
const SKIPPED: Array<{ rule: RegExp; why: string }> = [
  { rule: /^npm ci\b/, why: 'installs packages (the test runs inside an installed checkout); `npm start` is `azprov demo`, covered by cli tests' },
  { rule: /^npm test\b/, why: 'the test suite itself' },
  { rule: /^az /, why: 'the Azure CLI is not installed here' },
  { rule: /--subscription "\$AZURE_SUBSCRIPTION_ID"/, why: 'real Azure' },
  { rule: /^export AZURE_SUBSCRIPTION_ID="\$\(az /, why: 'reads the subscription from the Azure CLI, which is not installed here' },
  { rule: /^npm run test:live\b/, why: 'real Azure; npm test runs the same scenarios against the emulator (test/live)' },
];

/** Logical commands of the README's sh blocks (a trailing backslash continues a line), block by block. */
export function readmeCommands(markdown: string): string[][] {
  const blocks = [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  return blocks.map((b) => b.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
}

function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

const SPINNER_FRAMES = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]|\r/;

describe('README', () => {
  it('every sh command runs as written, in order, against the emulator', async () => {
    const root = resolve('.');
    const dir = tempDir('azprov-readme-');
    for (const d of ['templates', 'scripts']) cpSync(join(root, d), join(dir, d), { recursive: true });
    cpSync(join(root, 'package.json'), join(dir, 'package.json'));
    for (const d of ['dist', 'node_modules']) symlinkSync(join(root, d), join(dir, d));
    const bin = join(dir, '.bin');
    const npx = join(bin, 'npx');
    mkdirSync(bin);
    writeFileSync(
      npx,
      `#!/bin/sh\ncmd=$1; shift\ncase "$cmd" in\n  azprov) exec "${process.execPath}" "${join(root, 'dist/cli/main.js')}" "$@";;\n  zx) exec "${process.execPath}" "${join(root, 'node_modules/zx/build/cli.js')}" "$@";;\n  *) echo "npx $cmd: not mapped by test/e2e/readme.test.ts" >&2; exit 127;;\nesac\n`,
    );
    chmodSync(npx, 0o755);

    const used = new Set<RegExp>();
    const port = String(await freePort());
    const lines = ['set -euo pipefail'];
    for (const block of readmeCommands(readFileSync(join(root, 'README.md'), 'utf8'))) {
      for (const command of block) {
        const skip = SKIPPED.find((s) => s.rule.test(command));
        // The README's port 8443 may be taken on a shared machine: a free one stands in for it.
        const run = command.replace(/\b8443\b/g, port);
        lines.push(`printf '%s\\n' ${JSON.stringify(`$ ${command}`).replace(/\$/g, '\\$')} >&2`);
        if (skip) used.add(skip.rule);
        else lines.push(run);
      }
    }
    writeFileSync(join(dir, 'readme.sh'), lines.join('\n') + '\n');
    expect(SKIPPED.filter((s) => !used.has(s.rule)).map((s) => String(s.rule))).toEqual([]);

    const env: Record<string, string | undefined> = { ...process.env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1' };
    // A user's shell: no CI (so zx would draw its spinner), no target in the environment.
    for (const k of ['CI', 'AZURE_SUBSCRIPTION_ID', 'AZPROV_EMULATOR_ENDPOINT', 'AZPROV_EMULATOR_CA_FILE', 'GITHUB_ACTIONS', 'TF_BUILD']) delete env[k];
    const r = await new Promise<{ code: number | null; out: string }>((res, rej) => {
      const child = spawn('bash', ['readme.sh'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 170_000);
      child.on('error', rej);
      child.on('close', (code) => {
        clearTimeout(timer);
        try {
          process.kill(-child.pid!, 'SIGKILL'); // the backgrounded emulator, if still there
        } catch {}
        res({ code, out });
      });
    });
    expect(r.code, r.out.slice(-4000)).toBe(0);
    expect(r.out).toContain('target          emulator (from AZPROV_EMULATOR_ENDPOINT)');
    expect(r.out).toMatch(/step 1\/2: daprstate--\w+=50% .*; waiting 1 s, until \d\d:\d\d:\d\d UTC, before checking the gates/);
    expect(r.out).toMatch(/step 1\/2: web--\w+=50% .*waiting 1 s, until \d\d:\d\d:\d\d UTC/);
    expect(r.out).not.toMatch(SPINNER_FRAMES);
  }, 200_000);
});
