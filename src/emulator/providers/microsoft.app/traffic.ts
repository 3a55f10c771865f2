import type { EmulatorCore } from '../../core.js';
import type { StoredResource } from '../../state.js';
import { containerAppErrors as E } from './app-errors.js';
import { type PendingRevision, checkRevisionName, revisionsOf } from './revisions.js';

/**
 * `configuration.ingress.traffic` rules [spec-app] [doc-aca-traffic] (arm-facts §4.2; codes (U), §13):
 * - each entry names a revision (`revisionName`) or `latestRevision: true`, not both;
 * - weights are integers 0–100 that add up to exactly 100 (the CLI pads, the RP does not [cli-aca-utils];
 *   "the total traffic weight must be 100% when creating a new revision" [issue-aca-410]);
 * - a named revision must be `<app>--<suffix>` (real `ContainerAppInvalidRevisionName` [issue-aca-1443]) and
 *   exist (or be the revision this write creates); the refusal's code is a known gap (arm-facts §13, U);
 * - a weight on an inactive revision is accepted: deactivating a revision leaves its traffic entry in place
 *   and GET returns it [rec-5] [issue-aca-410], so a client re-sending what it read must not be refused; no
 *   source shows the service refusing it (arm-facts §13);
 * - labels are unique (case-insensitive) and DNS-label shaped (U);
 * - Single mode: "Revision weights can not be used in this mode" [spec-app]: only one entry may carry
 *   weight (100), and it must be the latest revision.
 */
export function validateTraffic(core: EmulatorCore, app: StoredResource, existing: StoredResource | undefined, pending: PendingRevision | undefined): void {
  const traffic = app.body.properties.configuration?.ingress?.traffic;
  if (traffic === undefined || traffic === null) return;
  if (!Array.isArray(traffic)) throw E.trafficInvalid('traffic must be an array.');
  const appName = String(app.body.name);
  const revs = existing ? revisionsOf(core, app.id) : [];
  const byName = new Map(revs.map((r) => [String(r.body.name).toLowerCase(), r]));
  const latestName = (pending?.name ?? existing?.body.properties.latestRevisionName ?? '').toLowerCase();
  const single = app.body.properties.configuration.activeRevisionsMode !== 'Multiple';
  const labels = new Set<string>();
  let sum = 0;
  let weighted = 0;
  for (const t of traffic) {
    if (!t || typeof t !== 'object') throw E.trafficInvalid('Every traffic entry must be an object.');
    const w = t.weight ?? 0;
    if (!Number.isInteger(w) || w < 0 || w > 100) throw E.trafficInvalid(`Traffic weight '${w}' is invalid: weights are integers between 0 and 100.`);
    sum += w;
    if (w > 0) weighted++;
    const named = t.revisionName !== undefined && t.revisionName !== null && t.revisionName !== '';
    if (t.latestRevision === true && named) throw E.trafficInvalid(`A traffic entry cannot set both latestRevision and revisionName ('${t.revisionName}').`);
    if (t.latestRevision !== true && !named) throw E.trafficInvalid('Every traffic entry needs a revisionName or latestRevision: true.');
    if (named) {
      const name = String(t.revisionName);
      checkRevisionName(appName, name);
      const isPending = pending && pending.name.toLowerCase() === name.toLowerCase();
      const rev = byName.get(name.toLowerCase());
      if (!rev && !isPending) throw E.trafficRevisionNotFound(name);
      if (single && w > 0 && name.toLowerCase() !== latestName) throw E.trafficInSingleMode();
    }
    if (t.label !== undefined && t.label !== null) {
      const label = String(t.label);
      if (!/^[a-z][a-z0-9-]{0,62}$/.test(label) || label.endsWith('-') || label.includes('--')) {
        throw E.trafficInvalid(`Traffic label '${label}' is invalid: use lower case alphanumeric characters or '-', starting with a letter.`);
      }
      if (labels.has(label)) throw E.trafficInvalid(`Traffic label '${label}' is used more than once.`);
      labels.add(label);
    }
  }
  if (single && weighted > 1) throw E.trafficInSingleMode();
  if (traffic.length && sum !== 100) throw E.trafficSum(sum);
}
