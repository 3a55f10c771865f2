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

/**
 * Container apps: `Azure-AsyncOperation` → `…/locations/{loc}/containerappOperationStatuses/{id}` as recorded
 * [rec-x-ps-containerapp] (the real URL is signed with `t`/`c`/`s`/`h` query parameters; the emulator's is not);
 * `Location` → `…/containerappOperationResults/{id}` (U: shape assumed by analogy).
 */
export const containerAppStatusPath = (c: PathContext) =>
  `/subscriptions/${c.subscriptionId}/providers/Microsoft.App/locations/${c.location}/containerappOperationStatuses/${c.opId}`;
export const containerAppResultPath = (c: PathContext) =>
  `/subscriptions/${c.subscriptionId}/providers/Microsoft.App/locations/${c.location}/containerappOperationResults/${c.opId}`;
