import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The emulator's structure, read from its sources: relative imports only (`from './x.js'`, `import('./x.js')`),
 * no cycle anywhere, the core modules in one-way layers (the Layout table of src/emulator/README.md), nothing
 * imported from outside src/emulator, and providers reaching each other only through the edges listed here.
 */

const ROOT = path.resolve(__dirname, '../../src/emulator');

/** Core modules by layer: a module may import only modules of a lower layer. */
const LAYERS: string[][] = [
  ['types', 'errors', 'api-versions', 'regions', 'certs'],
  ['state', 'latency', 'faults', 'throttling', 'request-log', 'router', 'auth'],
  ['lro', 'registry', 'tracked-helpers', 'entra'],
  ['core'],
  ['tracked', 'admin', 'server'],
];
/** Top-level wiring allowed to import providers. */
const WIRING = new Set(['index', 'apps-http']);
/**
 * Imports between providers that exist today (service names, their types, pure helpers); a new one fails, so
 * that providers meet through `core.registry` services.
 */
const KNOWN_CROSS_PROVIDER = new Set([
  'microsoft.containerservice/backend -> microsoft.authorization/index',
  'microsoft.containerservice/backend -> microsoft.network/cidr',
  'microsoft.containerservice/backend -> microsoft.network/index',
  'microsoft.authorization/handlers -> microsoft.managedidentity/index',
]);

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Module id (path below src/emulator, no extension) → the relative modules it imports, resolved. */
function importGraph(): Map<string, string[]> {
  const id = (abs: string) => path.relative(ROOT, abs).replace(/\\/g, '/').replace(/\.(ts|js)$/, '');
  const graph = new Map<string, string[]>();
  for (const file of sources(ROOT)) {
    const deps: string[] = [];
    for (const m of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (spec.startsWith('.')) deps.push(id(path.resolve(path.dirname(file), spec)));
    }
    graph.set(id(file), [...new Set(deps)]);
  }
  return graph;
}

/** Every cycle's path (first node repeated at the end), by depth-first search. */
function findCycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (n: string) => {
    state.set(n, 'open');
    stack.push(n);
    for (const d of graph.get(n) ?? []) {
      if (state.get(d) === 'open') cycles.push([...stack.slice(stack.indexOf(d)), d]);
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of graph.keys()) if (!state.has(n)) visit(n);
  return cycles;
}

const graph = importGraph();

describe('emulator layering', () => {
  it('finds cycles (the checker itself)', () => {
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    expect(findCycles(g)).toEqual([['a', 'b', 'c', 'a']]);
    expect(findCycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
  });

  it('reads the whole tree', () => {
    expect(graph.size).toBeGreaterThan(60);
    expect(graph.get('core')).toContain('registry');
  });

  it('has no import cycle', () => {
    expect(findCycles(graph).map((c) => c.join(' -> '))).toEqual([]);
  });

  it('imports nothing from outside src/emulator', () => {
    const outside = [...graph].flatMap(([m, deps]) => deps.filter((d) => d.startsWith('..')).map((d) => `${m} -> ${d}`));
    expect(outside).toEqual([]);
  });

  it('keeps the core in one-way layers', () => {
    const layerOf = new Map(LAYERS.flatMap((names, i) => names.map((n) => [n, i] as const)));
    const listed = [...graph.keys()].filter((m) => !m.includes('/') && !WIRING.has(m));
    expect(listed.filter((m) => !layerOf.has(m)), 'a core module missing from LAYERS').toEqual([]);
    const upward = listed.flatMap((m) =>
      (graph.get(m) ?? []).filter((d) => !(layerOf.has(d) && layerOf.get(d)! < layerOf.get(m)!)).map((d) => `${m} -> ${d}`),
    );
    expect(upward).toEqual([]);
  });

  it('lets providers meet only through the registry (and the known edges)', () => {
    const provider = (m: string) => /^providers\/([^/]+)\//.exec(m)?.[1];
    const cross = [...graph].flatMap(([m, deps]) =>
      deps.filter((d) => provider(m) && provider(d) && provider(m) !== provider(d)).map((d) => `${m.slice(10)} -> ${d.slice(10)}`),
    );
    expect(cross.filter((e) => !KNOWN_CROSS_PROVIDER.has(e))).toEqual([]);
    const coreIntoProviders = [...graph].flatMap(([m, deps]) => (!m.includes('/') && !WIRING.has(m) ? deps.filter((d) => d.startsWith('providers/')) : []));
    expect(coreIntoProviders).toEqual([]);
  });
});
