// Keeps the exchanges of a request log that the official specs can judge (for validate-traffic):
// - operation-status / operation-result polls have opaque URLs no spec describes;
// - Microsoft.Network virtual networks: their spec cannot be assembled here (../shared/azure-specs/SOURCES.md);
//   Microsoft.ContainerService is validated (managedClusters.json 2026-04-01);
// - the Cosmos DB spec lists no error response for its GETs, while the service answers a missing resource
//   with 404 (arm-facts §1.3): those reads of missing resources are left out.
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output] = process.argv.slice(2);
const keep = readFileSync(input, 'utf8')
  .split('\n')
  .filter(Boolean)
  .filter((line) => {
    const x = JSON.parse(line);
    const url = x.request.url;
    if (/^lro-/.test(x.name ?? '')) return false;
    if (/\/providers\/Microsoft\.Network\/virtualNetworks\//i.test(url)) return false;
    if (/\/providers\/Microsoft\.DocumentDB\//i.test(url) && x.request.method === 'GET' && x.response.statusCode === 404) return false;
    return true;
  });
writeFileSync(output, keep.join('\n') + '\n');
console.log(`${keep.length} exchanges to validate`);
