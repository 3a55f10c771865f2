import type { z } from 'zod';
import { ValidationError, type Problem } from '../core/errors.js';
import { didYouMean, isKnownRegion, regionFix } from '../core/regions.js';
import { FIX_SEPARATOR } from '../resources/common-spec.js';
import type { BaseResourceSpec } from '../resources/kind.js';
import { COMPOSITE_KIND_NAMES, compositeKind, KIND_NAMES, kindSpec } from '../resources/kinds.js';
import { findCycle } from './graph.js';
import { checkOutputReferences, findMalformedReferences, findOutputReferences } from './interpolate.js';
import { stackSchema } from './schema.js';
import type { Stack } from './stack.js';

export type PathSegment = string | number;

export function pathToString(path: readonly PathSegment[]): string {
  return path.map((p) => String(p)).join('.') || '(top level)';
}

const TOP_LEVEL_KEYS = ['name', 'location', 'tags', 'keepRemoved', 'resources'];

function knownKeys(path: readonly PathSegment[], raw: unknown): string[] | undefined {
  if (path.length === 0) return TOP_LEVEL_KEYS;
  if (path.length === 2 && path[0] === 'resources') {
    const kind = (raw as { resources?: Record<string, { kind?: string }> })?.resources?.[String(path[1])]?.kind;
    const spec = kind ? (kindSpec(kind) ?? compositeKind(kind)) : undefined;
    const shape = (spec?.schema as unknown as z.ZodObject | undefined)?.shape;
    return shape ? Object.keys(shape) : undefined;
  }
  return undefined;
}

