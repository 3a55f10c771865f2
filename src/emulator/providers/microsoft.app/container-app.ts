import { createHash, randomUUID } from 'node:crypto';
import type { EmulatorCore } from '../../core.js';
import { normaliseLocation } from '../../core.js';
import { errors } from '../../errors.js';
import type { OperationSpec } from '../../lro.js';
import type { ArmRequest, ArmResponse } from '../../router.js';
import type { StoredResource } from '../../state.js';
import type { WriteContext } from '../../tracked.js';
import { containerAppErrors as E } from './app-errors.js';
import { ENVIRONMENT_TYPE, newStaticIp } from './backend.js';
import { USER_IDENTITY_ID } from './dapr.js';
import { appErrors } from './errors.js';
import { containerAppResultPath } from './handlers.js';
import { APP_TYPE, type RevisionState, materializePending, planRevision } from './revisions.js';
import { validateTraffic } from './traffic.js';

/** Container apps [spec-app] (arm-facts §4.2): validation, computed properties, listSecrets, start/stop. */

const IDENTITY_TYPE = 'Microsoft.ManagedIdentity/userAssignedIdentities';

/** 2–32 chars, lower-case alphanumerics and '-', starts with a letter, ends alphanumeric, no '--' [issue-aspire-1094]. */
export function validateContainerAppName(name: string) {
  return /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/.test(name) && !name.includes('--') ? undefined : E.invalidName(name);
}

const isSet = (v: unknown): boolean => v !== undefined && v !== null;
const bad = (target: string, msg: string) => E.invalid(target, msg);

/** host[:port] with lower-case labels, the rule the real ContainerAppInvalidRegistryServerValue message states. */
const REGISTRY_SERVER = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/;

/** Docker's reference grammar (distribution/reference, reference.go): [host[:port]/]path[:tag][@digest]. */
function isDockerReference(image: string): boolean {
  const host = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)?';
  const part = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
  const re = new RegExp(`^${host}${part}(?:/${part})*(?::[\\w][\\w.-]{0,127})?(?:@[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,})?$`);
  return re.test(image);
}

function arr(v: unknown, target: string): any[] {
  if (!isSet(v)) return [];
  if (!Array.isArray(v)) throw bad(target, `${target} must be an array.`);
  return v as any[];
}

function port(v: unknown, target: string): void {
  if (isSet(v) && !(Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 65535)) throw bad(target, `${target} must be an integer between 1 and 65535.`);
}

/** The environment the app names, checked for existence and readiness (same provider, read through the state). */
function environmentOf(c: WriteContext): StoredResource {
  const p = c.resource.body.properties;
  const old = c.existing?.body.properties;
  // create-only (`x-ms-mutability: create, read`) [spec-app]: an update keeps the first value.
  const given: unknown = old?.environmentId ?? old?.managedEnvironmentId ?? p.environmentId ?? p.managedEnvironmentId;
  if (!isSet(given) || given === '') throw E.environmentRequired();
  const env = c.core.state.get(String(given));
  if (!env || !env.visible || env.type !== ENVIRONMENT_TYPE) throw E.environmentNotFound(String(given));
  const running = c.core.lro.runningFor(env.id);
  if (running.some((o) => o.kind === 'create') || env.body.properties.provisioningState === 'Failed') throw appErrors.environmentNotProvisioned(env.id);
  // A write while an environment-level operation runs [issue-aspire] (arm-facts §4.1).
  if (running.length) throw appErrors.environmentOperationInProgress(String(env.body.name));
  return env;
}

/** Memory as Gi (`"1Gi"`, `"1.5Gi"`; `"512Mi"` also accepted), or NaN. */
function memoryGi(m: unknown): number {
  const s = String(m ?? '');
  const g = /^(\d+(?:\.\d+)?)Gi$/.exec(s);
  if (g) return Number(g[1]);
  const mi = /^(\d+(?:\.\d+)?)Mi$/.exec(s);
  return mi ? Number(mi[1]) / 1024 : NaN;
}

