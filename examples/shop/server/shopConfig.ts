import { ShopConfigError } from './shopConfigError.js';

/** Where the shop's payments go: an in-process sandbox, or Aurpay itself. */
export type PaymentMode =
  | { kind: 'sandbox'; orderTtlSeconds: number }
  | {
      kind: 'gateway';
      apiToken: string;
      secretKey: string;
      callbackToken: string;
      callbackSecret: string;
      /** The shop's public origin, e.g. `https://shop.example`: Aurpay calls back under it. */
      publicUrl: string;
      /** Where the Aurpay API is, e.g. a shared sandbox's `http://127.0.0.1:4010`; default Aurpay's. */
      baseUrl?: string;
    };

export interface ShopConfig {
  port: number;
  /** The interface to listen on; undefined listens on all of them. */
  host: string | undefined;
  payments: PaymentMode;
  /** Redis shared by every instance (orders, status events, carts); undefined keeps them in memory. */
  redisUrl: string | undefined;
  /** Signs the status tokens; required with `redisUrl`, else a random one per start. */
  statusSecret: string | undefined;
}

const GATEWAY_VARIABLES = [
  'AURPAY_API_TOKEN',
  'AURPAY_SECRET_KEY',
  'AURPAY_CALLBACK_TOKEN',
  'AURPAY_CALLBACK_SECRET',
  'PUBLIC_URL',
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

/** REDIS_URL and the STATUS_SECRET every instance sharing it must sign status tokens with. */
function sharing(env: NodeJS.ProcessEnv): Pick<ShopConfig, 'redisUrl' | 'statusSecret'> {
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl) absoluteUrl('REDIS_URL', redisUrl, 'redis://127.0.0.1:6379', ['redis:', 'rediss:']);
  const statusSecret = env.STATUS_SECRET || undefined;
  if (redisUrl && !statusSecret) {
    throw new ShopConfigError(
      'STATUS_SECRET is not set. With REDIS_URL every instance must sign status tokens with the same secret: ' +
        'set STATUS_SECRET to at least 32 random characters (e.g. `openssl rand -hex 32`), the same on every instance.',
    );
  }
  if (statusSecret !== undefined && statusSecret.length < 32) {
    throw new ShopConfigError(`STATUS_SECRET must be at least 32 characters, got ${statusSecret.length}: try \`openssl rand -hex 32\`.`);
  }
  return { redisUrl, statusSecret };
}

/**
 * Reads the shop's settings from the environment. With none of the gateway variables set the
 * shop runs against a local sandbox; with all five it talks to Aurpay (or to `AURPAY_BASE_URL`);
 * anything in between is a mistake, reported by name. `REDIS_URL` shares orders and carts
 * between instances, which then need the same `STATUS_SECRET`.
 *
 * @example readShopConfig({ PORT: '8080', SANDBOX_ORDER_TTL: '60' })
 */
export function readShopConfig(env: NodeJS.ProcessEnv): ShopConfig {
  const port = whole(env, 'PORT', 3000, 0, 65_535);
  const shared = sharing(env);
  const present = GATEWAY_VARIABLES.filter((name) => env[name]);
  if (present.length === 0) {
    if (env.AURPAY_BASE_URL) {
      throw new ShopConfigError(`AURPAY_BASE_URL applies to gateway mode only: also set ${GATEWAY_VARIABLES.join(', ')}.`);
    }
    const orderTtlSeconds = whole(env, 'SANDBOX_ORDER_TTL', 1800, 1, 86_400);
    return { port, host: env.HOST || '127.0.0.1', payments: { kind: 'sandbox', orderTtlSeconds }, ...shared };
  }
  const missing = GATEWAY_VARIABLES.filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new ShopConfigError(
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set. To use Aurpay set all of ` +
        `${GATEWAY_VARIABLES.join(', ')}; to use the local sandbox set none of them.`,
    );
  }
  return {
    port,
    host: env.HOST || undefined,
    payments: {
      kind: 'gateway',
      apiToken: env.AURPAY_API_TOKEN!,
      secretKey: env.AURPAY_SECRET_KEY!,
      callbackToken: env.AURPAY_CALLBACK_TOKEN!,
      callbackSecret: env.AURPAY_CALLBACK_SECRET!,
      publicUrl: publicOrigin(env.PUBLIC_URL!),
      ...(env.AURPAY_BASE_URL ? { baseUrl: aurpayOrigin(env.AURPAY_BASE_URL) } : {}),
    },
    ...shared,
  };
}
