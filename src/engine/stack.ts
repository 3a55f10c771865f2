import type { BaseResourceSpec } from '../resources/kind.js';
import type { StackOutputs } from '../resources/outputs.js';

/**
 * One resource as a user writes it: its kind and the kind's fields. `name` is optional because some kinds
 * derive it (role assignments, the parts of a composite); validation says which kinds need one.
 */
export type ResourceDefinition = { kind: string; name?: string } & Omit<BaseResourceSpec, 'kind' | 'name'> & Record<string, unknown>;

/** A stack as a user writes it, in YAML or in TypeScript. */
export interface StackDefinition {
  /** Names the stack in ownership tags; resources are found again by it. */
  name: string;
  /** Default region of every resource. */
  location: string;
  /** Tags put on every resource of the stack. */
  tags?: Record<string, string>;
  /** Keep resources removed from the stack instead of deleting them on `up` (`down` still deletes them). */
  keepRemoved?: boolean;
  /** Resources by logical name. */
  resources: Record<string, ResourceDefinition>;
}

/** A stack that passed validation: every reference resolves and the graph has no cycle. */
export interface Stack {
  name: string;
  location: string;
  tags: Record<string, string>;
  /** Resources removed from the stack are kept by `up` (Terraform's prevent_destroy, for the whole stack). */
  keepRemoved?: boolean;
  resources: Record<string, BaseResourceSpec>;
  /** Logical name -> the logical names it depends on. */
  dependencies: Record<string, string[]>;
  /** Things worth knowing that are not errors (shown before a plan). */
  warnings: string[];
  /** For resources made by a composite kind: the composite's logical name. */
  origins: Record<string, string>;
  /** Where it was loaded from, for messages. */
  source?: string;
}

/**
 * Identity function that gives a stack written in TypeScript its type: the kinds stay literal, so that
 * `up()` and `outputs()` know each resource's outputs (`outputs.env.defaultDomain: string`).
 */
export function defineStack<const T extends StackDefinition>(stack: T): T {
  return stack;
}

/** The outputs of a stack by logical name, typed by each resource's kind when the stack's type says it. */
export type OutputsOf<S extends { resources: object }> = StackOutputs<S['resources']>;
