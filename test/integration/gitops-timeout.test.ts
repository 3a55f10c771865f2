import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyPlan, ApplyError } from '../../src/engine/apply.js';
import { planStack } from '../../src/engine/plan.js';
import { validateStack } from '../../src/engine/validate.js';
import { FluxNotCompliantError } from '../../src/resources/flux-configuration/provider.js';
import { useEmulator } from '../helpers/emulator.js';

// Each reconciliation stage takes 50 reads of the configuration here: Flux stays Pending past a 1 s bound.
const fx = useEmulator({ pollsToComplete: 50 });

describe('Flux that stays Pending past its bound', () => {
  it('fails naming what is not ready and how to follow it; the configuration is written, so the next plan has nothing to do', async () => {
    const def = parse(readFileSync('templates/gitops-crossplane.yaml', 'utf8'));
    def.resources.config.complianceTimeoutInSeconds = 1;
    const arm = fx.arm({ pollIntervalInMs: 1 });
    const error = await applyPlan(await planStack(validateStack(def), { arm, events: fx.sink }), { arm, events: fx.sink }).catch((e) => e);
    expect(error).toBeInstanceOf(ApplyError);
    const failure = (error as ApplyError).failures[0];
    expect(failure.resource).toBe('config');
    expect(failure.error).toBeInstanceOf(FluxNotCompliantError);
    expect((failure.error as Error).message).toMatch(/is still Pending after 1 s \(not ready: infra, secrets, apps\)\. Fix: .*'azprov outputs' \(complianceState\)/);
    expect(fx.events.filter((e) => e.type === 'step-waiting' && e.resource === 'config').length).toBeGreaterThan(0);
    const again = await planStack(validateStack(def), { arm });
    expect(again.plan.steps.filter((s) => s.op !== 'same')).toEqual([]);
  });
});
