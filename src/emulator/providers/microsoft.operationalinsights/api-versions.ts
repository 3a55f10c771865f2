/**
 * Published api-versions of the Microsoft.OperationalInsights types the emulator serves, newest first: the
 * version folders of the official REST API specs (Azure/azure-rest-api-specs), vendored from azprov's design
 * data `api-versions.json` of 2026-12-04 (how it was made and its limits: `api-versions.md` beside it).
 * `.ci/check-api-versions.mjs` fails when this table and that file differ. `extra`: versions accepted
 * beyond the file, each with its source. Entries with a `note` and no counterpart in the file say why.
 */
import type { ApiVersionTable } from '../../api-versions.js';

export const API_VERSIONS = {
  'Microsoft.OperationalInsights/workspaces': {
    stable: ['2026-03-01', '2025-07-01', '2025-02-01', '2023-09-01', '2022-10-01', '2021-06-01', '2020-10-01',
      '2020-08-01', '2015-03-20'],
    preview: ['2021-12-01-preview', '2020-03-01-preview', '2019-08-01-preview', '2015-11-01-preview'],
  },
} as const satisfies ApiVersionTable;
