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
    };

export interface ShopConfig {
  port: number;
  /** The interface to listen on; undefined listens on all of them. */
  host: string | undefined;
  payments: PaymentMode;
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

function publicOrigin(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ShopConfigError(`PUBLIC_URL must be an absolute URL such as https://shop.example, got "${raw}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ShopConfigError(`PUBLIC_URL must be an http(s) URL, got "${raw}".`);
  }
  return url.href.replace(/\/+$/, '');
}

/**
 * Reads the shop's settings from the environment. With none of the gateway variables set the
 * shop runs against a local sandbox; with all five it talks to Aurpay; anything in between is a
 * mistake, reported by name.
 *
 * @example readShopConfig({ PORT: '8080', SANDBOX_ORDER_TTL: '60' })
 */
export function readShopConfig(env: NodeJS.ProcessEnv): ShopConfig {
  const port = whole(env, 'PORT', 3000, 0, 65_535);
  const present = GATEWAY_VARIABLES.filter((name) => env[name]);
  if (present.length === 0) {
    const orderTtlSeconds = whole(env, 'SANDBOX_ORDER_TTL', 1800, 1, 86_400);
    return { port, host: env.HOST || '127.0.0.1', payments: { kind: 'sandbox', orderTtlSeconds } };
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
    },
  };
}
