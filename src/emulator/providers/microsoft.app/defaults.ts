/**
 * Response defaults of Microsoft.App: what the service returns for fields the request left out. Each block
 * cites the recording or spec it comes from ([rec-5] = AzContainerAppRevision.Recording.json, api 2023-05-01).
 */

/** Revision `template` keys the service returns as `null` when unset [rec-5]. */
export const REVISION_TEMPLATE_NULLS = ['revisionSuffix', 'terminationGracePeriodSeconds', 'initContainers', 'serviceBinds'] as const;

/** `template.scale.rules` is `null` when no rule is set [rec-5]. */
export const REVISION_SCALE_NULLS = ['rules'] as const;

/** A revision's containers carry `probes: []` when none is set [rec-5]. */
export const REVISION_CONTAINER_DEFAULTS = { probes: [] as unknown[] };

/**
 * `runningStateDetails`: `"<ready>/<replicas> <state>"`, e.g. `"1/1 Failed:redisContainerCrashing"` for a
 * failed revision (the state then carries the provisioning error) [rec-5].
 */
export function runningStateDetails(p: { replicas?: number; runningState?: string; provisioningError?: string }): string {
  const n = Number(p.replicas ?? 0);
  const state = p.runningState === 'Failed' && p.provisioningError ? String(p.provisioningError) : String(p.runningState ?? 'Unknown');
  return `${n}/${n} ${state}`;
}

/** A template as the service shows it (mutated in place): unset keys as null, containers with their defaults. */
export function withTemplateDefaults<T>(t: T): T {
  const x = t as any;
  if (!x || typeof x !== 'object') return t;
  for (const k of REVISION_TEMPLATE_NULLS) if (x[k] === undefined) x[k] = null;
  if (x.scale && typeof x.scale === 'object') for (const k of REVISION_SCALE_NULLS) if (x.scale[k] === undefined) x.scale[k] = null;
  for (const c of Array.isArray(x.containers) ? x.containers : []) for (const [k, v] of Object.entries(REVISION_CONTAINER_DEFAULTS)) if (c && c[k] === undefined) c[k] = structuredClone(v);
  return t;
}

/** The revision body as the service shows it. */
export function withRevisionDefaults(p: Record<string, any>): void {
  withTemplateDefaults(p.template);
  p.runningStateDetails = runningStateDetails(p);
}
