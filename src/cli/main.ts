#!/usr/bin/env node
/**
 * The azprov command. Only commander and this file load at start-up; each command's module (and with it
 * the ARM SDKs or the emulator) is imported when that command runs, so `--version` and `--help` stay fast.
 */
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

async function exitWith(code: Promise<number>): Promise<void> {
  process.exitCode = await code;
}

function targetOptions(cmd: Command): Command {
  return cmd
    .option('--emulator', 'use the embedded local ARM emulator (state kept in .azprov/emulator-state.json)')
    .option('--emulator-state <file>', 'state file of the embedded emulator')
    .option('--emulator-log <file>', 'write the embedded emulator\'s request log (JSONL) to this file')
    .option('--endpoint <url>', 'a running emulator (see `azprov emulator start`)')
    .option('--ca <file>', 'CA certificate of the emulator at --endpoint')
    .addOption(new Option('--credential <kind>', "with --endpoint: 'emulator' (its token endpoint, default) or 'azure' (the Azure credential chain, the emulator acting as Entra ID)").choices(['emulator', 'azure']))
    .option('-s, --subscription <id>', 'Azure subscription id (default: $AZURE_SUBSCRIPTION_ID); credentials from DefaultAzureCredential');
}

function stackCommand(program: Command, name: string, description: string, outputs = ['human', 'json']): Command {
  return targetOptions(
    program
      .command(name)
      .description(description)
      .requiredOption('-f, --file <stack.yaml>', 'stack file')
      .addOption(new Option('-o, --output <format>', 'output format').choices(outputs).default('human'))
      .option('--concurrency <n>', 'resources read or written at the same time', undefined)
      .option('-v, --verbose', 'also show every HTTP request (method, URL, status)'),
  );
}

const program = new Command('azprov')
  .description('Provision Azure Container Apps, Cosmos DB, Dapr and private AKS through the official ARM SDKs.')
  .version(version, '-V, --version')
  .showHelpAfterError()
  .exitOverride((err) => {
    // Usage errors (unknown option, missing argument) are invalid input: exit 3, like a bad stack file.
    process.exit(err.exitCode === 0 ? 0 : err.code === 'commander.help' || err.code === 'commander.version' ? 0 : 3);
  });

stackCommand(program, 'plan', 'show what `up` would change (reads only)', ['human', 'json', 'markdown'])
  .option('--detailed-exitcode', 'exit 2 when there are changes, 0 when none, 1 on error')
  .action(async (o) => exitWith((await import('./commands/stack.js')).runPlan(o)));

stackCommand(program, 'up', 'create or update the stack\'s resources').action(async (o) => exitWith((await import('./commands/stack.js')).runUp(o)));

stackCommand(program, 'down', 'delete the resources the stack owns (ownership tags), dependents first')
  .option('--dry-run', 'show what would be deleted and stop')
  .action(async (o) => exitWith((await import('./commands/stack.js')).runDown(o)));

stackCommand(program, 'drift', 'compare Azure with the stack, including resources tagged for it that it no longer declares (reads only; exit 2 on drift)', ['human', 'json', 'markdown']).action(
  async (o) => exitWith((await import('./commands/stack.js')).runDrift(o)),
);

targetOptions(
  program
    .command('outputs')
    .description('print the outputs (ids, domains, ...) of the stack\'s resources (reads only)')
    .requiredOption('-f, --file <stack.yaml>', 'stack file')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['human', 'json', 'env']).default('human')),
).action(async (o) => exitWith((await import('./commands/stack.js')).runOutputs(o)));

program
  .command('demo')
  .description('run a scenario end to end on the embedded emulator: plan, apply, re-plan (no changes); the Dapr one then makes a second revision')
  .addOption(new Option('--scenario <name>', 'dapr: the Dapr app with its Cosmos DB state store; environment: the environment alone').choices(['dapr', 'environment']).default('dapr'))
  .addOption(new Option('--latency <profile>', 'emulator latency profile').choices(['instant', 'realistic']).default('realistic'))
  .option('--scale <factor>', 'fraction of real Azure durations for the realistic profile', '0.01')
  .addOption(new Option('-o, --output <format>', 'output format').choices(['human', 'json']).default('human'))
  .action(async (o) => exitWith((await import('./commands/demo.js')).runDemo(o)));

program
  .command('schema')
  .description('print the JSON Schema of stack files')
  .option('--write <file>', 'write it to a file')
  .option('--check <file>', 'fail when the file differs from the current schema')
  .action(async (o) => exitWith((await import('./commands/schema.js')).runSchema(o)));

targetOptions(program.command('whoami').description('print the identity azprov authenticates as (never the token)'))
  .addOption(new Option('-o, --output <format>', 'output format').choices(['human', 'json']).default('human'))
  .action(async (o) => exitWith((await import('./commands/whoami.js')).runWhoami(o)));

const aks = program.command('aks').description('private AKS clusters');
targetOptions(
  aks
    .command('run')
    .description('run a command in a private cluster through AKS runCommand (no network path to the API server needed)')
    .option('-g, --resource-group <name>', 'resource group of the cluster')
    .option('-n, --name <name>', 'cluster name')
    .argument('<command...>', 'the command, after --, e.g. -- kubectl get ns'),
).action(async (command: string[], o) => exitWith((await import('./commands/aks.js')).runAksRun(command, o)));

const emulator = program.command('emulator').description('the local ARM emulator');
emulator
  .command('start')
  .description('run the emulator as a standalone HTTPS server for azprov and other clients')
  .option('--port <port>', 'port (0 = any free port)', '8443')
  .option('--host <host>', 'address to listen on', '127.0.0.1')
  .option('--ca-file <file>', 'where to write the CA certificate', '.azprov/emulator-ca.pem')
  .option('--state-file <file>', 'keep state in this file across restarts')
  .option('--request-log <file>', 'append every ARM exchange (redacted) to this JSONL file')
  .addOption(new Option('--latency <profile>', 'instant, or realistic durations').choices(['instant', 'realistic']).default('instant'))
  .option('--scale <factor>', 'fraction of real durations for the realistic profile')
  .option('--fault-rate <rate>', 'share of ARM requests that fail (0–1)')
  .option('--fault-kinds <list>', 'comma-separated: 429,500,503,drop,lro-failed')
  .option('--fault-seed <n>', 'seed for a repeatable fault sequence')
  .option('--throttling', 'enforce ARM\'s per-subscription request limits (token buckets)')
  .action(async (o) => exitWith((await import('./commands/emulator.js')).runEmulatorStart(o)));

await program.parseAsync(process.argv);
