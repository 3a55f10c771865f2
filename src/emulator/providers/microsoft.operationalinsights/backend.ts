import { randomBytes, randomUUID } from 'node:crypto';
import type { StoredResource } from '../../state.js';
import type { WriteContext } from '../../tracked.js';
import type { ArmError } from '../../errors.js';
import { workspaceErrors } from './errors.js';

/** Log Analytics workspace validation, computed properties and shared keys [spec-la] (arm-facts §3). */

export const WORKSPACE_TYPE = 'Microsoft.OperationalInsights/workspaces';
export const SKU_NAMES = ['Free', 'Standard', 'Premium', 'PerNode', 'PerGB2018', 'Standalone', 'CapacityReservation', 'LACluster'] as const;
const NAME = /^[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$/;

export function validateWorkspaceName(name: string): ArmError | undefined {
  return NAME.test(name) ? undefined : workspaceErrors.invalidName(name);
}

export function validateWorkspace(c: WriteContext): void {
  const p = c.resource.body.properties;
  const sku = p.sku?.name;
  if (sku !== undefined && !SKU_NAMES.some((s) => s.toLowerCase() === String(sku).toLowerCase())) throw workspaceErrors.invalidSku(sku, SKU_NAMES);
  const days = p.retentionInDays;
  if (days !== undefined && days !== null && !(Number.isInteger(days) && days >= 30 && days <= 730)) throw workspaceErrors.invalidRetention(days);
}

/** A shared key: 64 random bytes, base64, as real keys look. */
export function newSharedKey(): string {
  return randomBytes(64).toString('base64');
}

/** customerId (GUID) and keys on create, kept on update; server-side defaults as the service fills them (U for values). */
export function computeWorkspace(c: WriteContext): void {
  const p = c.resource.body.properties;
  const old = c.existing?.body.properties ?? {};
  const now = new Date().toISOString();
  p.customerId = old.customerId ?? randomUUID();
  p.createdDate = old.createdDate ?? now;
  p.modifiedDate = now;
  const skuName = p.sku?.name ?? old.sku?.name ?? 'PerGB2018';
  p.sku = { ...(p.sku ?? {}), name: skuName, lastSkuUpdate: old.sku?.name === skuName && old.sku?.lastSkuUpdate ? old.sku.lastSkuUpdate : now };
  p.retentionInDays = p.retentionInDays ?? old.retentionInDays ?? 30;
  p.workspaceCapping = { dailyQuotaGb: -1, dataIngestionStatus: 'RespectQuota', ...(p.workspaceCapping ?? {}) };
  p.publicNetworkAccessForIngestion = p.publicNetworkAccessForIngestion ?? 'Enabled';
  p.publicNetworkAccessForQuery = p.publicNetworkAccessForQuery ?? 'Enabled';
  p.features = { legacy: 0, searchVersion: 1, enableLogAccessUsingOnlyResourcePermissions: true, ...(p.features ?? {}) };
  c.resource.secrets.primarySharedKey ??= newSharedKey();
  c.resource.secrets.secondarySharedKey ??= newSharedKey();
}

export function sharedKeys(r: StoredResource): { primarySharedKey: string; secondarySharedKey: string } {
  return { primarySharedKey: r.secrets.primarySharedKey, secondarySharedKey: r.secrets.secondarySharedKey };
}
