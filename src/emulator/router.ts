import type { ApiVersionPolicy, ArmRequest, ArmResponse, Handler } from './types.js';

export type { ApiVersionPolicy, ArmRequest, ArmResponse, Handler };

/**
 * Route table for ARM paths. Templates use `{param}` segments; literal segments compare
 * case-insensitively (ARM paths are case-insensitive [rpc-resource]); templates with more literal
 * segments win, as ARM routing prefers them.
 */

export interface Route {
  method: string;
  template: string;
  handler: Handler;
  apiVersions?: ApiVersionPolicy;
  /** Provider namespace, for the InvalidResourceType answer of near misses. */
  namespace?: string;
}

interface CompiledRoute extends Route {
  segments: string[];
  literals: number;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

export class Router {
  private routes: CompiledRoute[] = [];

  add(route: Route): void {
    const segments = splitPath(route.template);
    const literals = segments.filter((s) => !s.startsWith('{')).length;
    this.routes.push({ ...route, method: route.method.toUpperCase(), segments, literals });
    this.routes.sort((a, b) => b.literals - a.literals || b.segments.length - a.segments.length);
  }

  /** Finds the route for a method and path; `methodMismatch` tells a 405 from a 404. */
  match(method: string, path: string): { match?: RouteMatch; methodMismatch: boolean } {
    const parts = splitPath(path);
    let methodMismatch = false;
    for (const r of this.routes) {
      const params = matchSegments(r.segments, parts);
      if (!params) continue;
      if (r.method !== method.toUpperCase()) {
        methodMismatch = true;
        continue;
      }
      return { match: { route: r, params }, methodMismatch: false };
    }
    return { methodMismatch };
  }

  list(): Array<{ method: string; template: string }> {
    return this.routes.map((r) => ({ method: r.method, template: r.template }));
  }
}

function matchSegments(template: string[], parts: string[]): Record<string, string> | undefined {
  if (template.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i];
    if (t.startsWith('{')) {
      try {
        params[t.slice(1, -1)] = decodeURIComponent(parts[i]);
      } catch {
        return undefined;
      }
    } else if (t.toLowerCase() !== parts[i].toLowerCase()) return undefined;
  }
  return params;
}
