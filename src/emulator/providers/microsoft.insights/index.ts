import { acceptedVersions } from '../../api-versions.js';
import type { EmulatorCore } from '../../core.js';
import { errors } from '../../errors.js';
import { TRAFFIC_RECORDER_SERVICE } from '../../registry.js';
import { API_VERSIONS } from './api-versions.js';
import { CONTAINER_APP_METRICS, type SampleSource } from './metrics.js';
import { answerMetrics } from './query.js';
import { createTrafficStore } from './store.js';

/**
 * Microsoft.Insights platform metrics of container apps: `GET {containerAppId}/providers/Microsoft.Insights/metrics`
 * (metrics_API.json 2024-02-01, Metrics_List), answered from the requests the apps front end really served
 * (apps-http.ts records each one through the traffic-recorder service) and from the revisions' state and
 * behaviour knobs. Other resource types have no metrics here (404 for their metrics path).
 */
const APP_TYPE = 'Microsoft.App/containerApps';
const REVISION_TYPE = 'Microsoft.App/containerApps/revisions';

export function registerInsightsProvider(core: EmulatorCore): void {
  const store = createTrafficStore(core);
  core.registry.provide(TRAFFIC_RECORDER_SERVICE, store);
  const source: SampleSource = {
    served: (appId, from, to) => store.served(appId, from, to),
    ingestedUntil: () => store.ingestedUntil(),
    revisions: (app) => core.state.all().filter((r) => r.visible && r.type === REVISION_TYPE && r.key.startsWith(`${app.key}/revisions/`)),
    // The knob as Microsoft.App keeps it (`secrets.behaviour`, see its behaviour.ts); no env-var form, so 0 by default.
    restartCount: (rev) => Number(rev.secrets.behaviour?.restartCount ?? 0),
  };
  core.router.add({
    method: 'GET',
    template: '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.App/containerApps/{containerAppName}/providers/Microsoft.Insights/metrics',
    namespace: 'Microsoft.Insights',
    apiVersions: { versions: acceptedVersions(API_VERSIONS, 'Microsoft.Insights/metrics'), kind: 'provider', typeName: 'metrics' },
    handler: (req) => {
      const { subscriptionId, resourceGroupName, containerAppName } = req.params;
      core.requireResourceGroup(subscriptionId, resourceGroupName);
      const app = core.state.get(`/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}/providers/${APP_TYPE}/${containerAppName}`);
      if (!app || !app.visible || app.type !== APP_TYPE) throw errors.resourceNotFound(APP_TYPE, containerAppName, resourceGroupName);
      return answerMetrics(req.query, { resource: app, namespace: APP_TYPE, region: String(app.body.location ?? ''), metrics: CONTAINER_APP_METRICS, source, now: Date.now() });
    },
  });
}
