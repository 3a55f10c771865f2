// Written as a user of the package would, against the published types only.
import { defineStack, down, outputs, plan, up, type Plan } from 'azprov';
import { startEmulator } from 'azprov/emulator';

const stack = defineStack({
  name: 'demo',
  location: 'westeurope',
  resources: {
    rg: { kind: 'resourceGroup', name: 'rg-demo' },
    logs: { kind: 'logAnalyticsWorkspace', name: 'log-demo', resourceGroup: 'rg' },
    env: { kind: 'managedEnvironment', name: 'cae-demo', resourceGroup: 'rg', logAnalyticsWorkspace: 'logs' },
    app: {
      kind: 'containerApp',
      name: 'web',
      resourceGroup: 'rg',
      environment: 'env',
      containers: [{ image: 'nginx:1.27', env: [{ name: 'A', value: 'b' }] }],
      ingress: { external: true, targetPort: 80 },
      dependsOn: ['env'],
    },
    state: { kind: 'cosmosStateStore', resourceGroup: 'rg', environment: 'env', account: { name: 'cosmos-demo' } },
  },
});

export async function main(): Promise<string> {
  const emulator = await startEmulator({ port: 0, latency: 'instant' });
  const target = { kind: 'emulator', endpoint: emulator.endpoint, caCertPem: emulator.caCertPem, subscriptionId: emulator.subscriptionId } as const;
  try {
    const before: Plan = await plan(stack, { target });
    const result = await up(stack, { target, events: (e) => console.log(e.type) });
    // Typed by the kinds: plain strings, no cast, no `!`, under noUncheckedIndexedAccess.
    const domain: string = result.outputs.env.defaultDomain;
    const fqdn: string = result.outputs.app.fqdn;
    const endpoint: string = result.outputs['state-account'].documentEndpoint;
    const clientId: string = result.outputs['state-identity'].clientId;
    // outputs() may find resources not made yet: each may be missing.
    const now = await outputs(stack, { target });
    const maybe: string | undefined = now.env?.defaultDomain;
    await down(stack, { target, dryRun: false });
    return [before.steps.length, domain, fqdn, endpoint, clientId, maybe].join(' ');
  } finally {
    await emulator.close();
  }
}
