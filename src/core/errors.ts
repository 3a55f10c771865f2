/**
 * The few error classes azprov throws. Each carries what a person needs to act: the field (a YAML path
 * or an option name), the reason, and the fix. Messages the tests match on are exported constants.
 */

export interface Problem {
  /** Where the problem is: a YAML path such as `resources.env.properties.name`, or a CLI option. */
  field: string;
  reason: string;
  fix: string;
}

export function formatProblem(p: Problem): string {
  return `${p.field}: ${p.reason} Fix: ${p.fix}`;
}

/** Base class; `code` is stable and machine-readable, `exitCode` is what the CLI exits with. */
export class AzprovError extends Error {
  readonly code: string;
  readonly exitCode: number;
  constructor(code: string, message: string, exitCode = 1, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** Bad input: every problem found, reported at once, before any request is sent. Exit code 3. */
export class ValidationError extends AzprovError {
  readonly problems: Problem[];
  constructor(problems: Problem[], source?: string) {
    const head = `${source ? `${source}: ` : ''}${problems.length} problem${problems.length === 1 ? '' : 's'} found, nothing was sent to Azure`;
    super('InvalidInput', [head, ...problems.map((p) => `  - ${formatProblem(p)}`)].join('\n'), 3);
    this.problems = problems;
  }
}

/** A resource with the stack's name exists but is not owned by the stack (no ownership tag). */
export class OwnershipError extends AzprovError {
  readonly resourceId: string;
  constructor(resourceId: string, logicalName: string, stack: string) {
    super(
      'NotOwned',
      `${resourceId} already exists and is not owned by stack '${stack}' (no azprov-stack tag). ` +
        `Fix: give resources.${logicalName} another name, or set 'adopt: true' on it to let the stack take it over ` +
        `(down will then delete it).`,
      1,
    );
    this.resourceId = resourceId;
  }
}

/** A call to Azure (or the emulator) failed; keeps ARM's error code and the request id for support. */
export class ArmCallError extends AzprovError {
  readonly statusCode?: number;
  readonly armCode?: string;
  readonly resourceId?: string;
  constructor(
    what: string,
    details: { statusCode?: number; armCode?: string; message: string; resourceId?: string; fix?: string },
    options?: { cause?: unknown },
  ) {
    super(
      details.armCode ?? 'ArmCallFailed',
      `${what} failed${details.statusCode ? ` (HTTP ${details.statusCode}` : ''}${details.armCode ? `${details.statusCode ? ', ' : ' ('}${details.armCode}` : ''}${details.statusCode || details.armCode ? ')' : ''}: ${details.message}${details.fix ? ` Fix: ${details.fix}` : ''}`,
      1,
      options,
    );
    this.statusCode = details.statusCode;
    this.armCode = details.armCode;
    this.resourceId = details.resourceId;
  }
}

/** Works across copies of this package, like core-rest-pipeline's `isRestError`. */
export function isAzprovError(e: unknown): e is AzprovError {
  return e instanceof Error && typeof (e as AzprovError).code === 'string' && typeof (e as AzprovError).exitCode === 'number';
}
