/**
 * ARM error responses. Handlers throw `ArmError`; the server turns it into the ARM error envelope
 * `{"error":{"code","message","target?","details?"}}` [rpc-common]. Message texts live here as functions so
 * tests can import them. Each cites its source; (U) marks a code or wording not verified against one (see arm-facts.md).
 */

export interface ArmErrorBody {
  code: string;
  message: string;
  target?: string;
  details?: ArmErrorBody[];
  additionalInfo?: unknown[];
}

export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { target?: string; details?: ArmErrorBody[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ArmError';
  }

  toBody(): { error: ArmErrorBody } {
    const error: ArmErrorBody = { code: this.code, message: this.message };
    if (this.extra.target) error.target = this.extra.target;
    if (this.extra.details) error.details = this.extra.details;
    return { error };
  }
}

export function isArmError(e: unknown): e is ArmError {
  return e instanceof Error && e.name === 'ArmError' && typeof (e as ArmError).status === 'number';
}

export const MESSAGES = {
  missingAuthorization: "Authentication failed. The 'Authorization' header is missing.",
  invalidToken: 'The access token is invalid.',
  missingApiVersion: 'The api-version query parameter (?api-version=) is required for all requests.',
  invalidJson: 'The request content was invalid and could not be deserialized.',
} as const;

