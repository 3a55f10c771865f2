import type { EmulatorCore } from '../../core.js';
import type { ArmRequest, ArmResponse } from '../../router.js';
import { normalisePath } from '../../state.js';
import { registerResourceType } from '../../tracked.js';
import { kcErrors } from './errors.js';
import { EXTENSION_ITEM, extensionConfig } from './extensions.js';
import { FLUX_CONFIGURATION_TYPE, FLUX_ITEM, fluxConfig } from './flux.js';
import { FLUX_BEHAVIOUR_SERVICE, createFluxBehaviourService, noteRead } from './reconcile.js';

export { EXTENSION_TYPE, FLUX_EXTENSION_TYPE } from './extensions.js';
export { FLUX_CONFIGURATION_TYPE, findCycle } from './flux.js';
export { FAIL_PATH_MARKER, FLUX_BEHAVIOUR_SERVICE, type FluxBehaviourService, depths } from './reconcile.js';

/**
 * Microsoft.KubernetesConfiguration: cluster extensions and Flux configurations, extension resources below a
 * cluster (`{clusterId}/providers/Microsoft.KubernetesConfiguration/…`), through the generic handler (LROs,
 * status URLs, PATCH, lists). Only AKS clusters are emulated: another `clusterRp`/`clusterResourceName`
 * (connectedClusters, provisionedClusters) finds no cluster. A missing cluster is ARM's 404 ResourceNotFound
 * naming it (Azure/azure-cli-extensions#9457), checked before the generic handler's parent check.
 * Publishes `FLUX_BEHAVIOUR_SERVICE` (make a kustomization fail). api-versions: `./api-versions.ts`.
 */
export function registerKubernetesConfigurationProvider(core: EmulatorCore): void {
  registerResourceType(core, extensionConfig(core));
  registerResourceType(core, fluxConfig(core));
  core.registry.provide(FLUX_BEHAVIOUR_SERVICE, createFluxBehaviourService(core, FLUX_CONFIGURATION_TYPE));

  const requireCluster = (req: ArmRequest): void => {
    const p = req.params;
    const rg = core.requireResourceGroup(p.subscriptionId, p.resourceGroupName);
    const clusterId = `/subscriptions/${p.subscriptionId}/resourceGroups/${p.resourceGroupName}/providers/${p.clusterRp}/${p.clusterResourceName}/${p.clusterName}`;
    const cluster = core.state.get(clusterId);
    if (!cluster || !cluster.visible) throw kcErrors.clusterNotFound(`${p.clusterRp}/${p.clusterResourceName}`, p.clusterName, rg.body.name);
  };
  for (const item of [EXTENSION_ITEM, FLUX_ITEM]) {
    const list = item.slice(0, item.lastIndexOf('/'));
    for (const [method, template] of [['PUT', item], ['GET', item], ['HEAD', item], ['PATCH', item], ['DELETE', item], ['GET', list]] as const) {
      wrapRoute(core, method, template, (next) => async (req) => {
        requireCluster(req);
        // A GET of a Flux configuration moves its reconciliation on (instant profile): see reconcile.ts.
        if (method === 'GET' && template === FLUX_ITEM) noteRead(core.state.get(normalisePath(req.path)));
        const res = await next(req);
        // The spec's PATCH 202 carries the resource (schema Extension / FluxConfiguration); the generic handler sends none.
        if (method === 'PATCH' && res.status === 202 && res.body === undefined) {
          const r = core.state.get(normalisePath(req.path));
          if (r) res.body = core.present(r);
        }
        return res;
      });
    }
  }
}

/**
 * Puts a check in front of a route the generic handler registered (the route table keeps the first of two
 * equal templates, so a second registration could not). Throws when the template is not registered.
 */
function wrapRoute(
  core: EmulatorCore,
  method: string,
  template: string,
  wrap: (next: (req: ArmRequest) => ArmResponse | Promise<ArmResponse>) => (req: ArmRequest) => ArmResponse | Promise<ArmResponse>,
): void {
  const sample = template.replace(/\{(\w+)\}/g, (_, k: string) => `x${k}`);
  const { match } = core.router.match(method, sample);
  if (!match || match.route.template !== template) throw new Error(`wrapRoute: ${method} ${template} is not registered`);
  match.route.handler = wrap(match.route.handler);
}

