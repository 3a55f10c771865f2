/**
 * Published api-versions of the Microsoft.Resources types the emulator serves, newest first: the
 * version folders of the official REST API specs (Azure/azure-rest-api-specs), vendored from azprov's design
 * data `api-versions.json` of 2026-12-04 (how it was made and its limits: `api-versions.md` beside it).
 * `.ci/check-api-versions.mjs` fails when this table and that file differ. `extra`: versions accepted
 * beyond the file, each with its source. Entries with a `note` and no counterpart in the file say why.
 */
import type { ApiVersionTable } from '../../api-versions.js';

export const API_VERSIONS = {
  'Microsoft.Resources/resourceGroups': {
    stable: ['2025-04-01', '2025-03-01', '2024-11-01', '2024-07-01', '2024-03-01', '2023-07-01', '2022-09-01',
      '2021-04-01', '2021-01-01', '2020-10-01', '2020-08-01', '2020-06-01', '2019-10-01', '2019-08-01', '2019-07-01',
      '2019-05-10', '2019-05-01', '2019-03-01', '2018-05-01', '2018-02-01', '2017-05-10', '2016-09-01', '2016-07-01',
      '2016-02-01', '2015-11-01'],
    preview: [],
  },
  'Microsoft.Resources/subscriptions': {
    stable: ['2022-12-01', '2021-01-01', '2020-01-01', '2019-11-01', '2019-06-01', '2018-06-01', '2016-06-01',
      '2015-11-01'],
    preview: [],
  },
} as const satisfies ApiVersionTable;
