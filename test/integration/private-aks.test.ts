import { readFileSync } from 'node:fs';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { PrivateDnsManagementClient } from '@azure/arm-privatedns';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runAksCommand } from '../../src/aks/run-command.js';
import { applyPlan } from '../../src/engine/apply.js';
import { planStack } from '../../src/engine/plan.js';
import { validateStack } from '../../src/engine/validate.js';
import { useEmulator } from '../helpers/emulator.js';

const fx = useEmulator();
const template = (name: string) => parse(readFileSync(`templates/private-aks-${name}.yaml`, 'utf8'));

async function up(def: unknown, arm = fx.arm()) {
  return applyPlan(await planStack(validateStack(def), { arm, events: fx.sink }), { arm, events: fx.sink });
}

async function rerunReadsOnly(def: unknown) {
  fx.emulator.clearExchanges();
  const state = await planStack(validateStack(def), { arm: fx.arm() });
  expect(state.plan.steps.filter((s) => s.op !== 'same')).toEqual([]);
  expect(fx.emulator.exchanges().filter((e) => e.request.method !== 'GET')).toEqual([]);
}

describe('private AKS, each private DNS option', () => {
  it('system: AKS makes the zone in the node resource group; a re-run only reads', async () => {
    const def = template('system');
    const { outputs } = await up(def);
    expect(outputs.aks.privateDnsZone).toBe('system');
    expect(outputs.aks.nodeResourceGroup).toBe('MC_rg-aks-system_aks-system_westeurope');
    expect(outputs.aks.privateFQDN).toMatch(/\.privatelink\.westeurope\.azmk8s\.io$/);
    const dns = await fx.arm().client(PrivateDnsManagementClient);
    const zones = [];
    for await (const z of dns.privateZones.listByResourceGroup(outputs.aks.nodeResourceGroup)) zones.push(z.name);
    expect(zones).toEqual([expect.stringMatching(/\.privatelink\.westeurope\.azmk8s\.io$/)]);
    await rerunReadsOnly(def);
  });

  it('none: no private zone, the private FQDN is the public hcp name', async () => {
    const def = template('none');
    const { outputs } = await up(def);
    expect(outputs.aks.privateFQDN).toMatch(/\.hcp\.westeurope\.azmk8s\.io$/);
    await rerunReadsOnly(def);
  });

  it('custom: the zone, its link and both roles first, then the cluster, whose record lands in the zone', async () => {
    const def = template('custom-dns');
    const { outputs } = await up(def);
    expect(outputs.aks.privateFQDN).toBe('aks-private.privatelink.westeurope.azmk8s.io');
    expect(outputs.aks.fqdn).toBe('');
    const done = fx.events.filter((e) => e.type === 'step-done').map((e) => (e as { resource: string }).resource);
    for (const before of ['zoneLink', 'dnsRole', 'networkRole']) expect(done.indexOf(before)).toBeLessThan(done.indexOf('aks'));
    const dns = await fx.arm().client(PrivateDnsManagementClient);
    const records = [];
    for await (const r of dns.recordSets.list('rg-aks-private', 'privatelink.westeurope.azmk8s.io')) records.push(r.name);
    expect(records).toContain('aks-private');
    const puts = fx.emulator.exchanges().filter((e) => e.request.method === 'PUT' && e.request.url.includes('/roleAssignments/'));
    expect(puts.map((e) => (e.request.body as { properties: { principalType: string } }).properties.principalType)).toEqual(['ServicePrincipal', 'ServicePrincipal']);
    await rerunReadsOnly(def);
  });

  it('waits, visibly, while the new roles are not yet effective', async () => {
    fx.emulator.setRolePropagationDelay(600);
    const { outputs } = await up(template('custom-dns'));
    expect(outputs.aks.privateFQDN).toBeTruthy();
    expect(fx.events).toContainEqual(expect.objectContaining({ type: 'step-waiting', resource: 'aks', reason: expect.stringContaining('take effect') }));
  });

  it('a new identity replicating is no obstacle: principalType is sent, so the roles are made at once', async () => {
    fx.emulator.setIdentityReplicationDelay(60_000);
    const { outputs } = await up(template('custom-dns'));
    expect(outputs.dnsRole.id).toMatch(/roleAssignments\//);
    expect(fx.events.filter((e) => e.type === 'step-waiting' && ['dnsRole', 'networkRole'].includes((e as { resource: string }).resource))).toEqual([]);
  });

  it('runs kubectl in the private cluster through runCommand', async () => {
    await up(template('none'));
    const out = await runAksCommand(fx.arm(), 'rg-aks-none', 'aks-none', 'kubectl get ns');
    expect(out.exitCode).toBe(0);
    expect(out.logs).toMatch(/kube-system/);
  });

  it('an update arriving while another operation runs waits for it instead of failing', async () => {
    const def = template('none');
    await up(def);
    const arm = fx.arm();
    const aks = await arm.client(ContainerServiceClient);
    const current = await aks.managedClusters.get('rg-aks-none', 'aks-none');
    // Someone else starts an update (tags) and does not wait.
    const other = aks.managedClusters.createOrUpdate('rg-aks-none', 'aks-none', { ...current, tags: { ...current.tags, owner: 'other' } }, { updateIntervalInMs: 10 });
    await other.submitted();
    const changed = structuredClone(def);
    changed.resources.aks.nodePool.count = 2;
    const result = await up(changed, arm);
    await other.pollUntilDone();
    expect(result.outputs.aks.id).toBeTruthy();
    expect((await aks.managedClusters.get('rg-aks-none', 'aks-none')).agentPoolProfiles?.[0].count).toBe(2);
  });
});

describe('private AKS preflight against Azure', () => {
  it('an existing identity must already hold both roles; the error gives the exact assignment, and nothing is written', async () => {
    const { ManagedServiceIdentityClient } = await import('@azure/arm-msi');
    const { ResourceManagementClient } = await import('@azure/arm-resources');
    const { ValidationError } = await import('../../src/core/errors.js');
    const arm = fx.arm();
    await (await arm.client(ResourceManagementClient)).resourceGroups.createOrUpdate('rg-ids', { location: 'westeurope' });
    const id = await (await arm.client(ManagedServiceIdentityClient)).userAssignedIdentities.createOrUpdate('rg-ids', 'id-shared', { location: 'westeurope' });
    const def = template('custom-dns');
    delete def.resources.dnsRole;
    delete def.resources.networkRole;
    def.resources.idRg = { kind: 'resourceGroup', name: 'rg-ids', existing: true };
    def.resources.identity = { kind: 'userAssignedIdentity', name: 'id-shared', resourceGroup: 'idRg', existing: true };
    fx.emulator.clearExchanges();
    const error = await planStack(validateStack(def), { arm }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.problems.map((p: { reason: string }) => p.reason)).toEqual([expect.stringContaining('Private DNS Zone Contributor'), expect.stringContaining('Network Contributor')]);
    expect(error.problems[0].fix).toContain(`az role assignment create --assignee-object-id ${id.principalId} --assignee-principal-type ServicePrincipal --role "Private DNS Zone Contributor"`);
    expect(fx.emulator.exchanges().filter((e) => e.request.method !== 'GET')).toEqual([]);

  });
});
