import fs from 'node:fs';
import path from 'node:path';
import type { ExchangeRecord } from './types.js';

/**
 * The request log: one record per ARM exchange (token, metadata and admin requests are not logged), in
 * memory and appended to a JSONL file when configured — the format `validate-traffic.mjs` reads. Secrets
 * are redacted before anything is stored: the `Authorization` header, and string values of fields that
 * hold keys, passwords, secrets, tokens or connection strings, plus `value` inside `secrets` / `keys` lists.
 */

export const REDACTED = 'REDACTED';

const SECRET_FIELD = /(key|keys|password|secret|connectionstring|token)$/i;
/** Fields that end like a secret but are not one. */
const NOT_SECRET = /^(partitionKey|keyType|keyName|keySource|shardKey|secretRef|passwordSecretRef)$/i;
const SECRET_LISTS = /^(secrets|keys|connectionStrings)$/i;
const REDACTED_HEADERS = new Set(['authorization', 'x-identity-header', 'cookie', 'set-cookie']);

/** `…/listSecrets` answers `{value: [{name, value}]}`: every value there is a secret (container apps, Dapr components). */
function secretListAction(url: string): boolean {
  return /\/listsecrets(\?|$)/i.test(url);
}

export function redactBody(value: unknown, parentKey = ''): unknown {
  if (parentKey === 'secrets' && value && typeof value === 'object' && !Array.isArray(value) && Array.isArray((value as { value?: unknown }).value)) {
    // The body of a secret-list action: its `value` array is the list of secrets.
    return { ...(value as object), value: redactBody((value as { value: unknown[] }).value, 'secrets') };
  }
  if (Array.isArray(value)) {
    return value.map((v) => {
      if (SECRET_LISTS.test(parentKey) && v && typeof v === 'object' && !Array.isArray(v)) {
        const o = redactBody(v, '') as Record<string, unknown>;
        if (typeof o.value === 'string') o.value = REDACTED;
        return o;
      }
      return redactBody(v, parentKey);
    });
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (typeof v === 'string' && SECRET_FIELD.test(k) && !NOT_SECRET.test(k)) out[k] = REDACTED;
      else out[k] = redactBody(v, k);
    }
    return out;
  }
  return value;
}

export function redactHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    const name = k.toLowerCase();
    out[name] = REDACTED_HEADERS.has(name) ? REDACTED : Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

export class RequestLog {
  private records: ExchangeRecord[] = [];

  constructor(
    private readonly file?: string,
    private readonly maxInMemory = 50_000,
  ) {
    if (file) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }

  add(r: ExchangeRecord): void {
    const rec: ExchangeRecord = {
      ...(r.name ? { name: r.name } : {}),
      request: { ...r.request, headers: redactHeaders(r.request.headers), body: redactBody(r.request.body ?? null) },
      response: { ...r.response, headers: redactHeaders(r.response.headers), body: redactBody(r.response.body ?? null, secretListAction(r.request.url) ? 'secrets' : '') },
    };
    this.records.push(rec);
    if (this.records.length > this.maxInMemory) this.records.splice(0, this.records.length - this.maxInMemory);
    if (this.file) fs.appendFileSync(this.file, JSON.stringify(rec) + '\n');
  }

  all(): ExchangeRecord[] {
    return this.records.slice();
  }

  clear(): void {
    this.records = [];
  }
}
