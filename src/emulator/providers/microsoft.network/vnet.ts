import { randomUUID } from 'node:crypto';
import { acceptedVersions } from '../../api-versions.js';
import type { EmulatorCore } from '../../core.js';
import { normaliseLocation } from '../../core.js';
import type { OperationSpec } from '../../lro.js';
import type { ArmRequest, ArmResponse, Route } from '../../router.js';
import { type StoredResource, resourceKey } from '../../state.js';
import { type PathContext, type WriteContext, registerResourceType } from '../../tracked.js';
import { API_VERSIONS } from './api-versions.js';
import { type Cidr, alignedText, cidrContains, cidrOverlaps, formatIp, parseCidr } from './cidr.js';
import { networkErrors } from './errors.js';

/**
 * Virtual networks and subnets [spec-vnet] (arm-facts §8):
 * - VNet PUT 201/200 with `provisioningState: Updating`, `Azure-AsyncOperation`
 *   (`…/providers/Microsoft.Network/locations/{loc}/operations/{id}`) and `Retry-After: 10` (realistic, scaled;
 *   U — no saved recording), final-state-via azure-async-operation; PATCH (tags) 200 sync; DELETE 202 with both
 *   headers (final-state-via location) / 204 when absent.
 * - Subnet PUT 201/200 LRO (same shape), DELETE 202 / 204.
 * - A VNet PUT carries the full subnet list: subnets given inline become child resources, subnets that exist
 *   but are missing from the list are deleted (ARM replaces the list; refused when one is in use).
 * - While an operation runs on a VNet or one of its subnets, another write on them answers 429
 *   `RetryableErrorDueToAnotherOperation` with the remaining time as Retry-After [doc-throttle] (arm-facts §1.4, §8).
 * Operation-status bodies are `{"status":"InProgress"}` → `{"status":"Succeeded"}` (U: the Network RP's usual form).
 */

export const VNET_TYPE = 'Microsoft.Network/virtualNetworks';
export const SUBNET_TYPE = 'Microsoft.Network/virtualNetworks/subnets';
export const VNET_SERVICE = 'microsoft.network/vnets';

const VNET = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/virtualNetworks/{virtualNetworkName}';

/** Names: VNet 2–64, subnet 1–80 [doc-names-old]; letters, digits, `_`, `.`, `-`, starting with a letter/digit and ending with a letter/digit/`_` (U). */
const nameRule = (min: number, max: number) => new RegExp(`^(?=.{${min},${max}}$)[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$`);
const VNET_NAME = nameRule(2, 64);
const SUBNET_NAME = nameRule(1, 80);

export interface SubnetInfo {
  id: string;
  name: string;
  addressPrefix: string;
  vnetId: string;
  vnetAddressSpaces: string[];
  location: string;
}

/** Published as `microsoft.network/vnets`. */
export interface VirtualNetworkService {
  vnet(id: string): { id: string; name: string; location: string; addressSpaces: string[] } | undefined;
  subnet(id: string): SubnetInfo | undefined;
  /** Marks the subnet as used by `userId` (a cluster…) and returns the private IP allocated to it (stable per user). */
  attach(subnetId: string, userId: string): string | undefined;
  detach(subnetId: string, userId: string): void;
  /** Ids of what uses the subnet. */
  usersOf(subnetId: string): string[];
}

export function vnetIdOf(id: string): string | undefined {
  const m = /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+)/i.exec(id);
  return m?.[1];
}

function prefixesOf(props: Record<string, any> | undefined): unknown[] {
  if (!props) return [];
  if (Array.isArray(props.addressPrefixes) && props.addressPrefixes.length) return props.addressPrefixes;
  return props.addressPrefix !== undefined && props.addressPrefix !== null ? [props.addressPrefix] : [];
}

function parseOrThrow(prefix: unknown, id: string): Cidr {
  const c = parseCidr(String(prefix));
  if (typeof prefix !== 'string' || !c) throw networkErrors.invalidAddressPrefix(prefix, id);
  if (!c.aligned) throw networkErrors.invalidCidrNotation(prefix, id, alignedText(c));
  return c;
}

function spaceOf(vnetBody: Record<string, any>, id: string): Cidr[] {
  const list = vnetBody.properties?.addressSpace?.addressPrefixes;
  if (!Array.isArray(list) || list.length === 0) throw networkErrors.addressSpaceRequired(String(vnetBody.name));
  const out = list.map((p: unknown) => parseOrThrow(p, id));
  for (let i = 0; i < out.length; i++)
    for (let j = i + 1; j < out.length; j++) if (cidrOverlaps(out[i], out[j])) throw networkErrors.overlappingAddressSpace(String(vnetBody.name), out[i].text, out[j].text);
  return out;
}

