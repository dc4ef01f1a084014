import { AurpayKitError } from '@aurpay-kit/core';

import type { SandboxNetwork } from './chains/addresses.js';
import { resolveSandboxProfile, type SandboxProfile, type SandboxProfileName, type SandboxQuirks } from './sandboxProfile.js';

/** The credentials a sandbox accepts and signs with. */
export interface SandboxCredentials {
  apiKey: string;
  apiToken: string;
  secretKey: string;
  callbackToken: string;
  callbackSecret: string;
  /** The Lightning network's own key, accepted on `/api/bln/*` only (Aurpay's Key page for the BTCLN platform). */
  lightningApiKey: string;
  /** The Lightning credentials for signed requests to `/api/bln/*`. */
  lightningApiToken: string;
  lightningSecretKey: string;
  /** The verification code a Lightning withdrawal through `POST /api/withdraw` must carry. */
  verifyCode: string;
  /** For `POST /api/user/login`. */
  username: string;
  password: string;
}

export interface SandboxOptions extends Partial<SandboxCredentials> {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: loopback only. */
  host?: string;
  /** Seconds an order waits for payment before OVERDUE. Default 1800, at least 1. */
  orderTtlSeconds?: number;
  /** Further attempts after a callback the receiver did not answer with 200. Default 5. */
  callbackRetries?: number;
  /** Delay before the first callback retry, doubling after each. Default 1000. */
  callbackRetryDelayMs?: number;
  /** How long one callback attempt waits for an answer. Default 5000. */
  callbackTimeoutMs?: number;
  /** Address and invoice prefixes (tb1/lntb for testnet). Default 'testnet'. */
  network?: SandboxNetwork;
  /** Derives the Lightning node key and the deposit addresses. Default 'aurpay-sandbox'. */
  seed?: string;
  /** When false, `POST /api/withdraw` answers Aurpay's 40004 (KYB needed). Default true. */
  kybVerified?: boolean;
  /**
   * When true, `/api/bln/*` refuses the merchant's credentials (40110), as Aurpay's Lightning
   * documents say it does: "Only the key of the lightning network can pass the verification".
   * Default false: there either credentials pass.
   */
  requireLightningKey?: boolean;
  /** Which reading of Aurpay's documents to answer by (see `SANDBOX_PROFILES`). Default 'examples'. */
  profile?: SandboxProfileName;
  /** Single quirks switched on or off over the profile's. */
  quirks?: Partial<SandboxQuirks>;
  /** Silences the per-request log on stderr. Default true from code; the CLI logs unless `--quiet`. */
  quiet?: boolean;
}

/** Default credentials: fine for a sandbox on loopback, and printed by the CLI. */
export const SANDBOX_DEFAULTS: Readonly<SandboxCredentials> = Object.freeze({
  apiKey: 'sandbox-api-key',
  apiToken: 'sandbox-api-token',
  secretKey: 'sandbox-secret-key',
  callbackToken: 'sandbox-callback-token',
  callbackSecret: 'sandbox-callback-secret',
  lightningApiKey: 'sandbox-lightning-api-key',
  lightningApiToken: 'sandbox-lightning-api-token',
  lightningSecretKey: 'sandbox-lightning-secret-key',
  verifyCode: '000000',
  username: 'merchant@sandbox.test',
  password: 'sandbox-password',
});

export type ResolvedSandboxOptions = Required<Omit<SandboxOptions, 'profile' | 'quirks'>> & { profile: SandboxProfile };

function invalid(message: string): never {
  throw new AurpayKitError('sandbox_option_invalid', message);
}

function integer(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalid(`${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

function text(name: keyof SandboxOptions, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value === '') invalid(`${name} must be a non-empty string`);
  return value;
}

function flag(name: keyof SandboxOptions, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') invalid(`${name} must be true or false, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * Fills in defaults and checks every option, throwing `sandbox_option_invalid` with what to fix.
 *
 * @example resolveSandboxOptions({ orderTtlSeconds: 5 }).orderTtlSeconds // 5
 */
export function resolveSandboxOptions(options: SandboxOptions = {}): ResolvedSandboxOptions {
  const network = options.network ?? 'testnet';
  if (!['mainnet', 'testnet', 'regtest'].includes(network)) invalid(`network must be mainnet, testnet or regtest, got ${String(network)}`);
  const credentials = Object.fromEntries(
    (Object.keys(SANDBOX_DEFAULTS) as (keyof SandboxCredentials)[]).map((key) => [key, text(key, options[key], SANDBOX_DEFAULTS[key])]),
  ) as unknown as SandboxCredentials;
  // Told apart by value: the same key in both roles could not be refused on /api/bln/*.
  if (credentials.lightningApiKey === credentials.apiKey) invalid('lightningApiKey must differ from apiKey');
  if (credentials.lightningApiToken === credentials.apiToken) invalid('lightningApiToken must differ from apiToken');
  return {
    ...credentials,
    port: integer('port', options.port, 0, 0, 65_535),
    host: text('host', options.host, '127.0.0.1'),
    orderTtlSeconds: integer('orderTtlSeconds', options.orderTtlSeconds, 1800, 1, 7 * 86_400),
    callbackRetries: integer('callbackRetries', options.callbackRetries, 5, 0, 20),
    callbackRetryDelayMs: integer('callbackRetryDelayMs', options.callbackRetryDelayMs, 1000, 0, 600_000),
    callbackTimeoutMs: integer('callbackTimeoutMs', options.callbackTimeoutMs, 5000, 1, 120_000),
    network,
    seed: text('seed', options.seed, 'aurpay-sandbox'),
    kybVerified: flag('kybVerified', options.kybVerified, true),
    requireLightningKey: flag('requireLightningKey', options.requireLightningKey, false),
    profile: resolveSandboxProfile(options.profile, options.quirks),
    quiet: flag('quiet', options.quiet, true),
  };
}
