#!/usr/bin/env zx
// Creates a resource group, a Log Analytics workspace and a Container Apps environment, and prints the
// outputs. Composes the library exactly as a user's own script would.
//
//   npx zx scripts/create-environment.mjs --resource-group rg-apps --location eastus --name cae-apps --emulator
//   npx zx scripts/create-environment.mjs --resource-group rg-apps --location eastus --name cae-apps --subscription <id>
import { createEnvironment } from 'azprov';
import { openTarget, progress, requireFlags, run } from './lib/target.mjs';

requireFlags(argv, ['resource-group', 'location', 'name'], 'usage: create-environment.mjs --resource-group NAME --location REGION --name ENV [--emulator | --subscription ID]');
const { target, close } = await openTarget(argv);

await run(async () => {
  const result = await progress(`creating ${argv.name}`, () =>
    createEnvironment({ target, resourceGroup: argv['resource-group'], location: argv.location, name: argv.name }),
  );
  echo(result.changed ? 'created or updated:' : 'already up to date:');
  echo(`  resource group  ${result.resourceGroupId}`);
  echo(`  workspace       ${result.workspaceId}`);
  echo(`  environment     ${result.environmentId}`);
  echo(`  default domain  ${result.defaultDomain}`);
  echo(`  static IP       ${result.staticIp}`);
}, close);