/** Checks one subnet's prefixes against the VNet's space and the other subnets. */
function checkSubnet(name: string, id: string, props: Record<string, any>, vnetName: string, space: Cidr[], others: Array<{ name: string; cidrs: Cidr[] }>): Cidr[] {
  const raw = prefixesOf(props);
  if (raw.length === 0) throw networkErrors.subnetPrefixRequired(name, vnetName);
  const cidrs = raw.map((p) => parseOrThrow(p, id));
  for (const c of cidrs) {
    if (!space.some((s) => cidrContains(s, c))) throw networkErrors.subnetOutsideVnet(name, vnetName);
    for (const o of others) if (o.cidrs.some((oc) => cidrOverlaps(oc, c))) throw networkErrors.subnetsOverlap(name, vnetName);
  }
  return cidrs;
}

/** Subnet properties as stored: delegations get their ids and defaults, network policies their defaults (U). */
function normaliseSubnetProps(subnetId: string, props: Record<string, any>, prev: Record<string, any> | undefined, state: string): Record<string, any> {
  const out: Record<string, any> = { ...structuredClone(props) };
  delete out.provisioningState;
  delete out.ipConfigurations;
  out.delegations = (Array.isArray(props.delegations) ? props.delegations : []).map((d: any, i: number) => {
    const dname = String(d?.name ?? `delegation${i}`);
    const serviceName = d?.properties?.serviceName ?? d?.serviceName;
    return {
      name: dname,
      id: `${subnetId}/delegations/${dname}`,
      etag: `W/"${randomUUID()}"`,
      type: 'Microsoft.Network/virtualNetworks/subnets/delegations',
      properties: {
        serviceName,
        actions: d?.properties?.actions ?? ['Microsoft.Network/virtualNetworks/subnets/join/action'],
        provisioningState: 'Succeeded',
      },
    };
  });
  out.privateEndpointNetworkPolicies ??= prev?.privateEndpointNetworkPolicies ?? 'Disabled';
  out.privateLinkServiceNetworkPolicies ??= prev?.privateLinkServiceNetworkPolicies ?? 'Enabled';
  out.provisioningState = state;
  return out;
}

function subnetsOf(core: EmulatorCore, vnetId: string): StoredResource[] {
  return core.childrenOfType(vnetId, SUBNET_TYPE);
}

const usersOf = (r: StoredResource | undefined): string[] => (Array.isArray(r?.secrets.usedBy) ? r!.secrets.usedBy : []);

