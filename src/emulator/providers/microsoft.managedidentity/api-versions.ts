/**
 * Published api-versions of the Microsoft.ManagedIdentity types the emulator serves, newest first: the
 * version folders of the official REST API specs (Azure/azure-rest-api-specs), vendored from azprov's design
 * data `api-versions.json` of 2026-12-04 (how it was made and its limits: `api-versions.md` beside it).
 * `.ci/check-api-versions.mjs` fails when this table and that file differ. `extra`: versions accepted
 * beyond the file, each with its source. Entries with a `note` and no counterpart in the file say why.
 */
import type { ApiVersionTable } from '../../api-versions.js';

export const API_VERSIONS = {
  'Microsoft.ManagedIdentity/userAssignedIdentities': {
    stable: ['2026-05-31', '2026-04-30', '2024-11-30', '2023-01-31', '2018-11-30'],
    preview: ['2025-05-31-preview', '2025-01-31-preview', '2023-07-31-preview', '2022-01-31-preview',
      '2021-09-30-preview', '2015-08-31-preview'],
  },
} as const satisfies ApiVersionTable;
