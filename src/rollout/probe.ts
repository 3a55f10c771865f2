import http from 'node:http';
import https from 'node:https';
import type { ArmContext } from '../arm/context.js';

export interface ProbeResult {
  status: number;
  latencyInMs: number;
  error?: string;
}

/**
 * Where HTTP checks of an app go. In Azure, to the FQDN itself; on the emulator, to its apps endpoint on
 * loopback with the FQDN as the Host header (the emulator plays each revision's app).
 */
export async function appsEndpointOf(arm: ArmContext): Promise<string | undefined> {
  if (!arm.isEmulator) return undefined;
  const t = arm.target as { appsEndpoint?: string };
  if (t.appsEndpoint) return t.appsEndpoint;
  return (t.appsEndpoint = (await emulatorInfo(arm)).appsEndpoint as string | undefined);
}

/** The emulator's `/_emulator/info` (apps endpoint, metrics ingestion delay), read once per context. */
export async function emulatorInfo(arm: ArmContext): Promise<Record<string, unknown>> {
  const t = arm.target as { caCertPem: string; emulatorInfo?: Record<string, unknown> };
  if (t.emulatorInfo) return t.emulatorInfo;
  const info = await new Promise<Record<string, unknown>>((resolve, reject) => {
    https
      .get(`${arm.endpoint}/_emulator/info`, { ca: t.caCertPem }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => {
          try {
            resolve(JSON.parse(body));
          } catch (e) {
            reject(e);
          }
        });
      })
      .on('error', reject);
  });
  return (t.emulatorInfo = info);
}

/** One GET of `https://<fqdn><path>` (or its emulator stand-in), with its status and latency. */
export async function probe(fqdn: string, path: string, appsEndpoint: string | undefined, timeoutInMs = 10_000): Promise<ProbeResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const done = (r: Omit<ProbeResult, 'latencyInMs'>) => resolve({ ...r, latencyInMs: Date.now() - started });
    const onResponse = (res: http.IncomingMessage) => {
      res.resume();
      res.on('end', () => done({ status: res.statusCode ?? 0 }));
    };
    const req = appsEndpoint
      ? http.request(`${appsEndpoint}${path}`, { headers: { host: fqdn }, timeout: timeoutInMs }, onResponse)
      : https.request(`https://${fqdn}${path}`, { timeout: timeoutInMs }, onResponse);
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (e) => done({ status: 0, error: e.message }));
    req.end();
  });
}
