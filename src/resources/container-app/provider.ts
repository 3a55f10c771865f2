import { ContainerAppsAPIClient, type ContainerApp, type ManagedServiceIdentity } from '@azure/arm-appcontainers';
import { parseResourceId, providerResourceId } from '../../arm/ids.js';
import { armCall, readOrUndefined } from '../../arm/rest-errors.js';
import { deepEqual } from '../../core/deep-equal.js';
import { mergeTags, normalizeLocation, tagFields } from '../common-provider.js';
import type { Comparable, KindProvider, RefResolver, ResolvedSpec } from '../kind.js';
import { identityRef, secretNames, secretsBody } from '../secrets-provider.js';
import type { ContainerAppSpec } from './spec.js';
import { countToRetire, DEFAULT_KEEP_REVISIONS, retireSuperseded } from './retire.js';
import { revisionNameOf, revisionSuffixOf, templateBody } from './template.js';

function identityBody(s: ContainerAppSpec, refs: RefResolver): ManagedServiceIdentity | undefined {
  const user = (s.identities ?? []).map((n) => refs.get(n).id);
  if (!user.length && !s.systemAssignedIdentity) return undefined;
  const type = user.length && s.systemAssignedIdentity ? 'SystemAssigned,UserAssigned' : user.length ? 'UserAssigned' : 'SystemAssigned';
  return { type, userAssignedIdentities: user.length ? Object.fromEntries(user.map((id) => [id, {}])) : undefined };
}

function containersView(t: { containers?: { name?: string; image?: string; command?: string[]; args?: string[]; resources?: { cpu?: number; memory?: string }; env?: { name?: string; value?: string; secretRef?: string }[] }[] } | undefined) {
  return (t?.containers ?? []).map((c) => ({
    name: c.name,
    image: c.image,
    command: c.command ?? [],
    args: c.args ?? [],
    cpu: c.resources?.cpu,
    memory: c.resources?.memory,
    env: (c.env ?? []).map((e) => (e.secretRef ? { name: e.name, secretRef: e.secretRef } : { name: e.name, value: e.value ?? '' })),
  }));
}

/**
 * The stack owns the app shell; releases (azprov revision deploy, rollouts) own the image, the revisions and
 * the traffic. Once the app exists, its containers keep the images Azure runs, and the revision suffix
 * follows from that template, so `up` after a rollout reverts nothing.
 */
export function releasedSpec(spec: ContainerAppSpec, actual: ContainerApp | undefined): ContainerAppSpec {
  const running = actual?.template?.containers;
  if (!running?.length || spec.revisionSuffix) return spec;
  return {
    ...spec,
    containers: spec.containers.map((c) => ({ ...c, image: running.find((x) => x.name === (c.name ?? spec.name))?.image ?? c.image })),
  };
}

function desiredOf(r: ResolvedSpec<ContainerAppSpec>, actual?: ContainerApp): Comparable {
  const s = releasedSpec(r.spec, actual);
  const d: Comparable = {
    location: r.location,
    environmentId: r.refs.get(s.environment).id.toLowerCase(),
    activeRevisionsMode: s.activeRevisionsMode ?? 'Multiple',
    containers: containersView(templateBody(s)),
    identities: (s.identities ?? []).map((n) => r.refs.get(n).id.toLowerCase()).sort(),
    ...tagFields(r.tags),
  };
  // The suffix is compared when the stack names it, or the app is new; otherwise the template's content is
  // what counts (a release's revision has its own suffix).
  if (r.spec.revisionSuffix || !actual) d.revisionSuffix = revisionSuffixOf(s);
  if (s.systemAssignedIdentity !== undefined) d.systemAssignedIdentity = s.systemAssignedIdentity;
  if (s.maxInactiveRevisions !== undefined) d.maxInactiveRevisions = s.maxInactiveRevisions;
  if (s.secrets) d.secretNames = secretNames(s.secrets);
  if (s.scale?.minReplicas !== undefined) d['scale.minReplicas'] = s.scale.minReplicas;
  if (s.scale?.maxReplicas !== undefined) d['scale.maxReplicas'] = s.scale.maxReplicas;
  if (s.ingress) {
    d['ingress.external'] = s.ingress.external ?? false;
    d['ingress.targetPort'] = s.ingress.targetPort;
    d['ingress.transport'] = s.ingress.transport ?? 'auto';
    d['ingress.allowInsecure'] = s.ingress.allowInsecure ?? false;
  }
  if (s.dapr) {
    d['dapr.enabled'] = s.dapr.enabled ?? true;
    if (s.dapr.appId !== undefined) d['dapr.appId'] = s.dapr.appId;
    if (s.dapr.appPort !== undefined) d['dapr.appPort'] = s.dapr.appPort;
    d['dapr.appProtocol'] = s.dapr.appProtocol ?? 'http';
    if (s.dapr.logLevel !== undefined) d['dapr.logLevel'] = s.dapr.logLevel;
  }
  return d;
}

