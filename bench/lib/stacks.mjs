// Stacks the benchmarks run: the seed stack (two templates merged) and the fleet (built in code).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { validateStack } from '../../dist/engine/validate.js';
import '../../dist/resources/registry.js'; // every kind, for the synchronous validateStack

const root = new URL('../../', import.meta.url);
const template = (name) => parse(readFileSync(new URL(`templates/${name}`, root), 'utf8'));

/** Replaces logical-name references `from` -> `to` in one resource spec (fields that name resources). */
function renameRefs(value, from, to) {
  if (Array.isArray(value)) return value.map((v) => renameRefs(v, from, to));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameRefs(v, from, to)]));
  if (value === from) return to;
  if (typeof value === 'string') return value.split(`\${${from}.`).join(`\${${to}.`);
  return value;
}

/**
 * templates/dapr-cosmos-app.yaml + templates/private-aks-custom-dns.yaml as one stack. The only logical
 * name both use is `rg` (rg-dapr / rg-aks-private): the AKS one becomes `aksRg`. The AKS resources keep
 * their region (westeurope) through an explicit `location`; the stack's default stays northeurope.
 */
export function seedStackDefinition() {
  const dapr = template('dapr-cosmos-app.yaml');
  const aks = template('private-aks-custom-dns.yaml');
  const resources = { ...dapr.resources };
  for (const [name, spec] of Object.entries(aks.resources)) {
    const renamed = renameRefs(spec, 'rg', 'aksRg');
    const logical = name === 'rg' ? 'aksRg' : name;
    if (logical in resources) throw new Error(`logical name clash: ${logical}`);
    resources[logical] = { ...renamed, location: aks.location };
  }
  return { name: 'bench-seed', location: dapr.location, resources };
}

export function seedStack() {
  return validateStack(seedStackDefinition(), 'bench:seed');
}

/** 200 container apps across 4 environments (each with its workspace), one resource group. */
export function fleetStackDefinition({ apps = 200, environments = 4 } = {}) {
  const resources = { rg: { kind: 'resourceGroup', name: 'rg-fleet' } };
  for (let e = 0; e < environments; e++) {
    resources[`logs${e}`] = { kind: 'logAnalyticsWorkspace', name: `log-fleet-${e}`, resourceGroup: 'rg' };
    resources[`env${e}`] = { kind: 'managedEnvironment', name: `cae-fleet-${e}`, resourceGroup: 'rg', logAnalyticsWorkspace: `logs${e}` };
  }
  for (let i = 0; i < apps; i++) {
    resources[`app${i}`] = {
      kind: 'containerApp',
      name: `app-fleet-${String(i).padStart(3, '0')}`,
      resourceGroup: 'rg',
      environment: `env${i % environments}`,
      containers: [{ image: 'mcr.microsoft.com/k8se/quickstart:latest', cpu: 0.25, memory: '0.5Gi' }],
      ingress: { external: true, targetPort: 80 },
    };
  }
  return { name: 'bench-fleet', location: 'westeurope', resources };
}

export function fleetStack(o) {
  return validateStack(fleetStackDefinition(o), 'bench:fleet');
}
