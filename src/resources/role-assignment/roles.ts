/** Built-in Azure roles azprov names, with their fixed GUIDs (the same in every tenant). */
export const BUILT_IN_ROLES = {
  Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  'Network Contributor': '4d97b98b-1d4f-4787-a291-c67834d212e7',
  'Private DNS Zone Contributor': 'b12aa53e-6015-4669-85d0-8515ebb3ae7f',
  'Managed Identity Operator': 'f1a07417-d97a-45cb-824c-7a7467783830',
  'User Access Administrator': '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  AcrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
} as const;

export type BuiltInRoleName = keyof typeof BUILT_IN_ROLES;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function roleGuid(role: string): string | undefined {
  if (GUID.test(role)) return role.toLowerCase();
  return (BUILT_IN_ROLES as Record<string, string>)[role];
}

/** Roles that include the permissions of `role` for the checks azprov makes (Owner and Contributor cover the data roles here). */
export function rolesGranting(role: string): string[] {
  const g = roleGuid(role);
  if (!g) return [];
  return g === BUILT_IN_ROLES.Owner ? [g] : [g, BUILT_IN_ROLES.Owner, BUILT_IN_ROLES.Contributor];
}

export function roleDefinitionId(subscriptionId: string, guid: string): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
}