export function validateContainerApp(c: WriteContext): void {
  const b = c.resource.body;
  const p = b.properties;
  const env = environmentOf(c);
  if (normaliseLocation(String(env.body.location)) !== normaliseLocation(String(b.location))) throw E.locationMismatch(b.location, env.body.location);
  const cfg = p.configuration ?? {};
  if (typeof cfg !== 'object' || Array.isArray(cfg)) throw bad('properties.configuration', 'configuration must be an object.');
  const mode = cfg.activeRevisionsMode;
  if (isSet(mode) && !['single', 'multiple'].includes(String(mode).toLowerCase())) {
    throw bad('properties.configuration.activeRevisionsMode', `activeRevisionsMode '${mode}' is invalid. Allowed values are 'Single' and 'Multiple'.`);
  }
  if (isSet(cfg.maxInactiveRevisions) && !(Number.isInteger(cfg.maxInactiveRevisions) && cfg.maxInactiveRevisions >= 0)) {
    throw bad('properties.configuration.maxInactiveRevisions', 'maxInactiveRevisions must be a non-negative integer.');
  }
  const identity = validateIdentity(c);

  // Secrets: names unique; a value, or a Key Vault URL with an identity the app has.
  const oldValues = (c.existing?.secrets.app ?? {}) as Record<string, string>;
  const secretNames = new Set<string>();
  for (const s of arr(cfg.secrets, 'properties.configuration.secrets')) {
    if (!s || typeof s.name !== 'string' || !/^[a-z0-9][a-z0-9.-]*$/.test(s.name)) {
      throw bad('properties.configuration.secrets', `Secret name '${s?.name}' is invalid: use lower case alphanumeric characters, '-' or '.'.`);
    }
    if (secretNames.has(s.name)) throw bad('properties.configuration.secrets', `The secret '${s.name}' is defined twice.`);
    secretNames.add(s.name);
    if (s.keyVaultUrl) {
      const id = String(s.identity ?? '');
      const ok = id.toLowerCase() === 'system' ? identity.system : identity.users.has(id.toLowerCase());
      if (!ok) throw bad('properties.configuration.secrets', `The Key Vault secret '${s.name}' needs an identity assigned to the app: 'system' or one of identity.userAssignedIdentities.`);
    } else if (!isSet(s.value) && oldValues[s.name] === undefined) {
      throw E.secretValueMissing(s.name);
    }
  }
  const needSecret = (ref: unknown, where: string) => {
    if (isSet(ref) && !secretNames.has(String(ref))) throw E.secretRefNotFound(String(ref), where);
  };
  for (const r of arr(cfg.registries, 'properties.configuration.registries')) {
    if (!r?.server) throw bad('properties.configuration.registries', 'Every registry needs a server.');
    if (!REGISTRY_SERVER.test(String(r.server)) || Number(String(r.server).split(':')[1] ?? 1) > 65535) throw E.invalidRegistryServer(String(r.server));
    needSecret(r.passwordSecretRef, `the registry '${r.server}'`);
    if (isSet(r.identity) && String(r.identity).toLowerCase() !== 'system' && !identity.users.has(String(r.identity).toLowerCase())) {
      throw bad('properties.configuration.registries', `The registry '${r.server}' names the identity '${r.identity}', which is not assigned to the app.`);
    }
  }
  const ingress = cfg.ingress;
  if (isSet(ingress)) {
    port(ingress.targetPort, 'properties.configuration.ingress.targetPort');
    port(ingress.exposedPort, 'properties.configuration.ingress.exposedPort');
    if (isSet(ingress.transport) && !['auto', 'http', 'http2', 'tcp'].includes(String(ingress.transport).toLowerCase())) {
      throw bad('properties.configuration.ingress.transport', `Ingress transport '${ingress.transport}' is invalid. Allowed values are 'auto', 'http', 'http2' and 'tcp'.`);
    }
    if (isSet(ingress.external) && typeof ingress.external !== 'boolean') throw bad('properties.configuration.ingress.external', 'external must be a boolean.');
  }
  if (isSet(cfg.dapr)) port(cfg.dapr.appPort, 'properties.configuration.dapr.appPort');

  // Template: containers with images; totals of cpu/memory must be an accepted combination.
  const t = p.template;
  if (!t || typeof t !== 'object' || Array.isArray(t)) throw bad('properties.template', 'template is required.');
  const containers = arr(t.containers, 'properties.template.containers');
  if (!containers.length) throw bad('properties.template.containers', 'At least one container is required.');
  const names = new Set<string>();
  let cpu = 0;
  let mem = 0;
  for (const k of [...containers, ...arr(t.initContainers, 'properties.template.initContainers')]) {
    if (!k || typeof k.image !== 'string' || !k.image.trim()) throw bad('properties.template.containers', `Container '${k?.name ?? ''}': image is required.`);
    if (typeof k.name !== 'string' || !k.name) throw bad('properties.template.containers', `The container with image '${k.image}' needs a name.`);
    if (!isDockerReference(k.image)) throw E.invalidImage(k.name, k.image);
    if (names.has(k.name)) throw bad('properties.template.containers', `The container name '${k.name}' is used twice.`);
    names.add(k.name);
    for (const e of arr(k.env, `properties.template.containers.env`)) {
      if (!e?.name) throw bad('properties.template.containers.env', `Container '${k.name}': every environment variable needs a name.`);
      needSecret(e.secretRef, `the environment variable '${e.name}' of container '${k.name}'`);
    }
  }
  for (const k of containers) {
    const r = k.resources ?? {};
    const kc = isSet(r.cpu) ? Number(r.cpu) : 0.5;
    const km = isSet(r.memory) ? memoryGi(r.memory) : 1;
    if (!Number.isFinite(kc) || !Number.isFinite(km) || kc <= 0 || km <= 0) throw E.invalidResourceTotal(Number(r.cpu ?? 0), Number.isFinite(km) ? km : 0, 2);
    cpu += kc;
    mem += km;
  }
  const wp = p.workloadProfileName;
  const dedicated = isSet(wp) && String(wp).toLowerCase() !== 'consumption';
  // 0.25 vCPU steps with 2 Gi per vCPU; 2 vCPU in a Consumption-only environment (the real message's list
  // [issue-bicep-10821]), 4 vCPU / 8 GiB per replica on the Consumption profile of a workload-profiles environment
  // (learn.microsoft.com/azure/container-apps/workload-profiles-overview); dedicated profiles are not checked.
  const maxCpu = Array.isArray(env.body.properties.workloadProfiles) && env.body.properties.workloadProfiles.length ? 4 : 2;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  if (!dedicated && (!Number.isInteger(round(cpu * 4)) || round(cpu) > maxCpu || round(mem) !== round(cpu * 2))) throw E.invalidResourceTotal(round(cpu), round(mem), maxCpu);
  for (const rule of arr(t.scale?.rules, 'properties.template.scale.rules')) {
    // One trigger per rule (MicrosoftDocs/azure-docs#90247); cpu/memory rules are custom rules here.
    if (['custom', 'http', 'tcp', 'azureQueue'].filter((k) => isSet(rule?.[k])).length !== 1) throw E.invalidScaleRule(String(rule?.name ?? ''), String(b.name));
    for (const kind of ['custom', 'http', 'tcp', 'azureQueue']) {
      for (const a of arr(rule?.[kind]?.auth, `properties.template.scale.rules.${kind}.auth`)) needSecret(a?.secretRef, `the scale rule '${rule.name}'`);
    }
  }
  for (const v of arr(t.volumes, 'properties.template.volumes')) {
    if (String(v?.storageType).toLowerCase() === 'secret') for (const s of arr(v.secrets, 'properties.template.volumes.secrets')) needSecret(s?.secretRef, `the volume '${v.name}'`);
  }
}

