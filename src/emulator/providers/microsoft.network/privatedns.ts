import { randomUUID } from 'node:crypto';
import { acceptedVersions } from '../../api-versions.js';
import type { EmulatorCore } from '../../core.js';
import type { OperationSpec } from '../../lro.js';
import type { ArmRequest, ArmResponse, Route } from '../../router.js';
import { type StoredResource, resourceKey } from '../../state.js';
import { type PathContext, type WriteContext, registerResourceType, resourceNotFound } from '../../tracked.js';
import { API_VERSIONS } from './api-versions.js';
import { parseIp } from './cidr.js';
import { networkErrors } from './errors.js';
import { VNET_SERVICE, type VirtualNetworkService } from './vnet.js';

/**
 * Private DNS [spec-pdns] (arm-facts §9):
 * - zones: PUT **202** with no body, `Azure-AsyncOperation` (`…/resourceGroups/{rg}/providers/Microsoft.Network/
 *   privateDnsOperationStatuses/{token}`) and `Location` (`…/privateDnsOperationResults/{token}`); polls answer
 *   `{"status":"InProgress"}` then `{"status":"Succeeded"}`; the zone is 404 until then [rec-1]. PATCH 202 and DELETE
 *   202 (204 absent) likewise (U for their bodies). `location` is always `global`; `If-None-Match: *` on an existing
 *   zone → 412 [rec-1] (generic precondition check). Read-only properties with the real limits [rec-1].
 *   A new zone gets its SOA record set (`@`), so `numberOfRecordSets` starts at 1 [rec-1].
 * - virtual network links: same LRO codes; `virtualNetworkLinkState` InProgress → Completed [spec-pdns].
 * - record sets (`…/{A|AAAA|CNAME|MX|PTR|SOA|SRV|TXT}/{name}`): PUT 201/200, PATCH 200, DELETE 200/204, all
 *   synchronous; lists per type and `…/ALL` [spec-pdns].
 * api-versions: `./api-versions.ts` (2020-06-01 is what arm-privatedns 3.2.0 and the Azure CLI send, 2018-09-01 [rec-1]).
 */

export const ZONE_TYPE = 'Microsoft.Network/privateDnsZones';
export const LINK_TYPE = 'Microsoft.Network/privateDnsZones/virtualNetworkLinks';
export const PRIVATE_DNS_SERVICE = 'microsoft.network/privateDns';
export const RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'PTR', 'SOA', 'SRV', 'TXT'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

const ZONE = '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/privateDnsZones/{privateZoneName}';
const LABEL = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;

export interface ZoneInfo {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  links: Array<{ id: string; name: string; virtualNetworkId: string; registrationEnabled: boolean }>;
}

/** Published as `microsoft.network/privateDns` (AKS creates its system zone and its A records through it). */
export interface PrivateDnsService {
  zone(id: string): ZoneInfo | undefined;
  /** Creates a zone directly in the Succeeded state (with its SOA); returns its id. */
  createZone(subscriptionId: string, resourceGroup: string, name: string, tags?: Record<string, string>): string;
  deleteZone(id: string): void;
  /** Links a VNet to a zone (state Completed); returns the link id. */
  linkVirtualNetwork(zoneId: string, linkName: string, vnetId: string, registrationEnabled?: boolean): string;
  /** Creates or replaces an A record set; returns its id. */
  setARecord(zoneId: string, name: string, ipv4Addresses: string[], ttl?: number): string;
  removeRecord(zoneId: string, type: RecordType, name: string): void;
  /** Record sets of a zone as GET returns them. */
  records(zoneId: string): Record<string, any>[];
}

/** `[0-9a-zA-Z_-]+=*`: the real token is base64 of `FrontEndAsyncOperation;Upsert…;<guid>` [rec-1]; `/`,`+` swapped so it stays one segment. */
function opToken(what: string, opId: string): string {
  return Buffer.from(`FrontEndAsyncOperation;Upsert${what};${opId}`).toString('base64').replace(/\//g, '_').replace(/\+/g, '-');
}

export function validateZoneName(name: string) {
  const labels = name.replace(/\.$/, '').split('.');
  if (labels.length < 2) return networkErrors.zoneNotEnoughLabels(name);
  if (labels.length > 34 || name.length > 253 || labels.some((l) => !LABEL.test(l))) return networkErrors.zoneInvalidName(name);
  return undefined;
}

function zoneIdOf(id: string): string | undefined {
  return /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/privateDnsZones\/[^/]+)/i.exec(id)?.[1];
}

const recordTypeName = (t: string) => `${ZONE_TYPE}/${t}`;
const isRecord = (r: StoredResource) => r.type.toLowerCase().startsWith(ZONE_TYPE.toLowerCase() + '/') && r.type !== LINK_TYPE;

