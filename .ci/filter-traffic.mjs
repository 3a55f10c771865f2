// Keeps the exchanges of a request log that the official specs can judge (for validate-traffic):
// - operation-status / operation-result polls have opaque URLs no spec describes;
// - Microsoft.ContainerService is validated (managedClusters.json 2026-04-01 and 2026-06-01);
// - the Cosmos DB spec lists no error response for its GETs, while the service answers a missing resource
//   with 404 (arm-facts §1.3): those reads of missing resources are left out;
// - with the specs folder as third argument: an api-version the copy has no spec of for the URL's provider
//   cannot be judged (only resources.json's catch-all would match it), so it is left out and named
//   (virtual networks: arm-network 39 sends 2026-01-01, whose spec cannot be assembled here).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

const [input, output, specsDir] = process.argv.slice(2);
// "<namespace> <version>" of every spec folder: specification/<svc>/resource-manager/<Namespace>/.../<version>/
const specVersions = new Set(
  specsDir
    ? readdirSync(specsDir, { recursive: true })
        .map((p) => /resource-manager\/([^/]+)\/(?:.*\/)?(\d{4}-\d{2}-\d{2}(?:-preview)?)\/[^/]+\.json$/.exec(String(p).replaceAll('\\', '/')))
        .filter(Boolean)
        .map((m) => `${m[1].toLowerCase()} ${m[2]}`)
    : [],
);
const unjudged = new Map();
const keep = readFileSync(input, 'utf8')
  .split('\n')
  .filter(Boolean)
  .filter((line) => {
    const x = JSON.parse(line);
    const url = x.request.url;
    if (/^lro-/.test(x.name ?? '')) return false;
    if (/\/providers\/Microsoft\.DocumentDB\//i.test(url) && x.request.method === 'GET' && x.response.statusCode === 404) return false;
    // Built-in policy definitions are served as Azure/azure-policy publishes them, whose Kubernetes ones spell
    // a parameter's type `object`; the spec's ParameterType is an extensible enum (modelAsString) spelt
    // `Object`, which the validator reports as ENUM_CASE_MISMATCH. Named below rather than judged.
    if (x.request.method === 'GET' && /\/providers\/Microsoft\.Authorization\/policy(Set)?Definitions(\/|\?|$)/i.test(url)) {
      unjudged.set('built-in policy definitions (served unmodified)', (unjudged.get('built-in policy definitions (served unmodified)') ?? 0) + 1);
      return false;
    }
    const version = new URL(url, 'https://x').searchParams.get('api-version');
    const namespace = [...url.matchAll(/\/providers\/([^/?]+)/gi)].at(-1)?.[1] ?? 'Microsoft.Resources';
    if (specsDir && version && !specVersions.has(`${namespace.toLowerCase()} ${version}`)) {
      const key = `${namespace} ${version}`;
      unjudged.set(key, (unjudged.get(key) ?? 0) + 1);
      return false;
    }
    return true;
  });
writeFileSync(output, keep.join('\n') + '\n');
console.log(`${keep.length} exchanges to validate`);
for (const [key, n] of unjudged) console.log(`not judged (${key.startsWith('built-in') ? 'see .ci/filter-traffic.mjs' : `no spec of this api-version in ${specsDir}`}): ${key}: ${n} exchanges`);
