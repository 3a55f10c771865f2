// Resources a recording uses but did not create (made by the test's setup, outside the recorded traffic):
// the replay creates them first, with the names the recording uses, so that its first request finds them.
// Only the parents the recorded requests address are seeded; their bodies are the smallest valid ones.

const RG = /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+)/i;
const ENV = /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.App\/managedEnvironments\/[^/?]+)/i;
const APP = /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.App\/containerApps\/([^/?]+))/i;
const REVISION = /\/revisions\/([^/?]+)--([^/?]+)/i;

const API = { rg: '2021-04-01', app: '2023-05-01' };

/**
 * The seed requests for the recorded exchanges `xs` ({ method, path, status, responseBody }), in order:
 * resource groups first, then environments, then apps. A parent is seeded when no recorded PUT creates it and
 * the recording does not first see it missing (a 404 GET).
 */
export function seedRequests(xs) {
  const created = new Set(xs.filter((x) => x.method === 'PUT').map((x) => x.path.split('?')[0].toLowerCase()));
  const missingFirst = new Set(xs.filter((x) => x.method === 'GET' && x.status === 404).map((x) => x.path.split('?')[0].toLowerCase()));
  const want = (id) => !created.has(id.toLowerCase()) && !missingFirst.has(id.toLowerCase());
  const rgs = new Map();
  const envs = new Map();
  const apps = new Map();
  for (const { path: full } of xs) {
    const p = full.split('?')[0];
    const rg = RG.exec(p)?.[1];
    if (rg && want(rg)) rgs.set(rg.toLowerCase(), rg);
    const env = ENV.exec(p)?.[1];
    if (env && want(env)) envs.set(env.toLowerCase(), env);
    const app = APP.exec(p);
    if (app && want(app[1])) {
      const rev = REVISION.exec(p);
      const prior = apps.get(app[1].toLowerCase());
      apps.set(app[1].toLowerCase(), { id: app[1], name: app[2], suffix: rev?.[2] ?? prior?.suffix });
    }
  }
  const location = 'eastus';
  const out = [];
  // The group's tags as the recording first shows them (test frameworks tag the groups they make).
  const tagsOf = (id) => {
    const x = xs.find((e) => e.method === 'GET' && e.status === 200 && e.path.split('?')[0].toLowerCase() === id.toLowerCase());
    try {
      return JSON.parse(x.responseBody).tags;
    } catch {
      return undefined;
    }
  };
  for (const id of rgs.values()) out.push({ method: 'PUT', path: `${id}?api-version=${API.rg}`, body: { location, tags: tagsOf(id) } });
  for (const id of envs.values()) out.push({ method: 'PUT', path: `${id}?api-version=${API.app}`, body: { location, properties: {} } });
  // The revision as the recording first shows it: its template (so the app is made from it) and its state.
  const revisionOf = (appId) => {
    for (const e of xs) {
      if (e.method !== 'GET' || e.status !== 200 || !e.path.toLowerCase().startsWith(`${appId.toLowerCase()}/revisions`)) continue;
      try {
        const b = JSON.parse(e.responseBody);
        const r = Array.isArray(b.value) ? b.value[0] : b;
        if (r?.properties?.template) return r;
      } catch {
        // not JSON: keep looking
      }
    }
    return undefined;
  };
  const dropNulls = (v) => JSON.parse(JSON.stringify(v, (_k, x) => (x === null ? undefined : x)));
  for (const a of apps.values()) {
    const rev = revisionOf(a.id);
    const template = rev ? dropNulls(rev.properties.template) : { containers: [{ name: 'main', image: 'mcr.microsoft.com/k8se/quickstart:latest', resources: { cpu: 0.5, memory: '1Gi' } }] };
    for (const c of template.containers ?? []) if (c.resources && !c.resources.memory) c.resources.memory = '1Gi';
    const secrets = (template.volumes ?? []).flatMap((v) => (v.secrets ?? []).map((x) => ({ name: x.secretRef, value: 'seeded' })));
    if (rev) a.state = rev.properties;
    const env = `${RG.exec(a.id)[1]}/providers/Microsoft.App/managedEnvironments/${a.name}-env`;
    out.push({ method: 'PUT', path: `${env}?api-version=${API.app}`, body: { location, properties: {} } });
    out.push({
      method: 'PUT',
      path: `${a.id}?api-version=${API.app}`,
      body: {
        location,
        properties: {
          environmentId: env,
          configuration: { activeRevisionsMode: 'Single', ingress: { external: false, targetPort: 80 }, secrets },
          template: { ...template, revisionSuffix: a.suffix },
        },
      },
    });
    if (a.state && a.suffix) out.push({ revisionState: { id: `${a.id}/revisions/${a.name}--${a.suffix}`, state: a.state } });
  }
  return out;
}
