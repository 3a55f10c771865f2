import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';

/** One invalid stack file: its text, and the YAML path (or flag) the error must name. */
export interface StackCase {
  name: string;
  text: string;
  field: string;
}

const load = (t: string) => parse(readFileSync(`templates/${t}.yaml`, 'utf8'));
const ENV = load('environment');
const DAPR = load('dapr-cosmos-app');
const AKS = load('private-aks-custom-dns');
const AKS_NONE = load('private-aks-none');

function from(base: any, mutate: (s: any) => void): string {
  const s = structuredClone(base);
  mutate(s);
  return stringify(s);
}
const env = (name: string, field: string, mutate: (s: any) => void): StackCase => ({ name, field, text: from(ENV, mutate) });
const dapr = (name: string, field: string, mutate: (s: any) => void): StackCase => ({ name, field, text: from(DAPR, mutate) });
const aks = (name: string, field: string, mutate: (s: any) => void): StackCase => ({ name, field, text: from(AKS, mutate) });
const aksNone = (name: string, field: string, mutate: (s: any) => void): StackCase => ({ name, field, text: from(AKS_NONE, mutate) });
const R = (s: any) => s.resources;

/** The Dapr seed with a state store written from its pieces instead of cosmosStateStore; `o` breaks one. */
export function composed(s: any, o: { partitionKey?: string; collection?: string; role?: false; key?: 'plain' | 'secret' | 'none'; consistency?: string } = {}): void {
  delete R(s).state;
  R(s).app.identities = ['store-id'];
  R(s).app.dependsOn = ['store'];
  Object.assign(R(s), {
    cosmos: { kind: 'cosmosAccount', name: 'cosmos-dapr-parts', resourceGroup: 'rg', consistency: 'Session' },
    db: { kind: 'cosmosSqlDatabase', name: 'dapr-db', account: 'cosmos' },
    container: { kind: 'cosmosSqlContainer', name: 'statestore', database: 'db', partitionKey: o.partitionKey ?? '/partitionKey' },
    'store-id': { kind: 'userAssignedIdentity', name: 'id-store', resourceGroup: 'rg' },
    ...(o.role === false ? {} : { 'store-role': { kind: 'cosmosSqlRoleAssignment', account: 'cosmos', principal: 'store-id', role: 'DataContributor' } }),
  });
  const auth =
    o.key === 'plain' ? [{ name: 'masterKey', value: 'c2VjcmV0' }]
    : o.key === 'secret' ? [{ name: 'masterKey', secretRef: 'cosmos-key' }]
    : o.key === 'none' ? []
    : [{ name: 'azureClientId', value: '${store-id.clientId}' }];
  R(s).store = {
    kind: 'daprComponent',
    name: 'statestore',
    environment: 'env',
    componentType: 'state.azure.cosmosdb',
    metadata: [
      { name: 'url', value: '${cosmos.documentEndpoint}' },
      { name: 'database', value: 'dapr-db' },
      { name: 'collection', value: o.collection ?? 'statestore' },
      ...auth,
      ...(o.consistency ? [{ name: 'consistency', value: o.consistency }] : []),
    ],
    ...(o.key === 'secret' ? { secrets: [{ name: 'cosmos-key', fromCosmosAccount: 'cosmos' }] } : {}),
    scopes: ['daprstate'],
    dependsOn: ['container', ...(o.role === false ? [] : ['store-role'])],
  };
}

