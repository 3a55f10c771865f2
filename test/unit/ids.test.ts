import { describe, expect, it } from 'vitest';
import { formatResourceId, parseResourceId, providerResourceId, resourceGroupId, resourceType, ResourceIdError, sameResourceId } from '../../src/arm/ids.js';

describe('resource ids', () => {
  const env = '/subscriptions/sub-1/resourceGroups/rg-a/providers/Microsoft.App/managedEnvironments/env1';

  it('parses a nested id into its parts and formats it back', () => {
    const dapr = `${env}/daprComponents/statestore`;
    const id = parseResourceId(dapr);
    expect(id).toEqual({ subscriptionId: 'sub-1', resourceGroup: 'rg-a', namespace: 'Microsoft.App', types: ['managedEnvironments', 'daprComponents'], names: ['env1', 'statestore'] });
    expect(formatResourceId(id)).toBe(dapr);
    expect(resourceType(id)).toBe('Microsoft.App/managedEnvironments/daprComponents');
  });

  it('parses resource group and subscription ids', () => {
    expect(parseResourceId('/subscriptions/s/resourcegroups/My.Group(1)')).toMatchObject({ subscriptionId: 's', resourceGroup: 'My.Group(1)', types: [] });
    expect(resourceType(parseResourceId('/subscriptions/s/resourceGroups/g'))).toBe('Microsoft.Resources/resourceGroups');
    expect(parseResourceId('/subscriptions/s').resourceGroup).toBeUndefined();
  });

  it('tolerates doubled slashes as ARM does', () => {
    expect(parseResourceId('/subscriptions/s//resourceGroups/g/providers/Microsoft.App//managedEnvironments/e').names).toEqual(['e']);
  });

  it.each([
    ['', 'must start with /subscriptions'],
    ['/resourceGroups/g', 'must start with /subscriptions'],
    ['/subscriptions/s/resourceGroups', 'resource group name is missing'],
    ['/subscriptions/s/resourceGroups/g/providers/Microsoft.App/managedEnvironments', 'followed by a name'],
    ['/subscriptions/s/resourceGroups/g/things/x', "expected 'providers/{namespace}'"],
  ])('rejects %j with a reason', (id, reason) => {
    expect(() => parseResourceId(id)).toThrow(ResourceIdError);
    expect(() => parseResourceId(id)).toThrow(reason);
  });

  it('builds ids from names', () => {
    expect(resourceGroupId('s', 'g')).toBe('/subscriptions/s/resourceGroups/g');
    expect(providerResourceId('s', 'g', 'Microsoft.App', 'managedEnvironments', 'env1')).toBe('/subscriptions/s/resourceGroups/g/providers/Microsoft.App/managedEnvironments/env1');
  });

  it('compares ids case-insensitively', () => {
    expect(sameResourceId(env, env.toUpperCase())).toBe(true);
    expect(sameResourceId(env, env.replace('env1', 'env2'))).toBe(false);
  });
});
