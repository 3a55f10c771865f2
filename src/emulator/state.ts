import fs from 'node:fs';
import path from 'node:path';
import type { OperationRecord, StateLockHolder, StateLockOptions, StoredResource } from './types.js';

export type { StateLockHolder, StateLockOptions };

export type { StoredResource };

/**
 * All mutable state of one emulator instance: resources keyed by their lower-cased id (names are
 * case-insensitive, casing preserved as first given [rpc-resource]) and LRO operation records. Nothing
 * here is module-level, so several emulators can run in one process.
 */

export interface StateSnapshot {
  version: 1;
  resources: StoredResource[];
  operations: OperationRecord[];
}

export function resourceKey(id: string): string {
  return normalisePath(id).toLowerCase();
}

/** Collapses doubled slashes and drops a trailing slash (ARM tolerates both). */
export function normalisePath(p: string): string {
  const s = p.replace(/\/{2,}/g, '/');
  return s.length > 1 && s.endsWith('/') ? s.slice(0, -1) : s;
}

export class EmulatorState {
  readonly resources = new Map<string, StoredResource>();
  readonly operations = new Map<string, OperationRecord>();
  private listeners: Array<() => void> = [];

  onChange(fn: () => void): void {
    this.listeners.push(fn);
  }

  changed(): void {
    for (const l of this.listeners) l();
  }

  get(id: string): StoredResource | undefined {
    return this.resources.get(resourceKey(id));
  }

  put(r: StoredResource): void {
    this.resources.set(r.key, r);
    this.changed();
  }

  delete(id: string): boolean {
    const ok = this.resources.delete(resourceKey(id));
    if (ok) this.changed();
    return ok;
  }

  /** Resources strictly below `id` (children, or everything in a resource group). */
  descendants(id: string): StoredResource[] {
    const prefix = resourceKey(id) + '/';
    return [...this.resources.values()].filter((r) => r.key.startsWith(prefix));
  }

  all(): StoredResource[] {
    return [...this.resources.values()];
  }

  reset(): void {
    this.resources.clear();
    this.operations.clear();
    this.changed();
  }

  snapshot(): StateSnapshot {
    return JSON.parse(JSON.stringify({ version: 1, resources: this.all(), operations: [...this.operations.values()] }));
  }

  load(s: StateSnapshot): void {
    this.resources.clear();
    this.operations.clear();
    for (const r of s.resources ?? []) this.resources.set(r.key, r);
    for (const o of s.operations ?? []) this.operations.set(o.id, o);
  }
}

/**
 * A state file the emulator cannot use. Shaped like azprov's typed errors (`code`, `exitCode`: 3 for a
 * damaged file, which is input; 1 for a file another process holds too long) without importing them:
 * the emulator depends on nothing of azprov.
 */
export class StateFileError extends Error {
  readonly code: string;
  readonly exitCode: number;
  constructor(
    readonly file: string,
    reason: string,
    readonly fix: string,
    options: { code?: string; exitCode?: number; cause?: unknown } = {},
  ) {
    super(`emulator state file ${file}: ${reason} Fix: ${fix}`, { cause: options.cause });
    this.name = 'StateFileError';
    this.code = options.code ?? 'InvalidStateFile';
    this.exitCode = options.exitCode ?? 3;
  }
}

const LOCK_POLL_IN_MS = 100;

