// Must not compile: each line names an output its resource's kind does not give.
import { defineStack, outputs, up } from 'azprov';

const stack = defineStack({
  name: 'demo',
  location: 'westeurope',
  resources: {
    rg: { kind: 'resourceGroup', name: 'rg-demo' },
    env: { kind: 'managedEnvironment', name: 'cae-demo', resourceGroup: 'rg' },
  },
});

export async function main(): Promise<void> {
  const target = { kind: 'azure', subscriptionId: '00000000-0000-0000-0000-000000000000' } as const;
  const { outputs: o } = await up(stack, { target });
  console.log(o.env.defaultDomian);
  console.log(o.rg.fqdn);
  console.log(o.nothere);
  console.log((await outputs(stack, { target })).env?.documentEndpoint);
}
