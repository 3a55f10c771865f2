/** Tags that mark what a stack owns. azprov deletes only resources that carry its stack's tag. */
export const STACK_TAG = 'azprov-stack';
export const RESOURCE_TAG = 'azprov-resource';

export function ownershipTags(stack: string, logicalName: string): Record<string, string> {
  return { [STACK_TAG]: stack, [RESOURCE_TAG]: logicalName };
}

export type Ownership = 'owned' | 'unowned' | 'other-stack';

export function ownershipOf(tags: Record<string, string> | undefined, stack: string): Ownership {
  const owner = tags?.[STACK_TAG];
  if (owner === undefined) return 'unowned';
  return owner === stack ? 'owned' : 'other-stack';
}
