import { randomUUID } from 'node:crypto';
import { errors } from './errors.js';
import { FaultInjector } from './faults.js';
import { Latency } from './latency.js';
import { LroEngine } from './lro.js';
import { Registry } from './registry.js';
import { RequestLog } from './request-log.js';
import { Router } from './router.js';
import { EmulatorState, resourceKey } from './state.js';
import { Throttling } from './throttling.js';
import type { ArmRequest, EmulatorSettings, OperationRecord, Principal, StoredResource } from './types.js';

export const DEFAULT_SUBSCRIPTION_ID = '00000000-0000-0000-0000-00000000a2b0';
export const DEFAULT_TENANT_ID = '00000000-0000-0000-0000-0000000a2b0e';
/** The emulator's own identity (token `oid` / `appid`, `systemData.createdBy`). */
export const EMULATOR_OBJECT_ID = '00000000-0000-0000-0000-0000000a2b01';
export const EMULATOR_APP_ID = '00000000-0000-0000-0000-0000000a2b02';

/** Public Azure regions (normalised names), used for location checks and provider metadata. */
export { REGIONS } from './regions.js';

/** `East US` → `eastus`, as ARM normalises locations. */
export function normaliseLocation(loc: string): string {
  return loc.replace(/\s+/g, '').toLowerCase();
}

export interface CoreConfig {
  endpoint: string;
  subscriptionId: string;
  tenantId: string;
  pageSize: number;
}

/** Everything one emulator instance owns; providers get it at registration. No module-level state. */
export class EmulatorCore {
  readonly state = new EmulatorState();
  readonly registry = new Registry();
  readonly router = new Router();
  readonly latency: Latency;
  readonly lro: LroEngine;
  readonly faults: FaultInjector;
  readonly throttling: Throttling;
  readonly log: RequestLog;
  readonly logPolls: boolean;
  /** Accept any date-shaped api-version beyond the published tables (EmulatorSettings.acceptAnyApiVersion). */
  readonly acceptAnyApiVersion: boolean;
  /** EmulatorSettings.metricsIngestionDelayInMs, resolved. */
  readonly metricsIngestionDelayInMs: number;

  constructor(
    readonly config: CoreConfig,
    options: EmulatorSettings,
  ) {
    this.latency = new Latency(options.latency ?? 'instant', options.latencyScale ?? 1, options.pollsToComplete ?? 1);
    this.faults = new FaultInjector(options.faults);
    this.throttling = new Throttling(options.throttling);
    this.log = new RequestLog(options.requestLog);
    this.logPolls = options.requestLogPolls ?? true;
    this.acceptAnyApiVersion = options.acceptAnyApiVersion ?? false;
    this.metricsIngestionDelayInMs = options.metricsIngestionDelayInMs ?? (options.latency === 'realistic' ? 60_000 * (options.latencyScale ?? 1) : 0);
    this.lro = new LroEngine(
      this.state,
      this.latency,
      config.endpoint,
      (op) => this.completeOperation(op),
      (id) => {
        const r = this.state.get(id);
        return r && r.visible ? this.present(r) : undefined;
      },
      (op) => this.registry.type(op.resourceType)?.checkCompletion?.(op),
    );
  }

  completeOperation(op: OperationRecord): void {
    const def = this.registry.type(op.resourceType);
    if (!def) throw new Error(`operation ${op.id} is for the unregistered type ${op.resourceType}`);
    def.onOperationComplete(op);
  }

  present(r: StoredResource): Record<string, any> {
    const def = this.registry.type(r.type);
    return def ? def.present(r) : structuredClone(r.body);
  }

  /** Removes a resource and everything below it (deepest first), through each type's `onDelete` hook. */
  deleteTree(id: string, exceptOpId?: string): void {
    const below = this.state.descendants(id).sort((a, b) => b.key.length - a.key.length);
    const self = this.state.get(id);
    for (const r of self ? [...below, self] : below) {
      this.registry.type(r.type)?.onDelete?.(r);
      this.state.resources.delete(r.key);
    }
    this.lro.cancelUnder(id, exceptOpId);
    this.state.changed();
  }

  resourceGroupId(subscriptionId: string, rg: string): string {
    return `/subscriptions/${subscriptionId}/resourceGroups/${rg}`;
  }

  /** The resource group, or the ARM 404; `forWrite` also refuses a group being deleted. */
  requireResourceGroup(subscriptionId: string, rg: string, forWrite = false): StoredResource {
    const r = this.state.get(this.resourceGroupId(subscriptionId, rg));
    if (!r || !r.visible) throw errors.resourceGroupNotFound(rg);
    if (forWrite && r.body.properties?.provisioningState === 'Deleting') throw errors.resourceGroupBeingDeleted(r.body.name);
    return r;
  }

  systemData(principal: Principal | undefined, existing?: StoredResource): Record<string, string> {
    const now = new Date().toISOString();
    const who = principal?.appId || principal?.objectId || EMULATOR_APP_ID;
    const prev = existing?.body.systemData;
    return {
      createdBy: prev?.createdBy ?? who,
      createdByType: prev?.createdByType ?? 'Application',
      createdAt: prev?.createdAt ?? now,
      lastModifiedBy: who,
      lastModifiedByType: 'Application',
      lastModifiedAt: now,
    };
  }

  newEtag(): string {
    return `"${randomUUID()}"`;
  }

  /** A page of `items` and, when more remain, an absolute `nextLink` on the emulator's own host with `$skiptoken`. */
  page<T>(req: ArmRequest, items: T[], paged = true): { value: T[]; nextLink?: string } {
    if (!paged) return { value: items };
    const top = Number(req.query.get('$top'));
    const size = Number.isInteger(top) && top > 0 ? Math.min(top, this.config.pageSize) : this.config.pageSize;
    const token = req.query.get('$skiptoken');
    let offset = 0;
    if (token) {
      const n = Number(Buffer.from(token, 'base64url').toString('utf8'));
      if (!Number.isInteger(n) || n < 0) throw errors.badRequest('InvalidSkipToken', `The skip token '${token}' is invalid.`);
      offset = n;
    }
    const value = items.slice(offset, offset + size);
    if (offset + size >= items.length) return { value };
    const q = new URLSearchParams(req.query);
    q.set('$skiptoken', Buffer.from(String(offset + size)).toString('base64url'));
    return { value, nextLink: `${this.config.endpoint}${req.path}?${q.toString()}` };
  }

  /** Resources of one type directly below a parent id (resource group or parent resource). */
  childrenOfType(parentId: string, type: string): StoredResource[] {
    const p = resourceKey(parentId) + '/';
    const t = type.toLowerCase();
    return this.state.all().filter((r) => r.visible && r.type.toLowerCase() === t && r.key.startsWith(p));
  }
}
