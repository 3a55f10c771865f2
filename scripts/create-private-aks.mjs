#!/usr/bin/env zx
// A private AKS cluster with the private DNS option of your choice, from the shipped templates:
//   --dns system   AKS makes the zone in the node resource group
//   --dns none     public DNS record for the private IP
//   --dns custom   your own privatelink.<region>.azmk8s.io zone, its VNet link, a user-assigned identity
//                  and its two role assignments
//
//   npx zx scripts/create-private-aks.mjs --dns custom --emulator
//   npx zx scripts/create-private-aks.mjs --dns system --subscription <id>
import { ArmContext, loadStackFile, plan, up } from 'azprov';
import { openTarget, progress, run } from './lib/target.mjs';

const templates = { system: 'private-aks-system.yaml', none: 'private-aks-none.yaml', custom: 'private-aks-custom-dns.yaml' };
const file = templates[argv.dns];
if (!file) {
  console.error('usage: create-private-aks.mjs --dns system|none|custom [--emulator | --subscription ID]');
  process.exit(3);
}
const stack = await loadStackFile(new URL(`../templates/${file}`, import.meta.url).pathname);
const { target, close } = await openTarget(argv);
const arm = new ArmContext(target, {});

await run(async () => {
  const p = await plan(stack, { target: arm });
  echo(`plan: ${p.steps.filter((s) => s.op !== 'same').length} of ${p.steps.length} resources to create or update`);
  const result = await progress(`creating the private cluster (${argv.dns} DNS)`, () => up(stack, { target: arm, events: (e) => e.type === 'step-waiting' && echo(`  ${e.resource}: ${e.reason}`) }));
  const aks = result.outputs.aks;
  echo(`cluster          ${aks.id}`);
  echo(`private FQDN     ${aks.privateFQDN}`);
  if (aks.fqdn) echo(`FQDN             ${aks.fqdn}`);
  echo(`node group       ${aks.nodeResourceGroup}`);
  echo(`DNS zone         ${aks.privateDnsZone}`);
}, close);
