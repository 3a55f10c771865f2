import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { azprov, tempDir } from '../helpers/cli.js';

/** A loopback stand-in for the GitHub Actions OIDC token endpoint. */
function actionsTokenEndpoint(): Promise<{ url: string; server: Server; requests: { auth?: string; audience: string | null }[] }> {
  const requests: { auth?: string; audience: string | null }[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    requests.push({ auth: req.headers.authorization, audience: url.searchParams.get('audience') });
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const jwt = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ iss: 'https://token.actions.githubusercontent.com', sub: 'repo:contoso/infra:ref:refs/heads/main', aud: url.searchParams.get('audience'), iat: now, exp: now + 300 })}.sig`;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ value: jwt }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}/token?api-version=2.0`, server, requests })));
}

describe('GitHub Actions OIDC, end to end', () => {
  let emulator: RunningEmulator;
  let actions: Awaited<ReturnType<typeof actionsTokenEndpoint>>;
  const caFile = join(tempDir(), 'ca.pem');
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, caFile });
    actions = await actionsTokenEndpoint();
  });
  afterAll(async () => {
    await emulator.close();
    actions.server.close();
  });

  it('exchanges the Actions token with Entra ID (the emulator) and calls ARM with the result', async () => {
    const clientId = '11111111-2222-3333-4444-555555555555';
    const env = {
      ACTIONS_ID_TOKEN_REQUEST_URL: actions.url,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runner-request-token',
      AZURE_CLIENT_ID: clientId,
      AZURE_TENANT_ID: emulator.tenantId,
      AZURE_AUTHORITY_HOST: emulator.endpoint,
    };
    const target = ['--endpoint', emulator.endpoint, '--ca', caFile, '--credential', 'azure', '--subscription', emulator.subscriptionId];
    const who = await azprov(['whoami', ...target, '--output', 'json'], { env });
    expect(who.stderr).toBe('');
    const w = JSON.parse(who.stdout);
    expect(w).toMatchObject({ credential: 'github-oidc', appId: clientId, tenantId: emulator.tenantId });
    expect(who.stdout).not.toMatch(/eyJ/); // no token in the output
    expect(actions.requests[0]).toEqual({ auth: 'Bearer runner-request-token', audience: 'api://AzureADTokenExchange' });

    const plan = await azprov(['plan', '-f', 'templates/environment.yaml', ...target, '--detailed-exitcode'], { env });
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('3 to create');
  });

  it('fails clearly when the runner gives no token (no id-token permission)', async () => {
    const r = await azprov(['whoami', '--endpoint', emulator.endpoint, '--ca', caFile, '--credential', 'azure', '--subscription', emulator.subscriptionId], {
      env: { ACTIONS_ID_TOKEN_REQUEST_URL: actions.url.replace('/token', '/missing'), ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'x', AZURE_CLIENT_ID: 'c', AZURE_TENANT_ID: emulator.tenantId, AZURE_AUTHORITY_HOST: 'https://127.0.0.1:1' },
    });
    expect(r.code).toBe(1);
  });
});

