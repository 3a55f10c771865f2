/**
 * Published api-versions of the Microsoft.App types the emulator serves, newest first: the
 * version folders of the official REST API specs (Azure/azure-rest-api-specs), vendored from azprov's design
 * data `api-versions.json` of 2026-12-04 (how it was made and its limits: `api-versions.md` beside it).
 * `.ci/check-api-versions.mjs` fails when this table and that file differ. `extra`: versions accepted
 * beyond the file, each with its source. Entries with a `note` and no counterpart in the file say why.
 */
import type { ApiVersionTable } from '../../api-versions.js';

export const API_VERSIONS = {
  'Microsoft.App/managedEnvironments': {
    stable: ['2026-07-01', '2025-07-01', '2025-01-01', '2024-03-01', '2023-05-01', '2022-10-01', '2022-03-01'],
    preview: ['2026-03-02-preview', '2025-10-02-preview', '2025-02-02-preview', '2024-10-02-preview',
      '2024-08-02-preview', '2024-02-02-preview', '2023-11-02-preview', '2023-08-01-preview', '2023-05-02-preview',
      '2023-04-01-preview', '2022-11-01-preview', '2022-06-01-preview', '2022-01-01-preview'],
  },
  'Microsoft.App/managedEnvironments/daprComponents': {
    stable: ['2026-07-01', '2025-07-01', '2025-01-01', '2024-03-01', '2023-05-01', '2022-10-01', '2022-03-01'],
    preview: ['2026-03-02-preview', '2025-10-02-preview', '2025-02-02-preview', '2024-10-02-preview',
      '2024-08-02-preview', '2024-02-02-preview', '2023-11-02-preview', '2023-08-01-preview', '2023-05-02-preview',
      '2023-04-01-preview', '2022-11-01-preview', '2022-06-01-preview', '2022-01-01-preview'],
  },
  'Microsoft.App/containerApps': {
    stable: ['2026-07-01', '2025-07-01', '2025-01-01', '2024-03-01', '2023-05-01', '2022-10-01', '2022-03-01'],
    preview: ['2026-03-02-preview', '2025-10-02-preview', '2025-02-02-preview', '2024-10-02-preview',
      '2024-08-02-preview', '2024-02-02-preview', '2023-11-02-preview', '2023-08-01-preview', '2023-05-02-preview',
      '2023-04-01-preview', '2022-11-01-preview', '2022-06-01-preview', '2022-01-01-preview'],
  },
  'Microsoft.App/containerApps/revisions': {
    stable: ['2026-07-01', '2025-07-01', '2025-01-01', '2024-03-01', '2023-05-01', '2022-10-01', '2022-03-01'],
    preview: ['2026-03-02-preview', '2025-10-02-preview', '2025-02-02-preview', '2024-10-02-preview',
      '2024-08-02-preview', '2024-02-02-preview', '2023-11-02-preview', '2023-08-01-preview', '2023-05-02-preview',
      '2023-04-01-preview', '2022-11-01-preview', '2022-06-01-preview', '2022-01-01-preview'],
  },
} as const satisfies ApiVersionTable;
