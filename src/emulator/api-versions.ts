/**
 * Accepted api-versions per resource type: at least the version the pinned SDK sends and older ones in
 * wide use (the Azure CLI 2.45 sends resource groups 2021-04-01, subscriptions 2019-11-01 — arm-facts,
 * "What real clients require"). Lists not checked one by one against ARM's provider metadata are (U).
 */

/** @azure/arm-resources 7.0.0 sends 2025-04-01 [spec-rg]; older ones (U). */
export const RESOURCES_API_VERSIONS = [
  '2019-10-01', '2020-06-01', '2020-10-01', '2021-01-01', '2021-04-01', '2022-09-01', '2023-07-01', '2024-03-01',
  '2024-07-01', '2024-11-01', '2025-01-01', '2025-03-01', '2025-04-01',
] as const;

/** Subscriptions / tenants (Microsoft.Resources): CLI 2019-11-01; SDK arm-resources-subscriptions 2022-12-01 (U for the rest). */
export const SUBSCRIPTIONS_API_VERSIONS = ['2016-06-01', '2018-06-01', '2019-06-01', '2019-11-01', '2020-01-01', '2021-01-01', '2022-12-01'] as const;

/** Workspaces: 2022-10-01 is what arm-operationalinsights 9.0.0 sends [spec-la]; the others (U). */
export const WORKSPACE_API_VERSIONS = ['2015-11-01-preview', '2020-03-01-preview', '2020-08-01', '2020-10-01', '2021-06-01', '2022-10-01', '2023-09-01', '2025-02-01', '2025-07-01'] as const;

/** Microsoft.App: 2025-07-01 is what arm-appcontainers 3.0.0 sends [spec-app]; the others (U). */
export const APP_API_VERSIONS = ['2022-03-01', '2022-10-01', '2023-05-01', '2024-03-01', '2025-01-01', '2025-07-01', '2026-07-01'] as const;

export function isSupported(versions: readonly string[], v: string): boolean {
  return versions.some((x) => x.toLowerCase() === v.toLowerCase());
}

/** Newest first, as ARM lists them in error messages. */
export function newestFirst(versions: readonly string[]): string[] {
  return [...versions].sort().reverse();
}
