import { randomUUID } from 'node:crypto';
import type { EmulatorCore } from '../../core.js';
import { EMULATOR_APP_ID, EMULATOR_OBJECT_ID } from '../../core.js';
import type { StoredResource } from '../../state.js';
import type { WriteContext } from '../../tracked.js';
import { identityErrors } from './errors.js';

/** Validation, computed properties and the directory (Entra ID stand-in) of Microsoft.ManagedIdentity. */

export const IDENTITY_TYPE = 'Microsoft.ManagedIdentity/userAssignedIdentities';

/** 3–128 chars, letters, digits, `-`, `_`, starting with a letter or digit [doc-names-old]. */
const IDENTITY_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/;

export function validateIdentityName(name: string) {
  return IDENTITY_NAME.test(name) ? undefined : identityErrors.invalidName(name);
}

export function validateIdentity(c: WriteContext): void {
  const scope = c.input.properties?.isolationScope;
  if (scope !== undefined && scope !== null && !['None', 'Regional'].includes(scope)) throw identityErrors.invalidIsolationScope(scope);
}

/**
 * Server-computed properties [spec-msi] [rec-1]: `tenantId` (the emulator's), `principalId` and `clientId`
 * (GUIDs, generated once and kept across updates), `isolationScope` (2024-11-30, default `None`).
 * The principal's directory visibility time is kept in `secrets.visibleAt` (part of the state, so a reset
 * drops it with the identity).
 */
export function computeIdentity(core: EmulatorCore, replicationDelayMs: () => number) {
  return (c: WriteContext): void => {
    const prev = c.existing?.body.properties ?? {};
    const props = c.resource.body.properties;
    props.tenantId = core.config.tenantId;
    props.principalId = prev.principalId ?? randomUUID();
    props.clientId = prev.clientId ?? randomUUID();
    props.isolationScope = props.isolationScope ?? prev.isolationScope ?? 'None';
    // An identity created without tags shows `tags: {}` [rec-1].
    c.resource.body.tags ??= {};
    c.resource.secrets.visibleAt ??= Date.now() + replicationDelayMs();
  };
}

/** Older api-versions (before 2023-01-31) still return `clientSecretUrl`; only 2024-11-30+ knows `isolationScope` [rec-1] [spec-msi]. */
export function shapeForApiVersion(body: Record<string, any>, apiVersion: string | undefined): Record<string, any> {
  const props = body?.properties;
  if (!props || typeof props !== 'object' || !apiVersion) return body;
  if (apiVersion < '2024-11-30') delete props.isolationScope;
  if (apiVersion < '2023-01-31' && body.id && body.location) {
    props.clientSecretUrl =
      `https://control-${body.location}.identity.azure.net${body.id}/credentials?tid=${props.tenantId}&oid=${props.principalId}&aid=${props.clientId}`;
  }
  return body;
}

/** What the directory knows about a principal. */
export interface DirectoryPrincipal {
  principalId: string;
  clientId: string;
  type: 'ServicePrincipal';
  /** Epoch ms from which the principal is visible to lookups (Entra ID replication, arm-facts §6/§7). */
  visibleAt: number;
  /** The identity resource id, when the principal belongs to a user-assigned identity. */
  resourceId?: string;
}

/** Published as `microsoft.managedidentity/directory`. */
export interface DirectoryService {
  principal(principalId: string): DirectoryPrincipal | undefined;
  isVisible(principalId: string, now?: number): boolean;
  /** A new principal becomes visible this long after its identity's PUT (default 0). Not reset by `reset()`. */
  setReplicationDelay(ms: number): void;
  replicationDelay(): number;
  /**
   * Makes a principal that exists outside the emulator (a user, an app registration of the tenant) known to the
   * directory, visible at once. Used to replay recorded traffic whose principals were made before the recording.
   */
  addPrincipal(principalId: string): void;
}

export const DIRECTORY_SERVICE = 'microsoft.managedidentity/directory';

export function createDirectory(core: EmulatorCore, settings: { delayMs: number }): DirectoryService {
  const emulatorPrincipal: DirectoryPrincipal = { principalId: EMULATOR_OBJECT_ID, clientId: EMULATOR_APP_ID, type: 'ServicePrincipal', visibleAt: 0 };
  const fromIdentity = (r: StoredResource): DirectoryPrincipal => ({
    principalId: r.body.properties.principalId,
    clientId: r.body.properties.clientId,
    type: 'ServicePrincipal',
    visibleAt: Number(r.secrets.visibleAt ?? 0),
    resourceId: r.id,
  });
  const external = new Map<string, DirectoryPrincipal>();
  const find = (principalId: string): DirectoryPrincipal | undefined => {
    const p = principalId.toLowerCase();
    if (p === EMULATOR_OBJECT_ID) return emulatorPrincipal;
    if (external.has(p)) return external.get(p);
    const t = IDENTITY_TYPE.toLowerCase();
    const r = core.state.all().find((x) => x.visible && x.type.toLowerCase() === t && String(x.body.properties?.principalId).toLowerCase() === p);
    return r ? fromIdentity(r) : undefined;
  };
  return {
    principal: find,
    isVisible(principalId, now = Date.now()) {
      const p = find(principalId);
      return !!p && p.visibleAt <= now;
    },
    setReplicationDelay(ms) {
      if (!(ms >= 0)) throw new Error(`replication delay must be >= 0, got ${ms}`);
      settings.delayMs = ms;
    },
    replicationDelay: () => settings.delayMs,
    addPrincipal(principalId) {
      external.set(principalId.toLowerCase(), { principalId, clientId: principalId, type: 'ServicePrincipal', visibleAt: 0 });
    },
  };
}
