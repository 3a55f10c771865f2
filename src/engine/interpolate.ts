import type { Problem } from '../core/errors.js';
import type { RefResolver } from '../resources/kind.js';
import { KNOWN_AFTER_APPLY } from './plan-types.js';

/**
 * `${logical.output}` inside a string value refers to an output of another resource of the stack, e.g.
 * `url: ${cosmos.documentEndpoint}` or `value: ${identity.clientId}`. The reference also orders the work.
 */
const PATTERN = /\$\{([A-Za-z][A-Za-z0-9_-]*)\.([A-Za-z][A-Za-z0-9]*)\}/g;

export interface OutputReference {
  path: string;
  target: string;
  output: string;
}

/** Every `${x.y}` in a spec, with the dotted path of the field it is in. */
export function findOutputReferences(value: unknown, path = ''): OutputReference[] {
  if (typeof value === 'string') return [...value.matchAll(PATTERN)].map((m) => ({ path, target: m[1], output: m[2] }));
  if (Array.isArray(value)) return value.flatMap((v, i) => findOutputReferences(v, path ? `${path}.${i}` : String(i)));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => findOutputReferences(v, path ? `${path}.${k}` : k));
  return [];
}

/**
 * Every `${` that does not start a well-formed `${logical.output}` (unclosed, empty, no dot, a space...):
 * left as is it would reach Azure as literal text. Paths are dotted, relative to `value`.
 */
export function findMalformedReferences(value: unknown, path = ''): Problem[] {
  if (typeof value === 'string') {
    const out: Problem[] = [];
    for (let i = value.indexOf('${'); i >= 0; i = value.indexOf('${', i + 2)) {
      if (new RegExp(`^${PATTERN.source}`).test(value.slice(i))) continue;
      const end = value.indexOf('}', i);
      const text = end < 0 ? value.slice(i) : value.slice(i, end + 1);
      out.push({ field: path, reason: `'${text}' is not a reference${end < 0 ? ' (no closing })' : ''}.`, fix: "write ${<logical name>.<output>}, e.g. ${cosmos.documentEndpoint}; for a literal '${', remove it." });
    }
    return out;
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => findMalformedReferences(v, path ? `${path}.${i}` : String(i)));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => findMalformedReferences(v, path ? `${path}.${k}` : k));
  return [];
}

/** Validation of the references: the resource exists and has that output. */
export function checkOutputReferences(
  refs: OutputReference[],
  outputsOf: (logicalName: string) => readonly string[] | undefined,
): Problem[] {
  const problems: Problem[] = [];
  for (const r of refs) {
    const outputs = outputsOf(r.target);
    if (!outputs) problems.push({ field: r.path, reason: `\${${r.target}.${r.output}} refers to '${r.target}', which is not a resource of this stack.`, fix: 'use the logical name of a resource under resources:.' });
    else if (!outputs.includes(r.output)) problems.push({ field: r.path, reason: `'${r.target}' has no output '${r.output}'.`, fix: `use one of: ${outputs.join(', ')}.` });
  }
  return problems;
}

/**
 * The spec with every `${x.y}` replaced by that output; a whole value that cannot be known yet (the
 * resource does not exist) becomes KNOWN_AFTER_APPLY.
 */
export function interpolate<T>(value: T, refs: RefResolver): T {
  if (typeof value === 'string') {
    let unknown = false;
    const out = value.replace(PATTERN, (_, target: string, output: string) => {
      const v = refs.get(target).outputs?.[output];
      if (v === undefined) unknown = true;
      return v ?? '';
    });
    return (unknown ? KNOWN_AFTER_APPLY : out) as T;
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, refs)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, refs)])) as T;
  return value;
}
