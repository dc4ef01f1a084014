import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ShopConfigError } from './shopConfigError.js';

/** Where the shop's payments go: an in-process sandbox, or Aurpay itself. */
export type PaymentMode =
  | { kind: 'sandbox'; orderTtlSeconds: number }
  | {
      kind: 'gateway';
      apiToken: string;
      secretKey: string;
      /** The BTCLN platform's own credentials, which Aurpay asks of Lightning calls. */
      lightning?: LightningCredentials;
      /**
       * Aurpay's callback token and secret, when callback authentication is turned on at Aurpay
       * (both or neither). Without them callbacks are accepted by their per-order key alone.
       */
      callbackToken?: string;
      callbackSecret?: string;
      /** The shop's public origin, e.g. `https://shop.example`: Aurpay calls back under it. */
      publicUrl: string;
      /** Where the Aurpay API is, e.g. a shared sandbox's `http://127.0.0.1:4010`; default Aurpay's. */
      baseUrl?: string;
    };

/** The BTCLN platform's API-Key (what Aurpay's Key page issues), or a signature pair for it. */
export type LightningCredentials = { type: 'api-key'; apiKey: string } | { type: 'signature'; apiToken: string; secretKey: string };

/** Where carts, orders and owed fulfilments are kept. */
export type StorageChoice =
  { kind: 'memory' } | { kind: 'sqlite'; filename: string } | { kind: 'postgres'; url: string } | { kind: 'redis'; url: string };

export interface ShopConfig {
  port: number;
  /** The interface to listen on; undefined listens on all of them. */
  host: string | undefined;
  payments: PaymentMode;
  storage: StorageChoice;
  /**
   * Signs the status tokens. Optional: without it one is made once and kept in the database
   * (in memory, a new one per start), so tokens survive restarts and every instance agrees.
   */
  statusSecret: string | undefined;
  /** Opens `/api/admin/*` (owed and failed fulfilments) to `Authorization: Bearer <token>`. */
  adminToken: string | undefined;
  /** Express's `trust proxy`, from TRUST_PROXY: hops, true/false, or addresses; default `loopback`. */
  trustProxy: boolean | number | string;
  /** Open connections one address may hold, from CONNECTIONS_PER_ADDRESS (0: no limit); default 64. */
  connectionsPerAddress: number | undefined;
}

/** Where gateway mode keeps everything when DATABASE_URL is not set. */
export const DEFAULT_DATABASE_FILE = fileURLToPath(new URL('../data/shop.db', import.meta.url));

const GATEWAY_VARIABLES = ['AURPAY_API_TOKEN', 'AURPAY_SECRET_KEY', 'PUBLIC_URL'] as const;

/** Settings that mean something with a gateway only. */
const GATEWAY_ONLY = [
  'AURPAY_CALLBACK_TOKEN',
  'AURPAY_CALLBACK_SECRET',
  'AURPAY_LIGHTNING_API_KEY',
  'AURPAY_LIGHTNING_API_TOKEN',
  'AURPAY_LIGHTNING_SECRET_KEY',
  'AURPAY_BASE_URL',
] as const;

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ShopConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}

function absoluteUrl(name: string, raw: string, example: string, protocols: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ShopConfigError(`${name} must be an absolute URL such as ${example}, got "${raw}".`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ShopConfigError(`${name} must be a ${protocols.join(' or ').replaceAll(':', '://')} URL, got "${raw}".`);
  }
  return url;
}

function publicOrigin(raw: string): string {
  return absoluteUrl('PUBLIC_URL', raw, 'https://shop.example', ['https:', 'http:']).href.replace(/\/+$/, '');
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** An origin the Aurpay client accepts: https, or http on this machine (a sandbox). */
function aurpayOrigin(raw: string): string {
  const url = absoluteUrl('AURPAY_BASE_URL', raw, 'http://127.0.0.1:4010', ['https:', 'http:']);
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
    throw new ShopConfigError(`AURPAY_BASE_URL must use https (http only on localhost or 127.0.0.1), got "${raw}".`);
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new ShopConfigError(`AURPAY_BASE_URL must be an origin only, such as http://127.0.0.1:4010, got "${raw}".`);
  }
  return url.origin;
}

/**
 * DATABASE_URL (`file:PATH` for SQLite, `postgres://…` for PostgreSQL) or REDIS_URL; without
 * either, gateway mode uses a SQLite file in the shop's data folder and sandbox mode stays in memory.
 */
function storage(env: NodeJS.ProcessEnv, mode: PaymentMode['kind']): StorageChoice {
  const databaseUrl = env.DATABASE_URL || undefined;
  const redisUrl = env.REDIS_URL || undefined;
  if (databaseUrl && redisUrl) {
    throw new ShopConfigError('Set DATABASE_URL or REDIS_URL, not both: one of them keeps the carts, orders and fulfilments.');
  }
  if (redisUrl) return { kind: 'redis', url: absoluteUrl('REDIS_URL', redisUrl, 'redis://127.0.0.1:6379', ['redis:', 'rediss:']).href };
  if (databaseUrl === undefined) return mode === 'gateway' ? { kind: 'sqlite', filename: DEFAULT_DATABASE_FILE } : { kind: 'memory' };
  if (databaseUrl === 'memory:') return { kind: 'memory' };
  if (databaseUrl.startsWith('file:')) {
    const path = decodeURIComponent(databaseUrl.slice('file:'.length).replace(/^\/\/(?=\/)/, ''));
    if (path === '') throw new ShopConfigError('DATABASE_URL=file: needs a path, e.g. file:./data/shop.db.');
    return { kind: 'sqlite', filename: resolve(path) };
  }
  const url = absoluteUrl('DATABASE_URL', databaseUrl, 'file:./data/shop.db or postgres://user:password@host:5432/shop', [
    'postgres:',
    'postgresql:',
  ]);
  return { kind: 'postgres', url: url.href };
}

