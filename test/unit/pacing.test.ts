import { createHttpHeaders } from '@azure/core-rest-pipeline';
import { describe, expect, it, vi, afterEach } from 'vitest';
import { PollPacer, retryAfterMs } from '../../src/arm/poll-pacing.js';
import { RateLimiter, requestClass } from '../../src/arm/rate-limit.js';

const res = (status: number, headers: Record<string, string> = {}) => ({ status, headers: createHttpHeaders(headers) });

describe('Retry-After parsing', () => {
  it('reads delta-seconds and HTTP dates, and ignores absent, zero, past and garbage values', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    expect(retryAfterMs('5', now)).toBe(5000);
    expect(retryAfterMs(' 2 ', now)).toBe(2000);
    expect(retryAfterMs('Tue, 01 Dec 2026 12:00:03 GMT', now)).toBe(3000);
    for (const v of [undefined, '', '0', 'Tue, 01 Dec 2026 11:59:00 GMT', 'soon', '-3']) expect(retryAfterMs(v, now)).toBeUndefined();
  });
});

describe('PollPacer', () => {
  let t = 1_000_000;
  const pacer = (firstPollMs = 0) => new PollPacer(firstPollMs, () => t);

  it('holds a poll of the announced status URL until the Retry-After has passed, once', () => {
    const p = pacer();
    const op = 'https://arm.local/subscriptions/s/providers/Microsoft.App/locations/westeurope/containerappOperationStatuses/abc?api-version=2025-07-01';
    p.record({ method: 'PUT', url: 'https://arm.local/subscriptions/s/resourceGroups/rg/providers/Microsoft.App/containerApps/web?api-version=2025-07-01' }, res(201, { 'azure-asyncoperation': op, 'retry-after': '5' }));
    t += 1200;
    expect(p.waitFor(op)).toBe(3800);
    // The entry is spent: the next poll (pollUntilDone's immediate one) is governed by the next response.
    expect(p.waitFor(op)).toBe(0);
    // Still running: the poll's own Retry-After governs the next poll of the same URL.
    p.record({ method: 'GET', url: op }, res(200, { 'retry-after': '2' }));
    expect(p.waitFor(op.toUpperCase().replace('HTTPS://', 'https://'))).toBe(2000);
  });

  it('prefers Operation-Location, then Azure-AsyncOperation, then Location, then the request URL (core-lro order)', () => {
    const p = pacer();
    const put = { method: 'PUT', url: 'https://arm.local/r?api-version=1' };
    p.record(put, res(201, { 'operation-location': 'https://arm.local/ol', 'azure-asyncoperation': 'https://arm.local/aao', location: 'https://arm.local/loc', 'retry-after': '1' }));
    expect([p.waitFor('https://arm.local/aao'), p.waitFor('https://arm.local/loc'), p.waitFor('https://arm.local/ol')]).toEqual([0, 0, 1000]);
    p.record(put, res(202, { location: 'https://arm.local/loc', 'retry-after': '1' }));
    expect(p.waitFor('https://arm.local/loc')).toBe(1000);
    p.record(put, res(201, { 'retry-after': '1' }));
    expect(p.waitFor(put.url)).toBe(1000);
  });

  it('leaves throttling and server errors to the retry policy, and a DELETE without a poll URL alone', () => {
    const p = pacer();
    p.record({ method: 'GET', url: 'https://arm.local/a' }, res(429, { 'retry-after': '7' }));
    p.record({ method: 'GET', url: 'https://arm.local/b' }, res(503, { 'retry-after': '7' }));
    p.record({ method: 'DELETE', url: 'https://arm.local/c' }, res(202, { 'retry-after': '7' }));
    expect(['a', 'b', 'c'].map((x) => p.waitFor(`https://arm.local/${x}`))).toEqual([0, 0, 0]);
  });

  it("waits the client's interval before the first poll of an operation that gives no Retry-After, but not after Retry-After: 0", () => {
    const p = pacer(200);
    p.record({ method: 'PUT', url: 'https://arm.local/aks' }, res(201, { 'azure-asyncoperation': 'https://arm.local/op1' }));
    p.record({ method: 'PUT', url: 'https://arm.local/app' }, res(201, { 'azure-asyncoperation': 'https://arm.local/op2', 'retry-after': '0' }));
    // A synchronous write (no operation URL) and a poll answer without Retry-After leave nothing behind.
    p.record({ method: 'PUT', url: 'https://arm.local/rg' }, res(201));
    p.record({ method: 'GET', url: 'https://arm.local/op3' }, res(200));
    expect(['op1', 'op2', 'rg', 'op3'].map((x) => p.waitFor(`https://arm.local/${x}`))).toEqual([200, 0, 0, 0]);
  });

  it('caps a Retry-After at the 10 minutes RPC allows', () => {
    const p = pacer();
    p.record({ method: 'PUT', url: 'https://arm.local/r' }, res(201, { location: 'https://arm.local/op', 'retry-after': '86400' }));
    expect(p.waitFor('https://arm.local/op')).toBe(600_000);
  });
});

