import type { ArmResponse } from '../../router.js';

/**
 * Microsoft.Insights metrics errors. The metrics operation answers errors in the flat shape `{code, message}`
 * (metrics_API.json: Metrics_List's default response is common-types v1 `ErrorResponse`, not the `{error:{…}}`
 * envelope; public clients parse that shape, e.g. checkmk's agent_azure and its tests). The
 * "Failed to find metric configuration" wording is Azure's, as those clients quote it; the others are (U).
 */
const bad = (message: string): ArmResponse => ({ status: 400, body: { code: 'BadRequest', message } });

export const metricsErrors = {
  unknownMetric: (provider: string, type: string, metric: string, valid: string[]) =>
    bad(`Failed to find metric configuration for provider: ${provider}, resource Type: ${type}, metric: ${metric}, Valid metrics: ${valid.join(',')}`),
  /** (U) */
  invalidTimespan: (v: string) => bad(`Invalid timespan '${v}': expected 'startDateTime_ISO/endDateTime_ISO' with the start before the end.`),
  /** (U) */
  invalidInterval: (v: string, allowed: string[]) => bad(`Invalid interval '${v}'. Supported time grains: ${allowed.join(', ')}, FULL.`),
  /** (U) */
  invalidAggregation: (v: string) => bad(`Invalid aggregation '${v}'. Supported aggregations: Average, Minimum, Maximum, Total, Count.`),
  /** (U) */
  invalidFilter: (v: string, why: string) => bad(`Invalid $filter '${v}': ${why}`),
  /** (U) */
  invalidDimension: (metric: string, dim: string, dims: string[]) =>
    bad(`Metric: ${metric} does not support requested dimension combination: ${dim}, supported ones are: ${dims.join(',') || '<none>'}`),
  /** (U) */
  invalidNamespace: (ns: string, expected: string) => bad(`Invalid metric namespace '${ns}' for this resource; expected '${expected}'.`),
  /** (U) */
  invalidResultType: (v: string) => bad(`Invalid resultType '${v}'. Supported: Data, Metadata.`),
  /** (U) */
  invalidTop: (v: string) => bad(`Invalid top '${v}': expected a positive integer.`),
};