export function registerVirtualNetworks(core: EmulatorCore): void {
  const location = (c: PathContext) => {
    const v = core.state.get(vnetIdOf(c.resourceId) ?? c.resourceId);
    return normaliseLocation(String(v?.body.location ?? c.location));
  };
  const statusPath = (c: PathContext) => `/subscriptions/${c.subscriptionId}/providers/Microsoft.Network/locations/${location(c)}/operations/${c.opId}`;
  const resultPath = (c: PathContext) => `/subscriptions/${c.subscriptionId}/providers/Microsoft.Network/locations/${location(c)}/operationResults/${c.opId}`;
  const lro = (status: number, key: string, provisioningState = 'Updating'): OperationSpec => ({
    mode: 'azure-async',
    status,
    provisioningState,
    durationKey: key,
    minRetryAfterSeconds: 10, // Network RP PUTs send Retry-After: 10 (U, arm-facts §8)
    statusStyle: 'status-only',
    statusQueryFlag: false,
  });
  const del = (key: string) => ({ ...lro(202, key, 'Deleting'), mode: 'both' as const, absentStatus: 204 });

  // Route wrapper: the "another operation holds the VNet" 429 and the in-use checks on DELETE.
  const router = {
    add: (route: Route) =>
      core.router.add({
        ...route,
        handler: (req: ArmRequest): ArmResponse | Promise<ArmResponse> => {
          if (req.method === 'PUT' || req.method === 'PATCH' || req.method === 'DELETE') {
            const vnetId = vnetIdOf(decodeURIComponent(req.path));
            if (vnetId) {
              guardConcurrent(core, vnetId, req);
              if (req.method === 'DELETE') guardInUse(core, decodeURIComponent(req.path));
            }
          }
          return route.handler(req);
        },
      }),
  };
  const scoped = Object.create(core, { router: { value: router } }) as EmulatorCore;

  registerResourceType(scoped, {
    type: VNET_TYPE,
    item: VNET,
    listBySubscription: '/subscriptions/{subscriptionId}/providers/Microsoft.Network/virtualNetworks',
    apiVersions: acceptedVersions(API_VERSIONS, VNET_TYPE),
    etag: true,
    systemData: false,
    create: lro(201, `${VNET_TYPE}:create`),
    replace: lro(200, `${VNET_TYPE}:update`),
    patch: { mode: 'sync', status: 200, durationKey: `${VNET_TYPE}:update` },
    delete: del(`${VNET_TYPE}:delete`),
    statusPath,
    resultPath,
    validateName: (n) => (VNET_NAME.test(n) ? undefined : networkErrors.invalidName('virtualNetworkName', n, 64)),
    validate: (c) => validateVnet(core, c),
    compute: (c) => computeVnet(core, c),
    present: (b, r) => {
      b.properties.subnets = subnetsOf(core, r.id).map((s) => core.present(s));
      return b;
    },
    onProvisioned: (r) => {
      for (const s of subnetsOf(core, r.id)) if (s.body.properties.provisioningState !== 'Succeeded') s.body.properties.provisioningState = 'Succeeded';
      core.state.changed();
    },
  });

  registerResourceType(scoped, {
    type: SUBNET_TYPE,
    item: `${VNET}/subnets/{subnetName}`,
    apiVersions: acceptedVersions(API_VERSIONS, SUBNET_TYPE),
    tracked: false,
    etag: true,
    systemData: false,
    create: lro(201, `${SUBNET_TYPE}:create`),
    replace: lro(200, `${SUBNET_TYPE}:update`),
    delete: del(`${SUBNET_TYPE}:delete`),
    statusPath,
    resultPath,
    validateName: (n) => (SUBNET_NAME.test(n) ? undefined : networkErrors.invalidName('subnetName', n, 80)),
    validate: (c) => {
      const vnet = core.state.get(vnetIdOf(c.resource.id)!)!;
      const space = spaceOf(vnet.body, vnet.id);
      const others = subnetsOf(core, vnet.id)
        .filter((s) => s.key !== c.resource.key)
        .map((s) => ({ name: String(s.body.name), cidrs: prefixesOf(s.body.properties).map((p) => parseCidr(String(p))!).filter(Boolean) }));
      checkSubnet(String(c.resource.body.name), c.resource.id, c.resource.body.properties, String(vnet.body.name), space, others);
    },
    compute: (c) => {
      c.resource.body.properties = normaliseSubnetProps(c.resource.id, c.resource.body.properties, c.existing?.body.properties, 'Updating');
    },
  });

  core.registry.provide<VirtualNetworkService>(VNET_SERVICE, createVnetService(core));
}

function guardConcurrent(core: EmulatorCore, vnetId: string, req: ArmRequest): void {
  const k = resourceKey(vnetId);
  const busy = core.lro.running().find((o) => {
    const ok = resourceKey(o.resourceId);
    return ok === k || ok.startsWith(k + '/');
  });
  if (!busy) return;
  const what = req.path.toLowerCase().includes('/subnets/') ? `subnet ${decodeURIComponent(req.path.split('/').pop()!)}` : `virtual network ${vnetId.split('/').pop()}`;
  throw networkErrors.anotherOperation(what, vnetId, busy.id, core.lro.retryAfter(busy));
}

function guardInUse(core: EmulatorCore, path: string): void {
  const target = core.state.get(path);
  if (!target || !target.visible) return;
  const subnets = target.type === SUBNET_TYPE ? [target] : target.type === VNET_TYPE ? subnetsOf(core, target.id) : [];
  for (const s of subnets) if (usersOf(s).length) throw networkErrors.inUseSubnet(s.id, usersOf(s));
}

function validateVnet(core: EmulatorCore, c: WriteContext): void {
  const body = c.resource.body;
  const space = spaceOf(body, c.resource.id);
  if (c.req.method !== 'PUT') {
    // PATCH keeps the subnets; the address space may not shrink below them.
    for (const s of subnetsOf(core, c.resource.id)) checkSubnet(String(s.body.name), s.id, s.body.properties, String(body.name), space, []);
    return;
  }
  const given = Array.isArray(body.properties.subnets) ? body.properties.subnets : [];
  const seen: Array<{ name: string; cidrs: Cidr[] }> = [];
  for (const s of given) {
    const name = String(s?.name ?? '');
    if (!SUBNET_NAME.test(name)) throw networkErrors.invalidName('subnetName', name, 80);
    const cidrs = checkSubnet(name, `${c.resource.id}/subnets/${name}`, s?.properties ?? {}, String(body.name), space, seen);
    seen.push({ name, cidrs });
  }
  const keep = new Set(given.map((s: any) => String(s.name).toLowerCase()));
  for (const s of subnetsOf(core, c.resource.id)) {
    if (!keep.has(String(s.body.name).toLowerCase()) && usersOf(s).length) throw networkErrors.inUseSubnet(s.id, usersOf(s));
  }
}

