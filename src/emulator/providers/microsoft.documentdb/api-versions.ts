/**
 * Published api-versions of the Microsoft.DocumentDB types the emulator serves, newest first: the
 * version folders of the official REST API specs (Azure/azure-rest-api-specs), vendored from azprov's design
 * data `api-versions.json` of 2026-12-04 (how it was made and its limits: `api-versions.md` beside it).
 * `.ci/check-api-versions.mjs` fails when this table and that file differ. `extra`: versions accepted
 * beyond the file, each with its source. Entries with a `note` and no counterpart in the file say why.
 */
import type { ApiVersionTable } from '../../api-versions.js';

export const API_VERSIONS = {
  'Microsoft.DocumentDB/databaseAccounts': {
    stable: ['2026-07-15', '2026-03-15', '2025-10-15', '2025-04-15', '2024-11-15', '2024-08-15', '2024-05-15',
      '2023-11-15', '2023-09-15', '2023-04-15', '2023-03-15', '2022-11-15', '2022-08-15', '2022-05-15', '2021-10-15',
      '2021-06-15', '2021-05-15', '2021-04-15', '2021-03-15', '2021-01-15', '2020-09-01', '2020-04-01', '2020-03-01',
      '2019-12-12', '2019-08-01', '2016-03-31', '2016-03-19', '2015-11-06', '2015-04-08', '2014-04-01'],
    preview: ['2026-04-01-preview', '2025-11-01-preview', '2025-05-01-preview', '2024-12-01-preview',
      '2024-09-01-preview', '2024-05-15-preview', '2024-02-15-preview', '2023-11-15-preview', '2023-09-15-preview',
      '2023-03-15-preview', '2023-03-01-preview', '2022-11-15-preview', '2022-08-15-preview', '2022-05-15-preview',
      '2022-02-15-preview', '2021-11-15-preview', '2021-10-15-preview', '2021-07-01-preview', '2021-04-01-preview',
      '2021-03-01-preview', '2020-06-01-preview'],
  },
  'Microsoft.DocumentDB/databaseAccounts/sqlDatabases': {
    stable: ['2026-07-15', '2026-03-15', '2025-10-15', '2025-04-15', '2024-11-15', '2024-08-15', '2024-05-15',
      '2023-11-15', '2023-09-15', '2023-04-15', '2023-03-15', '2022-11-15', '2022-08-15', '2022-05-15', '2021-10-15',
      '2021-06-15', '2021-05-15', '2021-04-15', '2021-03-15', '2021-01-15', '2020-09-01', '2020-04-01', '2020-03-01',
      '2019-12-12', '2019-08-01'],
    preview: ['2026-04-01-preview', '2025-11-01-preview', '2025-05-01-preview', '2024-12-01-preview',
      '2024-09-01-preview', '2024-05-15-preview', '2024-02-15-preview', '2023-11-15-preview', '2023-09-15-preview',
      '2023-03-15-preview', '2023-03-01-preview', '2022-11-15-preview', '2022-08-15-preview', '2022-05-15-preview',
      '2022-02-15-preview', '2021-11-15-preview', '2021-10-15-preview', '2021-07-01-preview', '2021-04-01-preview',
      '2021-03-01-preview', '2020-06-01-preview'],
  },
  'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers': {
    stable: ['2026-07-15', '2026-03-15', '2025-10-15', '2025-04-15', '2024-11-15', '2024-08-15', '2024-05-15',
      '2023-11-15', '2023-09-15', '2023-04-15', '2023-03-15', '2022-11-15', '2022-08-15', '2022-05-15', '2021-10-15',
      '2021-06-15', '2021-05-15', '2021-04-15', '2021-03-15', '2021-01-15', '2020-09-01', '2020-04-01', '2020-03-01',
      '2019-12-12', '2019-08-01'],
    preview: ['2026-04-01-preview', '2025-11-01-preview', '2025-05-01-preview', '2024-12-01-preview',
      '2024-09-01-preview', '2024-05-15-preview', '2024-02-15-preview', '2023-11-15-preview', '2023-09-15-preview',
      '2023-03-15-preview', '2023-03-01-preview', '2022-11-15-preview', '2022-08-15-preview', '2022-05-15-preview',
      '2022-02-15-preview', '2021-11-15-preview', '2021-10-15-preview', '2021-07-01-preview', '2021-04-01-preview',
      '2021-03-01-preview', '2020-06-01-preview'],
  },
  'Microsoft.DocumentDB/databaseAccounts/sqlRoleDefinitions': {
    stable: ['2026-07-15', '2026-03-15', '2025-10-15', '2025-04-15', '2024-11-15', '2024-08-15', '2024-05-15',
      '2023-11-15', '2023-09-15', '2023-04-15', '2023-03-15', '2022-11-15', '2022-08-15', '2022-05-15', '2021-10-15',
      '2021-06-15', '2021-05-15', '2021-04-15'],
    preview: ['2026-04-01-preview', '2025-11-01-preview', '2025-05-01-preview', '2024-12-01-preview',
      '2024-09-01-preview', '2024-05-15-preview', '2024-02-15-preview', '2023-11-15-preview', '2023-09-15-preview',
      '2023-03-15-preview', '2023-03-01-preview', '2022-11-15-preview', '2022-08-15-preview', '2022-05-15-preview',
      '2022-02-15-preview', '2021-11-15-preview', '2021-10-15-preview', '2021-07-01-preview', '2021-04-01-preview',
      '2021-03-01-preview', '2020-06-01-preview'],
  },
  'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments': {
    stable: ['2026-07-15', '2026-03-15', '2025-10-15', '2025-04-15', '2024-11-15', '2024-08-15', '2024-05-15',
      '2023-11-15', '2023-09-15', '2023-04-15', '2023-03-15', '2022-11-15', '2022-08-15', '2022-05-15', '2021-10-15',
      '2021-06-15', '2021-05-15', '2021-04-15'],
    preview: ['2026-04-01-preview', '2025-11-01-preview', '2025-05-01-preview', '2024-12-01-preview',
      '2024-09-01-preview', '2024-05-15-preview', '2024-02-15-preview', '2023-11-15-preview', '2023-09-15-preview',
      '2023-03-15-preview', '2023-03-01-preview', '2022-11-15-preview', '2022-08-15-preview', '2022-05-15-preview',
      '2022-02-15-preview', '2021-11-15-preview', '2021-10-15-preview', '2021-07-01-preview', '2021-04-01-preview',
      '2021-03-01-preview', '2020-06-01-preview'],
  },
  'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/throughputSettings': {
    stable: ['2026-07-15', '2026-03-15', '2025-10-15', '2025-04-15', '2024-11-15', '2024-08-15', '2024-05-15',
      '2023-11-15', '2023-09-15', '2023-04-15', '2023-03-15', '2022-11-15', '2022-08-15', '2022-05-15', '2021-10-15',
      '2021-06-15', '2021-05-15', '2021-04-15', '2021-03-15', '2021-01-15', '2020-09-01', '2020-04-01', '2020-03-01',
      '2019-12-12', '2019-08-01'],
    preview: ['2026-04-01-preview', '2025-11-01-preview', '2025-05-01-preview', '2024-12-01-preview',
      '2024-09-01-preview', '2024-05-15-preview', '2024-02-15-preview', '2023-11-15-preview', '2023-09-15-preview',
      '2023-03-15-preview', '2023-03-01-preview', '2022-11-15-preview', '2022-08-15-preview', '2022-05-15-preview',
      '2022-02-15-preview', '2021-11-15-preview', '2021-10-15-preview', '2021-07-01-preview', '2021-04-01-preview',
      '2021-03-01-preview', '2020-06-01-preview'],
    note: '(U) not in api-versions.json: the sqlDatabases list, as the same spec file (cosmos-db.json) defines both.',
  },
} as const satisfies ApiVersionTable;
