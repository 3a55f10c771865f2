#!/usr/bin/env zx
// GitOps bootstrap: a private AKS cluster, the microsoft.flux extension and a Flux configuration, then wait
// until Flux reports it Compliant (or name the kustomization that failed). The shape is the shipped
// templates/gitops-crossplane.yaml; the repository and its branch can be swapped:
//
//   npx zx scripts/bootstrap-gitops.mjs --emulator
//   npx zx scripts/bootstrap-gitops.mjs --url https://github.com/me/platform --branch prod --subscription <id>
//   (--timeout SECONDS bounds the wait for Compliant; default 900)
import { readFile } from 'node:fs/promises';
import { ArmContext, plan, up, validateStack } from 'azprov';
import { openTarget, progress, run } from './lib/target.mjs';

const text = await readFile(new URL('../templates/gitops-crossplane.yaml', import.meta.url), 'utf8');
const { target, close } = await openTarget(argv);
const arm = new ArmContext(target, {});

await run(async () => {
  // Overrides go through validation like the file itself (URL scheme, branch), so a bad flag exits 3 before any write.
  const def = YAML.parse(text);
  const cfg = def.resources.config;
  if (argv.url) cfg.source.url = String(argv.url);
  if (argv.branch) cfg.source.branch = String(argv.branch);
  if (argv.timeout !== undefined) cfg.complianceTimeoutInSeconds = Number(argv.timeout);
  const stack = validateStack(def);
  const p = await plan(stack, { target: arm });
  echo(`plan: ${p.steps.filter((s) => s.op !== 'same').length} of ${p.steps.length} resources to create or update`);
  const result = await progress('bootstrapping GitOps (cluster, Flux, configuration)', () =>
    up(stack, { target: arm, events: (e) => e.type === 'step-waiting' && echo(`  ${e.resource}: ${e.reason}`) }),
  );
  const { aks, flux, config } = result.outputs;
  echo(`cluster          ${aks.id}`);
  echo(`flux extension   ${flux.version} (${flux.provisioningState})`);
  echo(`configuration    ${config.name}: ${config.complianceState}`);
  echo(`kustomizations   ${config.kustomizations}`);
}, close);