export const errors = {
  /** 401 without a bearer token [rpc-common]. */
  missingAuth: () =>
    new ArmError(401, 'AuthenticationFailed', MESSAGES.missingAuthorization, {
      headers: {
        'WWW-Authenticate':
          'Bearer authorization_uri="https://login.windows.net/", error="invalid_token", error_description="The authentication failed because of missing \'Authorization\' header."',
      },
    }),
  invalidToken: (why: string) =>
    new ArmError(401, 'InvalidAuthenticationToken', `${MESSAGES.invalidToken} ${why}`.trim(), {
      headers: { 'WWW-Authenticate': 'Bearer authorization_uri="https://login.windows.net/", error="invalid_token", error_description="The access token is invalid."' },
    }),
  expiredToken: (exp: Date, now: Date) =>
    new ArmError(401, 'ExpiredAuthenticationToken', `The access token expiry UTC time '${exp.toUTCString()}' is earlier than current UTC time '${now.toUTCString()}'.`, {
      headers: { 'WWW-Authenticate': 'Bearer authorization_uri="https://login.windows.net/", error="invalid_token", error_description="The access token has expired."' },
    }),
  missingApiVersion: () => new ArmError(400, 'MissingApiVersionParameter', MESSAGES.missingApiVersion),
  /**
   * Microsoft.Resources operations: versions newest first, comma-separated without spaces
   * (ansible-collections/azure#1739, hashicorp/vault-plugin-secrets-azure#13, Azure/azure-sdk-for-net#2276).
   */
  invalidApiVersion: (v: string, supported: readonly string[]) =>
    new ArmError(400, 'InvalidApiVersionParameter', `The api-version '${v}' is invalid. The supported versions are '${supported.join(',')}'.`),
  /**
   * Provider resource types answer an unknown api-version with NoRegisteredProviderFound; versions and locations
   * comma-space separated, versions oldest first in recent answers (Azure/azure-cli#28496, Azure/azure-cli#23985,
   * Azure/azure-rest-api-specs#18857).
   */
  noRegisteredProvider: (location: string, v: string, type: string, supported: readonly string[], locations: readonly string[]) =>
    new ArmError(
      400,
      'NoRegisteredProviderFound',
      `No registered resource provider found for location '${location}' and API version '${v}' for type '${type}'. The supported api-versions are '${supported.join(', ')}'. The supported locations are '${locations.join(', ')}'.`,
    ),
  /** 404 for a missing resource, real wording [rec-2]. */
  resourceNotFound: (type: string, name: string, rg: string) =>
    new ArmError(
      404,
      'ResourceNotFound',
      `The Resource '${type}/${name}' under resource group '${rg}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
      { headers: { 'x-ms-failure-cause': 'gateway' } },
    ),
  /** Code, status and message real (pulumi/pulumi#3891, Azure/azure-powershell#14556, Azure/azure-cli#20316). */
  resourceGroupNotFound: (rg: string) =>
    new ArmError(404, 'ResourceGroupNotFound', `Resource group '${rg}' could not be found.`, { headers: { 'x-ms-failure-cause': 'gateway' } }),
  /** Code and message real (Azure/azure-cli#21121, openshift/openshift-azure#2020); 409 as Azure/azure-cli#28679 shows. */
  resourceGroupBeingDeleted: (rg: string) =>
    new ArmError(409, 'ResourceGroupBeingDeleted', `The resource group '${rg}' is in deprovisioning state and cannot perform this operation.`),
  /** Code and message real (Azure/azure-cli#33657, #30164; microsoft/AzureStorageExplorer#4273); 404 (MicrosoftDocs/azure-docs#40885). */
  subscriptionNotFound: (sub: string) => new ArmError(404, 'SubscriptionNotFound', `The subscription '${sub}' could not be found.`),
  /** (U) wording from memory. */
  invalidSubscriptionId: (sub: string) =>
    new ArmError(400, 'InvalidSubscriptionId', `The provided subscription identifier '${sub}' is malformed or invalid.`),
  invalidRequestContent: (why: string) => new ArmError(400, 'InvalidRequestContent', `${MESSAGES.invalidJson} ${why}`.trim()),
  /** Rule: `location` is `required` on tracked resources (common-types TrackedResource) [spec-rg]; code and wording (U). */
  locationRequired: () => new ArmError(400, 'LocationRequired', 'The location property is required for this definition.'),
  /** Code and message real (MicrosoftDocs/azure-docs#70422, fortinetsolutions/Azure-Templates#8); status 400 (U). */
  invalidResourceLocation: (name: string, oldLoc: string, newLoc: string) =>
    new ArmError(
      400,
      'InvalidResourceLocation',
      `The resource '${name}' already exists in location '${oldLoc}' in resource group. A resource with the same name cannot be created in location '${newLoc}'. Please select a new resource name.`,
    ),
  /**
   * A resource group re-PUT in another location: code and message real (Azure/azure-cli#22242, #23043,
   * Azure/pcs-cli#400), HTTP 409 (microsoft/bedrock#100).
   */
  invalidResourceGroupLocation: (newLoc: string, oldLoc: string) =>
    new ArmError(409, 'InvalidResourceGroupLocation', `Invalid resource group location '${newLoc}'. The Resource group already exists in location '${oldLoc}'.`),
  /** Code and message real (cloud-barista/cb-spider#527, microsoft/vscode-azureresourcegroups#33). */
  locationNotAvailableForResourceGroup: (loc: string, regions: readonly string[]) =>
    new ArmError(400, 'LocationNotAvailableForResourceGroup', `The provided location '${loc}' is not available for resource group. List of available regions is '${regions.join(',')}'.`),
  /** Code and message real (Azure/azure-rest-api-specs#8347, #8577, Azure/azure-capi-cli-extension#19). */
  locationNotAvailableForResourceType: (loc: string, type: string, regions: readonly string[]) =>
    new ArmError(
      400,
      'LocationNotAvailableForResourceType',
      `The provided location '${loc}' is not available for resource type '${type}'. List of available regions for the resource type is '${regions.join(',')}'.`,
    ),
  /** 412 for If-Match / If-None-Match failures [rpc-resource] (message U). */
  preconditionFailed: (why: string) => new ArmError(412, 'PreconditionFailed', why),
  /**
   * Known namespace, unknown type: code and 404 real (cloudquery/cloudquery#6629, Azure/azure-sdk-for-js#15460);
   * the real message names the type and lists the supported versions (#15460) or omits the type (#6629) (U).
   */
  invalidResourceType: (type: string, namespace: string, apiVersion: string) =>
    new ArmError(404, 'InvalidResourceType', `The resource type '${type}' could not be found in the namespace '${namespace}' for api version '${apiVersion}'.`),
  /** Unknown namespace (U). */
  invalidResourceNamespace: (namespace: string) => new ArmError(404, 'InvalidResourceNamespace', `The resource namespace '${namespace}' is invalid.`),
  /** Paths outside ARM's URL space (U). */
  noRoute: (path: string) => new ArmError(404, 'NotFound', `No HTTP resource was found that matches the request URI '${path}'.`),
  methodNotAllowed: (method: string, type: string) =>
    new ArmError(405, 'MethodNotAllowed', `The requested resource does not support http method '${method}' for type '${type}'.`),
  /** 429 [doc-throttle]; message U. */
  tooManyRequests: (retryAfterSeconds: number, what: string) =>
    new ArmError(
      429,
      'TooManyRequests',
      `Number of ${what} requests for subscription exceeded the limit. Please try again after '${retryAfterSeconds}' seconds.`,
      { headers: { 'Retry-After': String(retryAfterSeconds) } },
    ),
  internalServerError: () => new ArmError(500, 'InternalServerError', 'Encountered internal server error. Diagnostic information: emulator fault injection.'),
  serviceUnavailable: (retryAfterSeconds: number) =>
    new ArmError(503, 'ServiceUnavailable', 'The server is currently unable to handle the request. Please try again later.', {
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }),
  invalidFilter: (filter: string) => new ArmError(400, 'InvalidFilterInQueryString', `The filter '${filter}' is not supported by the emulator.`),
  badRequest: (code: string, message: string, target?: string) => new ArmError(400, code, message, { target }),
} as const;
