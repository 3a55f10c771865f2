import { describe, expect, it } from 'vitest';
import { allowedZoneForms, checkZoneName } from '../../src/resources/aks-cluster/private-dns-rules.js';

describe('private AKS zone names', () => {
  it.each([
    ['privatelink.westeurope.azmk8s.io', 'westeurope'],
    ['team1.privatelink.westeurope.azmk8s.io', 'westeurope'],
    ['privatelink.westus3.azmk8s.io', 'westus3'],
    ['privatelink.australiaeast.azmk8s.io', 'australiaeast'],
    ['PrivateLink.WestEurope.azmk8s.io', 'westeurope'],
  ])('accepts %s in %s', (zone, region) => {
    expect(checkZoneName(zone, region)).toMatchObject({ ok: true });
  });

  it.each([
    ['privatelink.aue.azmk8s.io', 'australiaeast', "for region 'aue'"],
    ['privatelink.eastus.azmk8s.io', 'westeurope', "but the cluster is in 'westeurope'"],
    ['privatelink.westeurope.example.com', 'westeurope', 'does not end with'],
    ['westeurope.azmk8s.io', 'westeurope', 'not one of the forms'],
    ['a.b.privatelink.westeurope.azmk8s.io', 'westeurope', 'not one of the forms'],
    ['this-subzone-name-is-much-longer-than-32.privatelink.westeurope.azmk8s.io', 'westeurope', '1–32'],
    ['private.westeurope.azmk8s.io', 'westeurope', 'VNet integration'],
  ])('refuses %s in %s and says why', (zone, region, reason) => {
    const r = checkZoneName(zone, region);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain(reason);
      expect(r.fix).toMatch(/privatelink\.westeurope\.azmk8s\.io|privatelink\.australiaeast\.azmk8s\.io|shorten/);
    }
  });

  it('knows the sovereign clouds\' suffixes', () => {
    expect(checkZoneName('privatelink.usgovvirginia.cx.aks.containerservice.azure.us', 'usgovvirginia', { cloud: 'AzureUSGovernment' })).toMatchObject({ ok: true });
    expect(allowedZoneForms('chinanorth3', 'AzureChinaCloud')[0]).toBe('privatelink.chinanorth3.cx.prod.service.azk8s.cn');
  });
});
