import { createHash } from 'node:crypto';
import type { Template } from '@azure/arm-appcontainers';
import type { ContainerAppSpec } from './spec.js';

/** The revision template azprov sends for a spec (secret values are not part of it: only their names). */
export function templateBody(s: ContainerAppSpec): Template {
  return {
    containers: s.containers.map((c) => ({
      name: c.name ?? s.name,
      image: c.image,
      command: c.command,
      args: c.args,
      resources: { cpu: c.cpu ?? 0.5, memory: c.memory ?? `${(c.cpu ?? 0.5) * 2}Gi` },
      env: c.env?.map((e) => (e.secretRef !== undefined ? { name: e.name, secretRef: e.secretRef } : { name: e.name, value: e.value })),
    })),
    scale: s.scale
      ? {
          minReplicas: s.scale.minReplicas,
          maxReplicas: s.scale.maxReplicas,
          rules: s.scale.rules?.map((r) => ({
            name: r.name,
            http: r.http ? { metadata: { concurrentRequests: String(r.http.concurrentRequests) } } : undefined,
            custom: r.custom ? { type: r.custom.type, metadata: r.custom.metadata } : undefined,
          })),
        }
      : undefined,
  };
}

/** Stable JSON: keys sorted, undefined dropped, so equal templates hash equally. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * The revision suffix: the stack's, or one derived from the template's content, so that the revision's
 * name (`<app>--<suffix>`) is known before it exists and changes exactly when the template does.
 */
export function revisionSuffixOf(s: ContainerAppSpec): string {
  if (s.revisionSuffix) return s.revisionSuffix;
  return `r${createHash('sha256').update(canonical(templateBody(s))).digest('hex').slice(0, 8)}`;
}

export function revisionNameOf(s: ContainerAppSpec): string {
  return `${s.name}--${revisionSuffixOf(s)}`;
}
