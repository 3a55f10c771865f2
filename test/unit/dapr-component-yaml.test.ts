import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { parseDaprComponents } from '../../src/dapr/component-yaml.js';

describe('Dapr component files', () => {
  it('reads the Kubernetes CRD form', () => {
    const [c] = parseDaprComponents(readFileSync('templates/dapr/statestore.crd.yaml', 'utf8'));
    expect(c).toMatchObject({ name: 'statestore', componentType: 'state.azure.cosmosdb', version: 'v1', scopes: ['daprstate'] });
    expect(c.metadata.map((m) => m.name)).toEqual(['url', 'database', 'collection', 'azureClientId']);
    expect(c.secrets).toBeUndefined();
  });

  it('reads the Container Apps form, and the list form of az containerapp create --dapr-components', () => {
    const [single] = parseDaprComponents(readFileSync('templates/dapr/statestore.containerapps.yaml', 'utf8'), 'x.yaml', 'statestore');
    expect(single).toMatchObject({ name: 'statestore', componentType: 'state.azure.cosmosdb', secrets: [{ name: 'cosmos-master-key' }] });
    const list = parseDaprComponents('- name: pubsub\n  type: pubsub.azure.servicebus.topics\n  version: v1\n  metadata:\n  - name: namespaceName\n    value: sb1\n- name: store\n  type: state.redis\n  metadata: []\n');
    expect(list.map((c) => [c.name, c.componentType])).toEqual([['pubsub', 'pubsub.azure.servicebus.topics'], ['store', 'state.redis']]);
  });

  it('moves plaintext secrets out of metadata into secrets with a secretRef', () => {
    const [c] = parseDaprComponents(`apiVersion: dapr.io/v1alpha1
kind: Component
metadata: { name: statestore }
spec:
  type: state.azure.cosmosdb
  metadata:
    - { name: url, value: https://a.documents.azure.com:443/ }
    - { name: masterKey, value: c2VjcmV0 }
    - { name: password, secretKeyRef: { name: redis-password, key: password } }
`);
    expect(c.metadata).toEqual([
      { name: 'url', value: 'https://a.documents.azure.com:443/' },
      { name: 'masterKey', secretRef: 'master-key' },
      { name: 'password', secretRef: 'redis-password' },
    ]);
    expect(c.secrets).toEqual([{ name: 'master-key', value: 'c2VjcmV0' }]);
  });

  it('reports every problem with where it is', () => {
    try {
      parseDaprComponents('apiVersion: dapr.io/v1alpha1\nkind: Component\nspec:\n  metadata: notalist\n', 'c.yaml');
      throw new Error('expected a ValidationError');
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).problems.map((p) => p.field)).toEqual(['(top level).metadata.name', '(top level).spec.type', '(top level).spec.metadata']);
    }
    expect(() => parseDaprComponents('', 'empty.yaml')).toThrow(/has no component/);
  });
});
