import { describe, expect, it } from 'vitest';
import { contains, containsIp, formatIpv4, overlaps, parseCidr, parseIpv4, usableInAzureSubnet } from '../../src/core/cidr.js';

describe('CIDR arithmetic', () => {
  it('parses blocks and refuses malformed ones or host bits', () => {
    expect(parseCidr('10.3.0.0/24')).toMatchObject({ prefix: 24, size: 256 });
    for (const bad of ['10.3.0.0', '10.3.0.1/24', '10.3.0.0/33', '300.0.0.0/8', '10.0.0.0/8/1', 'abc/8']) expect(parseCidr(bad)).toBeUndefined();
  });

  it('answers containment and overlap', () => {
    const vnet = parseCidr('10.1.0.0/16')!;
    expect(contains(vnet, parseCidr('10.1.2.0/24')!)).toBe(true);
    expect(contains(vnet, parseCidr('10.2.0.0/24')!)).toBe(false);
    expect(overlaps(parseCidr('10.3.0.0/24')!, parseCidr('10.3.0.128/25')!)).toBe(true);
    expect(overlaps(parseCidr('10.3.0.0/24')!, parseCidr('10.3.1.0/24')!)).toBe(false);
    expect(containsIp(parseCidr('10.3.0.0/24')!, parseIpv4('10.3.0.10')!)).toBe(true);
  });

  it('counts what Azure leaves usable in a subnet and formats addresses', () => {
    expect(usableInAzureSubnet(parseCidr('10.0.0.0/24')!)).toBe(251);
    expect(usableInAzureSubnet(parseCidr('10.0.0.0/30')!)).toBe(0);
    expect(formatIpv4(parseIpv4('192.168.1.254')!)).toBe('192.168.1.254');
  });
});
