// The target every script takes: --emulator (the embedded emulator, with the CLI's state file so that
// `azprov ... --emulator` sees what a script made) or --subscription / $AZURE_SUBSCRIPTION_ID for Azure.
export async function openTarget(argv) {
  if (argv.emulator) {
    const { startEmulator } = await import('azprov/emulator');
    const emulator = await startEmulator({ stateFile: argv['emulator-state'] ?? '.azprov/emulator-state.json' });
    return {
      target: { kind: 'emulator', endpoint: emulator.endpoint, caCertPem: emulator.caCertPem, subscriptionId: emulator.subscriptionId },
      subscriptionId: emulator.subscriptionId,
      close: () => emulator.close(),
    };
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
