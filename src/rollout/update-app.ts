import type { TrafficWeight } from '@azure/arm-appcontainers';
import { createHash } from 'node:crypto';
import type { ArmContext } from '../arm/context.js';
import { ValidationError } from '../core/errors.js';
import { canonical } from '../resources/container-app/template.js';
import { getApp, putApp } from './revisions.js';

export interface UpdateAppOptions {
  /** Environment variables to set on the app's containers (all containers, or `container`). */
  env?: Record<string, string>;
  image?: string;
  container?: string;
  /** Suffix of the new revision; derived from the new template when left out. */
  revisionSuffix?: string;
  /**
   * Traffic to set in the same write, given the new revision's name: since that name is known beforehand,
   * a revision can be created at 0% (microsoft/azure-container-apps#23).
   */
  traffic?: (revision: string) => TrafficWeight[];
}

/**
 * What `az containerapp update --set-env-vars / --image` does, with a revision name known beforehand:
 * read the app, change its template, write it back. Returns the new revision's name and the one before.
 * Sends nothing when the template would not change.
 */
export async function updateContainerApp(arm: ArmContext, appId: string, o: UpdateAppOptions): Promise<{ previousRevision?: string; revision: string; changed: boolean }> {
  const app = await getApp(arm, appId);
  const template = structuredClone(app.template ?? {});
  const containers = (template.containers ?? []).filter((c) => !o.container || c.name === o.container);
  if (o.container && containers.length === 0) {
    throw new ValidationError([{ field: '--container', reason: `the app has no container '${o.container}'.`, fix: `use one of: ${(template.containers ?? []).map((c) => c.name).join(', ')}.` }]);
  }
  for (const c of containers) {
    if (o.image) c.image = o.image;
    for (const [name, value] of Object.entries(o.env ?? {})) {
      const env = (c.env ??= []);
      const e = env.find((x) => x.name === name);
      if (e) {
        e.value = value;
        delete e.secretRef;
      } else env.push({ name, value });
    }
  }
  const { revisionSuffix: _old, ...content } = template;
  // Canonical JSON: the same template gives the same suffix whatever order the service lists its fields in.
  const suffix = o.revisionSuffix ?? `r${createHash('sha256').update(canonical(content)).digest('hex').slice(0, 8)}`;
  const previousRevision = app.latestRevisionName || undefined;
  const name = app.name!;
  if (`${name}--${suffix}` === previousRevision) return { previousRevision, revision: previousRevision, changed: false };
  template.revisionSuffix = suffix;
  const configuration = structuredClone(app.configuration ?? {});
  if (o.traffic && configuration.ingress) configuration.ingress.traffic = o.traffic(`${name}--${suffix}`);
  const updated = await putApp(arm, appId, app, 'Updating container app', { configuration, template });
  return { previousRevision, revision: updated.latestRevisionName ?? `${name}--${suffix}`, changed: true };
}