/** `identity`: type enum; user-assigned identities must exist when Microsoft.ManagedIdentity is loaded. */
function validateIdentity(c: WriteContext): { system: boolean; users: Set<string> } {
  const id = c.resource.body.identity;
  const users = new Set<string>();
  if (!isSet(id)) return { system: false, users };
  const type = String(id.type ?? 'None').replace(/\s+/g, '');
  const allowed = ['None', 'SystemAssigned', 'UserAssigned', 'SystemAssigned,UserAssigned'];
  const canon = allowed.find((a) => a.toLowerCase() === type.toLowerCase());
  if (!canon) throw errors.badRequest('InvalidIdentityType', `The identity type '${id.type}' is invalid. Allowed values are ${allowed.map((a) => `'${a}'`).join(', ')}.`, 'identity.type');
  id.type = canon;
  const uai = Object.keys(id.userAssignedIdentities ?? {});
  if (canon.includes('UserAssigned') !== uai.length > 0) {
    throw errors.badRequest('InvalidIdentity', "identity.userAssignedIdentities must be given exactly when the identity type includes 'UserAssigned'.", 'identity.userAssignedIdentities');
  }
  const checkable = !!c.core.registry.type(IDENTITY_TYPE);
  for (const u of uai) {
    if (!USER_IDENTITY_ID.test(u)) throw E.identityNotFound(u);
    if (checkable && !c.core.state.get(u)?.visible) throw E.identityNotFound(u);
    users.add(u.toLowerCase());
  }
  return { system: canon.includes('SystemAssigned'), users };
}

