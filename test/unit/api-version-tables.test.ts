import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ApiVersionTable, isSupported, newestFirst, oldestFirst } from '../../src/emulator/api-versions.js';

/** The per-provider api-version tables are well formed; the ordering helpers match ARM's messages. */

const PROVIDERS = path.resolve(__dirname, '../../src/emulator/providers');
const namespaces = fs.readdirSync(PROVIDERS).filter((d) => fs.existsSync(path.join(PROVIDERS, d, 'api-versions.ts')));

describe('api-version tables', () => {
  it('every provider folder has one', () => {
    const folders = fs.readdirSync(PROVIDERS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(namespaces.sort()).toEqual(folders.sort());
  });

  it.each(namespaces)('%s: date-shaped, newest first, no duplicates, extra with its source', async (ns) => {
    const { API_VERSIONS } = (await import(path.join(PROVIDERS, ns, 'api-versions.ts'))) as { API_VERSIONS: ApiVersionTable };
    expect(Object.keys(API_VERSIONS).length).toBeGreaterThan(0);
    for (const [type, e] of Object.entries(API_VERSIONS)) {
      expect(type.toLowerCase().startsWith(ns + '/'), type).toBe(true);
      expect(e.stable.every((v) => /^\d{4}-\d{2}-\d{2}$/.test(v)), type).toBe(true);
      expect(e.preview.every((v) => /^\d{4}-\d{2}-\d{2}-preview$/.test(v)), type).toBe(true);
      for (const list of [e.stable, e.preview, e.extra ?? []]) expect(list, type).toEqual(newestFirst([...new Set(list)]));
      if (e.extra) {
        expect(e.extraSource, type).toBeTruthy();
        expect(e.extra.filter((v) => e.stable.includes(v) || e.preview.includes(v)), type).toEqual([]);
      }
    }
  });
});

describe('ordering and matching', () => {
  it('newest first puts a stable version before the preview of its date; oldest first reverses it', () => {
    const v = ['2023-07-01-preview', '2022-01-01', '2024-08-01', '2023-07-01'];
    expect(newestFirst(v)).toEqual(['2024-08-01', '2023-07-01', '2023-07-01-preview', '2022-01-01']);
    expect(oldestFirst(v)).toEqual(['2022-01-01', '2023-07-01-preview', '2023-07-01', '2024-08-01']);
  });

  it('matches case-insensitively; the any-date switch takes date shapes only', () => {
    expect(isSupported(['2022-01-01-preview'], '2022-01-01-PREVIEW')).toBe(true);
    expect(isSupported(['2022-01-01'], '2099-01-01')).toBe(false);
    expect(isSupported(['2022-01-01'], '2099-01-01', true)).toBe(true);
    expect(isSupported(['2022-01-01'], '2099-01-01-preview', true)).toBe(true);
    expect(isSupported(['2022-01-01'], '2099-01-01-privatepreview', true)).toBe(false);
    expect(isSupported(['2022-01-01'], 'latest', true)).toBe(false);
  });
});
