#!/usr/bin/env zx
// Creates a resource group, a Log Analytics workspace and a Container Apps environment, and prints the
// outputs. Composes the library exactly as a user's own script would.
//
//   npx zx scripts/create-environment.mjs --resource-group rg-apps --location eastus --name cae-apps --emulator
//   npx zx scripts/create-environment.mjs --resource-group rg-apps --location eastus --name cae-apps --subscription <id>
import { createEnvironment, isAzprovError } from 'azprov';

const usage = 'usage: create-environment.mjs --resource-group NAME --location REGION --name ENV [--emulator | --subscription ID]';
const missing = ['resource-group', 'location', 'name'].filter((f) => !argv[f]);
if (missing.length) {
  console.error(`${usage}\nmissing: ${missing.map((f) => `--${f}`).join(', ')}`);
  process.exit(3);
}

let emulator;
let target;
if (argv.emulator) {
  const { startEmulator } = await import('azprov/emulator');
  // The same state file as `azprov ... --emulator`, so the CLI sees what this script created.
  emulator = await startEmulator({ stateFile: argv['emulator-state'] ?? '.azprov/emulator-state.json' });
  target = { kind: 'emulator', endpoint: emulator.endpoint, caCertPem: emulator.caCertPem, subscriptionId: emulator.subscriptionId };
} else {
  const subscriptionId = argv.subscription ?? process.env.AZURE_SUBSCRIPTION_ID;
  if (!subscriptionId) {
    console.error(`${usage}\nno target: pass --emulator, or --subscription (or set AZURE_SUBSCRIPTION_ID)`);
    process.exit(3);
  }
  target = { kind: 'azure', subscriptionId };
}

try {
  const result = await spinner(`creating ${argv.name}`, () =>
    createEnvironment({ target, resourceGroup: argv['resource-group'], location: argv.location, name: argv.name }),
  );
  echo(result.changed ? 'created or updated:' : 'already up to date:');
  echo(`  resource group  ${result.resourceGroupId}`);
  echo(`  workspace       ${result.workspaceId}`);
  echo(`  environment     ${result.environmentId}`);
  echo(`  default domain  ${result.defaultDomain}`);
  echo(`  static IP       ${result.staticIp}`);
} catch (e) {
  console.error(`create-environment: ${e.message}`);
  process.exitCode = isAzprovError(e) ? e.exitCode : 1;
} finally {
  await emulator?.close();
}
