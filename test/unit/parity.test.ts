import { describe, expect, it } from 'vitest';
// The parity replay's comparison logic (test/parity/compare.mjs); the replay itself needs ../shared and runs in .ci/run.
import { Substitutions, compareExchange, compareLroHeaders, comparePaths, fieldPaths, pollStatus } from '../parity/compare.mjs';

describe('fieldPaths', () => {
  it('lists nested fields, arrays as [], null fields as fields', () => {
    const paths = [...fieldPaths({ a: { b: 1, c: null }, d: [{ e: 'x' }, { f: [] }], g: {} })].sort();
    expect(paths).toEqual(['a', 'a.b', 'a.c', 'd', 'd[].e', 'd[].f', 'g']);
  });

  it('folds dictionary keys that are ids or GUIDs into {id}', () => {
    const id = '/subscriptions/s/resourceGroups/g/providers/Microsoft.ManagedIdentity/userAssignedIdentities/u';
    expect([...fieldPaths({ identity: { userAssignedIdentities: { [id]: { principalId: 'p' } } }, m: { '0b1f6d2e-1111-4222-8333-444455556666': 1 } })].sort()).toEqual([
      'identity',
      'identity.userAssignedIdentities',
      'identity.userAssignedIdentities.{id}',
      'identity.userAssignedIdentities.{id}.principalId',
      'm',
      'm.{id}',
    ]);
  });

  it('gives nothing for scalars and strings', () => {
    expect(fieldPaths('Deactivate succeeded').size).toBe(0);
    expect(fieldPaths(undefined).size).toBe(0);
  });
});

describe('comparePaths', () => {
  it('names what the emulator lacks and what it adds, values ignored', () => {
    expect(comparePaths({ a: 1, b: { c: 2 } }, { a: 'other', b: {}, z: true })).toEqual({ missing: ['b.c'], extra: ['z'] });
  });

  it('leaves out the operation end time (its poll depends on timing)', () => {
    expect(comparePaths({ status: 'Succeeded', endTime: 't' }, { status: 'Succeeded' }).missing).toEqual([]);
  });
});

describe('compareLroHeaders', () => {
  it('compares presence only, case-insensitively, list values included', () => {
    expect(compareLroHeaders({ 'Azure-AsyncOperation': ['https://x/op'], Location: ['https://x/r'] }, { 'azure-asyncoperation': 'https://y/op2', location: 'https://y/r2' })).toEqual([]);
    expect(compareLroHeaders({ 'Azure-AsyncOperation': ['u'] }, { 'retry-after': '5' })).toEqual(['header azure-asyncoperation missing', 'header retry-after not sent by Azure']);
  });
});

describe('compareExchange', () => {
  it('matches an exchange with the same code, headers, status word and fields', () => {
    const r = compareExchange({ status: 200, headers: {}, body: { status: 'Dequeued' } }, { status: 200, headers: {}, body: { status: 'Dequeued' } }, { poll: true });
    expect(r).toEqual({ diffs: [], extra: [] });
  });

  it('reports the status code, the poll word and a missing field', () => {
    const { diffs } = compareExchange(
      { status: 202, headers: {}, body: { status: 'Enqueued', properties: { x: null } } },
      { status: 200, headers: {}, body: { status: 'InProgress' } },
      { poll: true },
    );
    expect(diffs).toEqual(['status 200, Azure 202', 'poll status InProgress, Azure Enqueued', 'field properties missing', 'field properties.x missing']);
  });

  it('compares a string body with a string body (the revision actions answer a JSON string)', () => {
    expect(compareExchange({ status: 200, headers: {}, body: 'Deactivate succeeded' }, { status: 200, headers: {}, body: 'Deactivate succeeded' }).diffs).toEqual([]);
    expect(compareExchange({ status: 200, headers: {}, body: 'Deactivate succeeded' }, { status: 200, headers: {}, body: { error: {} } }).diffs).toHaveLength(1);
  });

  it('reports extra fields apart, not as mismatches', () => {
    expect(compareExchange({ status: 200, headers: {}, body: { a: 1 } }, { status: 200, headers: {}, body: { a: 1, b: 2 } })).toEqual({ diffs: [], extra: ['b'] });
  });
});

describe('pollStatus', () => {
  it('reads the status word of an operation body only', () => {
    expect(pollStatus({ status: 'InProgress' })).toBe('InProgress');
    expect(pollStatus([{ status: 'x' }])).toBeUndefined();
    expect(pollStatus('Succeeded')).toBeUndefined();
  });
});

describe('Substitutions', () => {
  const recordedPrincipal = 'aaaaaaaa-1111-4111-8111-111111111111';
  const emulatorPrincipal = 'bbbbbbbb-2222-4222-8222-222222222222';

  it('learns the server-generated GUIDs that differ at the same place and applies them to later requests', () => {
    const s = new Substitutions();
    s.learn({ properties: { principalId: recordedPrincipal, tenantId: 'same-tenant' }, list: [{ id: `/x/${recordedPrincipal}` }] }, { properties: { principalId: emulatorPrincipal, tenantId: 'same-tenant' }, list: [] });
    expect(s.has(recordedPrincipal.toUpperCase())).toBe(true);
    expect(s.apply(`{"principalId":"${recordedPrincipal.toUpperCase()}"}`)).toBe(`{"principalId":"${emulatorPrincipal}"}`);
    expect(s.apply('/subscriptions/00000000-0000-0000-0000-000000000000/x')).toBe('/subscriptions/00000000-0000-0000-0000-000000000000/x');
  });

  it('learns GUIDs inside strings only when both strings carry the same number of them', () => {
    const s = new Substitutions();
    s.learn(`/ops/${recordedPrincipal}`, `/ops/${emulatorPrincipal}`);
    s.learn(`/a/${emulatorPrincipal}/b/${recordedPrincipal}`, '/a/none');
    expect(s.apply(recordedPrincipal)).toBe(emulatorPrincipal);
    expect(s.map.size).toBe(1);
  });

  it('keeps the first mapping and ignores identical ids', () => {
    const s = new Substitutions([[recordedPrincipal, emulatorPrincipal]]);
    s.add(recordedPrincipal, 'cccccccc-3333-4333-8333-333333333333');
    s.add(emulatorPrincipal, emulatorPrincipal);
    expect(s.apply(recordedPrincipal)).toBe(emulatorPrincipal);
    expect(s.has(emulatorPrincipal)).toBe(false);
  });
});
