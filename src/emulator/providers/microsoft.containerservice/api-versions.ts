/**
 * Published api-versions of the Microsoft.ContainerService types the emulator serves, newest first: the
 * version folders of the official REST API specs (Azure/azure-rest-api-specs), vendored from azprov's design
 * data `api-versions.json` of 2026-12-04 (how it was made and its limits: `api-versions.md` beside it).
 * `.ci/check-api-versions.mjs` fails when this table and that file differ. `extra`: versions accepted
 * beyond the file, each with its source. Entries with a `note` and no counterpart in the file say why.
 */
import type { ApiVersionTable } from '../../api-versions.js';

export const API_VERSIONS = {
  'Microsoft.ContainerService/managedClusters': {
    stable: ['2026-06-01', '2026-04-01', '2025-10-01', '2024-07-01', '2024-05-01', '2024-02-01', '2024-01-01',
      '2023-11-01', '2023-10-01', '2023-09-01', '2023-08-01', '2023-07-01', '2023-06-01', '2023-05-01', '2023-04-01',
      '2023-03-01', '2023-02-01', '2023-01-01', '2022-11-01', '2022-09-01', '2022-07-01', '2022-06-01', '2022-04-01',
      '2022-03-01', '2022-02-01', '2022-01-01', '2021-10-01', '2021-09-01', '2021-08-01', '2021-07-01', '2021-05-01',
      '2021-03-01', '2021-02-01', '2020-12-01', '2020-11-01', '2020-09-01', '2020-07-01', '2020-06-01', '2020-04-01',
      '2020-03-01', '2020-02-01', '2020-01-01', '2019-11-01', '2019-10-01', '2019-08-01', '2019-06-01', '2019-04-01',
      '2019-02-01', '2018-03-31', '2017-08-31'],
    preview: ['2025-10-02-preview', '2024-06-02-preview', '2024-05-02-preview', '2024-04-02-preview',
      '2024-03-02-preview', '2024-02-02-preview', '2024-01-02-preview', '2023-11-02-preview', '2023-10-02-preview',
      '2023-09-02-preview', '2023-08-02-preview', '2023-07-02-preview', '2023-06-02-preview', '2023-05-02-preview',
      '2023-04-02-preview', '2023-03-02-preview', '2023-02-02-preview', '2023-01-02-preview', '2022-11-02-preview',
      '2022-10-02-preview', '2022-09-02-preview', '2022-08-03-preview', '2022-08-02-preview', '2022-07-02-preview',
      '2022-06-02-preview', '2022-05-02-preview', '2022-04-02-preview', '2022-03-02-preview', '2022-02-02-preview',
      '2022-01-02-preview', '2021-11-01-preview', '2018-08-01-preview'],
    extra: ['2025-09-01', '2025-08-01', '2025-07-01', '2025-06-01', '2025-05-01', '2025-04-01', '2025-03-01',
      '2025-02-01', '2025-01-01', '2024-10-01', '2024-09-01', '2024-08-01'],
    extraSource: "api-versions.json's knownGap (2024-07-01 to 2025-10-01: published, not in the index): 2025-07-01 is recorded [rec-2]; the others (U), AKS's monthly stable releases the emulator accepted before.",
  },
  'Microsoft.ContainerService/managedClusters/commandResults': {
    stable: ['2026-06-01', '2026-04-01', '2025-10-01', '2024-07-01', '2024-05-01', '2024-02-01', '2024-01-01',
      '2023-11-01', '2023-10-01', '2023-09-01', '2023-08-01', '2023-07-01', '2023-06-01', '2023-05-01', '2023-04-01',
      '2023-03-01', '2023-02-01', '2023-01-01', '2022-11-01', '2022-09-01', '2022-07-01', '2022-06-01', '2022-04-01',
      '2022-03-01', '2022-02-01', '2022-01-01', '2021-10-01', '2021-09-01', '2021-08-01', '2021-07-01', '2021-05-01',
      '2021-03-01', '2021-02-01', '2020-12-01', '2020-11-01', '2020-09-01', '2020-07-01', '2020-06-01', '2020-04-01',
      '2020-03-01', '2020-02-01', '2020-01-01', '2019-11-01', '2019-10-01', '2019-08-01', '2019-06-01', '2019-04-01',
      '2019-02-01', '2018-03-31', '2017-08-31'],
    preview: ['2025-10-02-preview', '2024-06-02-preview', '2024-05-02-preview', '2024-04-02-preview',
      '2024-03-02-preview', '2024-02-02-preview', '2024-01-02-preview', '2023-11-02-preview', '2023-10-02-preview',
      '2023-09-02-preview', '2023-08-02-preview', '2023-07-02-preview', '2023-06-02-preview', '2023-05-02-preview',
      '2023-04-02-preview', '2023-03-02-preview', '2023-02-02-preview', '2023-01-02-preview', '2022-11-02-preview',
      '2022-10-02-preview', '2022-09-02-preview', '2022-08-03-preview', '2022-08-02-preview', '2022-07-02-preview',
      '2022-06-02-preview', '2022-05-02-preview', '2022-04-02-preview', '2022-03-02-preview', '2022-02-02-preview',
      '2022-01-02-preview', '2021-11-01-preview', '2018-08-01-preview'],
    extra: ['2025-09-01', '2025-08-01', '2025-07-01', '2025-06-01', '2025-05-01', '2025-04-01', '2025-03-01',
      '2025-02-01', '2025-01-01', '2024-10-01', '2024-09-01', '2024-08-01'],
    extraSource: "api-versions.json's knownGap (2024-07-01 to 2025-10-01: published, not in the index): 2025-07-01 is recorded [rec-2]; the others (U), AKS's monthly stable releases the emulator accepted before.",
    note: '(U) not in api-versions.json: the managedClusters list, as the same spec file (managedClusters.json) defines runCommand and its results.',
  },
} as const satisfies ApiVersionTable;
