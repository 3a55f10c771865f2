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
} as const satisfies ApiVersionTable;
