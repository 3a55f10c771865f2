import { ArmError } from '../../errors.js';

/** Microsoft.App errors. All (U) unless marked: the service's codes for these checks are not pinned. */
export const appErrors = {
  /**
   * Code and message real (Azure/azure-cli-extensions#5555: `The environment name charris_wagtail_bakery is
   * invalid.`); the character rule behind it (lower case, digits, '-', start with a letter, end alphanumeric, no
   * '--') follows the app and Dapr rules the service words out; the 2–60 length is (U), arm-facts §4.1/§13.
   */
  invalidEnvironmentName: (name: string) =>
    new ArmError(400, 'ManagedEnvironmentInvalidName', `The environment name ${name} is invalid.`, { target: 'environmentName' }),
  /**
   * Code and message real (microsoft/azure-container-apps#990, hashicorp/terraform-provider-azurerm#29244): a new
   * environment without the shared key; an existing one keeps its key (#990 again).
   */
  missingLogAnalyticsConfiguration: () =>
    new ArmError(400, 'InvalidRequestParameterWithDetails', 'LogAnalyticsConfiguration is invalid.  Must provide a valid LogAnalyticsConfiguration', {
      target: 'properties.appLogsConfiguration.logAnalyticsConfiguration',
    }),
  /** Code and message real (Azure/azure-cli#27098, microsoft/azure-container-apps#109, #126, Azure/azure-cli#22914). */
  customerIdNotGuid: () =>
    new ArmError(400, 'InvalidRequestParameterWithDetails', 'LogAnalyticsConfiguration.CustomerId is invalid.  CustomerId must be a GUID without additional whiteSpace.', {
      target: 'properties.appLogsConfiguration.logAnalyticsConfiguration.customerId',
    }),
  /** No source shows how the service answers a GUID that names no workspace: rule, code and wording (U). */
  workspaceNotFound: (customerId: string) =>
    new ArmError(400, 'LogAnalyticsWorkspaceNotFound', `The Log Analytics workspace with customer id '${customerId}' could not be found.`, {
      target: 'properties.appLogsConfiguration.logAnalyticsConfiguration.customerId',
    }),
  /** No source shows whether the service checks the key on PUT: rule, code and wording (U). */
  invalidSharedKey: (customerId: string) =>
    new ArmError(400, 'InvalidLogAnalyticsSharedKey', `The shared key given for the Log Analytics workspace with customer id '${customerId}' is not valid.`, {
      target: 'properties.appLogsConfiguration.logAnalyticsConfiguration.sharedKey',
    }),
  /** Values from the spec's description of `destination` [spec-app]; code and wording (U). */
  invalidDestination: (d: unknown) =>
    new ArmError(400, 'InvalidAppLogsDestination', `The app logs destination '${String(d)}' is invalid. Allowed values are 'log-analytics', 'azure-monitor' and 'none'.`, {
      target: 'properties.appLogsConfiguration.destination',
    }),
  /**
   * Code and message real: quoted in public teardown notes (e.g. "ManagedEnvironmentHasContainerApps: The specified
   * environment <env> cannot be deleted because it still contains N ContainerApps"); status 409 as the sibling
   * `ManagedEnvironmentHasContainerAppsJobs` answers it (crossplane-contrib/provider-upjet-azure example notes) and
   * `ManagedEnvironmentHasBuilders` words it [issue-aca-1012]. No issue thread pinned for the exact code (U).
   */
  environmentHasApps: (env: string, n: number) =>
    new ArmError(409, 'ManagedEnvironmentHasContainerApps', `The specified environment ${env} cannot be deleted because it still contains ${n} ContainerApps.`),
  /** Code and message real [issue-aca-868]; HTTP status 400 (U). */
  environmentNotProvisioned: (envId: string) =>
    new ArmError(400, 'ManagedEnvironmentNotProvisioned', `The environment '${envId}' has not been provisioned successfully.`, { target: 'properties.environmentId' }),
  /** Code [issue-aspire] (arm-facts §4.1) and message real (microsoft/azure-container-apps#1112); status 409 (U). */
  environmentOperationInProgress: (env: string) =>
    new ArmError(409, 'ManagedEnvironmentOperationInProgress', `Cannot modify Container Apps environment ${env} because another operation is in progress.`),
};

/** Dapr component errors [spec-app] (arm-facts §4.4); (U) = code and wording not verified. */
export const daprErrors = {
  /** Code and message real (CommunityToolkit/Aspire#557). */
  invalidName: (name: string) =>
    new ArmError(
      400,
      'DaprComponentInvalidName',
      `Invalid Dapr Component name '${name}'. A name must consist of lower case alphanumeric characters, '-' or '.', start with an alphabetic character, and end with an alphanumeric character and cannot have '--'. The length must not be more than 60 characters.`,
      { target: 'componentName' },
    ),
  /** (U) code and wording. */
  invalid: (target: string, message: string) => new ArmError(400, 'DaprComponentInvalidProperty', message, { target }),
  /** (U) code and wording. */
  secretRefNotFound: (component: string, ref: string, metadata: string) =>
    new ArmError(
      400,
      'DaprComponentSecretNotFound',
      `Dapr component '${component}': metadata '${metadata}' references the secret '${ref}', which is not defined in the component's secrets.`,
      { target: 'properties.metadata' },
    ),
  /** (U) code and wording. */
  secretStoreNotFound: (component: string, store: string) =>
    new ArmError(
      400,
      'DaprComponentSecretStoreNotFound',
      `Dapr component '${component}': the secret store component '${store}' does not exist in the managed environment.`,
      { target: 'properties.secretStoreComponent' },
    ),
};
