import { parseArgs } from 'node:util';

import { AurpayKitError } from '@aurpay-kit/core';

import type { SandboxNetwork } from './addresses.js';
import type { SandboxOptions } from './sandboxOptions.js';

/** The `aurpay-sandbox --help` text. */
export const CLI_USAGE = `Usage: aurpay-sandbox [options]

A local Aurpay gateway: Aurpay's API on Aurpay's paths, with orders you pay through /_sandbox/.

Options:
  --port <n>               port to listen on (default 0: any free port)
  --host <address>         address to listen on (default 127.0.0.1)
  --api-key <key>          API-Key accepted (default sandbox-api-key)
  --api-token <token>      API-Token for signed requests (default sandbox-api-token)
  --secret-key <secret>    secret key for signed requests (default sandbox-secret-key)
  --callback-token <token> Callback-Token sent with callbacks (default sandbox-callback-token)
  --callback-secret <s>    secret that signs callbacks (default sandbox-callback-secret)
  --order-ttl <seconds>    seconds before an unpaid order is OVERDUE (default 1800)
  --network <name>         mainnet, testnet or regtest (default testnet)
  --seed <text>            derives the Lightning node key and addresses (default aurpay-sandbox)
  --quiet                  no request log on stderr
  --help                   show this help
`;

/** A command line that cannot be run; the CLI prints the message and exits with status 2. */
export class CliUsageError extends AurpayKitError {
  constructor(message: string) {
    super('cli_usage', message);
  }
}

function integerFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new CliUsageError(`--${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

/**
 * Reads the CLI's arguments into sandbox options, or `help`. Unknown flags and bad values throw a
 * `CliUsageError`.
 *
 * @example parseCliArgs(['--port', '4010', '--order-ttl', '60']) // { help: false, options: { port: 4010, orderTtlSeconds: 60 } }
 */
export function parseCliArgs(argv: string[]): { help: boolean; options: SandboxOptions } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'api-key': { type: 'string' },
        'api-token': { type: 'string' },
        'secret-key': { type: 'string' },
        'callback-token': { type: 'string' },
        'callback-secret': { type: 'string' },
        'order-ttl': { type: 'string' },
        network: { type: 'string' },
        seed: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const network = values.network;
  if (network !== undefined && !['mainnet', 'testnet', 'regtest'].includes(network)) {
    throw new CliUsageError(`--network must be mainnet, testnet or regtest, got ${JSON.stringify(network)}`);
  }
  for (const name of ['host', 'api-key', 'api-token', 'secret-key', 'callback-token', 'callback-secret', 'seed'] as const) {
    if (values[name] === '') throw new CliUsageError(`--${name} must not be empty`);
  }
  const options: SandboxOptions = {
    port: integerFlag('port', values.port, 0, 65_535),
    host: values.host,
    apiKey: values['api-key'],
    apiToken: values['api-token'],
    secretKey: values['secret-key'],
    callbackToken: values['callback-token'],
    callbackSecret: values['callback-secret'],
    orderTtlSeconds: integerFlag('order-ttl', values['order-ttl'], 1, 7 * 86_400),
    network: network as SandboxNetwork | undefined,
    seed: values.seed,
    quiet: values.quiet === true,
  };
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as SandboxOptions;
  return { help: values.help === true, options: defined };
}
