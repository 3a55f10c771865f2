import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { parse } from 'yaml';
import type { ArmContext } from '../../src/arm/context.js';
import { down, plan, up, type StackDefinition } from '../../src/index.js';
import { runCanary } from '../../src/rollout/canary.js';
import { getApp, listRevisions } from '../../src/rollout/revisions.js';
import { weightsOf } from '../../src/rollout/traffic.js';

/**
 * The integration scenarios of the live mode, written once and run against either target: the emulator in
 * `npm test` (which proves the harness), real Azure in `npm run test:live`. Each one starts from a shipped
 * template made unique by the run id, applies it, checks what a user would look at, checks that a second
 * plan finds nothing to do, and always ends with `down` (in a finally) and a plan that would create
 * everything again, i.e. nothing of the run is left.
 */

export interface LiveEnv {
  /** Clients for the target, with the recorder in their pipeline. */
  arm: ArmContext;
  /** Short, lowercase, unique per run: part of every stack name and of every globally named resource. */
  runId: string;
  /** Region of every resource of every scenario. */
  location: string;
  /** Wait between canary steps. */
  canaryIntervalInMs: number;
  log(message: string): void;
}

export interface Scenario {
  name: string;
  /** Shipped template it starts from (templates/<name>.yaml). */
  template: string;
  /** What the outputs must look like after `up`. */
  verify(outputs: Record<string, Record<string, string>>, env: LiveEnv, stack: StackDefinition): Promise<void> | void;
}

type Resource = StackDefinition['resources'][string];

/**
 * The template with the run's names and region. Only names that must be unique beyond their resource group
 * change (resource groups per subscription, Cosmos DB accounts worldwide): everything else lives in a group
 * of the run. A Private DNS zone for AKS must be named after the cluster's region (arm-facts §10).
 */
export function liveStack(template: string, env: Pick<LiveEnv, 'runId' | 'location'>): StackDefinition {
  const def = parse(readFileSync(new URL(`../../templates/${template}.yaml`, import.meta.url), 'utf8')) as StackDefinition;
  const suffix = `-${env.runId}`;
  const resources: Record<string, Resource> = {};
  for (const [logical, r] of Object.entries(def.resources as Record<string, Resource>)) {
    const copy: Resource = structuredClone(r);
    if (copy.kind === 'resourceGroup') copy.name = `${copy.name}${suffix}`;
    if (copy.kind === 'cosmosAccount') copy.name = `${copy.name}${suffix}`;
    if (copy.kind === 'cosmosStateStore' && typeof copy.account === 'object') {
      const account = copy.account as { name: string };
      account.name = `${account.name}${suffix}`;
    }
    if (copy.kind === 'privateDnsZone' && typeof copy.name === 'string') copy.name = copy.name.replace(/^privatelink\.[a-z0-9]+\./, `privatelink.${env.location}.`);
    // One node per cluster: the scenarios test provisioning, not capacity, and three clusters run at once.
    if (copy.kind === 'aksCluster') copy.nodePool = { ...(copy.nodePool as object), count: 1 };
    delete copy.location;
    resources[logical] = copy;
  }
  return { ...def, name: `${def.name}${suffix}`, location: env.location, resources };
}

const privateZoneOf = (location: string) => new RegExp(`\\.privatelink\\.${location}\\.azmk8s\\.io$`);
const groupOf = (stack: StackDefinition, logical = 'rg') => stack.resources[logical]!.name;

