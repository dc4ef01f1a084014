#!/usr/bin/env node
import { CLI_USAGE, CliUsageError, parseCliArgs } from './cliArgs.js';
import { startSandbox } from './startSandbox.js';

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    console.error(`aurpay-sandbox: ${error.message}\n\n${CLI_USAGE}`);
    process.exit(2);
  }
  if (parsed.help) {
    console.log(CLI_USAGE);
    return;
  }
  const sandbox = await startSandbox(parsed.options);
  // Stops cleanly from the moment anything is printed: a signal right after the first line finds its handler.
  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(`listening on ${sandbox.url}`);
  const o = sandbox.options;
  console.log(`  API-Key:         ${o.apiKey}`);
  console.log(`  API-Token:       ${o.apiToken}`);
  console.log(`  Secret key:      ${o.secretKey}`);
  console.log(`  Callback-Token:  ${o.callbackToken}`);
  console.log(`  Callback secret: ${o.callbackSecret}`);
  const lightningOnly = sandbox.requireLightningKey ? ' (required on /api/bln/*)' : '';
  console.log(`  Lightning key:   ${o.lightningApiKey}${lightningOnly}`);
  console.log(`  Lightning token: ${o.lightningApiToken} / secret ${o.lightningSecretKey}`);
  console.log(`  Verify code:     ${o.verifyCode}`);
  console.log(`  Login:           ${o.username} / ${o.password}`);
  console.log(`  Lightning node:  ${sandbox.nodePublicKey}`);
  const on = Object.entries(sandbox.profile.quirks)
    .filter(([, value]) => value)
    .map(([name]) => name);
  console.log(`  Profile:         ${sandbox.profile.name}${on.length === 0 ? '' : ` (${on.join(', ')})`}`);
  console.log(`  Control API:     ${sandbox.url}/_sandbox/ (pay: POST /_sandbox/orders/<order_id>/pay)`);
}

main().catch((error: unknown) => {
  console.error(`aurpay-sandbox: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
