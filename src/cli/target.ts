import { readFile } from 'node:fs/promises';
import { ArmContext } from '../arm/context.js';
import type { HttpExchange } from '../arm/policies.js';
import { EMULATOR_DEFAULT_SUBSCRIPTION } from '../arm/target.js';
import { ValidationError } from '../core/errors.js';
import type { EventSink } from '../core/events.js';

export interface TargetFlags {
  emulator?: boolean;
  emulatorState?: string;
  emulatorLog?: string;
  endpoint?: string;
  ca?: string;
  subscription?: string;
  credential?: string;
  verbose?: boolean;
}

export interface OpenTarget {
  arm: ArmContext;
  /** What chose the target, for `whoami` (a flag, or the environment). */
  source: string;
  close(): Promise<void>;
}

/** Where the embedded emulator keeps its state between commands, so plan / up / plan / down line up. */
export const DEFAULT_EMULATOR_STATE = '.azprov/emulator-state.json';

/** How long an embedded emulator waits for another command's hold on its state file (seconds). */
const STATE_WAIT_ENV = 'AZPROV_EMULATOR_STATE_WAIT';

/**
 * With no target flag, the environment `azprov emulator start` prints (AZPROV_EMULATOR_ENDPOINT and
 * AZPROV_EMULATOR_CA_FILE) selects that emulator before AZURE_SUBSCRIPTION_ID does: the printed block
 * exports both, and reading only the latter sent the emulator's token to management.azure.com.
 */
export function resolveTargetFlags(flags: TargetFlags, env: NodeJS.ProcessEnv = process.env): TargetFlags & { source: string } {
  if (flags.emulator) return { ...flags, source: '--emulator' };
  if (flags.endpoint) return { ...flags, source: '--endpoint' };
  if (flags.subscription) return { ...flags, source: '--subscription' };
  if (env.AZPROV_EMULATOR_ENDPOINT) return { ...flags, endpoint: env.AZPROV_EMULATOR_ENDPOINT, ca: flags.ca ?? env.AZPROV_EMULATOR_CA_FILE, source: 'AZPROV_EMULATOR_ENDPOINT' };
  return { ...flags, source: 'AZURE_SUBSCRIPTION_ID' };
}

/** Checks the target flags before anything is started or sent. */
export function checkTargetFlags(given: TargetFlags): void {
  const flags = resolveTargetFlags(given);
  const fromEnv = flags.source === 'AZPROV_EMULATOR_ENDPOINT';
  const problems = [];
  if (flags.emulator && flags.endpoint) problems.push({ field: '--endpoint', reason: 'cannot be used with --emulator.', fix: 'use --emulator for the embedded emulator or --endpoint/--ca for a running one.' });
  if (flags.endpoint && !flags.ca) {
    problems.push(
      fromEnv
        ? { field: 'AZPROV_EMULATOR_CA_FILE', reason: 'is required with AZPROV_EMULATOR_ENDPOINT (the emulator\'s CA certificate).', fix: 'export both lines `azprov emulator start` prints, or pass --ca FILE.' }
        : { field: '--ca', reason: 'is required with --endpoint (the emulator\'s CA certificate).', fix: 'pass the file printed by `azprov emulator start`, e.g. --ca .azprov/emulator-ca.pem.' },
    );
  }
  if (flags.endpoint && !/^https:\/\//.test(flags.endpoint)) problems.push({ field: fromEnv ? 'AZPROV_EMULATOR_ENDPOINT' : '--endpoint', reason: 'must be an https:// URL (the Azure SDKs send tokens over TLS only).', fix: 'use the endpoint printed by `azprov emulator start`.' });
  if (!flags.emulator && !flags.endpoint && !(flags.subscription ?? process.env.AZURE_SUBSCRIPTION_ID)) {
    problems.push({ field: '--subscription', reason: 'no target given.', fix: 'pass --subscription ID (or set AZURE_SUBSCRIPTION_ID) for Azure, --emulator for the embedded emulator, or --endpoint URL --ca FILE (or AZPROV_EMULATOR_ENDPOINT and AZPROV_EMULATOR_CA_FILE) for a running one.' });
  }
  if (problems.length) throw new ValidationError(problems);
}

export async function openTarget(given: TargetFlags, events?: EventSink): Promise<OpenTarget> {
  checkTargetFlags(given);
  const flags = resolveTargetFlags(given);
  const onExchange = events ? (e: HttpExchange) => events({ type: 'http', ...e }) : undefined;
  if (flags.emulator) {
    const { startEmulator } = await import('../emulator/index.js');
    const stateFile = flags.emulatorState ?? DEFAULT_EMULATOR_STATE;
    const emulator = await startEmulator({
      stateFile,
      requestLog: flags.emulatorLog ?? process.env.AZPROV_EMULATOR_REQUEST_LOG,
      stateLock: { waitInMs: stateWaitInMs(), command: `azprov ${process.argv.slice(2).join(' ')}`, onWait: (holder, until) => process.stderr.write(`azprov: waiting for ${stateFile}: ${holder ? `process ${holder.pid} (${holder.command}) uses it` : 'another process uses it'}; waiting until ${until.toISOString()} (${STATE_WAIT_ENV} sets the bound, in seconds).\n`) },
    });
    const arm = new ArmContext({ kind: 'emulator', endpoint: emulator.endpoint, caCertPem: emulator.caCertPem, subscriptionId: flags.subscription ?? emulator.subscriptionId, appsEndpoint: emulator.appsEndpoint }, { onExchange });
    return { arm, source: `--emulator (embedded, state in ${stateFile})`, close: () => emulator.close() };
  }
  if (flags.endpoint) {
    let caCertPem: string;
    try {
      caCertPem = await readFile(flags.ca!, 'utf8');
    } catch (e) {
      throw new ValidationError([{ field: flags.source === 'AZPROV_EMULATOR_ENDPOINT' && !given.ca ? 'AZPROV_EMULATOR_CA_FILE' : '--ca', reason: `cannot read ${flags.ca}: ${(e as NodeJS.ErrnoException).code}.`, fix: 'pass the CA file printed by `azprov emulator start`.' }]);
    }
    const subscriptionId = flags.subscription ?? process.env.AZURE_SUBSCRIPTION_ID ?? EMULATOR_DEFAULT_SUBSCRIPTION;
    const azureCredential = flags.credential === 'azure';
    return { arm: new ArmContext({ kind: 'emulator', endpoint: flags.endpoint, caCertPem, subscriptionId, azureCredential }, { onExchange }), source: flags.source, close: async () => {} };
  }
  const subscriptionId = (flags.subscription ?? process.env.AZURE_SUBSCRIPTION_ID)!;
  return { arm: new ArmContext({ kind: 'azure', subscriptionId }, { onExchange }), source: flags.source, close: async () => {} };
}

function stateWaitInMs(): number | undefined {
  const v = process.env[STATE_WAIT_ENV];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!(n >= 0)) throw new ValidationError([{ field: STATE_WAIT_ENV, reason: `'${v}' is not a number of seconds.`, fix: `e.g. ${STATE_WAIT_ENV}=300, or unset it for the default (120).` }]);
  return n * 1000;
}