describe('RateLimiter', () => {
  afterEach(() => vi.useRealTimers());

  it('classifies requests as ARM does', () => {
    expect(['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE'].map(requestClass)).toEqual(['reads', 'reads', 'writes', 'writes', 'writes', 'deletes']);
  });

  it('sends freely until a figure comes back, then queues below one token and releases one per refilled token', async () => {
    vi.useFakeTimers();
    const limiter = new RateLimiter({ reads: 10, writes: 10, deletes: 10 }, () => Date.now());
    for (let i = 0; i < 5; i++) await limiter.acquire('reads');
    // The server says 2 are left after the first request; four more are in flight, so we are at -2.
    limiter.settle('reads', res(200, { 'x-ms-ratelimit-remaining-subscription-reads': '6' }));
    let released = 0;
    const waits = Array.from({ length: 3 }, () => limiter.acquire('reads').then(() => released++));
    // 6 - 4 in flight = 2 tokens: two leave at once, the third waits for one token (100 ms at 10/s).
    await vi.advanceTimersByTimeAsync(0);
    expect(released).toBe(2);
    expect(limiter.queued('reads')).toBe(1);
    await vi.advanceTimersByTimeAsync(99);
    expect(released).toBe(2);
    await vi.advanceTimersByTimeAsync(2);
    await Promise.all(waits);
    expect(released).toBe(3);
  });

  it('holds a lane for a 429 Retry-After, and keeps the other lanes open', async () => {
    vi.useFakeTimers();
    const limiter = new RateLimiter({ reads: 25, writes: 10, deletes: 10 }, () => Date.now());
    await limiter.acquire('writes');
    limiter.settle('writes', res(429, { 'retry-after': '2' }));
    let sent = false;
    const w = limiter.acquire('writes').then(() => (sent = true));
    await limiter.acquire('reads');
    await vi.advanceTimersByTimeAsync(1999);
    expect(sent).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    await w;
    expect(sent).toBe(true);
  });

  it('never goes above the largest figure the server reported', async () => {
    vi.useFakeTimers();
    const limiter = new RateLimiter({ reads: 25, writes: 10, deletes: 10 }, () => Date.now());
    await limiter.acquire('reads');
    limiter.settle('reads', res(200, { 'x-ms-ratelimit-remaining-subscription-reads': '3' }));
    await vi.advanceTimersByTimeAsync(60_000);
    let released = 0;
    const all = Array.from({ length: 6 }, () => limiter.acquire('reads').then(() => released++));
    await vi.advanceTimersByTimeAsync(0);
    expect(released).toBe(4);
    await vi.advanceTimersByTimeAsync(200);
    await Promise.all(all);
    expect(released).toBe(6);
  });

  it('drops a queued request whose caller gave up', async () => {
    vi.useFakeTimers();
    const limiter = new RateLimiter({ reads: 1, writes: 1, deletes: 1 }, () => Date.now());
    await limiter.acquire('reads');
    limiter.settle('reads', res(200, { 'x-ms-ratelimit-remaining-subscription-reads': '0' }));
    const ac = new AbortController();
    const p = limiter.acquire('reads', ac.signal);
    ac.abort();
    await expect(p).rejects.toThrow(/aborted/);
    expect(limiter.queued('reads')).toBe(0);
  });
});
