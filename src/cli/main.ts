#!/usr/bin/env node
/**
 * The azprov command. Only commander and this file load at start-up; each command's module (and with it
 * the ARM SDKs or the emulator) is imported when that command runs, so `--version` and `--help` stay fast.
 */
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { DEFAULT_CONCURRENCY } from '../engine/defaults.js';

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
      .option('--concurrency <n>', `resources read or written at the same time (default ${DEFAULT_CONCURRENCY})`, undefined)
      .option('-v, --verbose', 'also show every HTTP request (method, URL, status)'),
  );
}

const program = new Command('azprov')
  .description('Provision Azure Container Apps, Cosmos DB, Dapr and private AKS through the official ARM SDKs.')
  .version(version, '-V, --version')
  .showHelpAfterError()
  .exitOverride((err) => {
    // Usage errors (unknown option, missing argument) are invalid input: exit 3, like a bad stack file.
    const code = err.exitCode === 0 ? 0 : err.code === 'commander.help' || err.code === 'commander.version' ? 0 : 3;
    if (code === 3) process.stderr.write('Fix: correct the command line; `azprov <command> --help` lists its options and their allowed values.\n');
    process.exit(code);
  });

stackCommand(program, 'plan', 'show what `up` would change (reads only)', ['human', 'json', 'markdown'])
  .option('--detailed-exitcode', 'exit 2 when there are changes, 0 when none, 1 on error')
  .option('--keep-removed', 'plan to keep resources removed from the stack instead of deleting them')
  .action(async (o) => exitWith((await import('./commands/stack.js')).runPlan(o)));

stackCommand(program, 'up', 'create or update the stack\'s resources; delete what was removed from it')
  .option('--keep-removed', 'keep resources removed from the stack (still tagged for it) instead of deleting them')
  .action(async (o) => exitWith((await import('./commands/stack.js')).runUp(o)));

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

const release = () => import('./commands/release.js');
const appCommand = (parent: Command, name: string, description: string) =>
  targetOptions(parent.command(name).description(description).option('-g, --resource-group <name>', 'resource group of the app (or give APP as a resource id)').addOption(new Option('-o, --output <format>', 'output format').choices(['human', 'json']).default('human')));

const revision = program.command('revision').description('revisions of a container app');
appCommand(revision, 'list', 'revisions: created, active, traffic, labels, replicas, health, image').argument('<app>').action(async (app, o) => exitWith((await release()).revisionList(app, o)));
appCommand(revision, 'deploy', 'a new revision with a predictable name, at --weight percent (default 0)')
  .argument('<app>')
  .option('--image <image>', 'image of the new revision')
  .option('--suffix <suffix>', 'revision suffix (refused if already used)')
  .option('--env <K=V...>', 'environment variables to set')
  .option('--weight <percent>', 'traffic for the new revision', '0')
  .option('--label <label>', 'give the new revision this label')
  .action(async (app, o) => exitWith((await release()).revisionDeploy(app, o)));
for (const action of ['activate', 'deactivate', 'restart'] as const) {
  appCommand(revision, action, `${action} a revision${action === 'deactivate' ? ' (refused while it has traffic)' : ''}`)
    .argument('<app>')
    .argument('<revision>')
    .action(async (app, rev, o) => exitWith((await release()).revisionDo(action)(app, rev, o)));
}
appCommand(revision, 'label', 'put a label on a revision (its own FQDN), remove it, or swap two labels')
  .argument('<app>')
  .argument('<label>')
  .argument('[revision]')
  .option('--remove', 'remove the label')
  .option('--swap <other>', 'swap this label with another (blue-green)')
  .action(async (app, label, rev, o) => exitWith((await release()).revisionLabel(app, label, rev, o)));

const traffic = program.command('traffic').description('traffic split of a container app');
appCommand(traffic, 'set', 'an explicit split over active revisions that sums to exactly 100 (rev=80 rev2=20, label:blue=100)')
  .argument('<app>')
  .argument('<weights...>')
  .action(async (app, weights, o) => exitWith((await release()).trafficSet(app, weights, o)));

