import { ArmError } from '../../errors.js';

/**
 * Azure Policy errors (all HTTP 400); sources in brackets, (U) = wording not verified. `{definition}` is the
 * definition's name (its GUID for built-ins), as the real messages name it.
 */
export const policyErrors = {
  /** Real code and message (Azure/Enterprise-Scale#804, status BadRequest). */
  definitionNotFound: (id: string) =>
    new ArmError(400, 'PolicyDefinitionNotFound', `The policy assignment create request is invalid. The policy definition '${id}' could not be found.`),
  /** (U) the initiative's counterpart of PolicyDefinitionNotFound. */
  setDefinitionNotFound: (id: string) =>
    new ArmError(400, 'PolicySetDefinitionNotFound', `The policy assignment create request is invalid. The policy set definition '${id}' could not be found.`),
  /** Real code and message (Azure/ALZ-Bicep#585, Azure/enterprise-azure-policy-as-code#325). */
  undefinedParameters: (assignment: string, names: string[], definition: string) =>
    new ArmError(400, 'UndefinedPolicyParameter', `The policy assignment '${assignment}' has the parameter(s) '${names.join(',')}' which are not defined in the policy definition '${definition}'.`),
  /** Real code and message (Azure/azure-sdk-for-net#39734). */
  missingParameters: (assignment: string, names: string[], definition: string) =>
    new ArmError(400, 'MissingPolicyParameter', `The policy assignment '${assignment}' is missing the parameter(s) '${names.join(',')}' as defined in the policy definition '${definition}'.`),
  /**
   * Real code and message; the comparison is case-sensitive: 'deny' is refused when only 'Deny' is allowed
   * (Azure/terraform-azurerm-caf-enterprise-scale#1313; salesforce/cloud-guardrails#53 without the version).
   */
  valueNotAllowed: (value: unknown, parameter: string, definition: string, version: string | undefined, allowed: unknown[]) =>
    new ArmError(
      400,
      'PolicyParameterValueNotAllowed',
      `The value '${display(value)}' is not allowed for policy parameter '${parameter}' in policy definition '${definition}${version ? ` version ${version}` : ''}'. The allowed values are '${allowed.map(display).join(', ')}'.`,
    ),
  /**
   * (U) code: InvalidPolicyParameters is the real code for parameters that do not validate (Azure/enterprise-azure-
   * policy-as-code#211); the type wording is the real one for default values (MicrosoftDocs/azure-docs#119057).
   */
  wrongType: (parameter: string, expected: string, actual: string) =>
    new ArmError(
      400,
      'InvalidPolicyParameters',
      `The policy parameter '${parameter}' value does not match the expected parameter type defined in the policy definition. Details 'The expected policy parameter type: '${expected}'. The actual policy parameter type '${actual}'.'.`,
    ),
  /** (U) code and wording: a parameter value must be `{ "value": … }` (spec ParameterValuesValue). */
  malformedParameter: (parameter: string) =>
    new ArmError(400, 'InvalidPolicyParameters', `The policy parameter '${parameter}' must be given as an object with a 'value' property.`),
  /** (U) code and wording. */
  missingDefinitionId: () =>
    new ArmError(400, 'InvalidCreatePolicyAssignmentRequest', "The policy assignment create request is invalid. The property 'policyDefinitionId' is required."),
  /** (U) code and wording: the spec's enforcementMode enum. */
  invalidEnforcementMode: (mode: unknown) =>
    new ArmError(400, 'InvalidCreatePolicyAssignmentRequest', `The policy assignment create request is invalid. The enforcement mode '${display(mode)}' is not one of 'Default, DoNotEnforce, Enroll'.`),
  /** Real code and message for 'Modify' (Azure/azure-cli#13150); the effect named as the definition writes it. */
  identityRequired: (assignment: string, effect: string) =>
    new ArmError(
      400,
      'ResourceIdentityRequired',
      `The policy assignment '${assignment}' request is invalid. Policy assignments must include a resource identity when assigning '${effect}' policy definitions.`,
    ),
  /** (U) wording modelled on the role-assignment one. */
  assignmentNotFound: (name: string) => new ArmError(404, 'PolicyAssignmentNotFound', `The policy assignment '${name}' is not found.`),
  /** (U) wording: GET of an unknown built-in. */
  builtInNotFound: (kind: 'policyDefinitions' | 'policySetDefinitions', name: string) =>
    new ArmError(404, kind === 'policyDefinitions' ? 'PolicyDefinitionNotFound' : 'PolicySetDefinitionNotFound', `The ${kind === 'policyDefinitions' ? 'policy definition' : 'policy set definition'} '${name}' could not be found.`),
  /** (U) wording: a `$filter` on a field the emulator does not filter by. */
  unsupportedFilter: (filter: string) => new ArmError(400, 'InvalidFilterInQueryString', `The filter '${filter}' is not supported by the emulator.`),
};

function display(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}
