import https from 'node:https';
import { ArmContext } from '../../src/arm/context.js';
import type { RunningEmulator } from '../../src/emulator/index.js';

/** Raw HTTPS calls to the emulator, trusting its CA for this request only. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

export function raw(
  emu: RunningEmulator,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: unknown; rawBody?: string } = {},
): Promise<RawResponse> {
  const url = new URL(emu.endpoint);
  const payload = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        ca: emu.caCertPem,
        headers: { ...(payload ? { 'content-type': 'application/json' } : {}), ...(opts.headers ?? {}) },
        agent: false,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          let json: any;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

export async function token(emu: RunningEmulator): Promise<string> {
  const r = await raw(emu, 'POST', '/metadata/identity/oauth2/token', {
    headers: { Metadata: 'true', 'content-type': 'application/x-www-form-urlencoded' },
    rawBody: `resource=${encodeURIComponent(emu.endpoint)}`,
  });
  if (r.status !== 200) throw new Error(`token: ${r.status} ${r.text}`);
  return r.json.access_token;
}

/** An authenticated raw ARM call. */
export async function arm(emu: RunningEmulator, method: string, path: string, opts: { headers?: Record<string, string>; body?: unknown; rawBody?: string } = {}) {
  const t = await token(emu);
  return raw(emu, method, path, { ...opts, headers: { authorization: `Bearer ${t}`, ...(opts.headers ?? {}) } });
}

/** An ArmContext on the emulator, with short retry delays. */
export function contextFor(emu: RunningEmulator, options: ConstructorParameters<typeof ArmContext>[1] = {}): ArmContext {
  return new ArmContext({ kind: 'emulator', endpoint: emu.endpoint, caCertPem: emu.caCertPem, subscriptionId: emu.subscriptionId }, { retryDelayInMs: 10, ...options });
}