export const STACK_CASES: StackCase[] = [
  // The file itself
  { name: 'an empty file', text: '', field: '(top level)' },
  { name: 'only a comment', text: '# nothing here\n', field: '(top level)' },
  { name: 'a YAML list instead of a map', text: '- a\n- b\n', field: '(top level)' },
  { name: 'a scalar document', text: 'just a string\n', field: '(top level)' },
  { name: 'YAML syntax: bad indentation', text: 'name: x\nlocation: eastus\nresources:\n  rg:\n    kind: resourceGroup\n   name: rg-x\n', field: 'line ' },
  { name: 'YAML syntax: unclosed quote', text: 'name: "x\nlocation: eastus\nresources: {}\n', field: 'line ' },
  { name: 'YAML syntax: unclosed flow map', text: 'name: x\nlocation: eastus\nresources: { rg: { kind: resourceGroup, name: rg }\n', field: 'line ' },
  { name: 'YAML: a duplicate key', text: 'name: x\nname: y\nlocation: eastus\nresources: {}\n', field: 'line ' },
  { name: 'YAML: a tab for indentation', text: 'name: x\nlocation: eastus\nresources:\n\trg: { kind: resourceGroup, name: rg }\n', field: 'line ' },
  {
    // 3 MB: 1000 resources and 2.9 MB of comments, one bad name at the end. (Validation time grows
    // faster than linearly with the number of resources: 30 000 resources took minutes; see the report.)
    name: 'a huge file (3 MB, 1000 resources, one bad name at the end)',
    text:
      'name: huge\nlocation: eastus\nresources:\n' +
      Array.from({ length: 1000 }, (_, i) => `  # ${'x'.repeat(2900)}\n  rg${i}: { kind: resourceGroup, name: rg-huge-${i} }\n`).join('') +
      '  bad: { kind: resourceGroup, name: "bad name" }\n',
    field: 'resources.bad.name',
  },
  // Top level
  env('a missing name', 'name', (s) => delete s.name),
  env('a missing location', 'location', (s) => delete s.location),
  env('a missing resources map', 'resources', (s) => delete s.resources),
  env('an unknown top-level field', 'colour', (s) => (s.colour = 'blue')),
  env('a stack name with spaces', 'name', (s) => (s.name = 'my stack')),
  env('a number as the location', 'location', (s) => (s.location = 42)),
  env('an unknown location', 'location', (s) => (s.location = 'middle-earth')),
  env('tags as a list', 'tags', (s) => (s.tags = ['a', 'b'])),
  env('resources as a list', 'resources', (s) => (s.resources = [{ kind: 'resourceGroup', name: 'x' }])),
  // Kinds and fields
  env('an unknown kind', 'resources.rg.kind', (s) => (R(s).rg.kind = 'storageAccount')),
  env('a missing kind', 'resources.rg.kind', (s) => delete R(s).rg.kind),
  env('an unknown field on a resource', 'resources.logs.colour', (s) => (R(s).logs.colour = 'red')),
  env('retention as a string', 'resources.logs.retentionInDays', (s) => (R(s).logs.retentionInDays = 'thirty')),
  env('retention out of range', 'resources.logs.retentionInDays', (s) => (R(s).logs.retentionInDays = 5000)),
  env('an unknown workspace sku', 'resources.logs.sku', (s) => (R(s).logs.sku = 'Gold')),
  env('adopt as a string', 'resources.rg.adopt', (s) => (R(s).rg.adopt = 'yes')),
  env('a logical name with a slash', 'resources.bad/name', (s) => (R(s)['bad/name'] = { kind: 'resourceGroup', name: 'rg-other' })),
  // Names per kind
  env('resource group name with a slash', 'resources.rg.name', (s) => (R(s).rg.name = 'rg/bad')),
  env('resource group name ending in a period', 'resources.rg.name', (s) => (R(s).rg.name = 'rg-bad.')),
  env('resource group name too long', 'resources.rg.name', (s) => (R(s).rg.name = 'r'.repeat(91))),
  env('workspace name too short', 'resources.logs.name', (s) => (R(s).logs.name = 'ab')),
  env('workspace name with an underscore', 'resources.logs.name', (s) => (R(s).logs.name = 'log_bad')),
  env('environment name with upper case', 'resources.env.name', (s) => (R(s).env.name = 'CAE-Bad')),
  env('environment name too long', 'resources.env.name', (s) => (R(s).env.name = 'c'.repeat(70))),
  dapr('container app name with a double hyphen', 'resources.app.name', (s) => (R(s).app.name = 'dapr--state')),
  dapr('container app name starting with a digit', 'resources.app.name', (s) => (R(s).app.name = '1app')),
  dapr('Cosmos account name with upper case', 'resources.state.account.name', (s) => (R(s).state.account.name = 'Cosmos_Dapr')),
  dapr('Cosmos account name too long', 'resources.state.account.name', (s) => (R(s).state.account.name = 'c'.repeat(50))),
  dapr('Dapr component type not a Dapr type', 'resources.cache.componentType', (s) => (R(s).cache = { kind: 'daprComponent', name: 'cache', environment: 'env', componentType: 'Redis!' })),
  dapr('Dapr component version not vN', 'resources.cache.version', (s) => (R(s).cache = { kind: 'daprComponent', name: 'cache', environment: 'env', componentType: 'state.redis', version: '1.0' })),
  aks('identity name with a space', 'resources.identity.name', (s) => (R(s).identity.name = 'id aks')),
  aks('VNet name too long', 'resources.vnet.name', (s) => (R(s).vnet.name = 'v'.repeat(70))),
  aks('AKS cluster name with a dot', 'resources.aks.name', (s) => (R(s).aks.name = 'aks.private')),
  // CIDRs
  aks('a VNet address space that is not a CIDR', 'resources.vnet.addressSpaces', (s) => (R(s).vnet.addressSpaces = ['10.1.0.0/33'])),
  aks('a CIDR with host bits set', 'resources.vnet.addressSpaces', (s) => (R(s).vnet.addressSpaces = ['10.1.2.3/16'])),
  aks('a subnet outside the VNet', 'resources.vnet.subnets', (s) => (R(s).vnet.subnets[0].addressPrefix = '10.9.0.0/24')),
  aks('two overlapping subnets', 'resources.vnet.subnets', (s) => R(s).vnet.subnets.push({ name: 'other', addressPrefix: '10.1.1.0/24' })),
  aks('dnsServiceIP outside serviceCidr', 'resources.aks.network.dnsServiceIP', (s) => (R(s).aks.network.dnsServiceIP = '10.4.0.10')),
  aks('dnsServiceIP the first address of serviceCidr', 'resources.aks.network.dnsServiceIP', (s) => (R(s).aks.network.dnsServiceIP = '10.3.0.1')),
  aks('serviceCidr inside the VNet', 'resources.aks.network.serviceCidr', (s) => ((R(s).aks.network.serviceCidr = '10.1.8.0/24'), (R(s).aks.network.dnsServiceIP = '10.1.8.10'))),
  aks('a subnet too small for the node pool', 'resources.aks', (s) => ((R(s).vnet.subnets[0].addressPrefix = '10.1.0.0/29'), (R(s).aks.nodePool.count = 3))),
  // Private DNS zones
  aks('a short region code in the zone name', 'resources.aks.privateDnsZone', (s) => (R(s).zone.name = 'privatelink.weu.azmk8s.io')),
  aks('a zone for another region', 'resources.aks.privateDnsZone', (s) => (R(s).zone.name = 'privatelink.northeurope.azmk8s.io')),
  aks('a custom zone without the DNS role', 'resources.aks', (s) => delete R(s).dnsRole),
  aks('a custom zone with a system-assigned identity', 'resources.aks', (s) => delete R(s).aks.identity),
  aks('both dnsPrefix and fqdnSubdomain', 'resources.aks', (s) => (R(s).aks.dnsPrefix = 'aks')),
  aksNone('privateDnsZone an unknown word', 'resources.aks.privateDnsZone', (s) => (R(s).aks.privateDnsZone = 'public')),
  aks('an unknown role name', 'resources.dnsRole.role', (s) => (R(s).dnsRole.role = 'Zone Wizard')),
  // References and cycles
  env('a dangling resource group reference', 'resources.logs.resourceGroup', (s) => (R(s).logs.resourceGroup = 'rgx')),
  env('a reference to the wrong kind', 'resources.env.logAnalyticsWorkspace', (s) => (R(s).env.logAnalyticsWorkspace = 'rg')),
  env('a dangling dependsOn', 'resources.env.dependsOn', (s) => (R(s).env.dependsOn = ['nothing'])),
  env('a dependsOn cycle', 'resources', (s) => (R(s).logs.dependsOn = ['env'])),
  env('a self dependency', 'resources.env', (s) => (R(s).env.dependsOn = ['env'])),
  dapr('an output reference to a missing resource', 'resources.app', (s) => (R(s).app.containers[0].env = [{ name: 'URL', value: '${nothing.documentEndpoint}' }])),
  dapr('an output reference to an unknown output', 'resources.app', (s) => (R(s).app.containers[0].env = [{ name: 'URL', value: '${env.noSuchOutput}' }])),
  dapr('an app identity that is not an identity', 'resources.app.identities', (s) => (R(s).app.identities = ['logs'])),
  // Secrets and Dapr
  dapr('a plaintext key in Dapr metadata', 'resources.cache.metadata.1.value', (s) => (R(s).cache = { kind: 'daprComponent', name: 'cache', environment: 'env', componentType: 'state.redis', metadata: [{ name: 'redisHost', value: 'r:6379' }, { name: 'redisPassword', value: 'hunter2' }] })),
  dapr('an env var naming a missing secret', 'resources.app.containers.0.env.0.secretRef', (s) => (R(s).app.containers[0].env = [{ name: 'TOKEN', secretRef: 'api-token' }])),
  dapr('an env var with both value and secretRef', 'resources.app.containers.0.env.0', (s) => ((R(s).app.secrets = [{ name: 't', fromEnv: 'PATH' }]), (R(s).app.containers[0].env = [{ name: 'TOKEN', value: 'x', secretRef: 't' }]))),
  dapr('a secret read from an unset variable', 'resources.app.secrets.0.fromEnv', (s) => (R(s).app.secrets = [{ name: 'api-token', fromEnv: 'AZPROV_TEST_UNSET_VAR_42' }])),
  dapr('a secret with two sources', 'resources.app.secrets.0', (s) => (R(s).app.secrets = [{ name: 'api-token', fromEnv: 'PATH', value: 'x' }])),
  dapr('a Dapr consistency the account cannot give', 'resources.state.daprConsistency', (s) => (R(s).state.daprConsistency = 'strong')),
  dapr('an unknown state store auth', 'resources.state.auth', (s) => (R(s).state.auth = 'password')),
  dapr('a cpu/memory pair Container Apps refuses', 'resources.app.containers', (s) => (R(s).app.containers[0].memory = '3Gi')),
  dapr('cpu as a word', 'resources.app.containers.0.cpu', (s) => (R(s).app.containers[0].cpu = 'half')),
  dapr('a target port out of range', 'resources.app.ingress.targetPort', (s) => (R(s).app.ingress.targetPort = 70000)),
  dapr('minReplicas above maxReplicas', 'resources.app.scale', (s) => (R(s).app.scale = { minReplicas: 5, maxReplicas: 1 })),
  dapr('a name clash with an expanded resource', 'resources.state-component', (s) => (R(s)['state-component'] = { kind: 'resourceGroup', name: 'x' })),
  // Day two: what Azure refuses after other resources were written (issue #13)
  env('a misspelt region on one resource', 'resources.logs.location', (s) => (R(s).logs.location = 'westeurpoe')),
  env('a region written with a space', 'resources.env.location', (s) => (R(s).env.location = 'West Europe')),
  dapr('a misspelt region in a Cosmos account location list', 'resources.state.account.locations.1', (s) => (R(s).state.account.locations = ['northeurope', 'westeurop'])),
  env('a misspelt stack region', 'location', (s) => (s.location = 'eastuss')),
  env('a misspelt kind', 'resources.logs.kind', (s) => (R(s).logs.kind = 'logAnalyticWorkspace')),
  env('existing together with adopt', 'resources.rg.adopt', (s) => ((R(s).rg.existing = true), (R(s).rg.adopt = true))),
  dapr('an unclosed ${', 'resources.app.containers.0.env.0.value', (s) => (R(s).app.containers[0].env = [{ name: 'URL', value: '${state-account.documentEndpoint' }])),
  dapr('a ${} without an output', 'resources.app.containers.0.env.0.value', (s) => (R(s).app.containers[0].env = [{ name: 'URL', value: 'https://${state-account}/' }])),
  dapr('a ${ with spaces inside', 'resources.app.containers.0.env.0.value', (s) => (R(s).app.containers[0].env = [{ name: 'URL', value: '${ state-account.documentEndpoint }' }])),
  dapr('an image with an empty tag', 'resources.app.containers.0.image', (s) => (R(s).app.containers[0].image = 'gbaeke/dapr-state:')),
  dapr('an image with an upper-case repository', 'resources.app.containers.0.image', (s) => (R(s).app.containers[0].image = 'gbaeke/Dapr-State:1.0.0')),
  dapr('an image with a space', 'resources.app.containers.0.image', (s) => (R(s).app.containers[0].image = 'gbaeke/dapr-state: 1.0.0')),
  dapr('an image with a scheme', 'resources.app.containers.0.image', (s) => (R(s).app.containers[0].image = 'https://docker.io/gbaeke/dapr-state:1.0.0')),
  dapr('a registry server given as a URL', 'resources.app.registries.0.server', (s) => (R(s).app.registries = [{ server: 'https://myreg.azurecr.io', identity: 'state-identity' }])),
  dapr('a registry server in upper case', 'resources.app.registries.0.server', (s) => (R(s).app.registries = [{ server: 'MyReg.azurecr.io', identity: 'state-identity' }])),
  dapr('a scale rule of two types at once', 'resources.app.scale.rules.0', (s) => (R(s).app.scale.rules = [{ name: 'both', http: { concurrentRequests: 10 }, custom: { type: 'azure-servicebus' } }])),
  dapr('a scale rule of no type', 'resources.app.scale.rules.0', (s) => (R(s).app.scale.rules = [{ name: 'none' }])),
  dapr('a revision suffix in upper case', 'resources.app.revisionSuffix', (s) => (R(s).app.revisionSuffix = 'V2')),
  dapr('a revision suffix ending in a hyphen', 'resources.app.revisionSuffix', (s) => (R(s).app.revisionSuffix = 'v2-')),
  dapr('a revision name over 54 characters', 'resources.app.revisionSuffix', (s) => (R(s).app.revisionSuffix = 'r'.repeat(50))),
  dapr('key auth on an account with local auth disabled', 'resources.state.auth', (s) => {
    R(s).cosmos = { kind: 'cosmosAccount', name: 'cosmos-dapr-keyless', resourceGroup: 'rg', consistency: 'Session', disableLocalAuth: true };
    R(s).state.account = 'cosmos';
    R(s).state.auth = 'key';
  }),
  aks('kubenet with overlay', 'resources.aks.network.pluginMode', (s) => ((R(s).aks.network.plugin = 'kubenet'), (R(s).aks.network.pluginMode = 'overlay'))),
  aks('a pod CIDR with Azure CNI without overlay', 'resources.aks.network.podCidr', (s) => ((R(s).aks.network.plugin = 'azure'), delete R(s).aks.network.pluginMode, (R(s).aks.network.podCidr = '10.244.0.0/16'))),
  aks('a pod CIDR that overlaps the VNet', 'resources.aks.network.podCidr', (s) => ((R(s).aks.network.plugin = 'kubenet'), delete R(s).aks.network.pluginMode, (R(s).aks.network.podCidr = '10.1.128.0/17'))),
  aks('a pod CIDR that overlaps the service CIDR', 'resources.aks.network.podCidr', (s) => ((R(s).aks.network.plugin = 'kubenet'), delete R(s).aks.network.pluginMode, (R(s).aks.network.podCidr = '10.3.0.0/16'))),
  aks('the default service CIDR inside the VNet', 'resources.aks.network.serviceCidr', (s) => ((R(s).vnet.addressSpaces = ['10.0.0.0/8']), (R(s).vnet.subnets[0].addressPrefix = '10.1.0.0/24'), delete R(s).aks.network.serviceCidr, delete R(s).aks.network.dnsServiceIP)),
  dapr('a registry read with an identity the app does not have', 'resources.app.registries.0.identity', (s) => (R(s).app.registries = [{ server: 'myreg.azurecr.io', identity: 'other-id' }], (R(s)['other-id'] = { kind: 'userAssignedIdentity', name: 'id-other', resourceGroup: 'rg' }))),
  dapr('a registry read with the system identity the app does not have', 'resources.app.registries.0.identity', (s) => (R(s).app.registries = [{ server: 'myreg.azurecr.io', identity: 'system' }])),
  dapr('a Key Vault secret read with an identity the app does not have', 'resources.app.secrets.0.identity', (s) => ((R(s).app.secrets = [{ name: 'api-token', keyVaultUrl: 'https://kv-x.vault.azure.net/secrets/token', identity: 'other-id' }]), (R(s)['other-id'] = { kind: 'userAssignedIdentity', name: 'id-other', resourceGroup: 'rg' }))),
  dapr('a secret name in upper case', 'resources.app.secrets.0.name', (s) => (R(s).app.secrets = [{ name: 'API_TOKEN', fromEnv: 'PATH' }])),
  dapr('two containers with one name', 'resources.app.containers', (s) => R(s).app.containers.push({ ...R(s).app.containers[0] })),
  dapr('an unknown ingress transport', 'resources.app.ingress.transport', (s) => (R(s).app.ingress.transport = 'grpc')),
  dapr('a partition key without a slash', 'resources.box.partitionKey', (s) => (R(s).box = { kind: 'cosmosSqlContainer', name: 'box', database: 'state-database', partitionKey: 'partitionKey' })),
  aks('dnsServiceIP not an address', 'resources.aks.network.dnsServiceIP', (s) => (R(s).aks.network.dnsServiceIP = '10.3.0')),
  // A state store composed from its pieces
  dapr('a composed state store with partition key /id', 'resources.store.metadata.2.value', (s) => composed(s, { partitionKey: '/id' })),
  dapr('a composed state store naming a container not in the stack', 'resources.store.metadata.2.value', (s) => composed(s, { collection: 'nothing' })),
  dapr('a composed state store whose identity has no data role', 'resources.store.metadata.3.value', (s) => composed(s, { role: false })),
  dapr('a composed state store with a plain master key', 'resources.store.metadata.3.value', (s) => composed(s, { key: 'plain' })),
  dapr('a composed state store with no auth at all', 'resources.store.metadata.0.value', (s) => composed(s, { key: 'none' })),
  dapr('a composed state store asking strong of a Session account', 'resources.store.metadata.4.value', (s) => composed(s, { consistency: 'strong' })),
];

