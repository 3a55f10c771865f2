import { z } from 'zod';

/**
 * Schema pieces every kind shares. A message made by `withFix` carries the fix after FIX_SEPARATOR,
 * so validation can report reason and fix apart.
 */
export const FIX_SEPARATOR = ' Fix: ';

export function withFix(reason: string, fix: string): string {
  return `${reason}${FIX_SEPARATOR}${fix}`;
}

export interface NameRule {
  min: number;
  max: number;
  pattern: RegExp;
  /** What the pattern means, in words. */
  allowed: string;
}

/** A resource name checked against the service's naming rule, with a message that says the rule. */
export function nameSchema(what: string, rule: NameRule) {
  return z
    .string()
    .min(rule.min, { error: withFix(`${what} name must have at least ${rule.min} characters.`, `use ${rule.min}–${rule.max} characters: ${rule.allowed}.`) })
    .max(rule.max, { error: withFix(`${what} name must have at most ${rule.max} characters.`, `use ${rule.min}–${rule.max} characters: ${rule.allowed}.`) })
    .regex(rule.pattern, { error: withFix(`${what} name does not match the service's naming rule.`, `use ${rule.allowed}.`) })
    .meta({ description: `${what} name: ${rule.min}–${rule.max} characters, ${rule.allowed}.` });
}

/** Logical names of resources inside a stack (map keys and references). */
export const LOGICAL_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,62}$/;

export function referenceSchema(kindLabel: string) {
  return z
    .string()
    .regex(LOGICAL_NAME, { error: withFix(`must name a ${kindLabel} resource of this stack by its logical name.`, `use the key under 'resources:' of that ${kindLabel}.`) })
    .meta({ description: `Logical name (key under resources:) of a ${kindLabel} in this stack.` });
}

// Azure tag rules: at most 50 tags; names up to 512 characters without < > % & \ ? /; values up to 256.
// https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations
const TAG_NAME = /^[^<>%&\\?/]{1,512}$/;
export const tagsSchema = z
  .record(
    z.string().regex(TAG_NAME, { error: withFix('tag names must be 1–512 characters without < > % & \\ ? /.', 'rename the tag.') }),
    z.string().max(256, { error: withFix('tag values must be at most 256 characters.', 'shorten the value.') }),
  )
  .refine((t) => Object.keys(t).length <= 50, { error: withFix('a resource can have at most 50 tags.', 'remove some tags.') })
  .meta({ description: 'Azure tags. azprov adds its own ownership tags (azprov-stack, azprov-resource).' });

// Region names as ARM writes them: lower-case letters and digits (e.g. eastus, westeurope, australiaeast).
export const locationSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]+$/, { error: withFix('must be an Azure region name.', "use the region's short name in lower case, e.g. 'eastus' or 'westeurope' (az account list-locations -o table).") })
  .meta({ description: "Azure region, e.g. 'eastus'. Defaults to the stack's location." });

/** The fields every resource has; each kind extends this. */
export function baseResourceShape<K extends string>(kind: K) {
  return {
    kind: z.literal(kind),
    location: locationSchema.optional(),
    tags: tagsSchema.optional(),
    adopt: z.boolean().optional().meta({ description: 'Take over an existing resource that no stack owns. down will then delete it.' }),
    existing: z.boolean().optional().meta({ description: 'Only refer to a resource that exists already: it is read, never written or deleted.' }),
    dependsOn: z.array(referenceSchema('resource')).optional().meta({ description: 'Extra ordering: resources that must be applied first.' }),
  };
}
