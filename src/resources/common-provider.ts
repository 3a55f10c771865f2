import type { Comparable } from './kind.js';

/** ARM answers locations in its own normal form ('East US' becomes 'eastus'). */
export function normalizeLocation(location: string | undefined): string | undefined {
  return location?.replace(/\s+/g, '').toLowerCase();
}

/** Tags as comparable fields (`tags.<name>`), so that a diff names the tag that differs. */
export function tagFields(tags: Record<string, string> | undefined): Comparable {
  const out: Comparable = {};
  for (const [k, v] of Object.entries(tags ?? {})) out[`tags.${k}`] = v;
  return out;
}

/**
 * Tags to send on a write: the desired ones over the ones already there. Tags someone else put on the
 * resource are kept: azprov manages the tags it declares, not the whole set.
 */
export function mergeTags(existing: Record<string, string> | undefined, desired: Record<string, string>): Record<string, string> {
  return { ...(existing ?? {}), ...desired };
}
