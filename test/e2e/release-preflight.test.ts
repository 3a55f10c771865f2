import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { azprov, tempDir } from '../helpers/cli.js';

/** Requests of one CLI run, from its emulator request log. */
function requests(log: string): { method: string; url: string }[] {
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { request: { method: string; url: string } }).request);
}

describe('release commands check every argument before the first write', () => {
  it('an unknown revision is refused after a read, naming the revisions there are; nothing written', async () => {
    const dir = tempDir();
    const state = join(dir, 'state.json');
    expect((await azprov(['up', '-f', 'templates/rollout-canary.yaml', '--emulator', '--emulator-state', state])).code).toBe(0);
    const app = ['web', '-g', 'rg-web'];
    const cases: [string[], string][] = [
      [['revision', 'deactivate', ...app, 'web--nope'], 'revision'],
      [['revision', 'activate', ...app, 'nope'], 'revision'],
      [['revision', 'restart', ...app, 'web--nope'], 'revision'],
      [['revision', 'label', ...app, 'blue', 'web--nope'], 'revision'],
      [['traffic', 'set', ...app, 'web--nope=100'], 'web--nope'],
    ];
    for (const [i, [args, field]] of cases.entries()) {
      const log = join(dir, `log-${i}.jsonl`);
      const r = await azprov([...args, '--emulator', '--emulator-state', state, '--emulator-log', log]);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toContain(field);
      expect(r.stderr).toMatch(/Fix: use one of: web--r[0-9a-f]{8}/);
      const sent = requests(log);
      expect(sent.length).toBeGreaterThan(0); // it did read
      expect(sent.filter((q) => q.method !== 'GET')).toEqual([]);
    }
  }, 180_000);
});