/** TRUST_PROXY: a number of hops, `true`/`false`, or addresses and subnets that Express checks at start-up. */
function trustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === '') return 'loopback';
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return /^\d+$/.test(raw) ? whole({ TRUST_PROXY: raw }, 'TRUST_PROXY', 0, 0, 10) : raw;
}

/** Two variables that go together: both values, or undefined when neither is set. */
function pair(env: NodeJS.ProcessEnv, first: string, second: string, why: string): [string, string] | undefined {
  const a = env[first] || undefined;
  const b = env[second] || undefined;
  if (a === undefined && b === undefined) return undefined;
  if (a === undefined || b === undefined) {
    throw new ShopConfigError(`${a === undefined ? first : second} is not set: ${why} need both ${first} and ${second}, or neither.`);
  }
  return [a, b];
}

/**
 * AURPAY_LIGHTNING_API_KEY (the BTCLN platform's API-Key), or AURPAY_LIGHTNING_API_TOKEN with
 * AURPAY_LIGHTNING_SECRET_KEY; never both kinds.
 */
function lightningCredentials(env: NodeJS.ProcessEnv): LightningCredentials | undefined {
  const signature = pair(env, 'AURPAY_LIGHTNING_API_TOKEN', 'AURPAY_LIGHTNING_SECRET_KEY', 'signed Lightning calls');
  const apiKey = env.AURPAY_LIGHTNING_API_KEY || undefined;
  if (apiKey !== undefined && signature !== undefined) {
    throw new ShopConfigError(
      'Set AURPAY_LIGHTNING_API_KEY or the AURPAY_LIGHTNING_API_TOKEN and AURPAY_LIGHTNING_SECRET_KEY pair, not both.',
    );
  }
  if (apiKey !== undefined) return { type: 'api-key', apiKey };
  return signature && { type: 'signature', apiToken: signature[0], secretKey: signature[1] };
}

function secret(env: NodeJS.ProcessEnv, name: 'STATUS_SECRET' | 'ADMIN_TOKEN'): string | undefined {
  const value = env[name] || undefined;
  if (value !== undefined && value.length < 32) {
    throw new ShopConfigError(`${name} must be at least 32 characters, got ${value.length}: try \`openssl rand -hex 32\`.`);
  }
  return value;
}

/**
 * Reads the shop's settings from the environment. With none of the gateway variables set the
 * shop runs against a local sandbox; with all three it talks to Aurpay (or to `AURPAY_BASE_URL`);
 * anything in between is a mistake, reported by name. `DATABASE_URL` or `REDIS_URL` says where
 * carts, orders and fulfilments are kept.
 *
 * @example readShopConfig({ PORT: '8080', SANDBOX_ORDER_TTL: '60' })
 */
export function readShopConfig(env: NodeJS.ProcessEnv): ShopConfig {
  const port = whole(env, 'PORT', 3000, 0, 65_535);
  const shared = {
    statusSecret: secret(env, 'STATUS_SECRET'),
    adminToken: secret(env, 'ADMIN_TOKEN'),
    trustProxy: trustProxy(env.TRUST_PROXY),
    connectionsPerAddress: env.CONNECTIONS_PER_ADDRESS ? whole(env, 'CONNECTIONS_PER_ADDRESS', 64, 0, 1_000_000) : undefined,
  };
  const present = GATEWAY_VARIABLES.filter((name) => env[name]);
  if (present.length === 0) {
    const gatewayOnly = GATEWAY_ONLY.find((name) => env[name]);
    if (gatewayOnly) {
      throw new ShopConfigError(`${gatewayOnly} applies to gateway mode only: also set ${GATEWAY_VARIABLES.join(', ')}.`);
    }
    const orderTtlSeconds = whole(env, 'SANDBOX_ORDER_TTL', 1800, 1, 86_400);
    return {
      port,
      host: env.HOST || '127.0.0.1',
      payments: { kind: 'sandbox', orderTtlSeconds },
      storage: storage(env, 'sandbox'),
      ...shared,
    };
  }
  const missing = GATEWAY_VARIABLES.filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new ShopConfigError(
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set. To use Aurpay set all of ` +
        `${GATEWAY_VARIABLES.join(', ')}; to use the local sandbox set none of them.`,
    );
  }
  const lightning = lightningCredentials(env);
  const callback = pair(env, 'AURPAY_CALLBACK_TOKEN', 'AURPAY_CALLBACK_SECRET', "Aurpay's signed callbacks");
  return {
    port,
    host: env.HOST || undefined,
    payments: {
      kind: 'gateway',
      apiToken: env.AURPAY_API_TOKEN!,
      secretKey: env.AURPAY_SECRET_KEY!,
      ...(lightning ? { lightning } : {}),
      ...(callback ? { callbackToken: callback[0], callbackSecret: callback[1] } : {}),
      publicUrl: publicOrigin(env.PUBLIC_URL!),
      ...(env.AURPAY_BASE_URL ? { baseUrl: aurpayOrigin(env.AURPAY_BASE_URL) } : {}),
    },
    storage: storage(env, 'gateway'),
    ...shared,
  };
}
