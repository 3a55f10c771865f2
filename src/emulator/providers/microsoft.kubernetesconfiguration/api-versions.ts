/**
 * Published api-versions of the Microsoft.KubernetesConfiguration types the emulator serves, newest first: the
 * version folders of the official REST API specs (Azure/azure-rest-api-specs), vendored from azprov's design
 * data `api-versions.json` of 2026-12-04 (how it was made and its limits: `api-versions.md` beside it).
 * `.ci/check-api-versions.mjs` fails when this table and that file differ.
 */
import type { ApiVersionTable } from '../../api-versions.js';

export const API_VERSIONS = {
  'Microsoft.KubernetesConfiguration/extensions': {
    stable: ['2025-03-01', '2024-11-01', '2023-05-01', '2022-11-01', '2022-07-01', '2022-03-01', '2021-09-01'],
    preview: ['2024-11-02-preview', '2022-01-01-preview', '2021-11-01-preview', '2021-05-01-preview', '2020-07-01-preview'],
  },
  'Microsoft.KubernetesConfiguration/fluxConfigurations': {
    stable: ['2025-04-01', '2024-11-01', '2023-05-01', '2022-11-01', '2022-07-01', '2022-03-01'],
    preview: ['2026-07-01-preview', '2022-01-01-preview', '2021-11-01-preview'],
  },
} as const satisfies ApiVersionTable;
