/**
 * azprov's public API. Everything a program needs to plan, apply and destroy stacks; the emulator has its
 * own entry point (`azprov/emulator`) so that importing the library does not load it.
 */
import { ArmContext, type ArmContextOptions } from './arm/context.js';
// Every kind, so that validateStack and parseStackYaml know them all without an async load first.
import './resources/registry.js';
import type { Target } from './arm/target.js';
import type { EventSink } from './core/events.js';
import { applyPlan, type ApplyResult } from './engine/apply.js';
import { destroyStack, type DestroyResult } from './engine/destroy.js';
import { outputsOf, planStack } from './engine/plan.js';
import type { Plan } from './engine/plan-types.js';
import type { OutputsOf, Stack, StackDefinition } from './engine/stack.js';
import { validateStack } from './engine/validate.js';

export { ArmContext, type ArmContextOptions } from './arm/context.js';
export type { Target, AzureTarget, EmulatorTarget } from './arm/target.js';
export { EMULATOR_DEFAULT_SUBSCRIPTION } from './arm/target.js';
export { parseResourceId, formatResourceId, resourceGroupId, providerResourceId, sameResourceId, type ResourceId } from './arm/ids.js';
export { isNotFound, readOrUndefined } from './arm/rest-errors.js';
export { AzprovError, ValidationError, OwnershipError, ArmCallError, isAzprovError, type Problem } from './core/errors.js';
export type { AzprovEvent, EventSink } from './core/events.js';
export { ApplyError, type ApplyResult } from './engine/apply.js';
export type { DestroyResult } from './engine/destroy.js';
export { defineStack, type Stack, type StackDefinition, type ResourceDefinition, type OutputsOf } from './engine/stack.js';
export type { KindOutputNames, OutputsOfKind, StackOutputs } from './resources/outputs.js';
export { validateStack } from './engine/validate.js';
export { parseStackYaml, loadStackFile } from './engine/load.js';
export { stackJsonSchema } from './engine/schema.js';
export { summarize, hasChanges, KNOWN_AFTER_APPLY, type Plan, type Step, type StepOp, type FieldChange } from './engine/plan-types.js';
export { STACK_TAG, RESOURCE_TAG } from './engine/ownership.js';
export { createEnvironment, type CreateEnvironmentOptions } from './workflows/create-environment.js';
export { ensureCosmosStateStore, type CosmosStateStoreOptions } from './workflows/state-store.js';
export { deployContainerApp, type DeployAppOptions } from './workflows/deploy-app.js';
export { updateContainerApp, type UpdateAppOptions } from './rollout/update-app.js';
export { listRevisions, formatRevisions, type RevisionRow } from './rollout/revisions.js';
export { parseDaprComponents, type ImportedDaprComponent } from './dapr/component-yaml.js';
export { revisionNameOf, revisionSuffixOf } from './resources/container-app/template.js';
export { runCanary, RolledBackError, type CanaryOptions, type RolloutResult } from './rollout/canary.js';
export { runBlueGreen, promoteBlueGreen, abortRollout, type BlueGreenOptions } from './rollout/blue-green.js';
export { deployRevision, setTraffic, setLabel, swapLabels, revisionAction } from './rollout/revision-ops.js';
export { checkTrafficMap, type TrafficMap } from './rollout/traffic.js';
export type { Gates, HttpGate } from './rollout/gates.js';

export interface CommandOptions {
  /** Azure, or an emulator. */
  target: Target | ArmContext;
  events?: EventSink;
  concurrency?: number;
  arm?: ArmContextOptions;
}

function contextOf(o: CommandOptions): ArmContext {
  return o.target instanceof ArmContext ? o.target : new ArmContext(o.target, o.arm);
}

function stackOf(stack: Stack | StackDefinition): Stack {
  return 'dependencies' in stack ? (stack as Stack) : validateStack(stack);
}

/** Reads Azure and says what `up` would do. Sends reads only. */
export async function plan(stack: Stack | StackDefinition, options: CommandOptions): Promise<Plan> {
  return (await planStack(stackOf(stack), { arm: contextOf(options), events: options.events, concurrency: options.concurrency })).plan;
}

/** What `up` gives back: the outputs typed by the stack's kinds (see `defineStack`). */
export type UpResult<S extends Stack | StackDefinition = StackDefinition> = Omit<ApplyResult, 'outputs'> & { outputs: OutputsOf<S> };

/** Creates or updates what differs, in dependency order and in parallel where it can. */
export async function up<S extends Stack | StackDefinition>(stack: S, options: CommandOptions): Promise<UpResult<S>> {
  const run = { arm: contextOf(options), events: options.events, concurrency: options.concurrency };
  // Every resource exists after a successful apply, so each has its kind's outputs.
  return (await applyPlan(await planStack(stackOf(stack), run), run)) as UpResult<S>;
}

/** Deletes what the stack owns (ownership tags), dependents first. */
export async function down(stack: Stack | StackDefinition, options: CommandOptions & { dryRun?: boolean }): Promise<DestroyResult> {
  return destroyStack(stackOf(stack), { arm: contextOf(options), events: options.events, concurrency: options.concurrency, dryRun: options.dryRun });
}

/**
 * Outputs (ids, domains, ...) of the stack's resources that exist. Sends reads only. A resource not created
 * yet has none, hence `Partial`: `(await outputs(stack, o)).env?.defaultDomain`.
 */
export async function outputs<S extends Stack | StackDefinition>(stack: S, options: CommandOptions): Promise<Partial<OutputsOf<S>>> {
  return outputsOf(await planStack(stackOf(stack), { arm: contextOf(options), concurrency: options.concurrency }, { checkOwnership: false, removed: false })) as Partial<OutputsOf<S>>;
}
