#!/usr/bin/env zx
// A Cosmos DB account, database and container (/partitionKey) as a Dapr state store on an existing
// environment, keyless by default (a user-assigned identity with the Data Contributor role).
//
//   npx zx scripts/create-state-store.mjs --environment-id <env id> --location northeurope \
//     --account cosmos-dapr-state --consistency Session --scopes daprstate --emulator
import { ensureCosmosStateStore } from 'azprov';
import { openTarget, progress, requireFlags, run } from './lib/target.mjs';

requireFlags(argv, ['environment-id', 'location', 'account'], 'usage: create-state-store.mjs --environment-id ID --location REGION --account NAME [--consistency Session] [--database dapr-db] [--container statestore] [--auth identity|key] [--scopes app1,app2] [--emulator | --subscription ID]');
const { target, close } = await openTarget(argv);

await run(async () => {
  const r = await progress('creating the state store', () =>
    ensureCosmosStateStore({
      target,
      location: argv.location,
      environmentId: argv['environment-id'],
      account: { name: argv.account, consistency: argv.consistency ?? 'Session' },
      database: argv.database,
      container: argv.container,
      auth: argv.auth,
      scopes: argv.scopes ? String(argv.scopes).split(',') : undefined,
      componentName: argv.component,
    }),
  );
  echo(r.changed ? 'created or updated:' : 'already up to date:');
  echo(`  account          ${r.accountId ?? '(existing)'}`);
  echo(`  endpoint         ${r.documentEndpoint ?? ''}`);
  echo(`  container        ${r.containerId}`);
  echo(`  dapr component   ${r.componentId}`);
  if (r.identityId) echo(`  identity         ${r.identityId} (give it to the apps that use the store)`);
}, close);
