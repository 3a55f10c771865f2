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
  close(): Promise<void>;
}

/** Where the embedded emulator keeps its state between commands, so plan / up / plan / down line up. */
export const DEFAULT_EMULATOR_STATE = '.azprov/emulator-state.json';

/** Checks the target flags before anything is started or sent. */
export function checkTargetFlags(flags: TargetFlags): void {
  const problems = [];
  if (flags.emulator && flags.endpoint) problems.push({ field: '--endpoint', reason: 'cannot be used with --emulator.', fix: 'use --emulator for the embedded emulator or --endpoint/--ca for a running one.' });
  if (flags.endpoint && !flags.ca) problems.push({ field: '--ca', reason: 'is required with --endpoint (the emulator\'s CA certificate).', fix: 'pass the file printed by `azprov emulator start`, e.g. --ca .azprov/emulator-ca.pem.' });
  if (flags.endpoint && !/^https:\/\//.test(flags.endpoint)) problems.push({ field: '--endpoint', reason: 'must be an https:// URL (the Azure SDKs send tokens over TLS only).', fix: 'use the endpoint printed by `azprov emulator start`.' });
  if (!flags.emulator && !flags.endpoint && !(flags.subscription ?? process.env.AZURE_SUBSCRIPTION_ID)) {
    problems.push({ field: '--subscription', reason: 'no target given.', fix: 'pass --subscription <id> (or set AZURE_SUBSCRIPTION_ID) for Azure, or --emulator for the local emulator.' });
  }
  if (problems.length) throw new ValidationError(problems);
}

export async function openTarget(flags: TargetFlags, events?: EventSink): Promise<OpenTarget> {
  checkTargetFlags(flags);
  const onExchange = events ? (e: HttpExchange) => events({ type: 'http', ...e }) : undefined;
  if (flags.emulator) {
    const { startEmulator } = await import('../emulator/index.js');
    const emulator = await startEmulator({
      stateFile: flags.emulatorState ?? DEFAULT_EMULATOR_STATE,
      requestLog: flags.emulatorLog ?? process.env.AZPROV_EMULATOR_REQUEST_LOG,
    });
    const arm = new ArmContext({ kind: 'emulator', endpoint: emulator.endpoint, caCertPem: emulator.caCertPem, subscriptionId: flags.subscription ?? emulator.subscriptionId, appsEndpoint: emulator.appsEndpoint }, { onExchange });
    return { arm, close: () => emulator.close() };
  }
  if (flags.endpoint) {
    let caCertPem: string;
    try {
      caCertPem = await readFile(flags.ca!, 'utf8');
    } catch (e) {
      throw new ValidationError([{ field: '--ca', reason: `cannot read ${flags.ca}: ${(e as NodeJS.ErrnoException).code}.`, fix: 'pass the CA file printed by `azprov emulator start`.' }]);
    }
    const subscriptionId = flags.subscription ?? process.env.AZURE_SUBSCRIPTION_ID ?? EMULATOR_DEFAULT_SUBSCRIPTION;
    const azureCredential = flags.credential === 'azure';
    return { arm: new ArmContext({ kind: 'emulator', endpoint: flags.endpoint, caCertPem, subscriptionId, azureCredential }, { onExchange }), close: async () => {} };
  }
  const subscriptionId = (flags.subscription ?? process.env.AZURE_SUBSCRIPTION_ID)!;
  return { arm: new ArmContext({ kind: 'azure', subscriptionId }, { onExchange }), close: async () => {} };
}