function computeVnet(core: EmulatorCore, c: WriteContext): void {
  const props = c.resource.body.properties;
  const prev = c.existing?.body.properties ?? {};
  props.resourceGuid = prev.resourceGuid ?? randomUUID();
  props.enableDdosProtection ??= false;
  props.virtualNetworkPeerings ??= [];
  props.privateEndpointVNetPolicies ??= 'Disabled';
  const given = c.req.method === 'PUT' ? (Array.isArray(props.subnets) ? props.subnets : []) : undefined;
  delete props.subnets; // presented from the child resources
  if (!given) return;
  const vnetId = c.resource.id;
  const existing = new Map(subnetsOf(core, vnetId).map((s) => [String(s.body.name).toLowerCase(), s]));
  const now = new Date().toISOString();
  for (const s of given) {
    const name = String(s.name);
    const old = existing.get(name.toLowerCase());
    existing.delete(name.toLowerCase());
    const id = old?.id ?? `${vnetId}/subnets/${name}`;
    const etag = `W/"${randomUUID()}"`;
    const body = {
      id,
      name: old?.body.name ?? name,
      type: SUBNET_TYPE,
      etag,
      properties: normaliseSubnetProps(id, s.properties ?? {}, old?.body.properties, c.isCreate || !old ? 'Updating' : 'Updating'),
    };
    core.state.put({
      key: resourceKey(id),
      id,
      type: SUBNET_TYPE,
      subscriptionId: c.resource.subscriptionId,
      resourceGroup: c.resource.resourceGroup,
      body,
      secrets: old?.secrets ?? {},
      etag,
      createdTime: old?.createdTime ?? now,
      changedTime: now,
      visible: true,
    });
  }
  for (const gone of existing.values()) core.deleteTree(gone.id);
}

function createVnetService(core: EmulatorCore): VirtualNetworkService {
  const vnet = (id: string) => {
    const r = core.state.get(id);
    return r && r.visible && r.type === VNET_TYPE ? r : undefined;
  };
  const subnet = (id: string) => {
    const r = core.state.get(id);
    return r && r.visible && r.type === SUBNET_TYPE ? r : undefined;
  };
  return {
    vnet(id) {
      const r = vnet(id);
      if (!r) return undefined;
      return { id: r.id, name: String(r.body.name), location: String(r.body.location), addressSpaces: [...(r.body.properties.addressSpace?.addressPrefixes ?? [])] };
    },
    subnet(id) {
      const r = subnet(id);
      if (!r) return undefined;
      const v = vnet(vnetIdOf(r.id)!);
      return {
        id: r.id,
        name: String(r.body.name),
        addressPrefix: String(prefixesOf(r.body.properties)[0]),
        vnetId: v?.id ?? vnetIdOf(r.id)!,
        vnetAddressSpaces: [...(v?.body.properties.addressSpace?.addressPrefixes ?? [])],
        location: String(v?.body.location ?? ''),
      };
    },
    attach(subnetId, userId) {
      const r = subnet(subnetId);
      if (!r) return undefined;
      const users: string[] = usersOf(r);
      if (!users.some((u) => u.toLowerCase() === userId.toLowerCase())) users.push(userId);
      r.secrets.usedBy = users;
      const ips: Record<string, string> = (r.secrets.ips ??= {});
      const key = userId.toLowerCase();
      if (!ips[key]) {
        // Azure reserves the first four addresses and the last one of every subnet.
        const c = parseCidr(String(prefixesOf(r.body.properties)[0]))!;
        const taken = new Set(Object.values(ips));
        for (let n = c.base + 4; n < c.base + c.size - 1; n++) {
          if (!taken.has(formatIp(n))) {
            ips[key] = formatIp(n);
            break;
          }
        }
      }
      core.state.changed();
      return ips[key];
    },
    detach(subnetId, userId) {
      const r = subnet(subnetId);
      if (!r) return;
      r.secrets.usedBy = usersOf(r).filter((u) => u.toLowerCase() !== userId.toLowerCase());
      if (r.secrets.ips) delete r.secrets.ips[userId.toLowerCase()];
      core.state.changed();
    },
    usersOf: (id) => [...usersOf(subnet(id))],
  };
}
