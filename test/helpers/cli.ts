import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CLI = resolve('dist/cli/main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would: a separate process, no TTY, CI-like environment. */
export function azprov(args: string[], options: { env?: Record<string, string>; cwd?: string; nodeArgs?: string[]; timeoutInMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
      cwd: options.cwd,
      env: { ...process.env, CI: 'true', NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutInMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

export function tempDir(prefix = 'azprov-e2e-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * `azprov emulator start ARGS` as a user runs it (a separate process), resolved once it says it listens:
 * the child, and what it printed by then (endpoint, CA file, subscription, the environment to export).
 */
export async function startEmulatorProcess(args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; out: string }> {
  const child = spawn(process.execPath, [CLI, 'emulator', 'start', '--port', '0', ...args], { stdio: 'pipe' });
  let out = '';
  await new Promise<void>((res, rej) => {
    const t = setTimeout(() => rej(new Error(`no start: ${out}`)), 20_000);
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('Press Ctrl+C')) (clearTimeout(t), res());
    });
  });
  return { child, out };
}
