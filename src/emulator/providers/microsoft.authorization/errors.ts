import { ArmError } from '../../errors.js';

/** Microsoft.Authorization errors; sources in brackets, (U) = wording not verified. */
export const authErrors = {
  /** [doc-rbac-ts] [issue-tf-2204]: HTTP 400, real message. */
  principalNotFound: (principalId: string, tenantId: string) =>
    new ArmError(
      400,
      'PrincipalNotFound',
      `Principal ${principalId} does not exist in the directory ${tenantId}. Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group. See https://aka.ms/docs-principaltype`,
    ),
  /** 409 and first sentence real (aztfmod/terraform-azurerm-caf#1589; arm-facts §7); second as newer responses word it (U). */
  roleAssignmentExists: (existingName: string) =>
    new ArmError(409, 'RoleAssignmentExists', `The role assignment already exists. The ID of the existing role assignment is ${existingName.replace(/-/g, '').toLowerCase()}.`),
  /** [doc-rbac-ts]; code, message and 400 (a BadRequest) real (Azure/Azure-Landing-Zones#2040, Azure-Samples/graphrag-accelerator#168). */
  updateNotPermitted: () =>
    new ArmError(400, 'RoleAssignmentUpdateNotPermitted', 'Tenant ID, application ID, principal ID, and scope are not allowed to be updated.'),
  /** Code and message real (Azure/Azure-Landing-Zones#3419, Azure/azure-service-operator#2586, Azure/azure-sdk-for-python#4621). */
  invalidRoleAssignmentId: (name: string) =>
    new ArmError(400, 'InvalidRoleAssignmentId', `The role assignment ID '${name}' is not valid. The role assignment ID must be a GUID.`),
  /** Code real (JulianHayward/AzAPICall#23, public scripts quote "The specified role definition with ID '<id>' does not exist."); wording (U). */
  roleDefinitionDoesNotExist: (id: string) =>
    new ArmError(400, 'RoleDefinitionDoesNotExist', `The specified role definition with ID '${id}' does not exist.`),
  /** GET of an unknown role definition: code as above; status 404 and wording (U). */
  roleDefinitionNotFound: (id: string) => new ArmError(404, 'RoleDefinitionDoesNotExist', `The role definition '${id}' could not be found.`),
  /** GET of an unknown role assignment: 404 [rpc-resource]; code and wording (U). */
  roleAssignmentNotFound: (name: string) => new ArmError(404, 'RoleAssignmentNotFound', `The role assignment '${name}' is not found.`),
  /** Rule: the spec's `principalType` enum [spec-auth] (arm-facts §7); code and wording (U). */
  invalidPrincipalType: (v: unknown) =>
    new ArmError(400, 'InvalidPrincipalType', `The principal type '${String(v)}' is not valid. Valid values are User, Group, ServicePrincipal, ForeignGroup.`),
  /** Rule: `roleDefinitionId` and `principalId` are `required` in the spec [spec-auth]; code and wording (U). */
  missingProperty: (name: string) => new ArmError(400, 'InvalidRequestContent', `The request content was invalid and could not be deserialized: required property '${name}' is missing.`),
  /** (U): management-group and tenant-root scopes are not emulated. */
  unsupportedScope: (scope: string) => new ArmError(400, 'InvalidScope', `The scope '${scope}' is not supported by the emulator.`),
};
