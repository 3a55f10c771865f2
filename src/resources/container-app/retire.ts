import { setTimeout as sleep } from 'node:timers/promises';
import { ContainerAppsAPIClient, type ContainerApp, type Revision } from '@azure/arm-appcontainers';
import type { ArmContext } from '../../arm/context.js';
import { parseResourceId } from '../../arm/ids.js';
import { armCall } from '../../arm/rest-errors.js';
import type { EventSink } from '../../core/events.js';

/** Superseded revisions kept active for rollback when the stack or the rollout does not say. */
export const DEFAULT_KEEP_REVISIONS = 1;

type Traffic = NonNullable<NonNullable<ContainerApp['configuration']>['ingress']>['traffic'];

/**
 * Which superseded revisions to deactivate: active ones other than `latest` that carry no traffic and no
 * label (either would break a route), past the newest `keep` of them (kept for rollback).
 */
export function revisionsToRetire(revisions: Pick<Revision, 'name' | 'active' | 'trafficWeight' | 'createdTime'>[], latest: string | undefined, traffic: Traffic, keep: number): string[] {
  const same = (a?: string, b?: string) => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
  const routed = (name: string) =>
    (traffic ?? []).some((t) => {
      const target = t.revisionName ?? (t.latestRevision ? latest : undefined);
      return same(target, name) && ((t.weight ?? 0) > 0 || !!t.label);
    });
  return revisions
    .filter((r) => r.active && !same(r.name, latest) && !(r.trafficWeight ?? 0) && !routed(r.name!))
    .sort((a, b) => (b.createdTime?.getTime() ?? 0) - (a.createdTime?.getTime() ?? 0))
    .slice(Math.max(0, keep))
    .map((r) => r.name!);
}

/** Ready to take over: provisioned, not failed, not reported unhealthy. */
function isReady(r: Revision): boolean {
  const running = r.runningState?.toLowerCase();
  return r.provisioningState?.toLowerCase() === 'provisioned' && r.healthState?.toLowerCase() !== 'unhealthy' && running !== 'failed' && running !== 'degraded';
}

async function listAll(client: ContainerAppsAPIClient, rg: string, app: string): Promise<Revision[]> {
  const out: Revision[] = [];
  for await (const r of client.containerAppsRevisions.listRevisions(rg, app)) out.push(r);
  return out;
}

/**
 * Once the app's latest revision is ready, deactivates the superseded revisions that nothing routes to,
 * keeping the newest `keep` for rollback: an active revision at 0% still runs its replicas and costs money.
 * In Single mode Container Apps does this itself. Returns the names deactivated.
 */
export async function retireSuperseded(arm: ArmContext, appId: string, keep: number, events: EventSink, app?: ContainerApp): Promise<string[]> {
  const { resourceGroup, names } = parseResourceId(appId);
  const client = await arm.client(ContainerAppsAPIClient);
  const current = app ?? (await armCall(`Reading container app ${names[0]}`, appId, () => client.containerApps.get(resourceGroup!, names[0])));
  if (current.configuration?.activeRevisionsMode === 'Single' || !current.latestRevisionName) return [];
  const latest = current.latestRevisionName;
  const deadline = Date.now() + (arm.isEmulator ? 30_000 : 10 * 60_000);
  for (;;) {
    const revisions = await armCall(`Listing the revisions of ${names[0]}`, appId, () => listAll(client, resourceGroup!, names[0]));
    const newest = revisions.find((r) => r.name?.toLowerCase() === latest.toLowerCase());
    if (newest && isReady(newest)) {
      const retire = revisionsToRetire(revisions, latest, current.configuration?.ingress?.traffic, keep);
      for (const name of retire) {
        await armCall(`Deactivating revision ${name}`, `${appId}/revisions/${name}`, () => client.containerAppsRevisions.deactivateRevision(resourceGroup!, names[0], name));
      }
      if (retire.length) events({ type: 'info', message: `${names[0]}: deactivated ${retire.length} superseded revision${retire.length === 1 ? '' : 's'} (${retire.join(', ')}); kept the newest ${keep} for rollback.` });
      return retire;
    }
    const failed = newest?.runningState?.toLowerCase() === 'failed' || newest?.provisioningState?.toLowerCase() === 'failed';
    if (failed || Date.now() > deadline) {
      events({ type: 'warning', resource: names[0], message: `revision ${latest} is not ready (${newest?.runningState ?? 'not listed'}): superseded revisions stay active so that traffic has somewhere to go.` });
      return [];
    }
    await sleep(arm.isEmulator ? 100 : 10_000);
  }
}

/**
 * For the plan: how many revisions a template change would deactivate once its new revision is ready
 * (today's latest becomes superseded too). One list read, made only for an app whose template changes.
 */
export async function countToRetire(arm: ArmContext, appId: string, app: ContainerApp, keep: number): Promise<number> {
  if (app.configuration?.activeRevisionsMode === 'Single') return 0;
  const { resourceGroup, names } = parseResourceId(appId);
  const client = await arm.client(ContainerAppsAPIClient);
  const revisions = await armCall(`Listing the revisions of ${names[0]}`, appId, () => listAll(client, resourceGroup!, names[0]));
  // The new revision does not exist yet: nothing is "latest", and traffic (or a label) that follows the
  // latest moves to it; what a named entry routes stays.
  const traffic = (app.configuration?.ingress?.traffic ?? []).filter((t) => !t.latestRevision);
  return revisionsToRetire(revisions.map((r) => ({ ...r, trafficWeight: 0 })), undefined, traffic, keep).length;
}