/** A new suffix only when the template changes: an app-level change must not make a revision of its own. */
function suffixFor(s: ContainerAppSpec, actual: ContainerApp | undefined): string {
  const current = actual?.template?.revisionSuffix;
  if (!s.revisionSuffix && current && deepEqual(containersView(templateBody(s)), containersView(actual!.template)) && deepEqual(templateBody(s).scale ?? {}, scaleView(actual!.template?.scale))) return current;
  return revisionSuffixOf(s);
}

function scaleView(scale: NonNullable<ContainerApp['template']>['scale']) {
  return scale ? { minReplicas: scale.minReplicas, maxReplicas: scale.maxReplicas, rules: scale.rules?.length ? scale.rules : undefined } : {};
}

export const containerAppProvider: KindProvider<ContainerAppSpec, ContainerApp> = {
  resourceId: (r) => providerResourceId(r.subscriptionId, r.refs.get(r.spec.resourceGroup).name, 'Microsoft.App', 'containerApps', r.spec.name),

  async read(env, id) {
    const client = await env.arm.client(ContainerAppsAPIClient);
    const { resourceGroup, names } = parseResourceId(id);
    return readOrUndefined('container app', id, () => client.containerApps.get(resourceGroup!, names[0]));
  },

  desired: desiredOf,

  observed: (a) => {
    const c = a.configuration;
    const type = a.identity?.type ?? 'None';
    return {
      location: normalizeLocation(a.location),
      environmentId: (a.managedEnvironmentId ?? a.environmentId)?.toLowerCase(),
      activeRevisionsMode: c?.activeRevisionsMode,
      maxInactiveRevisions: c?.maxInactiveRevisions,
      revisionSuffix: a.template?.revisionSuffix,
      containers: containersView(a.template),
      identities: Object.keys(a.identity?.userAssignedIdentities ?? {}).map((i) => i.toLowerCase()).sort(),
      systemAssignedIdentity: type.includes('SystemAssigned'),
      secretNames: secretNames(c?.secrets),
      'scale.minReplicas': a.template?.scale?.minReplicas,
      'scale.maxReplicas': a.template?.scale?.maxReplicas,
      'ingress.external': c?.ingress?.external,
      'ingress.targetPort': c?.ingress?.targetPort,
      'ingress.transport': c?.ingress?.transport?.toLowerCase(),
      'ingress.allowInsecure': c?.ingress?.allowInsecure,
      'dapr.enabled': c?.dapr?.enabled,
      'dapr.appId': c?.dapr?.appId,
      'dapr.appPort': c?.dapr?.appPort,
      'dapr.appProtocol': c?.dapr?.appProtocol,
      'dapr.logLevel': c?.dapr?.logLevel,
      ...tagFields(a.tags),
    };
  },

  async put(env, id, r, actual) {
    const client = await env.arm.client(ContainerAppsAPIClient);
    const { resourceGroup } = parseResourceId(id);
    const s = releasedSpec(r.spec, actual);
    const body: ContainerApp = {
      location: r.location,
      tags: mergeTags(actual?.tags, r.tags),
      identity: identityBody(s, r.refs),
      managedEnvironmentId: r.refs.get(s.environment).id,
      configuration: {
        activeRevisionsMode: s.activeRevisionsMode ?? 'Multiple',
        // Not declared: what Azure has stays (a PUT without it would reset it to the service default).
        maxInactiveRevisions: s.maxInactiveRevisions ?? actual?.configuration?.maxInactiveRevisions,
        secrets: await secretsBody(env, s.secrets, r.refs),
        registries: s.registries?.map((g) => ({ server: g.server, username: g.username, passwordSecretRef: g.passwordSecretRef, identity: g.identity ? identityRef(g.identity, r.refs) : undefined })),
        ingress: s.ingress
          ? {
              external: s.ingress.external ?? false,
              targetPort: s.ingress.targetPort,
              transport: s.ingress.transport ?? 'auto',
              allowInsecure: s.ingress.allowInsecure ?? false,
              // Traffic belongs to the release side (rollouts): keep what Azure has.
              traffic: actual?.configuration?.ingress?.traffic,
            }
          : undefined,
        dapr: s.dapr ? { enabled: s.dapr.enabled ?? true, appId: s.dapr.appId, appPort: s.dapr.appPort, appProtocol: s.dapr.appProtocol ?? 'http', logLevel: s.dapr.logLevel } : undefined,
      },
      template: { ...templateBody(s), revisionSuffix: suffixFor(s, actual) },
    };
    // PUT 201/200 with Azure-AsyncOperation, final-state-via azure-async-operation [spec-app].
    const written = await armCall(`Writing container app ${s.name}`, id, () => client.containerApps.createOrUpdate(resourceGroup!, s.name, body, env.arm.lroOptions()));
    // A new revision supersedes the running ones: once it is ready, those nothing routes to stop costing.
    if (actual && body.template?.revisionSuffix !== actual.template?.revisionSuffix) await retireSuperseded(env.arm, id, s.keepRevisions ?? DEFAULT_KEEP_REVISIONS, env.events, written);
    return written;
  },

  /** The plan says what a template change will deactivate (one list read, only for such an app). */
  async planNote(env, id, r, actual) {
    const s = releasedSpec(r.spec, actual);
    if (!actual || s.activeRevisionsMode === 'Single' || suffixFor(s, actual) === actual.template?.revisionSuffix) return undefined;
    const n = await countToRetire(env.arm, id, actual, s.keepRevisions ?? DEFAULT_KEEP_REVISIONS);
    return n ? `new revision; will deactivate ${n} superseded revision${n === 1 ? '' : 's'} once it is ready (keeps ${s.keepRevisions ?? DEFAULT_KEEP_REVISIONS} for rollback)` : undefined;
  },

  async delete(env, id) {
    const client = await env.arm.client(ContainerAppsAPIClient);
    const { resourceGroup, names } = parseResourceId(id);
    await armCall(`Deleting container app ${names[0]}`, id, () => client.containerApps.delete(resourceGroup!, names[0], env.arm.lroOptions()));
  },

  outputs: (a) => ({
    id: a.id!,
    name: a.name!,
    fqdn: a.configuration?.ingress?.fqdn ?? '',
    latestRevisionName: a.latestRevisionName ?? '',
    latestReadyRevisionName: a.latestReadyRevisionName ?? '',
    revisionName: a.template?.revisionSuffix ? `${a.name}--${a.template.revisionSuffix}` : (a.latestRevisionName ?? ''),
    outboundIpAddresses: (a.outboundIpAddresses ?? []).join(','),
  }),
  tags: (a) => a.tags,
};

export { revisionNameOf };