function readHolder(lock: string): StateLockHolder | undefined {
  try {
    return JSON.parse(fs.readFileSync(lock, 'utf8')) as StateLockHolder;
  } catch {
    return undefined; // being written or removed right now
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `<file>.lock` for the life of one emulator (created exclusively, holding our pid). Two processes
 * sharing a state file each load it at start and save their whole state after every change, so without
 * it the last writer wins and one stack's resources vanish. A lock left by a dead process (killed) is
 * taken over; a live holder is waited for, up to a bound.
 */
export async function lockStateFile(file: string, options: StateLockOptions = {}): Promise<() => void> {
  const lock = `${file}.lock`;
  const waitInMs = options.waitInMs ?? 120_000;
  const until = new Date(Date.now() + waitInMs);
  const me: StateLockHolder = { pid: process.pid, command: options.command ?? [path.basename(process.argv[1] ?? 'node'), ...process.argv.slice(2)].join(' '), since: new Date().toISOString() };
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let told = false;
  for (;;) {
    try {
      fs.writeFileSync(lock, JSON.stringify(me), { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new StateFileError(file, `cannot create its lock ${lock} (${(e as NodeJS.ErrnoException).code}).`, `make ${path.dirname(path.resolve(file))} writable, or pass another state file (--emulator-state FILE).`, { cause: e });
      }
    }
    const holder = readHolder(lock);
    if (holder && !alive(holder.pid)) {
      // The holder died without releasing (SIGKILL, crash): its writes are complete (renamed), take over.
      fs.rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() >= until.getTime()) {
      throw new StateFileError(
        file,
        `in use by ${holder ? `process ${holder.pid} (${holder.command}) since ${holder.since}` : 'another process'}; waited ${Math.round(waitInMs / 1000)} s.`,
        `wait for that command to finish and run this one again, give this command its own state file (--emulator-state FILE), or point it at a running emulator (--endpoint); if no such process runs, delete ${lock}.`,
        { code: 'StateFileBusy', exitCode: 1 },
      );
    }
    if (!told) options.onWait?.(holder, until);
    told = true;
    await new Promise((r) => setTimeout(r, LOCK_POLL_IN_MS));
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (readHolder(lock)?.pid === process.pid) fs.rmSync(lock, { force: true });
  };
}

/** Reads a state file: undefined when there is none (or it is empty); a StateFileError when it is damaged. */
export function readStateFile(file: string): StateSnapshot | undefined {
  const moveAside = `move it aside (mv ${file} ${file}.bad) to start from an empty emulator, or pass another file with --emulator-state.`;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'EISDIR') throw new StateFileError(file, 'is a directory, not a file.', moveAside, { cause: e });
    throw new StateFileError(file, `cannot be read (${code}).`, code === 'EACCES' || code === 'EPERM' ? `make it readable by this user, or ${moveAside}` : moveAside, { cause: e });
  }
  if (!text.trim()) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new StateFileError(file, `is not valid JSON (${(e as Error).message.split('\n')[0]}).`, moveAside, { cause: e });
  }
  const s = parsed as Partial<StateSnapshot> | null;
  if (!s || typeof s !== 'object' || Array.isArray(s)) throw new StateFileError(file, `holds ${s === null ? 'null' : Array.isArray(s) ? 'an array' : `a ${typeof s}`}, not an emulator state (an object with "version": 1).`, moveAside);
  if (s.version !== 1) throw new StateFileError(file, s.version === undefined ? `has no "version": it is not an emulator state.` : `has version ${JSON.stringify(s.version)}; this emulator reads version 1.`, moveAside);
  const bad = (v: unknown, key: string) => v !== undefined && (!Array.isArray(v) || v.some((x) => !x || typeof x !== 'object' || typeof (x as Record<string, unknown>)[key] !== 'string'));
  if (bad(s.resources, 'key') || bad(s.operations, 'id')) throw new StateFileError(file, '"resources" and "operations" must be lists of stored records.', moveAside);
  return { version: 1, resources: s.resources ?? [], operations: s.operations ?? [] };
}

/**
 * The state file of one emulator: locked for the emulator's life, read and checked before the server
 * listens (so a damaged file fails at once and leaves nothing running), then saved after changes:
 * debounced, written to a temp file then renamed (atomic).
 */
export class StatePersistence {
  private timer?: NodeJS.Timeout;
  private state?: EmulatorState;
  private closed = false;

  private constructor(
    private readonly file: string,
    private readonly loaded: StateSnapshot | undefined,
    private readonly release: () => void,
    private readonly debounceInMs = 25,
  ) {}

  static async open(file: string, options: StateLockOptions = {}): Promise<StatePersistence> {
    const release = await lockStateFile(file, options);
    try {
      return new StatePersistence(file, readStateFile(file), release);
    } catch (e) {
      release();
      throw e;
    }
  }

  /** Loads what was read into `state` and saves `state` after each change from now on. */
  attach(state: EmulatorState): void {
    this.state = state;
    if (this.loaded) state.load(this.loaded);
    state.onChange(() => this.schedule());
  }

  schedule(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.debounceInMs);
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (!this.state || this.closed) return;
    fs.mkdirSync(path.dirname(path.resolve(this.file)), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, JSON.stringify(this.state.snapshot(), null, 1));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
  }

  /** Saves and lets the next process in. */
  close(): void {
    try {
      this.flush();
    } finally {
      this.closed = true;
      this.release();
    }
  }
}
