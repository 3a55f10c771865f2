import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ValidationError } from '../../src/core/errors.js';
import { validateStack } from '../../src/engine/validate.js';

const custom = parse(readFileSync('templates/private-aks-custom-dns.yaml', 'utf8'));

function problems(mutate: (s: any) => void) {
  const s = structuredClone(custom);
  mutate(s);
  try {
    validateStack(s);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).problems;
  }
  return [];
}

describe('private AKS preflight', () => {
  it('accepts the three shipped templates and orders roles and the zone link before the cluster', () => {
    expect(validateStack(custom).dependencies.aks).toEqual(expect.arrayContaining(['dnsRole', 'networkRole', 'zoneLink', 'zone', 'identity']));
    for (const f of ['private-aks-system', 'private-aks-none']) expect(() => validateStack(parse(readFileSync(`templates/${f}.yaml`, 'utf8')))).not.toThrow();
  });

  it.each<[string, (s: any) => void, string, string, string]>([
    ['a short region code in the zone name', (s) => (s.resources.zone.name = 'privatelink.weu.azmk8s.io'), 'resources.aks.privateDnsZone', "for region 'weu'", 'privatelink.westeurope.azmk8s.io'],
    ['a zone of another region', (s) => (s.resources.zone.name = 'privatelink.eastus.azmk8s.io'), 'resources.aks.privateDnsZone', "cluster is in 'westeurope'", 'privatelink.westeurope.azmk8s.io'],
    ['a malformed zone id', (s) => (s.resources.aks.privateDnsZone = '/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/dnsZones/z'), 'resources.aks.privateDnsZone', 'not a private DNS zone resource id', 'privateDnsZones'],
    ['a system identity with a custom zone', (s) => delete s.resources.aks.identity, 'resources.aks.identity', 'system-assigned one is not accepted', 'userAssignedIdentity'],
    ['no Private DNS Zone Contributor', (s) => delete s.resources.dnsRole, 'resources.aks.identity', 'needs Private DNS Zone Contributor', 'role: Private DNS Zone Contributor, scope: zone, principal: identity'],
    ['no Network Contributor', (s) => delete s.resources.networkRole, 'resources.aks.identity', 'needs Network Contributor', 'role: Network Contributor, scope: vnet'],
    ['dnsPrefix with fqdnSubdomain', (s) => (s.resources.aks.dnsPrefix = 'aks'), 'resources.aks.fqdnSubdomain', 'cannot be used together', 'remove dnsPrefix'],
    ['fqdnSubdomain without a custom zone', (s) => (s.resources.aks.privateDnsZone = 'system'), 'resources.aks.fqdnSubdomain', 'only allowed with a custom', 'dnsPrefix'],
    ['dnsServiceIP outside serviceCidr', (s) => (s.resources.aks.network.dnsServiceIP = '10.4.0.10'), 'resources.aks.network.dnsServiceIP', 'not inside serviceCidr', 'inside serviceCidr'],
    ['dnsServiceIP on the network address', (s) => (s.resources.aks.network.dnsServiceIP = '10.3.0.0'), 'resources.aks.network.dnsServiceIP', 'network address', '.10'],
    ['serviceCidr inside the VNet', (s) => Object.assign(s.resources.aks.network, { serviceCidr: '10.1.8.0/24', dnsServiceIP: '10.1.8.10' }), 'resources.aks.network.serviceCidr', 'overlaps', 'outside'],
    ['a subnet too small for Azure CNI', (s) => (s.resources.vnet.subnets[0].addressPrefix = '10.1.0.0/26'), 'resources.aks.network.subnet', 'need 93', 'larger subnet'],
    ['a subnet the VNet does not have', (s) => (s.resources.aks.network.subnet = 'nodes'), 'resources.aks.network.subnet', "has no subnet 'nodes'", 'aks'],
    ['a subnet outside the address space', (s) => (s.resources.vnet.subnets[0].addressPrefix = '10.2.0.0/24'), 'resources.vnet.subnets.0.addressPrefix', 'outside the address spaces', 'inside'],
  ])('refuses %s, naming the field and the fix', (_, mutate, field, reason, fix) => {
    const p = problems(mutate);
    const hit = p.find((x) => x.field === field && x.reason.includes(reason));
    expect(hit, JSON.stringify(p, null, 1)).toBeDefined();
    expect(hit!.fix).toContain(fix);
  });
});
