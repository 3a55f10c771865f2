import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmulatorProcess, tempDir } from '../helpers/cli.js';
import { raw, token } from '../helpers/https.js';

/** `azprov emulator start --any-api-version`: a client newer than the emulator's tables is served, as a user runs it. */

async function started(args: string[]) {
  const caFile = join(tempDir(), 'ca.pem');
  const { child, out } = await startEmulatorProcess(['--ca-file', caFile, ...args]);
  const endpoint = /listening on (https:\/\/\S+)/.exec(out)![1];
  const sub = /Subscription: (\S+)/.exec(out)![1];
  const ca = readFileSync(caFile, 'utf8');
  const get = async (path: string) => raw(endpoint, ca, 'GET', path, { headers: { authorization: `Bearer ${await token(endpoint, ca)}` } });
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.on('close', r));
  };
  return { sub, get, stop };
}

describe('azprov emulator start --any-api-version', () => {
  it('accepts an unpublished date-shaped version only with the flag', async () => {
    for (const [args, status] of [[[], 400], [['--any-api-version'], 200]] as const) {
      const e = await started([...args]);
      try {
        const r = await e.get(`/subscriptions/${e.sub}/providers/Microsoft.App/managedEnvironments?api-version=2099-01-01`);
        expect(r.status, args.join(' ')).toBe(status);
        if (status === 400) expect(r.json.error.code).toBe('NoRegisteredProviderFound');
      } finally {
        await e.stop();
      }
    }
  });
});
