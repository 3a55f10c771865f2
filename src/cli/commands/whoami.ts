import { chooseCredential, describeToken } from '../../arm/credentials.js';
import { EXIT, runSession, type OutputFlags } from '../session.js';
import { openTarget, type TargetFlags } from '../target.js';

/** The identity in use: credential kind, tenant, object and app id, expiry. The token is not printed. */
export async function runWhoami(flags: TargetFlags & OutputFlags): Promise<number> {
  return runSession(flags, async ({ defer }) => {
    const open = await openTarget(flags);
    defer(open.close);
    const credential = await open.arm.credential();
    const token = await credential.getToken(open.arm.scope);
    if (!token) throw new Error('the credential returned no token');
    const via = open.arm.target.kind === 'emulator' && !open.arm.target.azureCredential ? { kind: 'emulator', description: "the emulator's managed-identity token endpoint" } : chooseCredential();
    const target = `${open.arm.target.kind === 'emulator' ? 'emulator' : 'Azure'} (from ${open.source})`;
    const who = { target, credential: via.kind, description: via.description, subscriptionId: open.arm.subscriptionId, endpoint: open.arm.endpoint, ...describeToken(token.token) };
    if (flags.output === 'json') process.stdout.write(JSON.stringify(who) + '\n');
    else for (const [k, v] of Object.entries(who)) if (v !== undefined) process.stdout.write(`${k.padEnd(15)} ${v}\n`);
    return EXIT.ok;
  });
}
