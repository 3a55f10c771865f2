/** IPv4 CIDR arithmetic for preflight checks (address spaces, subnets, service CIDRs). */

export interface Cidr {
  /** Network address as an unsigned 32-bit number. */
  base: number;
  prefix: number;
  /** Number of addresses in the block. */
  size: number;
  text: string;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function parseIpv4(ip: string): number | undefined {
  const m = IPV4.exec(ip);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

export function formatIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

/** A CIDR block, or undefined when the text is not one or has host bits set (10.0.0.1/24). */
export function parseCidr(text: string): Cidr | undefined {
  const [ip, p, ...rest] = text.split('/');
  if (rest.length || p === undefined || !/^\d{1,2}$/.test(p)) return undefined;
  const prefix = Number(p);
  const addr = parseIpv4(ip);
  if (addr === undefined || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  if (addr % size !== 0) return undefined;
  return { base: addr, prefix, size, text };
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.base >= outer.base && inner.base + inner.size <= outer.base + outer.size;
}

export function containsIp(block: Cidr, ip: number): boolean {
  return ip >= block.base && ip < block.base + block.size;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + b.size && b.base < a.base + a.size;
}

/** Azure keeps 5 addresses of every subnet (network, gateway, 2 DNS, broadcast). */
export function usableInAzureSubnet(c: Cidr): number {
  return Math.max(0, c.size - 5);
}
