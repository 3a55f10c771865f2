import { describe, expect, it } from 'vitest';
import { FaultInjector, mulberry32 } from '../../src/emulator/faults.js';
import { Latency } from '../../src/emulator/latency.js';
import { OPERATION_TRANSITIONS } from '../../src/emulator/lro.js';
import { REDACTED, redactBody, redactHeaders } from '../../src/emulator/request-log.js';
import { Throttling } from '../../src/emulator/throttling.js';
import { mergePatch, parseFilter } from '../../src/emulator/tracked-helpers.js';

describe('redaction', () => {
  it('redacts keys, passwords, connection strings, tokens and values in secret lists, and keeps the rest', () => {
    const out = redactBody({
      properties: {
        appLogsConfiguration: { logAnalyticsConfiguration: { customerId: 'c-1', sharedKey: 's3cr3t' } },
        configuration: { secrets: [{ name: 'db', value: 'pw1' }], registries: [{ server: 'x.azurecr.io', username: 'u', passwordSecretRef: 'db' }] },
        partitionKey: { paths: ['/id'] },
        password: 'hunter2',
      },
      primaryMasterKey: 'k1',
      connectionStrings: [{ connectionString: 'AccountEndpoint=...;AccountKey=zzz', description: 'Primary' }],
      keys: [{ keyName: 'key1', value: 'v1', permissions: 'FULL' }],
      access_token: 'ey...',
    }) as any;
    expect(out.properties.appLogsConfiguration.logAnalyticsConfiguration).toEqual({ customerId: 'c-1', sharedKey: REDACTED });
    expect(out.properties.configuration.secrets).toEqual([{ name: 'db', value: REDACTED }]);
    expect(out.properties.configuration.registries[0]).toEqual({ server: 'x.azurecr.io', username: 'u', passwordSecretRef: 'db' });
    expect(out.properties.partitionKey).toEqual({ paths: ['/id'] });
    expect(out.properties.password).toBe(REDACTED);
    expect(out.primaryMasterKey).toBe(REDACTED);
    expect(out.connectionStrings[0]).toEqual({ connectionString: REDACTED, description: 'Primary' });
    expect(out.keys[0]).toEqual({ keyName: 'key1', value: REDACTED, permissions: 'FULL' });
    expect(out.access_token).toBe(REDACTED);
    expect(redactHeaders({ Authorization: 'Bearer x', 'X-Other': 'y' })).toEqual({ authorization: REDACTED, 'x-other': 'y' });
  });
});

describe('helpers', () => {
  it('parses ARM $filter forms and rejects others', () => {
    expect(parseFilter("tagName eq 'env' and tagValue eq 'it''s'")).toEqual([
      { op: 'eq', field: 'tagname', value: 'env' },
      { op: 'eq', field: 'tagvalue', value: "it's" },
    ]);
    expect(parseFilter("substringof('demo', name) and resourceType eq 'Microsoft.App/managedEnvironments'")).toHaveLength(2);
    expect(() => parseFilter('name gt 3')).toThrow(/not supported/);
  });

  it('merges as JSON merge patch', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 } }, { b: { c: null, e: 4 }, f: [1] })).toEqual({ a: 1, b: { d: 3, e: 4 }, f: [1] });
  });

  it('declares a terminal operation lifecycle', () => {
    expect(OPERATION_TRANSITIONS.Running).toEqual(['Succeeded', 'Failed', 'Canceled']);
    expect(OPERATION_TRANSITIONS.Succeeded).toEqual([]);
  });
});

describe('decisions', () => {
  it('seeded PRNG and fault decisions are deterministic', () => {
    const a = mulberry32(5);
    const b = mulberry32(5);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
    const draw = () => {
      const f = new FaultInjector({ rate: 0.5, seed: 9, kinds: ['429', '500'] });
      return Array.from({ length: 20 }, () => f.decide('GET', '/subscriptions', false) ?? '-');
    };
    expect(draw()).toEqual(draw());
    expect(new Set(draw())).toEqual(new Set(['429', '500', '-']));
    const onlyLro = new FaultInjector({ rate: 1, kinds: ['lro-failed'] });
    expect(onlyLro.decide('GET', '/x', false)).toBeUndefined();
    expect(onlyLro.decide('PUT', '/x', true)).toBe('lro-failed');
  });

  it('realistic Retry-After is whole seconds, at least 1 while running; instant is 0', () => {
    const now = 1_000_000;
    const r = new Latency('realistic', 0.01);
    expect(r.plan('Microsoft.App/managedEnvironments:create', now).completesAtMs).toBe(now + 1_800);
    expect(r.retryAfterSeconds(now + 1_800, now)).toBe(2);
    expect(r.retryAfterSeconds(now + 10, now)).toBe(1);
    expect(new Latency('instant').retryAfterSeconds(now + 99_000, now)).toBe(0);
  });

  it('token buckets refill over time', () => {
    const t = new Throttling({ writes: { capacity: 2, refillPerSecond: 1 } });
    expect(t.take('s', 'PUT', 0)).toEqual({ 'x-ms-ratelimit-remaining-subscription-writes': '1' });
    t.take('s', 'PUT', 0);
    expect(() => t.take('s', 'PUT', 0)).toThrow(/exceeded/);
    expect(t.take('s', 'PUT', 1_000)['x-ms-ratelimit-remaining-subscription-writes']).toBe('0');
    expect(new Throttling(false).take('s', 'DELETE')).toEqual({ 'x-ms-ratelimit-remaining-subscription-deletes': '199' });
  });
});