/** Server-computed properties; secret values move to `secrets.app`; plans the revision the write creates. */
export function computeContainerApp(c: WriteContext): void {
  const b = c.resource.body;
  const p = b.properties;
  const old = c.existing?.body.properties ?? {};
  const env = c.core.state.get(String(old.environmentId ?? old.managedEnvironmentId ?? p.environmentId ?? p.managedEnvironmentId))!;
  p.managedEnvironmentId = env.id;
  p.environmentId = env.id;
  if (!isSet(p.workloadProfileName) && Array.isArray(env.body.properties.workloadProfiles) && env.body.properties.workloadProfiles.length) p.workloadProfileName = 'Consumption';

  const cfg = (p.configuration ??= {});
  cfg.activeRevisionsMode = String(cfg.activeRevisionsMode ?? 'Single').toLowerCase() === 'multiple' ? 'Multiple' : 'Single';
  const oldValues = (c.existing?.secrets.app ?? {}) as Record<string, string>;
  const values: Record<string, string> = {};
  if (Array.isArray(cfg.secrets)) {
    cfg.secrets = cfg.secrets.map((s: any) => {
      if (s.keyVaultUrl) return { name: s.name, keyVaultUrl: s.keyVaultUrl, identity: s.identity };
      values[s.name] = s.value ?? oldValues[s.name];
      return { name: s.name };
    });
  }
  c.resource.secrets.app = values;
  if (cfg.dapr) cfg.dapr = { enabled: false, appProtocol: 'http', enableApiLogging: false, ...cfg.dapr };

  const t = p.template;
  for (const k of t.containers) {
    const cpu = Number(k.resources?.cpu ?? 0.5);
    k.resources = { cpu, memory: k.resources?.memory ?? '1Gi', ephemeralStorage: `${cpu * 4}Gi` };
  }
  t.scale = { minReplicas: 0, maxReplicas: 10, ...(t.scale ?? {}) };

  const ingress = cfg.ingress;
  if (ingress) {
    ingress.external = ingress.external ?? false;
    ingress.transport = ingress.transport ?? 'auto';
    ingress.allowInsecure = ingress.allowInsecure ?? false;
    ingress.fqdn = `${b.name}.${ingress.external ? '' : 'internal.'}${env.body.properties.defaultDomain}`;
    if (!Array.isArray(ingress.traffic) || !ingress.traffic.length) ingress.traffic = [{ weight: 100, latestRevision: true }];
  }

  const pending = planRevision(c.core, c.resource, c.existing);
  if (pending) c.resource.secrets.pendingRevision = pending;
  validateTraffic(c.core, c.resource, c.existing, pending);

  p.latestRevisionName = old.latestRevisionName ?? '';
  p.latestReadyRevisionName = old.latestReadyRevisionName ?? '';
  p.latestRevisionFqdn = old.latestRevisionFqdn ?? '';
  p.runningStatus = old.runningStatus ?? 'Running';
  p.outboundIpAddresses = old.outboundIpAddresses ?? [newStaticIp(), newStaticIp()];
  // One value per subscription in real responses (U: derived here from the subscription id).
  p.customDomainVerificationId = createHash('sha256').update(c.resource.subscriptionId.toLowerCase()).digest('hex').toUpperCase();
  p.eventStreamEndpoint = `https://${b.location}.azurecontainerapps.dev/subscriptions/${c.resource.subscriptionId}/resourceGroups/${c.resource.resourceGroup}/containerApps/${b.name}/eventstream`;
  computeIdentity(c);
}