function fqdnOf(zone: string, name: string): string {
  return `${name === '@' ? '' : `${name}.`}${zone.replace(/\.$/, '')}.`;
}

function store(core: EmulatorCore, r: Omit<StoredResource, 'key' | 'etag' | 'createdTime' | 'changedTime' | 'visible'> & { etag?: string }): StoredResource {
  const now = new Date().toISOString();
  const prev = core.state.get(r.id);
  const etag = r.etag ?? core.newEtag();
  const full: StoredResource = { ...r, key: resourceKey(r.id), etag, createdTime: prev?.createdTime ?? now, changedTime: now, visible: true };
  if (r.body.etag !== undefined || prev?.body.etag !== undefined) full.body.etag = etag;
  core.state.put(full);
  return full;
}

function soaBody(zoneId: string, zoneName: string): Record<string, any> {
  return {
    id: `${zoneId}/SOA/@`,
    name: '@',
    type: recordTypeName('SOA'),
    properties: {
      ttl: 3600,
      fqdn: fqdnOf(zoneName, '@'),
      isAutoRegistered: false,
      soaRecord: { email: 'azureprivatedns-host.microsoft.com', expireTime: 2419200, host: 'azureprivatedns.net', minimumTtl: 10, refreshTime: 3600, retryTime: 300, serialNumber: 1 },
    },
  };
}

function ensureSoa(core: EmulatorCore, zone: StoredResource): void {
  const id = `${zone.id}/SOA/@`;
  if (core.state.get(id)) return;
  const body = soaBody(zone.id, String(zone.body.name));
  body.etag = '';
  store(core, { id, type: recordTypeName('SOA'), subscriptionId: zone.subscriptionId, resourceGroup: zone.resourceGroup, body, secrets: {} });
}

function zoneProps(prev: Record<string, any> | undefined): Record<string, any> {
  return {
    maxNumberOfRecordSets: 25000,
    maxNumberOfVirtualNetworkLinks: 1000,
    maxNumberOfVirtualNetworkLinksWithRegistration: 100,
    internalId: prev?.internalId ?? Buffer.from(`ImmutableZoneIdentity;${randomUUID()}`).toString('base64'),
  };
}

