import { describe, expect, it } from 'vitest';
import { findCycle } from '../../src/engine/graph.js';
import { deleteOrder, KIND_OF_ARM_TYPE, refersTo, within, type DeleteNode } from '../../src/engine/removed.js';
import { revisionsToRetire } from '../../src/resources/container-app/retire.js';

const sub = '/subscriptions/s';
const rg = `${sub}/resourceGroups/rg`;
const id = (type: string, name: string) => `${rg}/providers/${type}/${name}`;

describe('delete order of resources known only from Azure', () => {
  const group: DeleteNode = { key: 'rg', id: rg, kind: 'resourceGroup', declared: false };
  const env: DeleteNode = { key: 'env', id: id('Microsoft.App/managedEnvironments', 'cae'), kind: 'managedEnvironment', declared: false, actual: { appLogsConfiguration: { customerId: 'c' } } };
  const app: DeleteNode = { key: 'app', id: id('Microsoft.App/containerApps', 'web'), kind: 'containerApp', declared: false, actual: { managedEnvironmentId: id('Microsoft.App/managedEnvironments', 'CAE') } };
  const vnet: DeleteNode = { key: 'vnet', id: id('Microsoft.Network/virtualNetworks', 'v'), kind: 'virtualNetwork', declared: false };
  const aks: DeleteNode = { key: 'aks', id: id('Microsoft.ContainerService/managedClusters', 'k'), kind: 'aksCluster', declared: false, actual: { agentPoolProfiles: [{ vnetSubnetID: `${id('Microsoft.Network/virtualNetworks', 'v')}/subnets/nodes` }] } };
  const logs: DeleteNode = { key: 'logs', id: id('Microsoft.OperationalInsights/workspaces', 'l'), kind: 'logAnalyticsWorkspace', declared: false };

  it('puts children before parents, users before what they name (ids compared case-insensitively), and the group last', () => {
    const order = deleteOrder([group, env, app, vnet, aks, logs], {});
    expect(order.env).toContain('app');
    expect(order.vnet).toContain('aks');
    expect(order.rg.sort()).toEqual(['aks', 'app', 'env', 'logs', 'vnet']);
    // No id links the environment to its workspace: the rank table orders them.
    expect(order.logs).toContain('env');
    expect(order.app).toEqual([]);
    expect(findCycle(order)).toBeUndefined();
  });

  it('follows the stack between declared resources, and Azure for a removed one among them', () => {
    const declaredEnv = { ...env, declared: true };
    const declaredLogs = { ...logs, declared: true };
    const order = deleteOrder([declaredEnv, declaredLogs, app], { env: ['logs'] });
    expect(order.logs.sort()).toEqual(['app', 'env']);
    expect(order.env).toEqual(['app']);
  });

  it('falls back to the rank table when what Azure says loops', () => {
    const a: DeleteNode = { key: 'a', id: id('Microsoft.App/containerApps', 'a'), kind: 'containerApp', declared: false, actual: { x: id('Microsoft.Network/virtualNetworks', 'v') } };
    const v: DeleteNode = { ...vnet, actual: { y: id('Microsoft.App/containerApps', 'a'), z: id('Microsoft.ManagedIdentity/userAssignedIdentities', 'i') } };
    const i: DeleteNode = { key: 'i', id: id('Microsoft.ManagedIdentity/userAssignedIdentities', 'i'), kind: 'userAssignedIdentity', declared: false, actual: { w: id('Microsoft.App/containerApps', 'a') } };
    const order = deleteOrder([a, v, i], {});
    // a before v (rank: each names the other), v before i, i before a: a loop, so ranks alone decide.
    expect(findCycle(order)).toBeUndefined();
    expect(order.vnet).toEqual(['a']);
    expect(order.i.sort()).toEqual(['a', 'vnet']);
  });

  it('matches ids as whole ids, not as prefixes of another name', () => {
    expect(refersTo({ x: `${rg}2/providers/a/b/c` }, 'x', rg)).toBe(false);
    expect(refersTo({ x: `${rg}/providers/a/b/c` }, 'x', rg)).toBe(true);
    expect(within(`${rg}/providers/a/b/c`, rg)).toBe(true);
    expect(within(`${rg}2`, rg)).toBe(false);
    expect(KIND_OF_ARM_TYPE['microsoft.app/containerapps']).toBe('containerApp');
  });
});

describe('superseded revisions to deactivate', () => {
  const rev = (name: string, minute: number, extra: Record<string, unknown> = {}) => ({ name, active: true, trafficWeight: 0, createdTime: new Date(Date.UTC(2026, 0, 1, 0, minute)), ...extra });
  it('keeps the latest and the newest N superseded, never one with traffic or a label, and skips inactive ones', () => {
    const revisions = [rev('w--1', 1), rev('w--2', 2, { trafficWeight: 10 }), rev('w--3', 3), rev('w--4', 4), rev('w--5', 5), rev('w--0', 0, { active: false })];
    const traffic = [{ revisionName: 'w--5', weight: 90 }, { revisionName: 'W--3', weight: 0, label: 'blue' }];
    expect(revisionsToRetire(revisions, 'w--5', traffic, 1)).toEqual(['w--1']);
    expect(revisionsToRetire(revisions, 'w--5', traffic, 0)).toEqual(['w--4', 'w--1']);
    expect(revisionsToRetire(revisions, 'w--5', [{ latestRevision: true, weight: 100 }], 5)).toEqual([]);
  });
});
