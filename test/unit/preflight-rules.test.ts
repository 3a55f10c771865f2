import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { AZURE_REGIONS, didYouMean } from '../../src/core/regions.js';
import { ValidationError, type Problem } from '../../src/core/errors.js';
import { REGIONS } from '../../src/emulator/core.js';
import { parseStackYaml } from '../../src/engine/load.js';
import { imageProblem, registryServerProblem, revisionSuffixProblem } from '../../src/resources/container-app/spec.js';

function problemsOf(stack: unknown): Problem[] {
  try {
    parseStackYaml(stringify(stack), 'stack.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).problems;
  }
  return [];
}
const at = (problems: Problem[], field: string) => problems.find((p) => p.field.startsWith(field));
const load = (t: string) => parse(readFileSync(`templates/${t}.yaml`, 'utf8'));

describe('regions', () => {
  it('azprov and the emulator know the same regions', () => {
    expect([...AZURE_REGIONS].sort()).toEqual([...REGIONS].sort());
  });
  it('suggests the region a slip was meant to be, and nothing for a word far from all', () => {
    expect(didYouMean('westeurpoe', AZURE_REGIONS)).toBe('westeurope');
    expect(didYouMean('eastus3', AZURE_REGIONS)).toBe('eastus');
    expect(didYouMean('mars', AZURE_REGIONS)).toBeUndefined();
  });
  it('checks every resource location, with the suggestion in the fix', () => {
    const s = load('environment');
    s.resources.logs.location = 'westeurpoe';
    const p = at(problemsOf(s), 'resources.logs.location');
    expect(p?.fix).toContain("did you mean 'westeurope'");
  });
});

describe('every shipped template still validates', () => {
  it.each(readdirSync('templates').filter((f) => f.endsWith('.yaml')))('%s', (f) => {
    expect(problemsOf(parse(readFileSync(`templates/${f}`, 'utf8')))).toEqual([]);
  });
});

describe('image references', () => {
  it.each([
    ['app:', "ends with ':'"],
    ['MyApp:1.0', 'upper-case'],
    ['my app:1', 'space'],
    ['https://myreg.azurecr.io/app:1', 'scheme'],
    ['myreg.azurecr.io/app:1 ', 'space'],
    ['app@sha256:abc', 'digest'],
    ['app:-bad', 'invalid tag'],
  ])('%s is refused (%s)', (image, words) => {
    expect(imageProblem(image)?.reason).toContain(words);
  });
  it.each(['app', 'app:1.0', 'gbaeke/dapr-state:1.0.0', 'myreg.azurecr.io/team/app:1.2', 'localhost:5000/app', 'mcr.microsoft.com/k8se/quickstart:latest', `app@sha256:${'a'.repeat(64)}`, '${acr.loginServer}/app:1'])('%s is accepted', (image) => {
    expect(imageProblem(image)).toBeUndefined();
  });
});

describe('registry servers, revision suffixes', () => {
  it('a URL or upper case is refused with the host as the fix', () => {
    expect(registryServerProblem('https://myreg.azurecr.io')?.fix).toBe("use 'myreg.azurecr.io'.");
    expect(registryServerProblem('MyReg.azurecr.io')?.fix).toBe("use 'myreg.azurecr.io'.");
    expect(registryServerProblem('myreg.azurecr.io')).toBeUndefined();
    expect(registryServerProblem('reg.example.com:5000')).toBeUndefined();
  });
  it('suffixes follow ContainerAppInvalidRevisionName, the whole name at most 54', () => {
    expect(revisionSuffixProblem('web', 'V2', '--suffix')?.fix).toBe("use 'v2'.");
    expect(revisionSuffixProblem('web', 'v2-', '--suffix')).toBeDefined();
    expect(revisionSuffixProblem('web', '2v', '--suffix')).toBeDefined();
    expect(revisionSuffixProblem('web', 'v2', '--suffix')).toBeUndefined();
    expect(revisionSuffixProblem('a'.repeat(32), 'b'.repeat(20), 'revisionSuffix')).toBeUndefined();
    expect(revisionSuffixProblem('a'.repeat(32), 'b'.repeat(21), 'revisionSuffix')?.reason).toContain('54');
  });
});

describe('a Dapr state store composed from its pieces', () => {
  it('plans clean when written right (identity, or a key through a secret)', async () => {
    const { composed } = await import('../reliability/bad-input-cases.js');
    for (const key of [undefined, 'secret'] as const) {
      const s = load('dapr-cosmos-app');
      composed(s, key ? { key } : {});
      expect(problemsOf(s)).toEqual([]);
    }
  });
  it('partition key /id: the collection is named, and the fix', async () => {
    const { composed } = await import('../reliability/bad-input-cases.js');
    const s = load('dapr-cosmos-app');
    composed(s, { partitionKey: '/id' });
    const p = at(problemsOf(s), 'resources.store.metadata.2.value');
    expect(p?.reason).toContain('/id');
    expect(p?.fix).toContain('partitionKey: /partitionKey');
  });
  it('key auth against disableLocalAuth, composed or one-call', async () => {
    const { composed } = await import('../reliability/bad-input-cases.js');
    const s = load('dapr-cosmos-app');
    composed(s, { key: 'secret' });
    s.resources.cosmos.disableLocalAuth = true;
    expect(at(problemsOf(s), 'resources.store.metadata.3')?.reason).toContain('disableLocalAuth');
  });
});

describe('rules on any resource', () => {
  it('an unknown kind gets the closest kind as a suggestion', () => {
    const s = load('environment');
    s.resources.logs.kind = 'logAnalyticWorkspace';
    const p = at(problemsOf(s), 'resources.logs.kind');
    expect(p?.reason).toContain("unknown kind 'logAnalyticWorkspace'");
    expect(p?.fix).toMatch(/^did you mean 'logAnalyticsWorkspace'\?/);
  });
  it('existing with adopt is refused at adopt', () => {
    const s = load('environment');
    Object.assign(s.resources.rg, { existing: true, adopt: true });
    expect(at(problemsOf(s), 'resources.rg.adopt')?.fix).toContain('keep existing: true');
  });
  it.each(['${state-account.documentEndpoint', '${ x.y }', '${x}', 'a${}b'])('%s is not a reference', (value) => {
    const s = load('dapr-cosmos-app');
    s.resources.app.containers[0].env = [{ name: 'URL', value }];
    expect(at(problemsOf(s), 'resources.app.containers.0.env.0.value')?.fix).toContain('${<logical name>.<output>}');
  });
  it('a well-formed reference among text is fine', () => {
    const s = load('dapr-cosmos-app');
    s.resources.app.containers[0].env = [{ name: 'URL', value: 'url=${state-account.documentEndpoint};x' }];
    expect(problemsOf(s)).toEqual([]);
  });
});

describe('AKS network', () => {
  const aks = () => load('private-aks-custom-dns');
  it('the default service CIDR is checked against the VNet when none is given', () => {
    const s = aks();
    s.resources.vnet.addressSpaces = ['10.0.0.0/8'];
    s.resources.vnet.subnets[0].addressPrefix = '10.1.0.0/24';
    delete s.resources.aks.network.serviceCidr;
    delete s.resources.aks.network.dnsServiceIP;
    const p = at(problemsOf(s), 'resources.aks.network.serviceCidr');
    expect(p?.reason).toContain('the default serviceCidr 10.0.0.0/16');
    expect(p?.fix).toContain('172.16.0.0/16');
  });
  it('kubenet with overlay names pluginMode and both ways out', () => {
    const s = aks();
    Object.assign(s.resources.aks.network, { plugin: 'kubenet', pluginMode: 'overlay' });
    expect(at(problemsOf(s), 'resources.aks.network.pluginMode')?.fix).toBe('set plugin: azure to keep overlay, or remove pluginMode to use kubenet.');
  });
});

describe('a Dapr component on an account marked existing', () => {
  it('leaves what is only in Azure to the plan-time read (no validation problem)', async () => {
    const { composed } = await import('../reliability/bad-input-cases.js');
    const s = load('dapr-cosmos-app');
    composed(s);
    s.resources.cosmos.existing = true;
    delete s.resources.db;
    delete s.resources.container;
    s.resources.store.dependsOn = ['store-role'];
    expect(problemsOf(s)).toEqual([]);
  });
});
