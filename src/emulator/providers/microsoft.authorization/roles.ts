/**
 * Built-in Azure RBAC role definitions (control plane). GUIDs are the real, tenant-independent ones; the
 * Private DNS Zone Contributor entry is copied from a real response [rec-1]; the permission lists and
 * descriptions of the others are abridged from the built-in roles page (U: not re-read action by action).
 */

export interface RoleDefinitionData {
  guid: string;
  roleName: string;
  description: string;
  actions: string[];
  notActions: string[];
  dataActions?: string[];
  notDataActions?: string[];
  createdOn: string;
  updatedOn: string;
}

const COMMON = ['Microsoft.Authorization/*/read', 'Microsoft.Insights/alertRules/*', 'Microsoft.Resources/deployments/*', 'Microsoft.Resources/subscriptions/resourceGroups/read', 'Microsoft.Support/*'];

export const BUILT_IN_ROLES: readonly RoleDefinitionData[] = [
  {
    guid: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
    roleName: 'Owner',
    description: 'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.',
    actions: ['*'],
    notActions: [],
    createdOn: '2015-02-02T21:55:09.8806423Z',
    updatedOn: '2021-11-11T20:13:45.8978856Z',
  },
  {
    guid: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
    roleName: 'Contributor',
    description: 'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.',
    actions: ['*'],
    notActions: [
      'Microsoft.Authorization/*/Delete',
      'Microsoft.Authorization/*/Write',
      'Microsoft.Authorization/elevateAccess/Action',
      'Microsoft.Blueprint/blueprintAssignments/write',
      'Microsoft.Blueprint/blueprintAssignments/delete',
      'Microsoft.Compute/galleries/share/action',
    ],
    createdOn: '2015-02-02T21:55:09.8806423Z',
    updatedOn: '2020-12-04T00:34:54.8501087Z',
  },
  {
    guid: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    roleName: 'Reader',
    description: 'View all resources, but does not allow you to make any changes.',
    actions: ['*/read'],
    notActions: [],
    createdOn: '2015-02-02T21:55:09.8806423Z',
    updatedOn: '2021-11-11T20:13:47.8628684Z',
  },
  {
    guid: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
    roleName: 'User Access Administrator',
    description: 'Lets you manage user access to Azure resources.',
    actions: ['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*'],
    notActions: [],
    createdOn: '2015-02-02T21:55:09.8806423Z',
    updatedOn: '2021-11-11T20:13:48.3651547Z',
  },
  {
    guid: '4d97b98b-1d4f-4787-a291-c67834d212e7',
    roleName: 'Network Contributor',
    description: 'Lets you manage networks, but not access to them.',
    actions: ['Microsoft.Authorization/*/read', 'Microsoft.Insights/alertRules/*', 'Microsoft.Network/*', 'Microsoft.ResourceHealth/availabilityStatuses/read', 'Microsoft.Resources/deployments/*', 'Microsoft.Resources/subscriptions/resourceGroups/read', 'Microsoft.Support/*'],
    notActions: [],
    createdOn: '2015-06-02T00:18:27.3542698Z',
    updatedOn: '2016-05-31T23:14:00.3326359Z',
  },
  {
    // [rec-1], verbatim.
    guid: 'b12aa53e-6015-4669-85d0-8515ebb3ae7f',
    roleName: 'Private DNS Zone Contributor',
    description: 'Lets you manage private DNS zone resources, but not the virtual networks they are linked to.',
    actions: [
      'Microsoft.Insights/alertRules/*',
      'Microsoft.Resources/deployments/*',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
      'Microsoft.Support/*',
      'Microsoft.Network/privateDnsZones/*',
      'Microsoft.Network/privateDnsOperationResults/*',
      'Microsoft.Network/privateDnsOperationStatuses/*',
      'Microsoft.Network/virtualNetworks/read',
      'Microsoft.Network/virtualNetworks/join/action',
      'Microsoft.Authorization/*/read',
    ],
    notActions: [],
    createdOn: '2019-07-10T19:31:15.5645518Z',
    updatedOn: '2019-07-11T21:12:01.7260648Z',
  },
  {
    guid: 'f1a07417-d97a-45cb-824c-7a7467783830',
    roleName: 'Managed Identity Operator',
    description: 'Read and Assign User Assigned Identity',
    actions: ['Microsoft.ManagedIdentity/userAssignedIdentities/*/read', 'Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action', ...COMMON],
    notActions: [],
    createdOn: '2017-12-14T19:52:04.3924594Z',
    updatedOn: '2021-11-11T20:13:38.9923759Z',
  },
  {
    guid: 'e40ec5ca-96e0-45a2-b4ff-59039f2c2b59',
    roleName: 'Managed Identity Contributor',
    description: 'Create, Read, Update, and Delete User Assigned Identity',
    actions: ['Microsoft.ManagedIdentity/userAssignedIdentities/read', 'Microsoft.ManagedIdentity/userAssignedIdentities/write', 'Microsoft.ManagedIdentity/userAssignedIdentities/delete', ...COMMON],
    notActions: [],
    createdOn: '2017-12-14T19:53:42.8804692Z',
    updatedOn: '2021-11-11T20:13:38.5990657Z',
  },
  {
    guid: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
    roleName: 'AcrPull',
    description: 'acr pull',
    actions: ['Microsoft.ContainerRegistry/registries/pull/read'],
    notActions: [],
    createdOn: '2018-03-29T19:52:04.3924594Z',
    updatedOn: '2021-11-11T20:13:50.6584267Z',
  },
  {
    guid: '5bd9cd88-fe45-4216-938b-f97437e15450',
    roleName: 'DocumentDB Account Contributor',
    description: 'Lets you manage DocumentDB accounts, but not access to them.',
    actions: ['Microsoft.DocumentDb/databaseAccounts/*', 'Microsoft.Network/virtualNetworks/subnets/joinViaServiceEndpoint/action', ...COMMON],
    notActions: [],
    createdOn: '2015-06-02T00:18:27.3542698Z',
    updatedOn: '2021-11-11T20:13:33.4986153Z',
  },
];

const byGuid = new Map(BUILT_IN_ROLES.map((r) => [r.guid, r]));

/** A role by GUID, full id (`…/roleDefinitions/<guid>`) or role name (case-insensitive). */
export function findRole(guidIdOrName: string): RoleDefinitionData | undefined {
  const s = guidIdOrName.trim().toLowerCase();
  const tail = s.split('/').pop()!;
  return byGuid.get(tail) ?? BUILT_IN_ROLES.find((r) => r.roleName.toLowerCase() === s);
}

/** Glob match of an RBAC action pattern (`*` = any run of characters), case-insensitive. */
function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*') + '$', 'i');
  return re.test(action);
}

/** Whether the role grants an action (matches an action, no notAction). */
export function roleAllows(role: RoleDefinitionData, action: string): boolean {
  return role.actions.some((a) => actionMatches(a, action)) && !role.notActions.some((n) => actionMatches(n, action));
}

/** Whether `held` grants everything `wanted` does (same role, or every action of `wanted` allowed by `held`). */
export function roleCovers(held: RoleDefinitionData, wanted: RoleDefinitionData): boolean {
  if (held.guid === wanted.guid) return true;
  return wanted.actions.every((a) => roleAllows(held, a)) && (wanted.dataActions ?? []).length === 0;
}
