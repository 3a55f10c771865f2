import type { PathContext } from '../../tracked.js';

/**
 * Operation URLs of Microsoft.App: `Azure-AsyncOperation` →
 * `…/providers/Microsoft.App/locations/{loc}/managedEnvironmentOperationStatuses/{id}` (as the brief and the
 * container-app recording's `containerappOperationStatuses` [rec-x-ps-containerapp] show), `Location` →
 * `…/managedEnvironmentOperationResults/{id}` (U: shape assumed by analogy).
 */
export const environmentStatusPath = (c: PathContext) =>
  `/subscriptions/${c.subscriptionId}/providers/Microsoft.App/locations/${c.location}/managedEnvironmentOperationStatuses/${c.opId}`;
export const environmentResultPath = (c: PathContext) =>
  `/subscriptions/${c.subscriptionId}/providers/Microsoft.App/locations/${c.location}/managedEnvironmentOperationResults/${c.opId}`;
