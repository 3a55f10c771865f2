#!/usr/bin/env zx
// What `az containerapp update --set-env-vars WELCOME='Hello from new revision'` does, with a revision name
// known beforehand; prints the new revision beside the old one.
//
//   npx zx scripts/update-app.mjs --app-id <container app id> --env "WELCOME=Hello from new revision" --emulator
import { ArmContext, formatRevisions, listRevisions, updateContainerApp } from 'azprov';
import { openTarget, progress, requireFlags, run } from './lib/target.mjs';

requireFlags(argv, ['app-id'], 'usage: update-app.mjs --app-id ID [--env K=V ...] [--image IMAGE] [--suffix SUFFIX] [--emulator | --subscription ID]');
const env = Object.fromEntries([argv.env ?? []].flat().map((kv) => [String(kv).split('=')[0], String(kv).split('=').slice(1).join('=')]));
const { target, close } = await openTarget(argv);
const arm = new ArmContext(target);

await run(async () => {
  const r = await progress('updating', () => updateContainerApp(arm, argv['app-id'], { env, image: argv.image, revisionSuffix: argv.suffix }));
  echo(r.changed ? `new revision ${r.revision} (was ${r.previousRevision ?? 'none'})` : `no change: ${r.revision} already runs this template`);
  echo(formatRevisions(await listRevisions(arm, argv['app-id'])));
}, close);