export function registerPrivateDns(core: EmulatorCore): void {
  const statusPath = (what: string) => (c: PathContext) =>
    `/subscriptions/${c.subscriptionId}/resourceGroups/${c.resourceGroup}/providers/Microsoft.Network/privateDnsOperationStatuses/${opToken(what, c.opId)}`;
  const resultPath = (what: string) => (c: PathContext) =>
    `/subscriptions/${c.subscriptionId}/resourceGroups/${c.resourceGroup}/providers/Microsoft.Network/privateDnsOperationResults/${opToken(what, c.opId)}`;
  const op = (key: string, provisioningState: string): OperationSpec => ({
    mode: 'both',
    status: 202,
    inProgressWord: 'InProgress',
    provisioningState,
    durationKey: key,
    statusStyle: 'status-only',
    statusQueryFlag: false,
    // The zone PUT's 202 carries both operation URLs and no Retry-After [rec-1].
    sendRetryAfter: false,
  });
  const links = (zoneId: string) => core.childrenOfType(zoneId, LINK_TYPE);
  const records = (zoneId: string) => core.state.descendants(zoneId).filter((r) => r.visible && isRecord(r));

  registerResourceType(core, {
    type: ZONE_TYPE,
    item: ZONE,
    listBySubscription: '/subscriptions/{subscriptionId}/providers/Microsoft.Network/privateDnsZones',
    apiVersions: acceptedVersions(API_VERSIONS, ZONE_TYPE),
    locations: ['global'],
    etag: true,
    systemData: false,
    create: op(`${ZONE_TYPE}:create`, 'Creating'),
    replace: op(`${ZONE_TYPE}:update`, 'Updating'),
    patch: op(`${ZONE_TYPE}:update`, 'Updating'),
    delete: { ...op(`${ZONE_TYPE}:delete`, 'Deleting'), absentStatus: 204 },
    statusPath: statusPath('PrivateDnsZone'),
    resultPath: resultPath('PrivateDnsZone'),
    validateName: validateZoneName,
    compute: (c) => {
      c.resource.body.properties = zoneProps(c.existing?.body.properties);
    },
    present: (b, r) => {
      const l = links(r.id);
      Object.assign(b.properties, {
        numberOfRecordSets: records(r.id).length,
        numberOfVirtualNetworkLinks: l.length,
        numberOfVirtualNetworkLinksWithRegistration: l.filter((x) => x.body.properties.registrationEnabled).length,
      });
      return b;
    },
    onProvisioned: (r) => ensureSoa(core, r),
  });

  registerResourceType(core, {
    type: LINK_TYPE,
    item: `${ZONE}/virtualNetworkLinks/{virtualNetworkLinkName}`,
    apiVersions: acceptedVersions(API_VERSIONS, LINK_TYPE),
    locations: ['global'],
    etag: true,
    systemData: false,
    create: op(`${LINK_TYPE}:create`, 'Creating'),
    replace: op(`${LINK_TYPE}:update`, 'Updating'),
    patch: op(`${LINK_TYPE}:update`, 'Updating'),
    delete: { ...op(`${LINK_TYPE}:delete`, 'Deleting'), absentStatus: 204 },
    statusPath: statusPath('VirtualNetworkLink'),
    resultPath: resultPath('VirtualNetworkLink'),
    validateName: (n) => (n.length >= 1 && n.length <= 80 ? undefined : networkErrors.linkNameInvalid(n)),
    validate: (c) => validateLink(core, c),
    compute: (c) => {
      const p = c.resource.body.properties;
      p.registrationEnabled = p.registrationEnabled === true;
      p.virtualNetworkLinkState = 'InProgress';
    },
    onProvisioned: (r) => {
      r.body.properties.virtualNetworkLinkState = 'Completed';
      core.state.changed();
    },
  });

  // The SOA record set is part of the zone: its DELETE is refused, as the spec says [spec-pdns] (wording U).
  const soaCore = Object.create(core, {
    router: {
      value: {
        add: (route: Route) =>
          core.router.add(
            route.method === 'DELETE'
              ? {
                  ...route,
                  handler: () => {
                    throw networkErrors.soaCannotBeDeleted();
                  },
                }
              : route,
          ),
      },
    },
  }) as EmulatorCore;
  for (const t of RECORD_TYPES) {
    registerResourceType(t === 'SOA' ? soaCore : core, {
      type: recordTypeName(t),
      item: `${ZONE}/${t}/{relativeRecordSetName}`,
      apiVersions: acceptedVersions(API_VERSIONS, recordTypeName(t)),
      tracked: false,
      etag: true,
      systemData: false,
      provisioningState: false,
      create: { mode: 'sync', status: 201, durationKey: `${ZONE_TYPE}/records:create` },
      replace: { mode: 'sync', status: 200, durationKey: `${ZONE_TYPE}/records:update` },
      patch: { mode: 'sync', status: 200, durationKey: `${ZONE_TYPE}/records:update` },
      delete: { mode: 'sync', status: 200, absentStatus: 204, durationKey: `${ZONE_TYPE}/records:delete` },
      validateName: (n) => (n.length >= 1 && n.length <= 253 ? undefined : networkErrors.invalidRecordSet(`The record set name '${n}' is invalid.`)),
      validate: (c) => validateRecord(t, c),
      compute: (c) => {
        const zone = core.state.get(zoneIdOf(c.resource.id)!)!;
        const p = c.resource.body.properties;
        p.ttl ??= 3600;
        p.fqdn = fqdnOf(String(zone.body.name), String(c.resource.body.name));
        p.isAutoRegistered = false;
      },
    });
  }
  core.router.add({
    method: 'GET',
    template: `${ZONE}/ALL`,
    namespace: 'Microsoft.Network',
    apiVersions: { versions: acceptedVersions(API_VERSIONS, recordTypeName('A')), kind: 'provider', typeName: 'privateDnsZones/ALL' },
    handler: (req: ArmRequest): ArmResponse => {
      core.requireResourceGroup(req.params.subscriptionId, req.params.resourceGroupName);
      const zone = core.state.get(req.path.replace(/\/ALL$/i, ''));
      if (!zone || !zone.visible) throw resourceNotFound(req, req.params.privateZoneName);
      const items = records(zone.id)
        .sort((a, b) => a.type.localeCompare(b.type) || String(a.body.name).localeCompare(String(b.body.name)))
        .map((r) => core.present(r));
      return { status: 200, body: core.page(req, items) };
    },
  });

  core.registry.provide<PrivateDnsService>(PRIVATE_DNS_SERVICE, createPrivateDnsService(core, links, records));
}

function validateLink(core: EmulatorCore, c: WriteContext): void {
  const vnetId = c.resource.body.properties.virtualNetwork?.id;
  if (typeof vnetId !== 'string' || !vnetId) throw networkErrors.linkVnetRequired();
  const vnets = core.registry.service<VirtualNetworkService>(VNET_SERVICE);
  const vnet = vnets?.vnet(vnetId);
  if (!vnet) throw networkErrors.linkVnetNotFound(vnetId);
  c.resource.body.properties.virtualNetwork = { id: vnet.id };
  // One VNet, two zones with the same name (arm-facts §9; MicrosoftDocs/azure-aks-docs#212, Azure/ARO-RP#796).
  const zoneId = zoneIdOf(c.resource.id)!;
  const zoneName = String(core.state.get(zoneId)?.body.name);
  const clash = core.state
    .all()
    .filter((r) => r.type === LINK_TYPE && r.key !== c.resource.key && resourceKey(String(r.body.properties?.virtualNetwork?.id)) === resourceKey(vnet.id))
    .map((r) => zoneIdOf(r.id)!)
    .find((z) => resourceKey(z) !== resourceKey(zoneId) && String(core.state.get(z)?.body.name).toLowerCase() === zoneName.toLowerCase());
  if (clash) throw networkErrors.overlappingNamespace(zoneName, String(core.state.get(clash)?.body.name));
}

