/** IPv4 CIDR arithmetic (pure functions; also used by Microsoft.ContainerService for its network checks). */

export interface Cidr {
  /** Network address as an unsigned 32-bit number. */
  base: number;
  bits: number;
  /** Number of addresses. */
  size: number;
  text: string;
}

export function parseIp(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip.trim());
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

export function formatIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Parses `a.b.c.d/n`; `aligned: false` when host bits are set (`10.0.0.5/24`). */
export function parseCidr(text: string): (Cidr & { aligned: boolean }) | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^([^/]+)\/(\d{1,2})$/.exec(text.trim());
  if (!m) return undefined;
  const ip = parseIp(m[1]);
  const bits = Number(m[2]);
  if (ip === undefined || bits > 32) return undefined;
  const size = 2 ** (32 - bits);
  const base = Math.floor(ip / size) * size;
  return { base, bits, size, text: text.trim(), aligned: base === ip };
}

export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return inner.base >= outer.base && inner.base + inner.size <= outer.base + outer.size;
}

export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + b.size && b.base < a.base + a.size;
}

export function ipInCidr(ip: number, c: Cidr): boolean {
  return ip >= c.base && ip < c.base + c.size;
}

/** What the prefix should be for its length (`10.0.0.5/24` → `10.0.0.0/24`). */
export function alignedText(c: Cidr): string {
  return `${formatIp(c.base)}/${c.bits}`;
}
