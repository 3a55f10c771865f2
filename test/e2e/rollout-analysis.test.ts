import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { azprov, tempDir } from '../helpers/cli.js';

/** A loopback receiver for notifications and webhooks: records each JSON POST, answers 200. */
const received: Array<{ path: string; body: any }> = [];
const server = http.createServer((req, res) => {
  let text = '';
  req.on('data', (d) => (text += d));
  req.on('end', () => {
    received.push({ path: req.url!, body: JSON.parse(text) });
    res.writeHead(200).end('ok');
  });
});
const listening = new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
afterAll(() => server.close());
const url = (p: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${p}`;

describe('azprov rollout canary with metric analysis, from the CLI', () => {
  it('shows each analysis with its measured value step by step, notifies, writes the step summary; rolls back a canary failing 5% of its requests', async () => {
    await listening;
    const dir = tempDir();
    const target = ['--emulator', '--emulator-state', join(dir, 'state.json')];
    expect((await azprov(['up', '-f', 'templates/rollout-canary.yaml', ...target])).code).toBe(0);
    const app = ['web', '-g', 'rg-web'];
    const summary = join(dir, 'summary.md');
    const env = { GITHUB_STEP_SUMMARY: summary };

    const ok = await azprov(
      ['rollout', 'canary', ...app, '--image', 'gbaeke/dapr-state:2.0.0', '--steps', '50,100', '--interval', '1500ms', '--load', '40rps', '--analysis', 'success-rate>=0.99,min-requests=10,vs-stable<=0.02,restarts<=0', '--metric', 'Requests:total{revisionName=$canary,statusCodeCategory=5xx}<=0', '--notify', url('/notify'), '--webhook', `rollout=${url('/step')}`, ...target],
      { env },
    );
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/step 1\/2: web--r[0-9a-f]{8}=50% web--r[0-9a-f]{8}=50%/);
    expect(ok.stdout).toMatch(/load: \d+ request\(s\) to web\.[^:]+: 200×\d+/);
    expect(ok.stdout).toMatch(/✓ analysis:min-requests: web--r[0-9a-f]{8} served \d+ request\(s\) \(need ≥ 10\)/);
    expect(ok.stdout).toMatch(/✓ analysis:success-rate: 100% of \d+ request\(s\) to web--r[0-9a-f]{8} were not 5xx \(need ≥ 99%\)/);
    expect(ok.stdout).toMatch(/✓ analysis:Requests:total\{revisionName=\$canary,statusCodeCategory=5xx\}: Requests total = 0 \(need <= 0\)/);
    expect(ok.stdout).toMatch(/✓ webhook:rollout: http:\/\/127\.0\.0\.1:\d+\/step answered 200/);
    expect(ok.stdout).toMatch(/promoted web--r[0-9a-f]{8}: 100% of the traffic/);
    const notes = received.filter((r) => r.path === '/notify').map((r) => r.body);
    expect(notes[0]).toMatchObject({ '@type': 'MessageCard', text: expect.stringMatching(/^\*\*web\*\* step 1\/2: /), azprov: { type: 'rollout-step', step: 1, of: 2 } });
    expect(notes.some((n) => n.azprov.type === 'gate' && n.azprov.gate === 'analysis:success-rate' && n.azprov.value === 1 && n.text.startsWith('✅'))).toBe(true);
    expect(notes.at(-1)).toMatchObject({ azprov: { type: 'rollout-done', outcome: 'promoted' }, text: expect.stringContaining('🚀 **web** promoted') });
    expect(received.filter((r) => r.path === '/step').map((r) => r.body.step)).toEqual([1, 2]);
    const md = fs.readFileSync(summary, 'utf8');
    expect(md).toMatch(/^- \*\*web\*\* step 2\/2: /m);
    expect(md).toMatch(/^- ✅ \*\*web\*\* `web--r[0-9a-f]{8}` analysis:success-rate: 100% of/m);

    received.length = 0;
    const bad = await azprov(
      ['rollout', 'canary', ...app, '--image', 'gbaeke/dapr-state:3.0.0', '--env', 'AZPROV_EMULATOR_FAIL_RATE=0.05', '--steps', '50,100', '--interval', '1500ms', '--load', '60rps@revision', '--analysis', 'success-rate>=0.99,min-requests=20', '--notify', url('/notify'), ...target],
      { env },
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/✗ analysis:success-rate: 9\d(\.\d+)?% of \d+ request\(s\) to web--r[0-9a-f]{8} were not 5xx \(need ≥ 99%\)/);
    expect(bad.stderr).toMatch(/rolled back to web--r[0-9a-f]{8}: at 50%: analysis:success-rate gate/);
    expect(received.at(-1)!.body).toMatchObject({ themeColor: 'D13438', azprov: { type: 'rollout-done', outcome: 'rolled-back', reason: expect.stringContaining('analysis:success-rate') } });
    expect(fs.readFileSync(summary, 'utf8')).toMatch(/^- ⏪ \*\*web\*\* rolled back `web--r[0-9a-f]{8}`: at 50%: analysis:success-rate/m);
  }, 120_000);

  it('bad analysis, metric, load and webhook flags are refused together before anything is sent (exit 3)', async () => {
    const r = await azprov(['rollout', 'canary', 'web', '-g', 'rg-web', '--image', 'x:1', '--analysis', 'success-rate>=2', '--metric', 'Requests:median<1', '--load', '1000rps', '--webhook', 'deploy=http://x', '--emulator']);
    expect(r.code).toBe(3);
    for (const s of ["--analysis: 'success-rate>=2' is not understood.", "--metric: 'Requests:median<1' is not a metric check.", '--load.rps: 1000 is not a rate', "--webhook.deploy: 'deploy' is not a webhook phase."]) expect(r.stderr).toContain(s);
    const bg = await azprov(['rollout', 'blue-green', 'web', '-g', 'rg-web', '--image', 'x:1', '--load', '10rps', '--emulator']);
    expect(bg.code).toBe(3);
    expect(bg.stderr).toContain('--load: the built-in load runs during canary steps; blue-green has none.');
  }, 60_000);
});

describe('a rollout strategy declared in the stack file', () => {
  const stackYaml = (rollout: string) => `name: web
location: westeurope
resources:
  rg:
    kind: resourceGroup
    name: rg-web
  env:
    kind: managedEnvironment
    name: cae-web
    resourceGroup: rg
  app:
    kind: containerApp
    name: web
    resourceGroup: rg
    environment: env
    containers:
      - image: gbaeke/dapr-state:1.0.0
    ingress:
      external: true
      targetPort: 8080
${rollout}`;

  it('azprov rollout canary APP -f stack.yaml --image X runs the declared steps, load and analyses; a flag overrides one', async () => {
    await listening;
    const dir = tempDir();
    const file = join(dir, 'stack.yaml');
    fs.writeFileSync(
      file,
      stackYaml(`    rollout:
      steps: [50, 100]
      interval: 1200ms
      gates:
        health: false
      analysis:
        successRate: 0.99
        minRequests: 10
      load:
        rps: 40
      webhooks:
        post-rollout:
          url: ${url('/post')}
`),
    );
    const target = ['--emulator', '--emulator-state', join(dir, 'state.json')];
    expect((await azprov(['up', '-f', file, ...target])).code).toBe(0);
    received.length = 0;
    const r = await azprov(['rollout', 'canary', 'web', '-f', file, '--image', 'gbaeke/dapr-state:2.0.0', ...target]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/step 1\/2: web--r[0-9a-f]{8}=50%/);
    expect(r.stdout).toMatch(/✓ analysis:success-rate: 100% of \d+ request\(s\)/);
    expect(r.stdout).not.toMatch(/✓ health:/);
    expect(received.map((x) => x.body.phase)).toEqual(['post-rollout']);
    // A flag overrides the stack: one step straight to 100%, and the analysis threshold from the flag.
    const o = await azprov(['rollout', 'canary', 'web', '-f', file, '--image', 'gbaeke/dapr-state:3.0.0', '--steps', '100', '--analysis', 'min-requests=5', ...target]);
    expect(o.code).toBe(0);
    expect(o.stdout).toMatch(/step 1\/1: /);
    expect(o.stdout).toMatch(/✓ analysis:min-requests: web--r[0-9a-f]{8} served \d+ request\(s\) \(need ≥ 5\)/);
    // The stack's rollout block changes nothing that up manages.
    expect((await azprov(['plan', '-f', file, ...target, '--detailed-exitcode'])).code).toBe(0);
  }, 120_000);

  it('bad values in the rollout block are refused with their YAML path (exit 3)', async () => {
    const dir = tempDir();
    const file = join(dir, 'stack.yaml');
    fs.writeFileSync(file, stackYaml(`    rollout:\n      analysis:\n        successRate: 1.5\n      webhooks:\n        rollout:\n          url: ftp://x.example/hook\n`));
    const r = await azprov(['rollout', 'canary', 'web', '-f', file, '--image', 'x:1', '--emulator']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('resources.app.rollout.analysis.successRate: 1.5 is not a share between 0 and 1.');
    expect(r.stderr).toContain("resources.app.rollout.webhooks.rollout.url: 'ftp://x.example/hook' is not an http(s) URL.");
    const missing = await azprov(['rollout', 'canary', 'api', '-f', file, '--image', 'x:1', '--emulator']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain("declares no containerApp named 'api'");
  }, 60_000);
});