function validateRecord(t: RecordType, c: WriteContext): void {
  const p = c.resource.body.properties;
  if (p.ttl !== undefined && (!Number.isInteger(p.ttl) || p.ttl < 0 || p.ttl > 2147483647)) throw networkErrors.invalidRecordSet(`The TTL '${p.ttl}' is invalid.`);
  if (t === 'A') {
    const list = p.aRecords ?? [];
    if (!Array.isArray(list)) throw networkErrors.invalidRecordSet("'aRecords' must be an array.");
    for (const a of list) if (typeof a?.ipv4Address !== 'string' || parseIp(a.ipv4Address) === undefined) throw networkErrors.invalidRecordSet(`The IPv4 address '${a?.ipv4Address}' is invalid.`);
    p.aRecords = list.map((a: any) => ({ ipv4Address: a.ipv4Address }));
  }
  if (t === 'SOA' && String(c.resource.body.name) !== '@') throw networkErrors.invalidRecordSet("The SOA record set must be named '@'.");
}

function createPrivateDnsService(core: EmulatorCore, links: (z: string) => StoredResource[], records: (z: string) => StoredResource[]): PrivateDnsService {
  const zoneOf = (id: string) => {
    const r = core.state.get(id);
    return r && r.visible && r.type === ZONE_TYPE ? r : undefined;
  };
  return {
    zone(id) {
      const z = zoneOf(id);
      if (!z) return undefined;
      return {
        id: z.id,
        name: String(z.body.name),
        subscriptionId: z.subscriptionId,
        resourceGroup: String(z.resourceGroup),
        links: links(z.id).map((l) => ({ id: l.id, name: String(l.body.name), virtualNetworkId: String(l.body.properties.virtualNetwork?.id), registrationEnabled: !!l.body.properties.registrationEnabled })),
      };
    },
    createZone(subscriptionId, resourceGroup, name, tags) {
      const id = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${ZONE_TYPE}/${name}`;
      const body: Record<string, any> = { id, name, type: ZONE_TYPE, location: 'global', etag: '', properties: { ...zoneProps(undefined), provisioningState: 'Succeeded' } };
      if (tags) body.tags = { ...tags };
      const z = store(core, { id, type: ZONE_TYPE, subscriptionId, resourceGroup, body, secrets: {} });
      ensureSoa(core, z);
      return z.id;
    },
    deleteZone(id) {
      if (zoneOf(id)) core.deleteTree(id);
    },
    linkVirtualNetwork(zoneId, linkName, vnetId, registrationEnabled = false) {
      const z = zoneOf(zoneId);
      if (!z) throw new Error(`private DNS zone ${zoneId} does not exist`);
      const id = `${z.id}/virtualNetworkLinks/${linkName}`;
      const body = {
        id,
        name: linkName,
        type: LINK_TYPE,
        location: 'global',
        etag: '',
        properties: { virtualNetwork: { id: vnetId }, registrationEnabled, virtualNetworkLinkState: 'Completed', provisioningState: 'Succeeded' },
      };
      return store(core, { id, type: LINK_TYPE, subscriptionId: z.subscriptionId, resourceGroup: z.resourceGroup, body, secrets: {} }).id;
    },
    setARecord(zoneId, name, ips, ttl = 300) {
      const z = zoneOf(zoneId);
      if (!z) throw new Error(`private DNS zone ${zoneId} does not exist`);
      const id = `${z.id}/A/${name}`;
      const body = {
        id,
        name,
        type: recordTypeName('A'),
        etag: '',
        properties: { ttl, fqdn: fqdnOf(String(z.body.name), name), isAutoRegistered: false, aRecords: ips.map((ipv4Address) => ({ ipv4Address })) },
      };
      return store(core, { id, type: recordTypeName('A'), subscriptionId: z.subscriptionId, resourceGroup: z.resourceGroup, body, secrets: {} }).id;
    },
    removeRecord(zoneId, type, name) {
      const z = zoneOf(zoneId);
      if (z) core.deleteTree(`${z.id}/${type}/${name}`);
    },
    records: (zoneId) => (zoneOf(zoneId) ? records(zoneOf(zoneId)!.id).map((r) => core.present(r)) : []),
  };
}
