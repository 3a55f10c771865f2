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

/** The revision body as the service shows it: unset template keys as null, containers with their defaults. */
export function withRevisionDefaults(p: Record<string, any>): void {
  const t = p.template;
  if (t && typeof t === 'object') {
    for (const k of REVISION_TEMPLATE_NULLS) if (t[k] === undefined) t[k] = null;
    if (t.scale && typeof t.scale === 'object') for (const k of REVISION_SCALE_NULLS) if (t.scale[k] === undefined) t.scale[k] = null;
    for (const c of Array.isArray(t.containers) ? t.containers : []) for (const [k, v] of Object.entries(REVISION_CONTAINER_DEFAULTS)) if (c[k] === undefined) c[k] = structuredClone(v);
  }
  p.runningStateDetails = runningStateDetails(p);
}