/** Turns one schema issue into a problem with a fix a person can act on. */
export function issueToProblem(issue: z.core.$ZodIssue, raw: unknown): Problem {
  const field = pathToString(issue.path as PathSegment[]);
  const [reason, fix] = issue.message.includes(FIX_SEPARATOR) ? issue.message.split(FIX_SEPARATOR) : [issue.message, undefined];
  if (fix) return { field, reason, fix };
  switch (issue.code) {
    case 'invalid_type': {
      const missing = (issue as { input?: unknown }).input === undefined && /received undefined/.test(issue.message);
      return missing
        ? { field, reason: `is required.`, fix: `add '${String(issue.path.at(-1))}' (${issue.expected}).` }
        : { field, reason: `must be ${issue.expected === 'object' ? 'a mapping' : `a ${issue.expected}`}.`, fix: `give it a ${issue.expected} value.` };
    }
    case 'unrecognized_keys': {
      const known = knownKeys(issue.path as PathSegment[], raw);
      return {
        field: issue.keys.map((k) => pathToString([...(issue.path as PathSegment[]), k])).join(', '),
        reason: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}.`,
        fix: `remove ${issue.keys.length > 1 ? 'them' : 'it'} or fix the spelling${known ? `; known fields: ${known.join(', ')}` : ''}.`,
      };
    }
    case 'invalid_union': {
      const u = issue as unknown as { discriminator?: string; options?: unknown[] };
      if (u.discriminator) {
        const options = [...KIND_NAMES, ...COMPOSITE_KIND_NAMES];
        const given = valueAt(raw, issue.path as PathSegment[]);
        const near = typeof given === 'string' ? didYouMean(given, options) : undefined;
        const what = typeof given === 'string' ? `unknown ${u.discriminator} '${given}'.` : `missing ${u.discriminator}.`;
        return { field, reason: what, fix: `${near ? `did you mean '${near}'? ` : ''}use one of: ${options.join(', ')}.` };
      }
      return { field, reason: 'does not match any allowed shape.', fix: 'check the field against templates/schema/stack.schema.json.' };
    }
    case 'invalid_value':
      return { field, reason: `has a value that is not allowed.`, fix: `use one of: ${issue.values.map((v) => String(v)).join(', ')}.` };
    default:
      return { field, reason: issue.message.endsWith('.') ? issue.message : `${issue.message}.`, fix: 'see templates/schema/stack.schema.json for what this field accepts.' };
  }
}

function valueAt(raw: unknown, path: readonly PathSegment[]): unknown {
  return path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[String(k)] : undefined), raw);
}

/**
 * Rules on what the user wrote, whatever the kind, before the schema's own messages (a first problem per
 * field wins, and these carry the better fix): regions against the region list, `existing` with `adopt`,
 * `${...}` that is not a reference.
 */
function checkAnyResource(raw: unknown): Problem[] {
  const problems: Problem[] = [];
  const region = (v: unknown, field: string) => {
    // ARM refuses an unknown region with LocationNotAvailableForResourceType / ...ForResourceGroup.
    if (typeof v === 'string' && v && !isKnownRegion(v)) problems.push({ field, reason: `'${v}' is not an Azure region.`, fix: regionFix(v) });
  };
  region((raw as { location?: unknown })?.location, 'location');
  const resources = (raw as { resources?: unknown })?.resources;
  if (!isRecord(resources)) return problems;
  for (const [name, r] of Object.entries(resources)) {
    if (!isRecord(r)) continue;
    region(r.location, `resources.${name}.location`);
    const locs = r.locations ?? (isRecord(r.account) ? r.account.locations : undefined);
    const base = r.locations ? `resources.${name}.locations` : `resources.${name}.account.locations`;
    if (Array.isArray(locs)) locs.forEach((l, i) => region(l, `${base}.${i}`));
    if (r.existing === true && r.adopt === true) {
      problems.push({ field: `resources.${name}.adopt`, reason: 'existing: true and adopt: true contradict each other (existing is only read, adopt takes it over).', fix: 'keep existing: true to refer to it without owning it, or adopt: true to manage it (then remove existing).' });
    }
    for (const m of findMalformedReferences(r)) problems.push({ ...m, field: `resources.${name}.${m.field}` });
  }
  return problems;
}

/** Replaces each composite (e.g. cosmosStateStore) by the resources it stands for. */
function expandComposites(given: Record<string, unknown>, problems: Problem[]) {
  const resources: Record<string, unknown> = {};
  const origins: Record<string, string> = {};
  const warnings: string[] = [];
  for (const [name, value] of Object.entries(given)) {
    const c = compositeKind((value as { kind?: string })?.kind ?? '');
    if (!c) {
      resources[name] = value;
      continue;
    }
    const parsed = c.schema.safeParse(value);
    if (!parsed.success) continue; // its problems came with the stack schema
    const checked = c.check?.(parsed.data, (n) => given[n] as BaseResourceSpec | undefined);
    for (const p of checked?.problems ?? []) problems.push({ ...p, field: `resources.${name}.${p.field}` });
    for (const w of checked?.warnings ?? []) warnings.push(`resources.${name}: ${w}`);
    for (const [part, spec] of Object.entries(c.expand(name, parsed.data))) {
      if (given[part]) {
        problems.push({ field: `resources.${part}`, reason: `this name is taken by a part of resources.${name} (${c.description}).`, fix: `rename resources.${part}, or rename ${name}.` });
        continue;
      }
      resources[part] = spec;
      origins[part] = name;
    }
  }
  return { resources, origins, warnings };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** References of a spec that may not have passed its schema: only the ones whose target is a name. */
function safeReferences(k: NonNullable<ReturnType<typeof kindSpec>>, spec: BaseResourceSpec) {
  try {
    return k.references(spec).filter((r) => typeof r.target === 'string');
  } catch {
    return [];
  }
}

/** One problem per field: a name that is too short need not also be reported as not matching the rule. */
function firstPerField(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.field) && seen.add(p.field));
}

/**
 * Validates a stack: the schema, then what the schema cannot see (references, cycles, kind checks).
 * Every problem is collected and reported at once; nothing is sent anywhere.
 */
export function validateStack(raw: unknown, source?: string): Stack {
  const problems: Problem[] = checkAnyResource(raw);
  const parsed = stackSchema().safeParse(raw);
  if (!parsed.success) for (const issue of parsed.error.issues) problems.push(issueToProblem(issue, raw));

  // Reference checks run on every resource of a known kind, even when its own fields failed: every
  // problem is reported at once. Kind checks need a valid spec, so they run on those that parsed.
  const givenResources = (isRecord((raw as { resources?: unknown })?.resources) ? (raw as { resources: Record<string, unknown> }).resources : {}) as Record<string, unknown>;
  const { resources: rawResources, origins, warnings } = expandComposites(givenResources, problems);
  const resources: Record<string, BaseResourceSpec> = {};
  const dependencies: Record<string, string[]> = {};
  const valid = new Map<string, BaseResourceSpec>();
  for (const [name, value] of Object.entries(rawResources)) {
    const spec = kindSpec((value as { kind?: string })?.kind ?? '');
    const r = spec?.schema.safeParse(value);
    if (r?.success) valid.set(name, r.data);
    // A part a composite made that fails its own schema is a bug in the composite or a value it passed on.
    else if (r && origins[name]) for (const issue of r.error.issues) problems.push({ ...issueToProblem(issue, raw), field: `resources.${origins[name]} (its part ${name}.${pathToString(issue.path as PathSegment[])})` });
  }
  // Built once: kind checks and implicit dependencies look across all resources.
  const all = Object.fromEntries(valid);
  for (const [name, value] of Object.entries(rawResources)) {
    const k = kindSpec((value as { kind?: string })?.kind ?? '');
    if (!k || !isRecord(value)) continue;
    const spec = (valid.get(name) ?? value) as BaseResourceSpec;
    const deps = new Set<string>();
    for (const ref of safeReferences(k, spec)) {
      const target = rawResources[ref.target] as { kind?: string } | undefined;
      const field = `resources.${name}.${ref.field}`;
      if (!target) {
        const candidates = Object.entries(rawResources).filter(([, s]) => ref.kind === '*' || (s as { kind?: string })?.kind === ref.kind).map(([n]) => n);
        problems.push({
          field,
          reason: `refers to '${ref.target}', which is not a resource of this stack.`,
          fix: candidates.length ? `use one of: ${candidates.join(', ')}.` : `add a ${ref.kind} resource named '${ref.target}' under resources.`,
        });
      } else if (ref.kind !== '*' && target.kind !== ref.kind) {
        problems.push({ field, reason: `refers to '${ref.target}', which is a ${target.kind ?? 'resource without kind'}, not a ${ref.kind}.`, fix: `name a ${ref.kind} resource here.` });
      } else deps.add(ref.target);
    }
    if (!valid.has(name)) continue;
    // ${other.output} inside values: checked, and ordered like any other reference.
    const refFields = new Set(['kind', 'name', 'dependsOn', ...k.references(spec).map((r) => r.field)]);
    const interpolated = findOutputReferences(Object.fromEntries(Object.entries(spec).filter(([f]) => !refFields.has(f))));
    for (const p of checkOutputReferences(interpolated, (n) => (n === name ? undefined : kindSpec((rawResources[n] as { kind?: string })?.kind ?? '')?.outputs))) {
      problems.push({ ...p, field: `resources.${name}.${p.field}` });
    }
    for (const r of interpolated) if (r.target !== name && rawResources[r.target]) deps.add(r.target);
    for (const [i, d] of (spec.dependsOn ?? []).entries()) {
      const parts = Object.keys(origins).filter((p) => origins[p] === d);
      if (parts.length) parts.forEach((p) => deps.add(p));
      else if (!rawResources[d]) problems.push({ field: `resources.${name}.dependsOn.${i}`, reason: `'${d}' is not a resource of this stack.`, fix: 'remove it or add that resource.' });
      else deps.add(d);
    }
    // A part a composite made is checked like any resource, but named through the composite the user wrote;
    // when the composite's own check already spoke, its words are the ones that point at what to edit.
    const origin = origins[name];
    const composed = origin !== undefined && problems.some((p) => p.field.startsWith(`resources.${origin}.`));
    for (const p of composed ? [] : (k.check?.(spec, (n) => valid.get(n), all, String((raw as { location?: unknown })?.location ?? '')) ?? [])) {
      problems.push({ ...p, field: origin ? `resources.${origin} (its part ${name}.${p.field})` : `resources.${name}.${p.field}` });
    }
    for (const d of k.after?.(spec, all) ?? []) if (d !== name) deps.add(d);
    resources[name] = spec;
    dependencies[name] = [...deps];
  }
  const cycle = findCycle(dependencies);
  if (cycle) problems.push({ field: `resources.${cycle[0]}`, reason: `depends on itself through ${cycle.join(' -> ')}.`, fix: 'remove one of these references or dependsOn entries.' });

  if (problems.length || !parsed.success) throw new ValidationError(firstPerField(problems), source);
  const data = parsed.data as { name: string; location: string; tags?: Record<string, string>; keepRemoved?: boolean };
  return { name: data.name, location: data.location, tags: data.tags ?? {}, ...(data.keepRemoved ? { keepRemoved: true } : {}), resources, dependencies, warnings, origins, source };
}
