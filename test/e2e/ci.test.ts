import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { azprov, tempDir } from '../helpers/cli.js';

describe('CI: exit codes, step summary, annotations', () => {
  it('plan and drift report through exit codes, the GitHub step summary and annotations', async () => {
    const dir = tempDir();
    const stackFile = join(dir, 'stack.yaml');
    const original = readFileSync('templates/environment.yaml', 'utf8');
    writeFileSync(stackFile, original);
    const summary = join(dir, 'summary.md');
    const target = ['--emulator', '--emulator-state', join(dir, 'state.json')];
    const gh = { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary };

    const plan = await azprov(['plan', '-f', stackFile, ...target, '--detailed-exitcode'], { env: gh });
    expect(plan.code).toBe(2);
    expect(readFileSync(summary, 'utf8')).toContain('| env | managedEnvironment | cae-azprov-demo | ➕ create |');

    expect((await azprov(['up', '-f', stackFile, ...target])).code).toBe(0);
    const clean = await azprov(['drift', '-f', stackFile, ...target], { env: gh });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('No drift: Azure matches the stack.');

    // The stack changes: what Azure has is now drift from it.
    writeFileSync(stackFile, original.replace('retentionInDays: 30', 'retentionInDays: 60'));
    const drift = await azprov(['drift', '-f', stackFile, ...target], { env: gh });
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain('retentionInDays: azure 30, stack 60');
    expect(drift.stdout).toMatch(/^::warning title=drift in logs::retentionInDays: 30 -> 60$/m);
    expect(readFileSync(summary, 'utf8')).toContain('⚠️ Drift found.');

    const md = await azprov(['drift', '-f', stackFile, ...target, '--output', 'markdown']);
    expect(md.stdout).toContain('| logs | logAnalyticsWorkspace | log-azprov-demo | ✏️ update | `retentionInDays`: 30 → 60 |');
    const json = await azprov(['drift', '-f', stackFile, ...target, '--output', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ type: 'drift', drift: true, drifted: [{ resource: 'logs' }] });
  }, 120_000);

  it('annotates a failure as an error in GitHub Actions', async () => {
    const r = await azprov(['plan', '-f', 'missing.yaml', '--emulator'], { env: { GITHUB_ACTIONS: 'true' } });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^::error title=azprov run failed::.*cannot read missing\.yaml/m);
  });
});
