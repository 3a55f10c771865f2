import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { azprov, tempDir } from '../helpers/cli.js';

const STACK = readFileSync('templates/environment.yaml', 'utf8');
const OLD = `
  old:
    kind: logAnalyticsWorkspace
    name: log-demo-old
    resourceGroup: rg
`;

describe('a resource removed from the stack file, through the CLI', () => {
  it('is kept by plan/up --keep-removed, then deleted by up without the flag', async () => {
    const dir = tempDir();
    const file = join(dir, 'stack.yaml');
    const target = ['--emulator', '--emulator-state', join(dir, 'state.json')];
    writeFileSync(file, STACK.trimEnd() + '\n' + OLD);
    expect((await azprov(['up', '-f', file, ...target])).code).toBe(0);
    writeFileSync(file, STACK);

    const kept = await azprov(['plan', '-f', file, ...target, '--keep-removed', '--detailed-exitcode']);
    expect(kept.code).toBe(0);
    expect(kept.stdout).toMatch(/old\s+logAnalyticsWorkspace\s+log-demo-old\s+no changes\s+\(removed from the stack; kept \(--keep-removed\)\)/);

    const upKept = await azprov(['up', '-f', file, ...target, '--keep-removed']);
    expect(upKept.code).toBe(0);
    expect(upKept.stdout).not.toContain('delete started');

    const plan = await azprov(['plan', '-f', file, ...target, '--detailed-exitcode']);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/- old\s+logAnalyticsWorkspace\s+log-demo-old\s+delete\s+\(removed from the stack\)/);
    expect(plan.stdout).toContain('Plan: 0 to create, 0 to update, 1 to delete, 3 unchanged.');

    const up = await azprov(['up', '-f', file, ...target]);
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('old: delete started');

    const after = await azprov(['plan', '-f', file, ...target, '--detailed-exitcode']);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('No changes.');
  }, 120_000);

  it('refuses --keep-removed on down (down deletes everything tagged for the stack)', async () => {
    const r = await azprov(['down', '-f', 'templates/environment.yaml', '--emulator', '--keep-removed']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("unknown option '--keep-removed'");
  });
});
