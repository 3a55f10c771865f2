import { ContainerAppsAPIClient, type ContainerApp, type Revision } from '@azure/arm-appcontainers';
import type { ArmContext } from '../arm/context.js';
import { parseResourceId } from '../arm/ids.js';
import { armCall } from '../arm/rest-errors.js';

export interface RevisionRow {
  name: string;
  created?: string;
  active: boolean;
  trafficWeight: number;
  labels: string[];
  replicas: number;
  healthState?: string;
  runningState?: string;
  image?: string;
  fqdn?: string;
  /** Each label's own URL host: `<app>---<label>.<domain>`. */
  labelFqdns: string[];
}

/** The FQDN a label gets: `<app>---<label>.<domain>` [doc-aca-traffic]. */
export function labelFqdn(appFqdn: string, app: string, label: string): string {
  return appFqdn.replace(new RegExp(`^${app}\\.`), `${app}---${label}.`);
}

export async function appsClient(arm: ArmContext) {
  return arm.client(ContainerAppsAPIClient);
}

export async function getApp(arm: ArmContext, appId: string): Promise<ContainerApp> {
  const { resourceGroup, names } = parseResourceId(appId);
  const client = await appsClient(arm);
  return armCall(`Reading container app ${names[0]}`, appId, () => client.containerApps.get(resourceGroup!, names[0]));
}

/**
 * Writes the app back with the given changes (what a GET returned, otherwise). A GET returns secret names
 * only and a PUT without the values would drop them, so they are read back first.
 */
export async function putApp(arm: ArmContext, appId: string, app: ContainerApp, what: string, changes: { configuration?: ContainerApp['configuration']; template?: ContainerApp['template']; tags?: ContainerApp['tags'] }): Promise<ContainerApp> {
  const { resourceGroup, names } = parseResourceId(appId);
  const client = await appsClient(arm);
  const configuration = structuredClone(changes.configuration ?? app.configuration ?? {});
  if (configuration.secrets?.some((s) => !s.keyVaultUrl)) {
    const values = await armCall(`Reading the secrets of ${names[0]}`, appId, () => client.containerApps.listSecrets(resourceGroup!, names[0]));
    configuration.secrets = configuration.secrets.map((s) => (s.keyVaultUrl ? s : { name: s.name, value: values.value.find((v) => v.name === s.name)?.value }));
  }
  const body: ContainerApp = { location: app.location, tags: changes.tags ?? app.tags, identity: app.identity, managedEnvironmentId: app.managedEnvironmentId, configuration, template: changes.template ?? app.template };
  return armCall(`${what} ${names[0]}`, appId, () => client.containerApps.createOrUpdate(resourceGroup!, names[0], body, arm.lroOptions()));
}

/** The app's revisions, newest first, with their share of traffic and labels as the app routes them. */
export async function listRevisions(arm: ArmContext, appId: string): Promise<RevisionRow[]> {
  const { resourceGroup, names } = parseResourceId(appId);
  const client = await appsClient(arm);
  const [app, revisions] = await Promise.all([
    getApp(arm, appId),
    armCall(`Listing the revisions of ${names[0]}`, appId, async () => {
      const out: Revision[] = [];
      for await (const r of client.containerAppsRevisions.listRevisions(resourceGroup!, names[0])) out.push(r);
      return out;
    }),
  ]);
  const traffic = app.configuration?.ingress?.traffic ?? [];
  const labelsOf = (rev: string) => traffic.filter((t) => t.label && (t.revisionName === rev || (t.latestRevision && app.latestRevisionName === rev))).map((t) => t.label!);
  return revisions
    .map((r) => ({
      name: r.name!,
      created: r.createdTime?.toISOString(),
      active: r.active ?? false,
      trafficWeight: r.trafficWeight ?? 0,
      labels: labelsOf(r.name!),
      replicas: r.replicas ?? 0,
      healthState: r.healthState,
      runningState: r.runningState,
      image: r.template?.containers?.[0]?.image,
      fqdn: r.fqdn,
      labelFqdns: labelsOf(r.name!).map((l) => labelFqdn(app.configuration?.ingress?.fqdn ?? '', app.name!, l)),
    }))
    .sort((a, b) => (b.created ?? '').localeCompare(a.created ?? ''));
}

export function formatRevisions(rows: RevisionRow[]): string {
  const head = ['REVISION', 'ACTIVE', 'TRAFFIC', 'LABELS', 'REPLICAS', 'HEALTH', 'STATE', 'IMAGE', 'CREATED'];
  const body = rows.map((r) => [r.name, r.active ? 'yes' : 'no', `${r.trafficWeight}%`, r.labels.join(',') || '-', String(r.replicas), r.healthState ?? '-', r.runningState ?? '-', r.image ?? '-', r.created ?? '-']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const table = [head, ...body].map((row) => row.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
  const urls = rows.flatMap((r) => r.labelFqdns.map((f, i) => `  label ${r.labels[i]}: https://${f} -> ${r.name}`));
  return [...table, ...urls].join('\n');
}
