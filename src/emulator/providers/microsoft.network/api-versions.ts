/**
 * Published api-versions of the Microsoft.Network types the emulator serves, newest first: the
 * version folders of the official REST API specs (Azure/azure-rest-api-specs), vendored from azprov's design
 * data `api-versions.json` of 2026-12-04 (how it was made and its limits: `api-versions.md` beside it).
 * `.ci/check-api-versions.mjs` fails when this table and that file differ. `extra`: versions accepted
 * beyond the file, each with its source. Entries with a `note` and no counterpart in the file say why.
 */
import type { ApiVersionTable } from '../../api-versions.js';

export const API_VERSIONS = {
  'Microsoft.Network/virtualNetworks': {
    stable: ['2026-01-01', '2025-09-01', '2025-07-01', '2025-05-01', '2025-03-01', '2025-01-01', '2024-10-01',
      '2024-07-01', '2024-05-01', '2024-03-01', '2024-01-01', '2023-11-01', '2023-09-01', '2023-06-01', '2023-05-01',
      '2023-04-01', '2023-02-01', '2022-11-01', '2022-09-01', '2022-07-01', '2022-05-01', '2022-01-01', '2021-08-01',
      '2021-05-01', '2021-03-01', '2021-02-01', '2020-11-01', '2020-08-01', '2020-07-01', '2020-06-01', '2020-05-01',
      '2020-04-01', '2020-03-01', '2019-12-01', '2019-11-01', '2019-09-01', '2019-08-01', '2019-07-01', '2019-06-01',
      '2019-04-01', '2019-02-01', '2018-12-01', '2018-11-01', '2018-10-01', '2018-08-01', '2018-07-01', '2018-06-01',
      '2018-04-01', '2018-02-01', '2018-01-01', '2017-11-01', '2017-10-01', '2017-09-01', '2017-08-01', '2017-06-01',
      '2017-03-01', '2016-12-01', '2016-09-01', '2016-06-01', '2016-03-30', '2015-06-15'],
    preview: ['2015-05-01-preview'],
  },
  'Microsoft.Network/virtualNetworks/subnets': {
    stable: ['2026-01-01', '2025-09-01', '2025-07-01', '2025-05-01', '2025-03-01', '2025-01-01', '2024-10-01',
      '2024-07-01', '2024-05-01', '2024-03-01', '2024-01-01', '2023-11-01', '2023-09-01', '2023-06-01', '2023-05-01',
      '2023-04-01', '2023-02-01', '2022-11-01', '2022-09-01', '2022-07-01', '2022-05-01', '2022-01-01', '2021-08-01',
      '2021-05-01', '2021-03-01', '2021-02-01', '2020-11-01', '2020-08-01', '2020-07-01', '2020-06-01', '2020-05-01',
      '2020-04-01', '2020-03-01', '2019-12-01', '2019-11-01', '2019-09-01', '2019-08-01', '2019-07-01', '2019-06-01',
      '2019-04-01', '2019-02-01', '2018-12-01', '2018-11-01', '2018-10-01', '2018-08-01', '2018-07-01', '2018-06-01',
      '2018-04-01', '2018-02-01', '2018-01-01', '2017-11-01', '2017-10-01', '2017-09-01', '2017-08-01', '2017-06-01',
      '2017-03-01', '2016-12-01', '2016-09-01', '2016-06-01', '2016-03-30', '2015-06-15'],
    preview: ['2015-05-01-preview'],
  },
  'Microsoft.Network/privateDnsZones': {
    stable: ['2024-06-01', '2020-06-01', '2020-01-01', '2018-09-01'],
    preview: ['2026-06-01-preview'],
  },
  'Microsoft.Network/privateDnsZones/virtualNetworkLinks': {
    stable: ['2024-06-01', '2020-06-01', '2020-01-01', '2018-09-01'],
    preview: ['2026-06-01-preview'],
  },
  'Microsoft.Network/privateDnsZones/A': {
    stable: ['2024-06-01', '2020-06-01', '2020-01-01', '2018-09-01'],
    preview: ['2026-06-01-preview'],
  },
  'Microsoft.Network/privateDnsZones/AAAA': {
    stable: ['2024-06-01', '2020-06-01', '2020-01-01', '2018-09-01'],
    preview: ['2026-06-01-preview'],
    note: '(U) not in api-versions.json: the A list, as every record-set type is in the same spec file (privatedns.json).',
  },
  'Microsoft.Network/privateDnsZones/CNAME': {
    stable: ['2024-06-01', '2020-06-01', '2020-01-01', '2018-09-01'],
    preview: ['2026-06-01-preview'],
    note: '(U) not in api-versions.json: the A list, as every record-set type is in the same spec file (privatedns.json).',
  },
  'Microsoft.Network/privateDnsZones/MX': {
    stable: ['2024-06-01', '2020-06-01', '2020-01-01', '2018-09-01'],
    preview: ['2026-06-01-preview'],
    note: '(U) not in api-versions.json: the A list, as every record-set type is in the same spec file (privatedns.json).',
  },
  'Microsoft.Network/privateDnsZones/PTR': {
    stable: ['2024-06-01', '2020-06-01', '2020-01-01', '2018-09-01'],
    preview: ['2026-06-01-preview'],
    note: '(U) not in api-versions.json: the A list, as every record-set type is in the same spec file (privatedns.json).',
  },
  'Microsoft.Network/privateDnsZones/SOA': {
    stable: ['2024-06-01', '2020-06-01', '2020-01-01', '2018-09-01'],
    preview: ['2026-06-01-preview'],
    note: '(U) not in api-versions.json: the A list, as every record-set type is in the same spec file (privatedns.json).',
  },
  'Microsoft.Network/privateDnsZones/SRV': {
    stable: ['2024-06-01', '2020-06-01', '2020-01-01', '2018-09-01'],
    preview: ['2026-06-01-preview'],
    note: '(U) not in api-versions.json: the A list, as every record-set type is in the same spec file (privatedns.json).',
  },
  'Microsoft.Network/privateDnsZones/TXT': {
    stable: ['2024-06-01', '2020-06-01', '2020-01-01', '2018-09-01'],
    preview: ['2026-06-01-preview'],
    note: '(U) not in api-versions.json: the A list, as every record-set type is in the same spec file (privatedns.json).',
  },
} as const satisfies ApiVersionTable;
