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
};
