/**
 * Published api-versions of the Microsoft.Authorization types the emulator serves, newest first: the
 * version folders of the official REST API specs (Azure/azure-rest-api-specs), vendored from azprov's design
 * data `api-versions.json` of 2026-12-04 (how it was made and its limits: `api-versions.md` beside it).
 * `.ci/check-api-versions.mjs` fails when this table and that file differ. `extra`: versions accepted
 * beyond the file, each with its source. Entries with a `note` and no counterpart in the file say why.
 */
import type { ApiVersionTable } from '../../api-versions.js';

export const API_VERSIONS = {
  'Microsoft.Authorization/roleAssignments': {
    stable: ['2022-04-01', '2015-07-01'],
    preview: ['2020-10-01-preview', '2020-08-01-preview', '2020-04-01-preview', '2020-03-01-preview',
      '2018-09-01-preview', '2018-01-01-preview', '2017-10-01-preview'],
  },
  'Microsoft.Authorization/roleDefinitions': {
    stable: ['2022-04-01', '2015-07-01'],
    preview: ['2022-05-01-preview', '2018-01-01-preview'],
  },
  'Microsoft.Authorization/policyAssignments': {
    stable: ['2025-11-01', '2025-03-01', '2025-01-01', '2024-05-01', '2024-04-01', '2023-04-01', '2022-06-01', '2021-06-01', '2020-09-01',
      '2020-03-01', '2019-09-01', '2019-06-01', '2019-01-01', '2018-05-01', '2018-03-01', '2016-12-01', '2016-04-01'],
    preview: ['2017-06-01-preview', '2015-10-01-preview'],
  },
  'Microsoft.Authorization/policyDefinitions': {
    stable: ['2025-11-01', '2025-03-01', '2025-01-01', '2024-05-01', '2023-04-01', '2021-06-01', '2020-09-01', '2020-03-01', '2019-09-01',
      '2019-06-01', '2019-01-01', '2018-05-01', '2018-03-01', '2016-12-01', '2016-04-01'],
    preview: ['2015-10-01-preview'],
  },
  'Microsoft.Authorization/policySetDefinitions': {
    stable: ['2025-11-01', '2025-03-01', '2025-01-01', '2024-05-01', '2023-04-01', '2021-06-01', '2020-09-01', '2020-03-01', '2019-09-01',
      '2019-06-01', '2019-01-01', '2018-05-01', '2018-03-01'],
    preview: ['2017-06-01-preview'],
    note:
      '(U) not in api-versions.json: the versions of the policy definitions (same spec folder and readme tags), from 2017-06-01-preview ' +
      'on, when initiatives appeared; 2025-03-01 is confirmed by the spec openapi.json (PolicySetDefinitions_*).',
  },
} as const satisfies ApiVersionTable;
