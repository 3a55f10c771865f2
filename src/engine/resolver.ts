import type { BaseResourceSpec, RefResolver, ResolvedResource } from '../resources/kind.js';

/**
 * What the resources of one run know about each other: ids (known up front) and outputs (known once a
 * resource exists). Shared by plan and apply, so a dependency's fresh outputs are seen by what follows.
 */
export class StackResolver implements RefResolver {
  private readonly entries = new Map<string, ResolvedResource>();

  set(logicalName: string, entry: { id: string; spec: BaseResourceSpec; outputs?: Record<string, string> }): void {
    // The name is the id's last segment: some kinds (role assignments) derive it instead of declaring it.
    this.entries.set(logicalName, { logicalName, id: entry.id, name: entry.id.split('/').pop()!, spec: entry.spec, outputs: entry.outputs });
  }

  setOutputs(logicalName: string, outputs: Record<string, string> | undefined): void {
    const e = this.get(logicalName);
    this.entries.set(logicalName, { ...e, outputs });
  }

  has(logicalName: string): boolean {
    return this.entries.has(logicalName);
  }

  get(logicalName: string): ResolvedResource {
    const e = this.entries.get(logicalName);
    // Validation guarantees references resolve and the graph is ordered; this is a bug if it happens.
    if (!e) throw new Error(`internal: '${logicalName}' was referenced before it was resolved`);
    return e;
  }
}
