import { parseArgs } from 'node:util';

import { AurpayKitError } from '@aurpay-kit/core';

import type { SandboxNetwork } from './chains/addresses.js';
import type { SandboxOptions } from './sandboxOptions.js';
import { SANDBOX_PROFILES, SANDBOX_QUIRK_NAMES, type SandboxProfileName, type SandboxQuirks } from './sandboxProfile.js';

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
const QUIRK_FLAGS = new Map<string, keyof SandboxQuirks>(SANDBOX_QUIRK_NAMES.map((name) => [kebab(name), name]));

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
  --lightning-api-key <k>  the Lightning network's API-Key, for /api/bln/* (default sandbox-lightning-api-key)
  --lightning-api-token <t>   its API-Token for signed requests (default sandbox-lightning-api-token)
  --lightning-secret-key <s>  its secret key (default sandbox-lightning-secret-key)
  --require-lightning-key  refuse the merchant's credentials on /api/bln/* (40110), as Aurpay does
  --verify-code <code>     verify_code of Lightning withdrawals through /api/withdraw (default 000000)
  --profile <name>         reading of Aurpay's documents: ${Object.keys(SANDBOX_PROFILES).join(', ')} (default examples)
  --quirk <name>[=off]     switch one quirk on (or off) over the profile; repeatable:
                           ${SANDBOX_QUIRK_NAMES.map(kebab).join(', ')}
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

/** `--quirk net-obtained --quirk unsigned-callbacks=off` as `{ netObtained: true, unsignedCallbacks: false }`. */
function quirkFlags(flags: string[] | undefined): Partial<SandboxQuirks> | undefined {
  if (flags === undefined) return undefined;
  const quirks: Partial<SandboxQuirks> = {};
  for (const flag of flags) {
    const match = /^([a-z-]+)(?:=(on|off))?$/.exec(flag);
    const name = match === null ? undefined : QUIRK_FLAGS.get(match[1] ?? '');
    if (match === null || name === undefined) {
      throw new CliUsageError(`--quirk ${JSON.stringify(flag)} is not <name> or <name>=off; quirks: ${[...QUIRK_FLAGS.keys()].join(', ')}`);
    }
    quirks[name] = match[2] !== 'off';
  }
  return quirks;
}

/**
 * Reads the CLI's arguments into sandbox options, or `help`. Unknown flags and bad values throw a
 * `CliUsageError`.
 *
 * @example parseCliArgs(['--port', '4010', '--order-ttl', '60']) // { help: false, options: { port: 4010, orderTtlSeconds: 60 } }
 * @example parseCliArgs(['--profile', 'descriptions', '--quirk', 'net-obtained']).options.quirks // { netObtained: true }
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
        'lightning-api-key': { type: 'string' },
        'lightning-api-token': { type: 'string' },
        'lightning-secret-key': { type: 'string' },
        'require-lightning-key': { type: 'boolean' },
        'verify-code': { type: 'string' },
        profile: { type: 'string' },
        quirk: { type: 'string', multiple: true },
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
  const texts = [
    'host',
    'api-key',
    'api-token',
    'secret-key',
    'callback-token',
    'callback-secret',
    'lightning-api-key',
    'lightning-api-token',
    'lightning-secret-key',
    'verify-code',
    'seed',
  ] as const;
  for (const name of texts) {
    if (values[name] === '') throw new CliUsageError(`--${name} must not be empty`);
  }
  const profile = values.profile;
  if (profile !== undefined && !Object.hasOwn(SANDBOX_PROFILES, profile)) {
    throw new CliUsageError(`--profile must be one of ${Object.keys(SANDBOX_PROFILES).join(', ')}, got ${JSON.stringify(profile)}`);
  }
  const options: SandboxOptions = {
    port: integerFlag('port', values.port, 0, 65_535),
    host: values.host,
    apiKey: values['api-key'],
    apiToken: values['api-token'],
    secretKey: values['secret-key'],
    callbackToken: values['callback-token'],
    callbackSecret: values['callback-secret'],
    lightningApiKey: values['lightning-api-key'],
    lightningApiToken: values['lightning-api-token'],
    lightningSecretKey: values['lightning-secret-key'],
    requireLightningKey: values['require-lightning-key'],
    verifyCode: values['verify-code'],
    profile: profile as SandboxProfileName | undefined,
    quirks: quirkFlags(values.quirk),
    orderTtlSeconds: integerFlag('order-ttl', values['order-ttl'], 1, 7 * 86_400),
    network: network as SandboxNetwork | undefined,
    seed: values.seed,
    quiet: values.quiet === true,
  };
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as SandboxOptions;
  return { help: values.help === true, options: defined };
}
