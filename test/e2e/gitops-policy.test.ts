import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { azprov, tempDir } from '../helpers/cli.js';

/** The two GitOps and policy templates as a user runs them: up on a fresh state, a re-plan with nothing to do, down. */
describe('GitOps and policy templates from the CLI', () => {
  it('gitops-crossplane: the cluster, the Flux extension and cluster-config becoming Compliant', async () => {
    const state = join(tempDir(), 'state.json');
    const args = ['-f', 'templates/gitops-crossplane.yaml', '--emulator', '--emulator-state', state];
    const up = await azprov(['up', ...args]);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toMatch(/config: Flux Pending \(infra: Compliant, secrets: Pending, apps: Pending\)/);
    expect(up.stdout).toContain('complianceState: Compliant');
    expect(up.stdout).toContain('kustomizations: infra: Compliant, secrets: Compliant, apps: Compliant');
    expect(up.stdout).toContain('version: 1.19.5');
    const plan = await azprov(['plan', ...args]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('No changes.');
    const down = await azprov(['down', ...args]);
    expect(down.code, down.stderr).toBe(0);
    expect(down.stdout).toContain('Deleted 5: config, flux, aks, vnet, rg.');
  }, 60_000);

  it('aks-policy: the add-on with its identity and the deny assignment, compliance read back', async () => {
    const state = join(tempDir(), 'state.json');
    const args = ['-f', 'templates/aks-policy.yaml', '--emulator', '--emulator-state', state];
    const up = await azprov(['up', ...args]);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toMatch(/azurePolicyIdentity: [0-9a-f-]{36}/);
    expect(up.stdout).toMatch(/no-privileged:\n\s+id: \/subscriptions\/[^\n]+\/resourceGroups\/rg-aks-policy\/providers\/Microsoft\.Authorization\/policyAssignments\/no-privileged-containers/);
    expect(up.stdout).toContain('complianceState: NotStarted');
    const plan = await azprov(['plan', ...args]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('No changes.');
    const down = await azprov(['down', ...args]);
    expect(down.code, down.stderr).toBe(0);
    expect(down.stdout).toContain('Deleted 4: no-privileged, aks, vnet, rg.');
  }, 60_000);

  it('a kustomization that fails: up exits 1 naming it and why; a bad effect: exit 3, nothing written', async () => {
    const dir = tempDir();
    const state = join(dir, 'state.json');
    const failing = join(dir, 'failing.yaml');
    writeFileSync(failing, readFileSync('templates/gitops-crossplane.yaml', 'utf8').replace('path: ./secrets', 'path: ./secrets/emulator-fail'));
    const up = await azprov(['up', '-f', failing, '--emulator', '--emulator-state', state]);
    expect(up.code).toBe(1);
    expect(up.stderr + up.stdout).toMatch(/config: Flux configuration cluster-config is Non-Compliant: kustomization 'secrets' failed/);

    const badEffect = join(dir, 'bad-effect.yaml');
    writeFileSync(badEffect, readFileSync('templates/aks-policy.yaml', 'utf8').replace('effect: deny', 'effect: DENY'));
    const refused = await azprov(['up', '-f', badEffect, '--emulator', '--emulator-state', join(dir, 'policy.json')]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/resources\.no-privileged\.parameters\.effect: "DENY" is not an allowed value/);
    expect(refused.stderr).toContain('nothing was sent to Azure');
  }, 60_000);

  it('scripts/bootstrap-gitops.mjs: cluster, Flux and the configuration, waiting until Compliant; a bad --url exits 3', async () => {
    const zx = (args: string[]) =>
      new Promise<{ code: number | null; out: string; err: string }>((res) => {
        const child = spawn(process.execPath, [resolve('node_modules/zx/build/cli.js'), resolve('scripts/bootstrap-gitops.mjs'), ...args], { env: { ...process.env, CI: 'true', FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (err += d));
        child.on('close', (code) => res({ code, out, err }));
      });
    const state = ['--emulator', '--emulator-state', join(tempDir(), 'state.json')];
    const r = await zx(state);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('plan: 5 of 5 resources to create or update');
    expect(r.out).toContain('configuration    cluster-config: Compliant');
    expect(r.out).toContain('kustomizations   infra: Compliant, secrets: Compliant, apps: Compliant');
    const bad = await zx([...state, '--url', 'ftp://example.com/repo']);
    expect(bad.code).toBe(3);
    expect(bad.err).toContain("resources.config.source.url: 'ftp://example.com/repo' is not an http(s) or SSH repository URL.");
  }, 60_000);
});
