import { errors } from './errors.js';
import type { ArmRequest } from './router.js';

/** Small pure helpers of the generic resource handler. */

export function requireObjectBody(body: unknown): Record<string, any> {
  if (body === undefined || body === null) throw errors.invalidRequestContent('The request body is empty.');
  if (typeof body !== 'object' || Array.isArray(body)) throw errors.invalidRequestContent('The request body must be a JSON object.');
  return body as Record<string, any>;
}

/**
 * `If-Match` (etag or `*`) and `If-None-Match: *` → 412 `PreconditionFailed` [rpc-resource]
 * (the Azure CLI sends `If-None-Match: *` when creating private DNS zones [rec-1]; the code is ARM's
 * `PreconditionFailed`). Messages (U).
 */
export function checkPreconditions(req: ArmRequest, etag: string | undefined, exists: boolean): void {
  const ifNoneMatch = req.headers['if-none-match']?.trim();
  const ifMatch = req.headers['if-match']?.trim();
  if (ifNoneMatch === '*' && exists) {
    throw errors.preconditionFailed('The resource already exists and the request specified If-None-Match: *.');
  }
  if (ifNoneMatch && ifNoneMatch !== '*' && exists && etag && sameEtag(ifNoneMatch, etag)) {
    throw errors.preconditionFailed(`The resource's etag ${etag} matches the If-None-Match header.`);
  }
  if (ifMatch) {
    if (!exists) throw errors.preconditionFailed('The resource does not exist and the request specified If-Match.');
    if (ifMatch !== '*' && !ifMatch.split(',').some((t) => etag !== undefined && sameEtag(t.trim(), etag))) {
      throw errors.preconditionFailed(`The specified If-Match etag ${ifMatch} does not match the resource's current etag ${etag}.`);
    }
  }
}

function sameEtag(a: string, b: string): boolean {
  const n = (s: string) => s.replace(/^W\//, '').replace(/^"|"$/g, '');
  return n(a) === n(b);
}

/** JSON merge patch (RFC 7386): objects merge recursively, `null` removes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): any {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as object) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Parses ARM's simple `$filter` forms: `a eq 'x' and b eq 'y'`, `startswith(tagName, 'p')`, `substringof('x', name)`. */
export interface FilterClause {
  op: 'eq' | 'ne' | 'startswith' | 'substringof';
  field: string;
  value: string;
}

export function parseFilter(filter: string | null): FilterClause[] {
  if (!filter || !filter.trim()) return [];
  const out: FilterClause[] = [];
  for (const part of filter.split(/\s+and\s+/i)) {
    const p = part.trim();
    let m = /^(\w+(?:\/\w+)?)\s+(eq|ne)\s+'((?:[^']|'')*)'$/i.exec(p);
    if (m) {
      out.push({ op: m[2].toLowerCase() as 'eq' | 'ne', field: m[1].toLowerCase(), value: m[3].replace(/''/g, "'") });
      continue;
    }
    m = /^startswith\(\s*(\w+)\s*,\s*'((?:[^']|'')*)'\s*\)$/i.exec(p);
    if (m) {
      out.push({ op: 'startswith', field: m[1].toLowerCase(), value: m[2].replace(/''/g, "'") });
      continue;
    }
    m = /^substringof\(\s*'((?:[^']|'')*)'\s*,\s*(\w+)\s*\)$/i.exec(p);
    if (m) {
      out.push({ op: 'substringof', field: m[2].toLowerCase(), value: m[1].replace(/''/g, "'") });
      continue;
    }
    throw errors.invalidFilter(filter);
  }
  return out;
}
