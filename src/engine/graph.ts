/** Pure graph helpers over `name -> names it depends on`. */
export type DependencyMap = Record<string, readonly string[]>;

/** A cycle as a path that starts and ends at the same name, or undefined. */
export function findCycle(deps: DependencyMap): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 'done') return undefined;
    if (state.get(n) === 'visiting') return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'visiting');
    stack.push(n);
    for (const d of deps[n] ?? []) {
      if (!(d in deps)) continue;
      const c = visit(d);
      if (c) return c;
    }
    stack.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of Object.keys(deps)) {
    const c = visit(n);
    if (c) return c;
  }
  return undefined;
}

/** Names in an order where every name comes after what it depends on (stable: ties keep input order). */
export function topologicalOrder(deps: DependencyMap): string[] {
  const cycle = findCycle(deps);
  if (cycle) throw new Error(`dependency cycle: ${cycle.join(' -> ')}`);
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (n: string) => {
    if (seen.has(n)) return;
    seen.add(n);
    for (const d of deps[n] ?? []) if (d in deps) visit(d);
    out.push(n);
  };
  for (const n of Object.keys(deps)) visit(n);
  return out;
}

/** The same graph with every edge turned around: what must go before a name is deleted. */
export function reverse(deps: DependencyMap): Record<string, string[]> {
  const out: Record<string, string[]> = Object.fromEntries(Object.keys(deps).map((n) => [n, []]));
  for (const [n, ds] of Object.entries(deps)) for (const d of ds) if (d in out) out[d].push(n);
  return out;
}

/** The names that depend, directly or not, on `name`. */
export function dependentsOf(deps: DependencyMap, name: string): Set<string> {
  const rev = reverse(deps);
  const out = new Set<string>();
  const walk = (n: string) => {
    for (const m of rev[n] ?? []) if (!out.has(m)) (out.add(m), walk(m));
  };
  walk(name);
  return out;
}
