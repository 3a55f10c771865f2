import fs from 'node:fs';
import path from 'node:path';
import type { OperationRecord, StoredResource } from './types.js';

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

/** Saves the state to a file after changes: debounced, written to a temp file then renamed (atomic). */
export class StatePersistence {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly file: string,
    private readonly state: EmulatorState,
    private readonly debounceInMs = 25,
  ) {}

  loadIfExists(): boolean {
    if (!fs.existsSync(this.file)) return false;
    const text = fs.readFileSync(this.file, 'utf8');
    if (!text.trim()) return false;
    this.state.load(JSON.parse(text) as StateSnapshot);
    return true;
  }

  schedule(): void {
    if (this.timer) return;
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
    fs.mkdirSync(path.dirname(path.resolve(this.file)), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.state.snapshot(), null, 1));
    fs.renameSync(tmp, this.file);
  }
}