const rolloutGates = (c: Command) =>
  c
    .option('--image <image>', 'image of the new revision')
    .option('--env <K=V...>', 'environment variables of the new revision')
    .option('--suffix <suffix>', 'revision suffix')
    .option('--no-health-gate', 'do not require the revision to be Healthy and Running')
    .option('--min-replicas <n>', 'health gate: replicas at least')
    .option('--http-path <path>', 'HTTP gate: path to GET on the revision (or label) FQDN')
    .option('--http-status <code>', 'HTTP gate: expected status (default 200)')
    .option('--http-requests <n>', 'HTTP gate: requests per check (default 20)')
    .option('--success-rate <0-1>', 'HTTP gate: share that must succeed (default 1)')
    .option('--max-latency <duration>', 'HTTP gate: slowest request allowed')
    .option('--command <cmd>', 'command gate: must exit 0 (gets AZPROV_REVISION, AZPROV_URL)')
    .option('--analysis <terms>', 'metric analysis of the canary (Azure Monitor): success-rate>=0.99,min-requests=20,low-traffic=wait|fail,max-wait=2m,restarts<=0,latency<=500,vs-stable<=0.02,ingestion-delay=3m')
    .option('--metric <check...>', "generic metric check, e.g. 'Requests:total{revisionName=$canary,statusCode=503}<=5'")
    .option('--load <rate>', 'built-in load during each step: RATE[rps][@app|revision|label:NAME][/path], e.g. 10rps')
    .option('--webhook <phase=url...>', 'Flagger-style webhooks: pre-rollout, rollout, confirm-promotion, post-rollout, rollback')
    .option('--notify <url>', 'Slack/Teams incoming webhook told each step, analysis, promotion or rollback')
    .option('-f, --file <stack.yaml>', "stack file whose containerApp declares a rollout strategy (steps, gates, analysis, webhooks); flags override it")
    .option('--deactivate-after <duration>', 'keep the old revision active this long after promotion', '0s')
    .option('--keep-revisions <n>', 'superseded revisions left active after promotion for a quick rollback (default 1)');
const rollout = program.command('rollout').description('progressive rollouts with health gates and automatic rollback');
rolloutGates(appCommand(rollout, 'canary', 'shift traffic in steps, checking every gate at every step; roll back on failure'))
  .argument('<app>')
  .option('--steps <list>', 'percent at each step (default 10,25,50,100, or the stack file\'s)')
  .option('--interval <duration>', 'wait at each step before the gates (default 60s, or the stack file\'s)')
  .action(async (app, o) => exitWith((await release()).rolloutCanary(app, o)));
rolloutGates(appCommand(rollout, 'blue-green', 'the new revision behind a preview label, gates on that label, then promote'))
  .argument('<app>')
  .option('--promote', 'move the traffic when the gates pass')
  .action(async (app, o) => exitWith((await release()).rolloutBlueGreen(app, o)));
for (const [name, description] of [['status', 'the rollout in progress and the current split'], ['abort', 'all traffic back to the stable revision'], ['promote', 'finish the rollout in progress']] as const) {
  appCommand(rollout, name, description)
    .argument('<app>')
    .option('--deactivate-after <duration>', 'keep the old revision active this long', '0s')
    .option('--keep-revisions <n>', 'superseded revisions left active after promotion (default 1)')
    .action(async (app, o) => exitWith((await release())[name === 'status' ? 'rolloutStatus' : name === 'abort' ? 'rolloutAbort' : 'rolloutPromote'](app, o)));
}

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
  .option('--any-api-version', 'also accept unpublished date-shaped api-versions (clients newer than the emulator)')
  .action(async (o) => exitWith((await import('./commands/emulator.js')).runEmulatorStart(o)));

await program.parseAsync(process.argv);
