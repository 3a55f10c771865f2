import { describe, expect, it } from 'vitest';
import { checkAksExtension, type AksExtensionSpec } from '../../src/resources/aks-extension/spec.js';
import { checkFluxConfiguration, kustomizationCycle, type FluxConfigurationSpec } from '../../src/resources/flux-configuration/spec.js';
import { checkParameters, effectOf, isKubernetesPolicy, type PolicyDefinitionInfo } from '../../src/resources/policy-assignment/definitions.js';

const flux = (o: Partial<FluxConfigurationSpec> = {}): FluxConfigurationSpec => ({
  kind: 'fluxConfiguration',
  name: 'cfg',
  cluster: 'aks',
  source: { url: 'https://github.com/org/repo', branch: 'main' },
  kustomizations: [{ name: 'infra', path: './infra' }],
  ...o,
});
const none = () => undefined;

describe('Flux rules', () => {
  it('finds a dependency cycle, and none in a chain', () => {
    expect(kustomizationCycle([{ name: 'a', dependsOn: ['c'] }, { name: 'b', dependsOn: ['a'] }, { name: 'c', dependsOn: ['b'] }])).toEqual(['a', 'c', 'b', 'a']);
    expect(kustomizationCycle([{ name: 'a' }, { name: 'b', dependsOn: ['a'] }, { name: 'c', dependsOn: ['b', 'a'] }])).toBeUndefined();
  });

  it('matches the URL scheme to its auth', () => {
    const fields = (s: FluxConfigurationSpec) => checkFluxConfiguration(s, none, {}).map((p) => p.field);
    process.env.AZPROV_UNIT_KEY = 'k';
    expect(fields(flux({ source: { url: 'git@github.com:org/repo', branch: 'main' }, protectedSettings: { sshPrivateKey: { fromEnv: 'AZPROV_UNIT_KEY' } } }))).toEqual([]);
    expect(fields(flux({ protectedSettings: { sshPrivateKey: { fromEnv: 'AZPROV_UNIT_KEY' } } }))).toEqual(['protectedSettings.sshPrivateKey']);
    expect(fields(flux({ source: { url: 'http://git.local/repo', branch: 'main', httpsUser: 'u' }, protectedSettings: { httpsKey: { fromEnv: 'AZPROV_UNIT_KEY' } } }))).toEqual(['source.httpsUser']);
    expect(fields(flux({ source: { url: 'https://github.com/org/repo', branch: 'main', httpsUser: 'u' } }))).toEqual(['protectedSettings.httpsKey']);
    expect(fields(flux({ source: { url: 'ftp://x/y', branch: 'main' } }))).toEqual(['source.url']);
    expect(fields(flux({ source: { url: 'https://github.com/org/repo' } }))).toEqual(['source.branch']);
    expect(fields(flux({ protectedSettings: { httpsKey: { fromEnv: 'AZPROV_UNIT_KEY', value: 'x' } } }))).toEqual(['protectedSettings.httpsKey']);
    delete process.env.AZPROV_UNIT_KEY;
  });

  it('the named extension must be microsoft.flux on the same cluster', () => {
    const ext = { kind: 'aksExtension', name: 'dapr', cluster: 'other', extensionType: 'microsoft.dapr' } as AksExtensionSpec;
    const p = checkFluxConfiguration(flux({ extension: 'ext' }), (n) => (n === 'ext' ? ext : undefined), { ext });
    expect(p.map((x) => x.reason)).toEqual([expect.stringContaining('not microsoft.flux'), expect.stringContaining("not on 'aks'")]);
  });

  it('a pinned extension version needs autoUpgradeMinorVersion: false', () => {
    const s = { kind: 'aksExtension', name: 'flux', cluster: 'aks', extensionType: 'microsoft.flux', version: '1.19.5' } as AksExtensionSpec;
    expect(checkAksExtension(s, none).map((p) => p.field)).toEqual(['version']);
    expect(checkAksExtension({ ...s, autoUpgradeMinorVersion: false }, none)).toEqual([]);
  });
});

describe('policy parameters, as Azure checks them', () => {
  const def: PolicyDefinitionInfo = {
    id: '/providers/Microsoft.Authorization/policyDefinitions/x',
    name: 'x',
    displayName: 'X',
    isInitiative: false,
    mode: 'Microsoft.Kubernetes.Data',
    parameters: {
      effect: { type: 'String', allowedValues: ['audit', 'Audit', 'deny', 'Deny', 'DeployIfNotExists'], defaultValue: 'Audit' },
      excludedNamespaces: { type: 'Array', defaultValue: ['kube-system'] },
      labelSelector: { type: 'object' as never, defaultValue: {} },
      required: { type: 'Integer' },
    },
  };

  it('types (case-insensitive type names), allowed values (case-sensitive), unknown and missing parameters', () => {
    const p = checkParameters(def, { effect: 'DENY', excludedNamespaces: 'kube-system', labelSelector: {}, nope: 1 }, false);
    expect(p.map((x) => x.field)).toEqual(['parameters.effect', 'parameters.excludedNamespaces', 'parameters.nope', 'parameters.required']);
    expect(checkParameters(def, { effect: 'deny', required: 3 }, false)).toEqual([]);
    expect(checkParameters(def, { required: 1.5 }, false).map((x) => x.reason)).toEqual([expect.stringContaining('Integer, not Float')]);
  });

  it('deployIfNotExists needs an identity; the default effect counts', () => {
    expect(checkParameters(def, { effect: 'DeployIfNotExists', required: 1 }, false).map((x) => x.field)).toEqual(['identity']);
    expect(checkParameters(def, { effect: 'DeployIfNotExists', required: 1 }, true)).toEqual([]);
    expect(effectOf(def, {})).toBe('Audit');
    expect(isKubernetesPolicy(def)).toBe(true);
  });
});
