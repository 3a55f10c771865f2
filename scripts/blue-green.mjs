#!/usr/bin/env zx
// Blue-green, the seed's Argo Rollouts story on Container Apps: v2 comes up behind the preview (green)
// label with no traffic, is checked on the label's own URL, then promoted (labels swap, all traffic moves).
//
//   npx zx scripts/blue-green.mjs --app-id <container app id> --image gbaeke/dapr-state:2.0.0 --emulator
import { ArmContext, promoteBlueGreen, runBlueGreen } from 'azprov';
import { openTarget, requireFlags, run } from './lib/target.mjs';

requireFlags(argv, ['app-id', 'image'], 'usage: blue-green.mjs --app-id ID --image IMAGE [--welcome TEXT] [--no-promote] [--emulator | --subscription ID]');
const { target, close } = await openTarget(argv);
const arm = new ArmContext(target);

await run(async () => {
  const events = (e) => e.type === 'gate' && echo(`  ${e.pass ? '✓' : '✗'} ${e.gate}: ${e.detail}`);
  const ready = await runBlueGreen({
    arm,
    appId: argv['app-id'],
    image: argv.image,
    env: { WELCOME: argv.welcome ?? 'Hello from v2!' },
    gates: { health: {}, http: { path: '/', requests: 10, successRate: 1 } },
    events,
  });
  echo(`${ready.revision} is up behind the green label (blue still serves ${ready.stable})`);
  if (argv.promote === false) return;
  const promoted = await promoteBlueGreen({ arm, appId: argv['app-id'], gates: {}, events });
  echo(`promoted: ${promoted.revision} is blue and has all the traffic`);
}, close);
