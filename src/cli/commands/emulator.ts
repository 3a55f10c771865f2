import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AzprovError, formatProblem, ValidationError, type Problem } from '../../core/errors.js';
import { EXIT, reportError } from '../session.js';

export interface EmulatorFlags {
  port?: string;
  host?: string;
  caFile?: string;
  stateFile?: string;
  requestLog?: string;
  latency?: string;
  scale?: string;
  faultRate?: string;
  faultKinds?: string;
  faultSeed?: string;
  throttling?: boolean;
  anyApiVersion?: boolean;
}

const FAULT_KINDS = ['429', '500', '503', 'drop', 'lro-failed'] as const;

export const DEFAULT_CA_FILE = '.azprov/emulator-ca.pem';

function check(flags: EmulatorFlags): Problem[] {
  const p: Problem[] = [];
  const port = Number(flags.port ?? 8443);
  if (!Number.isInteger(port) || port < 0 || port > 65535) p.push({ field: '--port', reason: `'${flags.port}' is not a port.`, fix: 'use 0–65535 (0 picks a free one).' });
  if (flags.latency && !['instant', 'realistic'].includes(flags.latency)) p.push({ field: '--latency', reason: `'${flags.latency}' is not a latency profile.`, fix: 'use instant or realistic.' });
  if (flags.scale && !(Number(flags.scale) > 0)) p.push({ field: '--scale', reason: 'must be a positive number.', fix: 'e.g. --scale 0.01 for 1/100 of real durations.' });
  if (flags.faultRate && !(Number(flags.faultRate) >= 0 && Number(flags.faultRate) <= 1)) p.push({ field: '--fault-rate', reason: 'must be between 0 and 1.', fix: 'e.g. --fault-rate 0.1.' });
  for (const k of flags.faultKinds?.split(',') ?? []) {
    if (!FAULT_KINDS.includes(k as (typeof FAULT_KINDS)[number])) p.push({ field: '--fault-kinds', reason: `unknown fault '${k}'.`, fix: `use a comma-separated list of ${FAULT_KINDS.join(', ')}.` });
  }
  return p;
}

/**
 * A port that cannot be had is a problem with the --port flag (exit 3, like any invalid input), said in
 * one line with the fix, not Node's raw EADDRINUSE.
 */
function listenProblem(e: unknown, host: string, port: number): AzprovError | undefined {
  const one = (p: Problem) => new AzprovError('InvalidInput', formatProblem(p), 3);
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return one({ field: '--port', reason: `port ${port} on ${host} is already in use (another emulator or server).`, fix: `stop what listens there, or pass another port (--port ${port + 1}, or --port 0 for any free one).` });
  if (code === 'EACCES') return one({ field: '--port', reason: `port ${port} on ${host} needs privileges this user does not have.`, fix: 'use a port above 1023 (e.g. --port 8443), or --port 0 for any free one.' });
  if (code === 'EADDRNOTAVAIL') return one({ field: '--host', reason: `${host} is not an address of this machine.`, fix: 'use 127.0.0.1 (the default) or an address of this machine.' });
  return undefined;
}

/** Runs the emulator as a server until interrupted, and says how to point any client at it. */
export async function runEmulatorStart(flags: EmulatorFlags): Promise<number> {
  try {
    const problems = check(flags);
    if (problems.length) throw new ValidationError(problems);
    const caFile = flags.caFile ?? DEFAULT_CA_FILE;
    await mkdir(dirname(caFile), { recursive: true });
    const { startEmulator, describeEmulator } = await import('../../emulator/index.js');
    const port = Number(flags.port ?? 8443);
    const emulator = await startEmulator({
      host: flags.host,
      port,
      caFile,
      stateFile: flags.stateFile,
      requestLog: flags.requestLog,
      latency: (flags.latency as 'instant' | 'realistic' | undefined) ?? 'instant',
      latencyScale: flags.scale ? Number(flags.scale) : undefined,
      throttling: flags.throttling,
      acceptAnyApiVersion: flags.anyApiVersion,
      faults: flags.faultRate
        ? { rate: Number(flags.faultRate), seed: flags.faultSeed ? Number(flags.faultSeed) : undefined, kinds: flags.faultKinds?.split(',') as (typeof FAULT_KINDS)[number][] | undefined }
        : undefined,
      stateLock: { waitInMs: 0 },
    }).catch((e: unknown) => {
      throw listenProblem(e, flags.host ?? '127.0.0.1', port) ?? e;
    });
    const d = describeEmulator(emulator);
    const lines = [
      `azprov ARM emulator listening on ${d.endpoint}`,
      `CA certificate: ${d.caFile ?? caFile}`,
      `Subscription: ${emulator.subscriptionId}  Tenant: ${emulator.tenantId}`,
      '',
      'Environment for other clients (sh):',
      ...Object.entries(d.env).map(([k, v]) => `  export ${k}=${JSON.stringify(v)}`),
      '',
      `azprov:    azprov plan -f stack.yaml --endpoint ${d.endpoint} --ca ${d.caFile ?? caFile}  (or, with the exports above, no target flag)`,
      `Azure CLI: az cloud register -n azprov --endpoint-resource-manager ${d.endpoint}/ && az cloud set -n azprov && az login --identity`,
      '',
      'Press Ctrl+C to stop.',
    ];
    process.stdout.write(lines.join('\n') + '\n');
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await emulator.close();
    return EXIT.ok;
  } catch (e) {
    return reportError(e, {});
  }
}
