import { z } from 'zod';
import { loadedCompositeKinds, loadedKindSpecs } from '../resources/kinds.js';
import { LOGICAL_NAME, locationSchema, tagsSchema, withFix } from '../resources/common-spec.js';

export const STACK_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * The whole stack file, over the kinds loaded (resources/kinds.ts; all of them once registry.ts is imported).
 * Also the source of `templates/schema/stack.schema.json`.
 */
export function stackSchema() {
  const resource = z.discriminatedUnion(
    'kind',
    [...loadedKindSpecs(), ...loadedCompositeKinds()].map((k) => k.schema) as unknown as [z.ZodObject, ...z.ZodObject[]],
  );
  return z
    .strictObject({
      $schema: z.string().optional().meta({ description: 'Path or URL of this JSON Schema, for editors.' }),
      name: z
        .string()
        .regex(STACK_NAME, { error: withFix('stack name must be 1–63 lower-case letters, digits or hyphens.', "use a short name such as 'demo' or 'payments-prod'.") })
        .meta({ description: 'Stack name; written to the azprov-stack tag of every resource it creates.' }),
      location: locationSchema.meta({ description: "Default Azure region of the stack's resources, e.g. 'eastus'." }),
      tags: tagsSchema.optional(),
      keepRemoved: z
        .boolean()
        .optional()
        .meta({ description: 'Keep resources removed from this file (still tagged for the stack) instead of deleting them on up; down deletes them all the same.' }),
      resources: z
        .record(z.string().regex(LOGICAL_NAME, { error: withFix('logical names start with a letter and have letters, digits, _ or -.', 'rename the key.') }), resource)
        .meta({ description: 'Resources by logical name.' }),
    })
    .meta({ title: 'azprov stack', description: 'An azprov stack file.' });
}

/** JSON Schema (draft 2020-12) of the stack file, for editors. */
export function stackJsonSchema(): object {
  return { $id: 'https://azprov.dev/schema/stack.schema.json', ...(z.toJSONSchema(stackSchema(), { io: 'input' }) as object) };
}
