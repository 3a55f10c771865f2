#!/usr/bin/env zx
// A Dapr-enabled container app in an existing environment; prints its revision name, known beforehand.
//
//   npx zx scripts/deploy-app.mjs --environment-id <env id> --location northeurope --name daprstate \
//     --image gbaeke/dapr-state:1.0.0 --port 8080 --dapr-app-id daprstate --identity-id <identity id> --emulator
import { deployContainerApp } from 'azprov';
import { openTarget, progress, requireFlags, run } from './lib/target.mjs';

requireFlags(argv, ['environment-id', 'location', 'name', 'image'], 'usage: deploy-app.mjs --environment-id ID --location REGION --name APP --image IMAGE [--port 8080] [--dapr-app-id ID] [--identity-id ID] [--emulator | --subscription ID]');
const { target, close } = await openTarget(argv);
const port = argv.port ? Number(argv.port) : undefined;

await run(async () => {
  const r = await progress(`deploying ${argv.name}`, () =>
    deployContainerApp({
      target,
      location: argv.location,
      environmentId: argv['environment-id'],
      app: {
        name: argv.name,
        containers: [{ image: argv.image, cpu: 0.5, memory: '1Gi' }],
        ingress: port ? { external: true, targetPort: port } : undefined,
        scale: { minReplicas: 1, maxReplicas: 1 },
        dapr: argv['dapr-app-id'] ? { enabled: true, appId: argv['dapr-app-id'], appPort: port } : undefined,
        identityIds: argv['identity-id'] ? [argv['identity-id']] : [],
      },
    }),
  );
  echo(r.changed ? 'deployed:' : 'already up to date:');
  echo(`  app        ${r.appId}`);
  echo(`  revision   ${r.revision}`);
  echo(`  url        https://${r.fqdn}`);
}, close);
