/**
 * Published api-versions of Microsoft.Insights/metrics (`GET {resourceUri}/providers/Microsoft.Insights/metrics`),
 * newest first: the version folders of the official REST API specs (Azure/azure-rest-api-specs,
 * specification/monitor/resource-manager/Microsoft.Insights, metrics_API.json), vendored from azprov's design data
 * `api-versions.json` of 2026-12-04 (how it was made and its limits: `api-versions.md` beside it).
 * `.ci/check-api-versions.mjs` fails when this table and that file differ.
 */
import type { ApiVersionTable } from '../../api-versions.js';

export const API_VERSIONS = {
  'Microsoft.Insights/metrics': {
    stable: ['2024-02-01', '2023-10-01', '2021-05-01', '2019-07-01', '2018-01-01', '2016-09-01', '2016-06-01'],
    preview: ['2017-09-01-preview', '2017-05-01-preview'],
  },
} as const satisfies ApiVersionTable;
