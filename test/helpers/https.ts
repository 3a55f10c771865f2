import https from 'node:https';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json?: any;
}

/** One raw HTTPS request to the emulator, trusting its CA only; rejects if no status arrives within `timeoutInMs`. */
export function raw(
  endpoint: string,
  ca: string,
  method: string,
  path: string,
  options: { body?: string | Buffer; headers?: Record<string, string>; timeoutInMs?: number } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const u = new URL(path, endpoint);
    const req = https.request(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method, ca, headers: { ...(options.body !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(options.body)) } : {}), ...options.headers }, agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(options.timeoutInMs ?? 5000, () => req.destroy(new Error(`no response to ${method} ${path} within ${options.timeoutInMs ?? 5000} ms`)));
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** A bearer token from the emulator's managed-identity style token endpoint. */
export async function token(endpoint: string, ca: string): Promise<string> {
  const r = await raw(endpoint, ca, 'POST', '/metadata/identity/oauth2/token', {
    body: 'resource=' + encodeURIComponent(endpoint + '/'),
    headers: { 'content-type': 'application/x-www-form-urlencoded', metadata: 'true' },
  });
  if (r.status !== 200 || !r.json?.access_token) throw new Error(`token endpoint answered ${r.status}: ${r.text}`);
  return r.json.access_token;
}

export async function injectedFaults(endpoint: string, ca: string): Promise<Record<string, number>> {
  return (await raw(endpoint, ca, 'GET', '/_emulator/faults')).json.injected;
}
