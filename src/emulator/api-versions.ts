/**
 * Accepted api-versions: the shape of the per-provider tables (`providers/<namespace>/api-versions.ts`, the one
 * place each provider's versions are read from) and how a request's version is checked against them.
 */

/** One resource type: its published versions, newest first, and any accepted beyond them (with their source). */
export interface ApiVersionEntry {
  readonly stable: readonly string[];
  readonly preview: readonly string[];
  readonly extra?: readonly string[];
  readonly extraSource?: string;
  /** Why an entry has no counterpart in the design data (marked (U)). */
  readonly note?: string;
}

export type ApiVersionTable = Readonly<Record<string, ApiVersionEntry>>;

/** Every version a type accepts: stable, preview and extra, newest first. */
export function acceptedVersions(table: ApiVersionTable, type: string): readonly string[] {
  const e = table[type];
  if (!e) throw new Error(`no api-versions for ${type}`);
  return newestFirst([...e.stable, ...e.preview, ...(e.extra ?? [])]);
}

/** The union of several types' versions, newest first (ARM's own operations answer one list for all of them). */
export function unionOf(...lists: ReadonlyArray<readonly string[]>): readonly string[] {
  return newestFirst([...new Set(lists.flat())]);
}

/** What the opt-in `acceptAnyApiVersion` switch lets through: any date-shaped version, for clients newer than the tables. */
export const DATE_API_VERSION = /^\d{4}-\d{2}-\d{2}(-preview)?$/i;

export function isSupported(versions: readonly string[], v: string, acceptAnyDate = false): boolean {
  return versions.some((x) => x.toLowerCase() === v.toLowerCase()) || (acceptAnyDate && DATE_API_VERSION.test(v));
}

/**
 * Newest first, a stable version before the preview of the same date, as ARM lists them in
 * InvalidApiVersionParameter messages (ansible-collections/azure#1739: `'2024-08-01,2024-06-01-preview,2024-03-01,
 * 2023-07-01,2023-07-01-preview,…'`) and in provider metadata.
 */
export function newestFirst(versions: readonly string[]): string[] {
  return [...versions].sort((a, b) => (a.slice(0, 10) === b.slice(0, 10) ? a.length - b.length : a < b ? 1 : -1));
}

/**
 * Oldest first, as recent NoRegisteredProviderFound messages list them (Azure/azure-cli#28496 networkInterfaces
 * `'2014-12-01-preview, 2015-05-01-preview, 2015-06-15, …'`; Azure/azure-cli#23985 managedClusters
 * `'2017-08-31, 2018-03-31, 2019-02-01, …'`).
 */
export function oldestFirst(versions: readonly string[]): string[] {
  return newestFirst(versions).reverse();
}
