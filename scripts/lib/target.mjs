import { readFile } from 'node:fs/promises';

// The target every script takes: --emulator (the embedded emulator, with the CLI's state file so that
// `azprov ... --emulator` sees what a script made), a running emulator from the environment
// `azprov emulator start` prints (AZPROV_EMULATOR_ENDPOINT, AZPROV_EMULATOR_CA_FILE), or --subscription /
// $AZURE_SUBSCRIPTION_ID for Azure.
export async function openTarget(argv) {
  if (argv.emulator) {
    const { startEmulator } = await import('azprov/emulator');
    const stateFile = argv['emulator-state'] ?? '.azprov/emulator-state.json';
    let emulator;
    try {
      emulator = await startEmulator({
        stateFile,
        // The state file is locked while the script runs: say so when another command holds it.
        stateLock: { onWait: (holder, until) => console.error(`waiting for ${stateFile}: ${holder ? `process ${holder.pid} (${holder.command}) uses it` : 'another process uses it'}; waiting until ${until.toISOString()}`) },
      });
    } catch (e) {
      console.error(`error: ${e.message}`);
      process.exit(typeof e.exitCode === 'number' ? e.exitCode : 1);
    }
    return {
      target: { kind: 'emulator', endpoint: emulator.endpoint, caCertPem: emulator.caCertPem, subscriptionId: emulator.subscriptionId },
      subscriptionId: emulator.subscriptionId,
      close: () => emulator.close(),
    };
  }
  const endpoint = process.env.AZPROV_EMULATOR_ENDPOINT;
  if (!argv.subscription && endpoint) {
    const caFile = process.env.AZPROV_EMULATOR_CA_FILE;
    if (!caFile) {
      console.error('AZPROV_EMULATOR_ENDPOINT is set without AZPROV_EMULATOR_CA_FILE: export both lines `azprov emulator start` prints');
      process.exit(3);
    }
    const subscriptionId = process.env.AZURE_SUBSCRIPTION_ID ?? '00000000-0000-0000-0000-00000000a2b0';
    return { target: { kind: 'emulator', endpoint, caCertPem: await readFile(caFile, 'utf8'), subscriptionId }, subscriptionId, close: async () => {} };
  }
  const subscriptionId = argv.subscription ?? process.env.AZURE_SUBSCRIPTION_ID;
  if (!subscriptionId) {
    console.error('no target: pass --emulator, or --subscription (or set AZURE_SUBSCRIPTION_ID)');
    process.exit(3);
  }
  return { target: { kind: 'azure', subscriptionId }, subscriptionId, close: async () => {} };
}

/** Exits 3 (invalid input) naming the flags that are missing. */
export function requireFlags(argv, names, usage) {
  const missing = names.filter((f) => argv[f] === undefined || argv[f] === true || argv[f] === '');
  if (missing.length) {
    console.error(`${usage}\nmissing: ${missing.map((f) => `--${f}`).join(', ')}`);
    process.exit(3);
  }
}

export async function run(main, close) {
  const { isAzprovError } = await import('azprov');
  try {
    await main();
  } catch (e) {
    console.error(`error: ${e.message}`);
    process.exitCode = isAzprovError(e) ? e.exitCode : 1;
  } finally {
    await close?.();
  }
}

/**
 * zx's spinner() when stderr is a terminal; otherwise one plain line. zx draws its frames whenever CI is
 * unset, and piped (`2>&1 | tee`) they end up glued into the output.
 */
export async function progress(title, fn) {
  if (process.stderr.isTTY) return spinner(title, fn);
  console.error(`${title}...`);
  return fn();
}
