import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { parseStackYaml } from '../../src/engine/load.js';
import { azprov, tempDir } from '../helpers/cli.js';
import { FLAG_CASES, STACK_CASES } from './bad-input-cases.js';

/**
 * The bad input catalog. Every stack case is validated in process through parseStackYaml (the CLI's own
 * loader); every flag case and every third stack case (and the huge file) is also run through the built
 * CLI against the embedded emulator with a request log: exit 3, the YAML path or flag and `Fix:` on
 * stderr, and not a single request in the log.
 */

describe('every invalid stack file is refused with its path and a fix (in process)', () => {
  it('the catalog is large enough', () => {
    expect(STACK_CASES.length + FLAG_CASES.length).toBeGreaterThanOrEqual(60);
  });
  it.each(STACK_CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    let error: unknown;
    try {
      parseStackYaml(c.text, 'stack.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const v = error as ValidationError;
    expect(v.exitCode).toBe(3);
    const problem = v.problems.find((p) => p.field === c.field || p.field.startsWith(c.field + ' ') || p.field.startsWith(c.field + '.') || p.field.startsWith(c.field));
    expect(problem, v.message).toBeDefined();
    expect(problem!.fix.length).toBeGreaterThan(3);
    expect(v.message).toContain('Fix:');
  });
});

function target() {
  const dir = tempDir('azprov-bad-');
  return { dir, stack: join(dir, 'stack.yaml'), state: join(dir, 'state.json'), log: join(dir, 'log.jsonl'), ca: join(dir, 'ca.pem') };
}

function expectRefused(r: { code: number | null; stderr: string }, field: string, log: string) {
  expect(r.code, r.stderr).toBe(3);
  expect(r.stderr).toContain(field);
  expect(r.stderr).toContain('Fix:');
  expect(existsSync(log) ? readFileSync(log, 'utf8') : '').toBe('');
}

const SPAWNED = STACK_CASES.filter((c, i) => i % 3 === 0 || c.name.startsWith('a huge'));

describe.concurrent('through the CLI: exit 3, the path and Fix: on stderr, zero requests', () => {
  it.each(SPAWNED.map((c) => [c.name, c] as const))('stack: %s', async (_, c) => {
    const t = target();
    writeFileSync(t.stack, c.text);
    const r = await azprov(['up', '-f', t.stack, '--emulator', '--emulator-state', t.state, '--emulator-log', t.log]);
    expectRefused(r, c.field, t.log);
  });

  it.each(FLAG_CASES.map((c) => [c.name, c] as const))('flags: %s', async (_, c) => {
    const t = target();
    writeFileSync(t.stack, readFileSync('templates/environment.yaml', 'utf8'));
    writeFileSync(t.ca, '-----BEGIN CERTIFICATE-----\nnot really\n-----END CERTIFICATE-----\n');
    const r = await azprov(c.args(t), { env: { AZURE_SUBSCRIPTION_ID: '' } });
    expectRefused(r, c.field, t.log);
  });
});
