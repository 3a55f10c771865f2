#!/usr/bin/env zx
// A canary release: the new image at 10, 25, 50 then 100% of the traffic, with the revision's health and
// an HTTP check at every step; any failure rolls back.
//
//   npx zx scripts/canary.mjs --app-id <container app id> --image gbaeke/dapr-state:2.0.0 --env "WELCOME=Hello from v2!" --emulator
import { ArmContext, runCanary } from 'azprov';
import { openTarget, requireFlags, run } from './lib/target.mjs';

requireFlags(argv, ['app-id', 'image'], 'usage: canary.mjs --app-id ID --image IMAGE [--env K=V] [--steps 10,25,50,100] [--interval-ms 60000] [--emulator | --subscription ID]');
const env = Object.fromEntries([argv.env ?? []].flat().map((kv) => [String(kv).split('=')[0], String(kv).split('=').slice(1).join('=')]));
const { target, close } = await openTarget(argv);
const arm = new ArmContext(target);

await run(async () => {
  const result = await runCanary({
    arm,
    appId: argv['app-id'],
    image: argv.image,
    env,
    steps: String(argv.steps ?? '10,25,50,100').split(',').map(Number),
    intervalInMs: Number(argv['interval-ms'] ?? 60_000),
    gates: { health: {}, http: { path: '/', requests: 20, successRate: 0.95 } },
    events: (e) => {
      if (e.type === 'rollout-step') {
        const until = new Date(Date.now() + (e.nextInMs ?? 0)).toISOString().slice(11, 19);
        echo(`step ${e.step}/${e.of}: ${Object.entries(e.weights).map(([k, w]) => `${k}=${w}%`).join(' ')}; waiting ${Math.round((e.nextInMs ?? 0) / 1000)} s, until ${until} UTC, before checking the gates`);
      }
      if (e.type === 'gate') echo(`  ${e.pass ? '✓' : '✗'} ${e.gate}: ${e.detail}`);
    },
  });
  echo(`promoted ${result.revision} (was ${result.stable})`);
}, close);