/** A flag or command line that must be refused before any request: args after `azprov`. */
export interface FlagCase {
  name: string;
  args: (t: { stack: string; state: string; log: string; ca: string }) => string[];
  field: string;
}

const emu = (t: { state: string; log: string }) => ['--emulator', '--emulator-state', t.state, '--emulator-log', t.log];

export const FLAG_CASES: FlagCase[] = [
  { name: 'an http:// endpoint', field: '--endpoint', args: (t) => ['plan', '-f', t.stack, '--endpoint', 'http://127.0.0.1:1', '--ca', t.ca] },
  { name: '--endpoint without --ca', field: '--ca', args: (t) => ['plan', '-f', t.stack, '--endpoint', 'https://127.0.0.1:1'] },
  { name: '--ca that does not exist', field: '--ca', args: (t) => ['plan', '-f', t.stack, '--endpoint', 'https://127.0.0.1:1', '--ca', t.ca + '.missing'] },
  { name: '--emulator with --endpoint', field: '--endpoint', args: (t) => ['plan', '-f', t.stack, ...emu(t), '--endpoint', 'https://127.0.0.1:1', '--ca', t.ca] },
  { name: 'no target at all', field: '--subscription', args: (t) => ['plan', '-f', t.stack] },
  { name: 'a bad --output', field: '--output', args: (t) => ['plan', '-f', t.stack, ...emu(t), '--output', 'yaml'] },
  { name: 'a bad --output on drift', field: '--output', args: (t) => ['drift', '-f', t.stack, ...emu(t), '-o', 'xml'] },
  { name: 'a missing stack file', field: '--file', args: (t) => ['up', '-f', t.stack + '.missing', ...emu(t)] },
  { name: 'no -f at all', field: '--file', args: (t) => ['up', ...emu(t)] },
  { name: 'an unknown flag', field: '--colour', args: (t) => ['up', '-f', t.stack, ...emu(t), '--colour', 'red'] },
  { name: 'an unknown command', field: 'upp', args: (t) => ['upp', '-f', t.stack, ...emu(t)] },
  { name: '--concurrency not a number', field: '--concurrency', args: (t) => ['up', '-f', t.stack, ...emu(t), '--concurrency', 'many'] },
  { name: '--concurrency zero', field: '--concurrency', args: (t) => ['up', '-f', t.stack, ...emu(t), '--concurrency', '0'] },
  { name: 'traffic weights summing to 90', field: 'weights', args: (t) => ['traffic', 'set', 'web', '-g', 'rg-web', 'web--v1=60', 'web--v2=30', ...emu(t)] },
  { name: 'traffic weights summing to 110', field: 'weights', args: (t) => ['traffic', 'set', 'web', '-g', 'rg-web', 'web--v1=60', 'web--v2=50', ...emu(t)] },
  { name: 'a traffic weight that is not a number', field: 'weights', args: (t) => ['traffic', 'set', 'web', '-g', 'rg-web', 'web--v1=all', ...emu(t)] },
  { name: 'a negative traffic weight', field: 'weights', args: (t) => ['traffic', 'set', 'web', '-g', 'rg-web', 'web--v1=120', 'web--v2=-20', ...emu(t)] },
  { name: 'a traffic weight without a revision', field: 'weights', args: (t) => ['traffic', 'set', 'web', '-g', 'rg-web', '=100', ...emu(t)] },
  { name: 'traffic set without a resource group', field: '--resource-group', args: (t) => ['traffic', 'set', 'web', 'web--v1=100', ...emu(t)] },
  { name: 'canary --keep-revisions not a whole number', field: '--keep-revisions', args: (t) => ['rollout', 'canary', 'web', '-g', 'rg-web', '--image', 'app:2', '--keep-revisions', '1.5', ...emu(t)] },
  { name: 'promote --keep-revisions negative', field: '--keep-revisions', args: (t) => ['rollout', 'promote', 'web', '-g', 'rg-web', '--keep-revisions=-1', ...emu(t)] },
  { name: 'canary steps not ending at 100', field: '--steps', args: (t) => ['rollout', 'canary', 'web', '-g', 'rg-web', '--image', 'app:2', '--steps', '10,50', ...emu(t)] },
  { name: 'revision deploy with an upper-case suffix', field: '--suffix', args: (t) => ['revision', 'deploy', 'web', '-g', 'rg-web', '--image', 'app:2', '--suffix', 'V2', ...emu(t)] },
  { name: 'revision deploy with a suffix ending in a hyphen', field: '--suffix', args: (t) => ['revision', 'deploy', 'web', '-g', 'rg-web', '--image', 'app:2', '--suffix', 'v2-', ...emu(t)] },
  { name: 'revision deploy with a revision name over 54 characters', field: '--suffix', args: (t) => ['revision', 'deploy', 'web', '-g', 'rg-web', '--image', 'app:2', '--suffix', 'v'.repeat(50), ...emu(t)] },
  { name: 'revision deploy with a weight over 100', field: '--weight', args: (t) => ['revision', 'deploy', 'web', '-g', 'rg-web', '--image', 'app:2', '--weight', '150', ...emu(t)] },
  { name: 'revision deploy with an env var without =', field: '--env', args: (t) => ['revision', 'deploy', 'web', '-g', 'rg-web', '--image', 'app:2', '--env', 'LOG_LEVEL', ...emu(t)] },
  { name: 'revision deploy with an image with an empty tag', field: '--image', args: (t) => ['revision', 'deploy', 'web', '-g', 'rg-web', '--image', 'app:', ...emu(t)] },
  { name: 'revision label with an upper-case label', field: 'label', args: (t) => ['revision', 'label', 'web', 'Blue', 'web--v1', '-g', 'rg-web', ...emu(t)] },
  { name: 'a canary with an upper-case suffix', field: '--suffix', args: (t) => ['rollout', 'canary', 'web', '-g', 'rg-web', '--image', 'app:2', '--suffix', 'Canary', ...emu(t)] },
  { name: 'a blue-green rollout with a bad suffix', field: '--suffix', args: (t) => ['rollout', 'blue-green', 'web', '-g', 'rg-web', '--image', 'app:2', '--suffix', 'green_2', ...emu(t)] },
  { name: 'a canary interval that is not a duration', field: '--interval', args: (t) => ['rollout', 'canary', 'web', '-g', 'rg-web', '--image', 'app:2', '--interval', 'soon', ...emu(t)] },
];
