import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorCore } from './core.js';
import { APP_RUNTIME_SERVICE, type AppRuntimeService } from './providers/microsoft.app/runtime.js';
import { TRAFFIC_RECORDER_SERVICE, type TrafficRecorder } from './registry.js';

/**
 * The apps front end: plain HTTP on loopback that plays every active container-app revision, routed by the
 * `Host` header (a client connects to `appsEndpoint` and sends the revision / label / app FQDN as Host; see
 * providers/microsoft.app/runtime.ts for the forms). Each revision runs a small built-in app:
 * - `GET /` → 200 with the `WELCOME` env var of its first container, or `Hello from <revision>`;
 * - `GET /healthz`, `GET /readyz` → 200 `ok` (503 `unhealthy` with `AZPROV_EMULATOR_UNHEALTHY=true`);
 * - anything else → 404.
 * Every answer of a revision carries `x-azprov-revision: <name>`; `AZPROV_EMULATOR_LATENCY_MS` delays it and
 * `AZPROV_EMULATOR_FAIL_RATE` turns a share of `GET /` into 500s (behaviour.ts). A host that reaches no
 * active revision gets the front end's 404 page, "This Container App is stopped or does not exist"
 * (https://github.com/microsoft/azure-container-apps/issues/1613; older front ends answered 403, issue #755).
 * Every answer of a revision is recorded (status, latency) for the Microsoft.Insights metrics of its app.
 * Not ARM: no auth, not in the request log, never faulted.
 */

export const APP_NOT_FOUND_BODY = 'Error 404 - This Container App is stopped or does not exist.\n';

export interface AppsServer {
  server: http.Server;
  port: number;
  endpoint: string;
  close(): Promise<void>;
}

function text(res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}, head = false): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(head ? undefined : body);
}

export function createAppsHandler(core: EmulatorCore) {
  const timers = new Set<NodeJS.Timeout>();
  const handler = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    req.resume(); // the built-in app reads no body
    const runtime = core.registry.service<AppRuntimeService>(APP_RUNTIME_SERVICE);
    const method = (req.method ?? 'GET').toUpperCase();
    const head = method === 'HEAD';
    const t = runtime?.resolve(req.headers.host ?? '') ?? { found: false as const, reason: 'Microsoft.App is not loaded' };
    if (!t.found) {
      text(res, 404, APP_NOT_FOUND_BODY, { 'x-azprov-reason': t.reason }, head);
      return;
    }
    const name = String(t.revision.body.name);
    const headers = { 'x-azprov-revision': name };
    const started = Date.now();
    const recorder = core.registry.service<TrafficRecorder>(TRAFFIC_RECORDER_SERVICE);
    res.once('finish', () => recorder?.record({ appId: t.app.id, revision: name, status: res.statusCode, latencyMs: Date.now() - started, at: Date.now() }));
    if (t.behaviour.latencyMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => (timers.delete(timer), resolve()), t.behaviour.latencyMs);
        timers.add(timer);
      });
    }
    const path = new URL(req.url ?? '/', 'http://apps.invalid').pathname;
    if (method !== 'GET' && !head) return text(res, 404, 'not found\n', headers, head);
    if (path === '/healthz' || path === '/readyz') {
      return t.behaviour.unhealthy ? text(res, 503, 'unhealthy\n', headers, head) : text(res, 200, 'ok', headers, head);
    }
    if (path !== '/') return text(res, 404, 'not found\n', headers, head);
    if (t.behaviour.failRate > 0 && runtime!.draw(t.revision) < t.behaviour.failRate) {
      return text(res, 500, `Internal Server Error (injected by the emulator: failRate ${t.behaviour.failRate})\n`, headers, head);
    }
    text(res, 200, t.welcome, headers, head);
  };
  return { handler, cancelTimers: () => (timers.forEach(clearTimeout), timers.clear()) };
}

/** Starts the apps front end on 127.0.0.1 (`port` 0 = random). */
export async function startAppsServer(core: EmulatorCore, port = 0, host = '127.0.0.1'): Promise<AppsServer> {
  const { handler, cancelTimers } = createAppsHandler(core);
  const server = http.createServer((req, res) => {
    handler(req, res).catch((e) => text(res, 500, `emulator error: ${(e as Error)?.message ?? e}\n`));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    server,
    port: actual,
    endpoint: `http://${host.includes(':') ? `[${host}]` : host}:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        cancelTimers();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
