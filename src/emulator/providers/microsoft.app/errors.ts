import { ArmError } from '../../errors.js';

/** Microsoft.App errors. All (U) unless marked: the service's codes for these checks are not pinned. */
export const appErrors = {
  /**
   * (U) Modeled on the verified ContainerAppInvalidName message [issue-aspire-1094]; the environment rule
   * (lower case, digits, '-', start with a letter, end alphanumeric, 2–60) is itself (U), arm-facts §4.1.
   */
  invalidEnvironmentName: (name: string) =>
    new ArmError(
      400,
      'ManagedEnvironmentInvalidName',
      `Invalid ManagedEnvironment name '${name}'. A name must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character and cannot have '--'. The length must be between 2 and 60 characters inclusive.`,
      { target: 'environmentName' },
    ),
  /** (U) */
  missingLogAnalyticsConfiguration: () =>
    new ArmError(
      400,
      'InvalidLogAnalyticsConfiguration',
      "appLogsConfiguration.logAnalyticsConfiguration with customerId and sharedKey is required when the destination is 'log-analytics'.",
      { target: 'properties.appLogsConfiguration.logAnalyticsConfiguration' },
    ),
  /** (U) */
  workspaceNotFound: (customerId: string) =>
    new ArmError(400, 'LogAnalyticsWorkspaceNotFound', `The Log Analytics workspace with customer id '${customerId}' could not be found.`, {
      target: 'properties.appLogsConfiguration.logAnalyticsConfiguration.customerId',
    }),
  /** (U) */
  invalidSharedKey: (customerId: string) =>
    new ArmError(400, 'InvalidLogAnalyticsSharedKey', `The shared key given for the Log Analytics workspace with customer id '${customerId}' is not valid.`, {
      target: 'properties.appLogsConfiguration.logAnalyticsConfiguration.sharedKey',
    }),
  /** (U) */
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
  /** Code real [issue-aspire] (arm-facts §4.1); status 409 and message (U). */
  environmentOperationInProgress: (env: string) =>
    new ArmError(409, 'ManagedEnvironmentOperationInProgress', `An operation is in progress on the managed environment '${env}'. Please retry after it completes.`),
};

/** Dapr component errors [spec-app] (arm-facts §4.4): all codes and messages (U). */
export const daprErrors = {
  invalidName: (name: string) =>
    new ArmError(
      400,
      'DaprComponentInvalidName',
      `Invalid Dapr component name '${name}'. A name must consist of lower case alphanumeric characters or '-', start and end with an alphanumeric character, and be at most 60 characters.`,
      { target: 'componentName' },
    ),
  invalid: (target: string, message: string) => new ArmError(400, 'DaprComponentInvalidProperty', message, { target }),
  secretRefNotFound: (component: string, ref: string, metadata: string) =>
    new ArmError(
      400,
      'DaprComponentSecretNotFound',
      `Dapr component '${component}': metadata '${metadata}' references the secret '${ref}', which is not defined in the component's secrets.`,
      { target: 'properties.metadata' },
    ),
  secretStoreNotFound: (component: string, store: string) =>
    new ArmError(
      400,
      'DaprComponentSecretStoreNotFound',
      `Dapr component '${component}': the secret store component '${store}' does not exist in the managed environment.`,
      { target: 'properties.secretStoreComponent' },
    ),
};
