import type { OperationError, OperationRecord, StoredResource } from './types.js';

/**
 * The provider registry. Providers register their resource types here and publish named services;
 * they reach each other only through it (e.g. Microsoft.App asks the `loganalytics.workspaceByCustomerId`
 * service instead of reading Log Analytics state), as moto/localstack do.
 */

export interface ResourceTypeDef {
  /** Canonical type, e.g. `Microsoft.App/managedEnvironments`. */
  type: string;
  namespace: string;
  apiVersions: readonly string[];
  /** Regions the type is offered in (for error messages and location checks). */
  locations: readonly string[];
  /** A tracked resource (location and tags): provider metadata says `SupportsTags, SupportsLocation`. */
  tracked?: boolean;
  /** The body a GET returns (write-only inputs removed). */
  present(r: StoredResource): Record<string, any>;
  /** Applies the outcome of a finished LRO on a resource of this type. */
  onOperationComplete(op: OperationRecord): void;
  /** Called just before a resource of this type is removed (also by a cascade). */
  onDelete?(r: StoredResource): void;
  /** Optional late check when an operation is about to succeed: an error makes it end Failed (e.g. AKS permissions). */
  checkCompletion?(op: OperationRecord): OperationError | undefined;
}

export class Registry {
  private readonly types = new Map<string, ResourceTypeDef>();
  private readonly namespaces = new Map<string, string>();
  private readonly services = new Map<string, unknown>();

  registerType(def: ResourceTypeDef): void {
    const k = def.type.toLowerCase();
    if (this.types.has(k)) throw new Error(`resource type ${def.type} is registered twice`);
    this.types.set(k, def);
    this.namespaces.set(def.namespace.toLowerCase(), def.namespace);
  }

  type(type: string): ResourceTypeDef | undefined {
    return this.types.get(type.toLowerCase());
  }

  allTypes(): ResourceTypeDef[] {
    return [...this.types.values()];
  }

  /** The canonical casing of a registered namespace, or undefined. */
  namespace(ns: string): string | undefined {
    return this.namespaces.get(ns.toLowerCase());
  }

  allNamespaces(): string[] {
    return [...this.namespaces.values()];
  }

  provide<T>(name: string, impl: T): void {
    if (this.services.has(name)) throw new Error(`service ${name} is provided twice`);
    this.services.set(name, impl);
  }

  /** A service another provider published; undefined when that provider is not loaded. */
  service<T>(name: string): T | undefined {
    return this.services.get(name) as T | undefined;
  }
}

/** Services published by the built-in providers (names and shapes shared across providers). */
export interface WorkspaceKeysService {
  /** The workspace whose `customerId` is given, with its shared keys, or undefined. */
  byCustomerId(customerId: string): { id: string; primarySharedKey: string; secondarySharedKey: string } | undefined;
}
export const WORKSPACE_KEYS_SERVICE = 'microsoft.operationalinsights/workspaceKeys';

/** A request the apps front end answered, as the platform's metrics see it (apps-http.ts → Microsoft.Insights). */
export interface ServedRequest {
  appId: string;
  revision: string;
  status: number;
  latencyMs: number;
  /** Epoch ms when the answer was sent. */
  at: number;
}
export interface TrafficRecorder {
  record(r: ServedRequest): void;
}
export const TRAFFIC_RECORDER_SERVICE = 'microsoft.insights/traffic';
