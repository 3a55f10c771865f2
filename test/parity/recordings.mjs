// Reads the recorded ARM traffic (vcrpy YAML from azure-cli, test-proxy JSON from azure-powershell) into one
// shape: { method, url, body, status, headers, responseBody } (bodies as text).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export function listRecordings(root) {
  const out = [];
  for (const name of readdirSync(root).sort()) {
    const p = path.join(root, name);
    if (statSync(p).isDirectory()) out.push(...listRecordings(p));
    else if (/\.(ya?ml|Recording\.json)$/i.test(name)) out.push(p);
  }
  return out;
}

const one = (v) => (Array.isArray(v) ? v.join(', ') : v);

export function readRecording(file) {
  const text = readFileSync(file, 'utf8');
  if (/\.ya?ml$/i.test(file)) {
    return parse(text).interactions.map((i) => ({
      method: i.request.method,
      url: i.request.uri,
      body: i.request.body ?? undefined,
      requestHeaders: i.request.headers ?? {},
      status: i.response.status.code,
      headers: i.response.headers ?? {},
      responseBody: i.response.body?.string ?? '',
    }));
  }
  return Object.values(JSON.parse(text)).map((x) => ({
    method: x.Request.Method,
    url: x.Request.RequestUri,
    body: x.Request.Content ?? undefined,
    requestHeaders: { ...(x.Request.Headers ?? {}), ...(x.Request.ContentHeaders ?? {}) },
    status: x.Response.StatusCode,
    headers: { ...(x.Response.Headers ?? {}), ...(x.Response.ContentHeaders ?? {}) },
    responseBody: x.Response.Content ?? '',
  }));
}

/** ARM is `management.azure.com`; token, metadata and Graph exchanges are not ARM. */
export function isArm(url) {
  return new URL(url).hostname.toLowerCase() === 'management.azure.com';
}

export function headerValue(headers, name) {
  for (const [k, v] of Object.entries(headers ?? {})) if (k.toLowerCase() === name) return one(v);
  return undefined;
}