function computeIdentity(c: WriteContext): void {
  const id = c.resource.body.identity;
  if (!id) return;
  const old = c.existing?.body.identity ?? {};
  if (id.type.includes('SystemAssigned')) {
    id.principalId = old.principalId ?? randomUUID();
    id.tenantId = c.core.config.tenantId;
  } else {
    delete id.principalId;
    delete id.tenantId;
  }
  if (id.userAssignedIdentities) {
    for (const u of Object.keys(id.userAssignedIdentities)) {
      const r = c.core.state.get(u);
      const prev = old.userAssignedIdentities?.[u];
      id.userAssignedIdentities[u] = {
        principalId: r?.body.properties?.principalId ?? prev?.principalId ?? randomUUID(),
        clientId: r?.body.properties?.clientId ?? prev?.clientId ?? randomUUID(),
      };
    }
  }
}

/** After a successful operation: start/stop outcome, then the planned revision. */
export function onContainerAppProvisioned(core: EmulatorCore, nextState: Map<string, RevisionState>) {
  return (r: StoredResource): void => {
    if (r.secrets.pendingRunning) {
      r.body.properties.runningStatus = r.secrets.pendingRunning;
      delete r.secrets.pendingRunning;
    }
    materializePending(core, r, nextState);
  };
}

/** `POST …/listSecrets` → 200 `{"value":[…]}` with the values [spec-app]. */
export function listAppSecrets(_req: ArmRequest, r: StoredResource): ArmResponse {
  const values = (r.secrets.app ?? {}) as Record<string, string>;
  const value = (r.body.properties.configuration?.secrets ?? []).map((s: any) => (s.keyVaultUrl ? { name: s.name, keyVaultUrl: s.keyVaultUrl, identity: s.identity } : { name: s.name, value: values[s.name] }));
  return { status: 200, body: { value } };
}

/**
 * `POST …/start` / `…/stop` → 202 with `Location` (final-state-via location; the result is the app) [spec-app];
 * `runningStatus` is `Progressing` meanwhile (its spec meaning), then `Running` / `Stopped`.
 */
export function startStop(core: EmulatorCore, to: 'Running' | 'Stopped') {
  const spec: OperationSpec = { mode: 'location', status: 202, provisioningState: 'InProgress', durationKey: `${APP_TYPE}:update`, minRetryAfterSeconds: 5 };
  return (req: ArmRequest, r: StoredResource): ArmResponse => {
    const previous = { body: structuredClone(r.body), secrets: structuredClone(r.secrets) };
    r.secrets.pendingRunning = to;
    r.body.properties.runningStatus = 'Progressing';
    r.body.properties.provisioningState = 'InProgress';
    core.state.changed();
    const op = core.lro.start({
      kind: 'action',
      resourceId: r.id,
      resourceType: APP_TYPE,
      spec,
      apiVersion: req.apiVersion!,
      resultPath: (opId) =>
        containerAppResultPath({ subscriptionId: r.subscriptionId, resourceGroup: r.resourceGroup, location: normaliseLocation(String(r.body.location)), resourceId: r.id, opId, name: String(r.body.name) }),
      previous,
      final: { status: 200, body: 'resource' },
      failWith: req.fault === 'lro-failed' ? { httpStatus: 500, ...errors.internalServerError().toBody().error } : undefined,
    });
    return { status: 202, headers: core.lro.headers(op, spec) };
  };
}
