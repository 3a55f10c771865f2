import { createHash } from 'node:crypto';

/**
 * A name-based GUID (RFC 4122 version 5 layout over SHA-1) of the given parts. Role assignments named this
 * way from (scope, principal, role) get the same name on every run, so a re-run is a no-op instead of a
 * duplicate or a `RoleAssignmentExists` error.
 */
export function deterministicGuid(...parts: string[]): string {
  const h = createHash('sha1').update(parts.map((p) => p.toLowerCase()).join('\n')).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
