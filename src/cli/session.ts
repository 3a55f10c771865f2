import { isAzprovError, ValidationError } from '../core/errors.js';
import { humanRenderer, jsonRenderer, type OutputMode, type Renderer } from './render.js';

export const EXIT = { ok: 0, failed: 1, changes: 2, invalid: 3 } as const;

export interface OutputFlags {
  output?: OutputMode | string;
  verbose?: boolean;
}

export function renderer(flags: OutputFlags, planVerb: 'plan' | 'down' = 'plan'): Renderer {
  const mode = checkOutputMode(flags.output, ['human', 'json']);
  if (mode === 'json') return jsonRenderer((s) => process.stdout.write(s), flags.verbose);
  const live = Boolean(process.stdout.isTTY) && !process.env.CI;
  return humanRenderer(process.stdout, { live, verbose: flags.verbose, planVerb });
}

export function checkOutputMode<T extends string>(value: string | undefined, allowed: readonly T[]): T {
  const v = (value ?? allowed[0]) as T;
  if (!allowed.includes(v)) throw new ValidationError([{ field: '--output', reason: `'${value}' is not an output format.`, fix: `use one of: ${allowed.join(', ')}.` }]);
  return v;
}

/** Prints an error the way a person (or a machine, with --output json) reads it; returns the exit code. */
export function reportError(error: unknown, flags: OutputFlags): number {
  const e = rootCause(error);
  const code = isAzprovError(e) ? e.exitCode : EXIT.failed;
  const message = e instanceof Error ? e.message : String(e);
  if (flags.output === 'json') {
    process.stdout.write(JSON.stringify({ time: new Date().toISOString(), type: 'error', code: isAzprovError(e) ? e.code : 'Error', exitCode: code, message, problems: e instanceof ValidationError ? e.problems : undefined }) + '\n');
  } else {
    process.stderr.write(`azprov: ${message}\n`);
    if (!isAzprovError(e) && process.env.AZPROV_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  }
  return code;
}

/**
 * A missing credential surfaces inside the first request's error ("Reading X failed: ..."); what the user
 * must act on is the credential, so report that, once.
 */
function rootCause(e: unknown): unknown {
  for (let c: unknown = e; c instanceof Error; c = c.cause) if (isAzprovError(c) && c.name === 'NoCredentialError') return c;
  return e;
}

export interface Session {
  render: Renderer;
  /** Runs `fn` when the command ends, whatever happens (e.g. closing an embedded emulator). */
  defer(fn: () => Promise<void> | void): void;
}

/**
 * The frame of every command: a renderer, cleanups that always run, and errors reported the one way
 * (message, exit code, JSON when asked).
 */
export async function runSession(flags: OutputFlags, body: (s: Session) => Promise<number>, options: { planVerb?: 'plan' | 'down'; onError?: (e: unknown) => void } = {}): Promise<number> {
  const cleanups: (() => Promise<void> | void)[] = [];
  let render: Renderer | undefined;
  try {
    render = renderer(flags, options.planVerb);
    return await body({ render, defer: (fn) => cleanups.push(fn) });
  } catch (e) {
    render?.close();
    options.onError?.(e);
    return reportError(e, flags);
  } finally {
    render?.close();
    for (const fn of cleanups.reverse()) await fn();
  }
}
