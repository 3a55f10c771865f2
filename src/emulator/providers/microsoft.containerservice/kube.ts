import type { StoredResource } from '../../state.js';

/** What the emulated API server answers: kubeconfigs and `runCommand` output. */

/** The kubeconfig of `listCluster{User,Admin}Credential`: server `https://<privateFQDN or fqdn>:443` ("What real clients require"). */
export function kubeconfig(r: StoredResource, user: 'clusterUser' | 'clusterAdmin' | 'clusterMonitoringUser', serverFqdn?: string): string {
  const p = r.body.properties;
  const host = serverFqdn || p.privateFQDN || p.fqdn || `${r.body.name}.hcp.${r.body.location}.azmk8s.io`;
  const name = String(r.body.name);
  const userName = `${user}_${r.resourceGroup}_${name}`;
  const ca = Buffer.from(`-----BEGIN CERTIFICATE-----\nemulator-ca-for-${name}\n-----END CERTIFICATE-----\n`).toString('base64');
  const token = Buffer.from(`${r.id}:${user}`).toString('hex').slice(0, 64);
  return [
    'apiVersion: v1',
    'clusters:',
    '- cluster:',
    `    certificate-authority-data: ${ca}`,
    `    server: https://${host}:443`,
    `  name: ${name}`,
    'contexts:',
    '- context:',
    `    cluster: ${name}`,
    `    user: ${userName}`,
    `  name: ${name}${user === 'clusterAdmin' ? '-admin' : ''}`,
    `current-context: ${name}${user === 'clusterAdmin' ? '-admin' : ''}`,
    'kind: Config',
    'preferences: {}',
    'users:',
    `- name: ${userName}`,
    '  user:',
    `    token: ${token}`,
    '',
  ].join('\n');
}

function age(fromIso: string, now = Date.now()): string {
  const s = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] + 3))).join('').trimEnd()).join('\n') + '\n';
}

/** A small, plausible kubectl: `get ns|namespaces`, `get nodes`, `version`; anything else exits 1 with a stderr-like log. */
export function runKubectl(r: StoredResource, command: string): { exitCode: number; logs: string } {
  const argv = command.trim().split(/\s+/).filter(Boolean);
  const created = r.createdTime;
  const props = r.body.properties;
  if (argv[0] !== 'kubectl') return { exitCode: 1, logs: `/bin/sh: 1: ${argv[0] ?? ''}: not found\n` };
  const [verb, what] = [argv[1], argv[2]];
  if (verb === 'get' && ['ns', 'namespace', 'namespaces'].includes(what ?? '')) {
    const a = age(created);
    return { exitCode: 0, logs: table([['NAME', 'STATUS', 'AGE'], ...['default', 'kube-node-lease', 'kube-public', 'kube-system'].map((n) => [n, 'Active', a])]) };
  }
  if (verb === 'get' && ['no', 'node', 'nodes'].includes(what ?? '')) {
    const rows = [['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']];
    for (const pool of props.agentPoolProfiles ?? []) {
      for (let i = 0; i < Number(pool.count ?? 1); i++) rows.push([`aks-${pool.name}-${String(r.secrets.hash ?? '00000000').replace(/[^0-9]/g, '0').slice(0, 8)}-vmss${String(i).padStart(6, '0')}`, 'Ready', '<none>', age(created), `v${pool.currentOrchestratorVersion ?? props.currentKubernetesVersion}`]);
    }
    return { exitCode: 0, logs: table(rows) };
  }
  if (verb === 'version') {
    return { exitCode: 0, logs: `Client Version: v${props.currentKubernetesVersion}\nKustomize Version: v5.4.2\nServer Version: v${props.currentKubernetesVersion}\n` };
  }
  if (verb === 'get' && what) return { exitCode: 1, logs: `error: the server doesn't have a resource type "${what}"\n` };
  return { exitCode: 1, logs: `error: unknown command "${argv.slice(1).join(' ')}" for "kubectl"\nRun 'kubectl --help' for usage.\n` };
}
