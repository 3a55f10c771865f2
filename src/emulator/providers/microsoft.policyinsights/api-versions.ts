/**
 * Published api-versions of the Microsoft.PolicyInsights types the emulator serves. Not in azprov's design data
 * `api-versions.json`: taken from the official spec vendored in `../shared/azure-specs`
 * (`specification/policyinsights/resource-manager/Microsoft.PolicyInsights/stable/2024-10-01/policyStates.json`).
 */
import type { ApiVersionTable } from '../../api-versions.js';

export const API_VERSIONS = {
  'Microsoft.PolicyInsights/policyStates': {
    stable: ['2024-10-01'],
    preview: [],
    note: '(U) not in api-versions.json; 2024-10-01 from the spec policyStates.json. Older published versions (2019-10-01, 2018-04-04, …) are not listed: not checked against the specs.',
  },
} as const satisfies ApiVersionTable;
