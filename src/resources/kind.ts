import type { z } from 'zod';
import type { ArmContext } from '../arm/context.js';
import type { Problem } from '../core/errors.js';
import type { EventSink } from '../core/events.js';

/** Fields every resource in a stack has, whatever its kind. */
export interface BaseResourceSpec {
  kind: string;
  name: string;
  // `| undefined` on each optional field: the kinds' schema types (zod) say so, and consumers compiling
  // with exactOptionalPropertyTypes check that they satisfy this interface.
  location?: string | undefined;
  tags?: Record<string, string> | undefined;
  /** Take over an existing resource that no stack owns (down will then delete it). */
  adopt?: boolean | undefined;
  /** Refer to a resource that exists outside the stack: read, never written or deleted. */
  existing?: boolean | undefined;
  /** Extra ordering on top of the references the kind knows about. */
  dependsOn?: string[] | undefined;
}

/** A field of a resource that names another resource of the stack. */
export interface Reference {
  field: string;
  target: string;
  /** The kind the target must be, or '*' for any kind. */
  kind: string;
}

/** What a resource may know about another one it references. */
export interface ResolvedResource {
  logicalName: string;
  id: string;
  name: string;
  spec: BaseResourceSpec;
  /** Undefined while the referenced resource does not exist yet (planning a create). */
  outputs?: Record<string, string>;
}

export interface RefResolver {
  get(logicalName: string): ResolvedResource;
}

export interface StackInfo {
  name: string;
  location: string;
  tags: Record<string, string>;
  /** Every resource of the stack by logical name, for checks that look across them. */
  resources: Readonly<Record<string, BaseResourceSpec>>;
}

export interface KindEnv {
  arm: ArmContext;
  stack: StackInfo;
  events: EventSink;
  /** Logical name of the resource being worked on, for events. */
  resource: string;
}

/** The part of a kind that needs no SDK: schema and checks. Loaded by validation and `schema`. */
export interface KindSpec<S extends BaseResourceSpec = BaseResourceSpec> {
  kind: S['kind'];
  description: string;
  schema: z.ZodType<S>;
  references(spec: S): Reference[];
  /** Names of the outputs the kind gives, for `${logical.output}` references. */
  outputs: readonly string[];
  /**
   * For kinds ARM gives no tags (Dapr components, role assignments): the logical name of the resource whose
   * ownership tag decides whether the stack owns this one.
   */
  ownedThrough?(spec: S): string;
  /**
   * Checks that need more than the schema: cross-field rules, and rules across resources (`lookup` gives
   * the other resources of the stack by logical name). Paths are relative to the resource.
   */
  check?(spec: S, lookup: (logicalName: string) => BaseResourceSpec | undefined, all: Readonly<Record<string, BaseResourceSpec>>, stackLocation: string): Problem[];
  /** Resources of the stack that must be applied before this one without being referenced by a field. */
  after?(spec: S, all: Readonly<Record<string, BaseResourceSpec>>): string[];
}

/** A flat map of field path to value, the shape diffs are computed on. */
export type Comparable = Record<string, unknown>;

/** One resource of the stack with everything the engine worked out for it. */
export interface ResolvedSpec<S extends BaseResourceSpec = BaseResourceSpec> {
  logicalName: string;
  spec: S;
  /** The resource's location, or the stack's. */
  location: string;
  /** Stack tags, then the resource's own, then the ownership tags. */
  tags: Record<string, string>;
  refs: RefResolver;
  subscriptionId: string;
}

/** The part of a kind that talks to ARM. Loaded only when a command reads or writes. */
export interface KindProvider<S extends BaseResourceSpec = BaseResourceSpec, A = unknown> {
  resourceId(r: ResolvedSpec<S>): string;
  read(env: KindEnv, id: string): Promise<A | undefined>;
  /**
   * What the stack asks for, in the comparable shape. Only declared fields: others are not managed. `actual`
   * is there for fields the stack sets only at creation (a container app's image belongs to releases after).
   */
  desired(r: ResolvedSpec<S>, actual?: A): Comparable;
  /** What Azure has, in the same shape. */
  observed(actual: A): Comparable;
  /** Create or update to the desired state; resolves when ARM says it is done. */
  put(env: KindEnv, id: string, r: ResolvedSpec<S>, actual: A | undefined): Promise<A>;
  delete(env: KindEnv, id: string): Promise<void>;
  /**
   * Checks against what Azure already has, after the plan's reads and before any write (a secret store
   * the stack does not declare must exist, roles an existing identity must hold, ...). Paths are relative
   * to the resource.
   */
  preflight?(env: KindEnv, r: ResolvedSpec<S>, actual: A | undefined): Promise<Problem[]>;
  /** What a planned update will do beyond its fields (e.g. deactivate superseded revisions), for the step's note. */
  planNote?(env: KindEnv, id: string, r: ResolvedSpec<S>, actual: A): Promise<string | undefined>;
  /** A reason not to delete (e.g. a group still holds resources the stack does not own), or undefined. */
  keepReason?(env: KindEnv, id: string): Promise<string | undefined>;
  outputs(actual: A): Record<string, string>;
  tags(actual: A): Record<string, string> | undefined;
}

/**
 * A kind that stands for several resources (e.g. a Dapr state store on Cosmos DB). Validation expands it
 * into plain resources before anything else; each part is then planned and applied like any other.
 */
export interface CompositeKind<S extends { kind: string } = { kind: string }> {
  kind: S['kind'];
  description: string;
  schema: z.ZodType<S>;
  /** Rules on the composite itself (paths relative to it), and warnings to show. */
  check?(spec: S, lookup: (logicalName: string) => BaseResourceSpec | undefined): { problems: Problem[]; warnings: string[] };
  /** The resources it stands for, by logical name. */
  expand(logicalName: string, spec: S): Record<string, Record<string, unknown>>;
}