export const scenarios: Scenario[] = [
  {
    name: 'environment: Log Analytics workspace and Container Apps environment',
    template: 'environment',
    verify(o, _env, stack) {
      expect(o.rg!.name).toBe(groupOf(stack));
      expect(o.logs!.customerId).toMatch(/\S/);
      expect(o.env!.defaultDomain).toMatch(/\S\.\S/);
    },
  },
  {
    name: 'Dapr state store on Cosmos DB, keyless, and a Dapr-enabled app',
    template: 'dapr-cosmos-app',
    verify(o) {
      expect(o['state-account']!.documentEndpoint).toMatch(/^https:\/\//);
      expect(o['state-container']!.name).toBe('statestore');
      expect(o['state-identity']!.clientId).toMatch(/^[0-9a-f-]{36}$/);
      expect(o['state-role']!.id).toMatch(/sqlRoleAssignments\//);
      expect(o['state-component']!.name).toBe('statestore');
      expect(o.app!.fqdn).toMatch(/\S\.\S/);
    },
  },
  {
    name: 'private AKS, system-managed private DNS zone',
    template: 'private-aks-system',
    verify(o, env, stack) {
      expect(o.aks!.privateDnsZone).toBe('system');
      expect(o.aks!.privateFQDN).toMatch(privateZoneOf(env.location));
      expect(o.aks!.nodeResourceGroup.toLowerCase()).toBe(`mc_${groupOf(stack)}_${stack.resources.aks!.name}_${env.location}`.toLowerCase());
    },
  },
  {
    name: 'private AKS, no private DNS zone',
    template: 'private-aks-none',
    verify(o, env) {
      expect(o.aks!.privateDnsZone).toBe('none');
      expect(o.aks!.privateFQDN).toMatch(new RegExp(`\\.hcp\\.${env.location}\\.azmk8s\\.io$`));
    },
  },
  {
    name: 'private AKS, custom private DNS zone with its link and roles',
    template: 'private-aks-custom-dns',
    verify(o, env) {
      expect(o.aks!.privateFQDN).toMatch(privateZoneOf(env.location));
      expect(o.aks!.privateFQDN.startsWith('aks-private.')).toBe(true);
      expect(o.dnsRole!.id).toMatch(/roleAssignments\//);
      expect(o.networkRole!.id).toMatch(/roleAssignments\//);
    },
  },
  {
    name: 'canary rollout of a new image to 100%, gated on health and HTTP',
    template: 'rollout-canary',
    async verify(o, env) {
      const appId = o.app!.id;
      const stable = o.app!.revisionName;
      const result = await runCanary({
        arm: env.arm,
        appId,
        image: 'gbaeke/dapr-state:2.0.0',
        steps: [50, 100],
        intervalInMs: env.canaryIntervalInMs,
        gates: { health: {}, http: { path: '/', requests: 10, successRate: 0.9 } },
        events: (e) => e.type === 'rollout-step' && env.log(`canary at step ${e.step}`),
      });
      expect(result).toMatchObject({ outcome: 'promoted', stable });
      const app = await getApp(env.arm, appId);
      expect(weightsOf(app.configuration?.ingress?.traffic, app.latestRevisionName)).toEqual({ [result.revision]: 100 });
      // The superseded revision stays active at 0% for a quick rollback (keepRevisions, default 1).
      expect((await listRevisions(env.arm, appId)).find((r) => r.name === stable)).toMatchObject({ active: true, trafficWeight: 0 });
    },
  },
];

/**
 * up, verify, re-plan (nothing to do), and down whatever happened. A failure of `down` after a failed
 * scenario is reported with the scenario's own error, never in place of it.
 */
export async function runScenario(s: Scenario, env: LiveEnv): Promise<void> {
  const stack = liveStack(s.template, env);
  const options = { target: env.arm };
  let failure: unknown;
  try {
    env.log(`${s.name}: up ${stack.name}`);
    const { outputs } = await up(stack, options);
    await s.verify(outputs, env, stack);
    const again = await plan(stack, options);
    // A rollout owns the image it released, so the stack still matches after the canary.
    expect(again.steps.filter((step) => step.op !== "same").map((step) => `${step.op} ${step.resource} ${JSON.stringify(step.changes)}`)).toEqual([]);
  } catch (e) {
    failure = e;
    throw e;
  } finally {
    env.log(`${s.name}: down ${stack.name}`);
    try {
      await down(stack, options);
      const after = await plan(stack, options);
      expect(after.steps.filter((step) => step.op !== 'create').map((step) => `${step.op} ${step.resource}`)).toEqual([]);
    } catch (e) {
      if (failure === undefined) throw e;
      env.log(`${s.name}: down failed too, delete the resource groups ending in -${env.runId} by hand: ${(e as Error).message}`);
    }
  }
}
