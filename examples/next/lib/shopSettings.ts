import { resolve } from 'node:path';

/** Where payments go: a sandbox started in this server process, or Aurpay (or another API at `baseUrl`). */
export type PaymentSettings =
  | { mode: 'sandbox'; orderTtlSeconds: number; sandboxPort: number; shopPort: number }
  | {
      mode: 'gateway';
      apiToken: string;
      secretKey: string;
      /** The BTCLN platform's own credentials (its API-Key, or a signature pair), which Aurpay asks of Lightning calls. */
      lightning: LightningCredentials | null;
      /** Aurpay's callback token and secret, when callback authentication is on at Aurpay; else callbacks go by their per-order key. */
      callback: { token: string; secret: string } | null;
      /** The shop's public origin: Aurpay calls back under `${publicUrl}/api/pay`. */
      publicUrl: string;
      baseUrl: string | null;
    };

export type LightningCredentials = { type: 'api-key'; apiKey: string } | { type: 'signature'; apiToken: string; secretKey: string };

/** Where orders and owed fulfilments are kept. */
export type StorageSettings =
  { kind: 'memory' } | { kind: 'sqlite'; filename: string } | { kind: 'postgres'; url: string } | { kind: 'redis'; url: string };

export interface ShopSettings {
  payments: PaymentSettings;
  storage: StorageSettings;
  /** Signs status tokens; in gateway mode derived from the secret key when not given, so it survives restarts. */
  statusSecret: string | null;
  /** How many proxies stand in front of `next start` and append to X-Forwarded-For (0: none). */
  trustedProxies: number;
}

/** A setting that cannot work, named so the operator can fix it. */
export class ShopSettingsError extends Error {
  override readonly name = 'ShopSettingsError';
}

const GATEWAY = ['AURPAY_API_TOKEN', 'AURPAY_SECRET_KEY', 'PUBLIC_URL'] as const;
const GATEWAY_ONLY = [
  'AURPAY_BASE_URL',
  'AURPAY_CALLBACK_TOKEN',
  'AURPAY_CALLBACK_SECRET',
  'AURPAY_LIGHTNING_API_KEY',
  'AURPAY_LIGHTNING_API_TOKEN',
  'AURPAY_LIGHTNING_SECRET_KEY',
] as const;
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

type Env = Readonly<Record<string, string | undefined>>;

function count(env: Env, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > max)
    throw new ShopSettingsError(`${name} must be a whole number from 0 to ${max}, got "${raw}".`);
  return Number(raw);
}

function url(name: string, raw: string, protocols: readonly string[]): URL {
  let parsed: URL | null = null;
  try {
    parsed = new URL(raw);
  } catch {
    // Reported below, with what was expected.
  }
  if (parsed === null || !protocols.includes(parsed.protocol)) {
    throw new ShopSettingsError(`${name} must be a ${protocols.map((p) => `${p}//`).join(' or ')} URL, got "${raw}".`);
  }
  return parsed;
}

/** DATABASE_URL (`file:PATH`, `postgres://…`, `memory:`) or REDIS_URL; without either, SQLite in gateway mode, memory with the sandbox. */
function storage(env: Env, mode: PaymentSettings['mode']): StorageSettings {
  const database = env.DATABASE_URL || undefined;
  const redis = env.REDIS_URL || undefined;
  if (database !== undefined && redis !== undefined) throw new ShopSettingsError('Set DATABASE_URL or REDIS_URL, not both.');
  if (redis !== undefined) return { kind: 'redis', url: url('REDIS_URL', redis, ['redis:', 'rediss:']).href };
  if (database === undefined) return mode === 'gateway' ? { kind: 'sqlite', filename: resolve('data/orders.db') } : { kind: 'memory' };
  if (database === 'memory:') return { kind: 'memory' };
  if (database.startsWith('file:')) {
    const path = decodeURIComponent(database.slice('file:'.length));
    if (path === '') throw new ShopSettingsError('DATABASE_URL=file: needs a path, e.g. file:./data/orders.db.');
    return { kind: 'sqlite', filename: resolve(path) };
  }
  return { kind: 'postgres', url: url('DATABASE_URL', database, ['postgres:', 'postgresql:']).href };
}

/** Two variables that go together: both values, or null when neither is set. */
function pair(env: Env, first: string, second: string): [string, string] | null {
  const a = env[first] || undefined;
  const b = env[second] || undefined;
  if (a === undefined && b === undefined) return null;
  if (a === undefined || b === undefined) throw new ShopSettingsError(`Set both ${first} and ${second}, or neither.`);
  return [a, b];
}

function payments(env: Env): PaymentSettings {
  const present = GATEWAY.filter((name) => env[name]);
  if (present.length === 0) {
    const stray = GATEWAY_ONLY.find((name) => env[name]);
    if (stray !== undefined) throw new ShopSettingsError(`${stray} applies to gateway mode only: also set ${GATEWAY.join(', ')}.`);
    return {
      mode: 'sandbox',
      orderTtlSeconds: count(env, 'SANDBOX_ORDER_TTL', 1800, 86_400) || 1800,
      sandboxPort: count(env, 'SANDBOX_PORT', 0, 65_535),
      shopPort: count(env, 'PORT', 3000, 65_535),
    };
  }
  const missing = GATEWAY.filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new ShopSettingsError(
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set: to use Aurpay set all of ${GATEWAY.join(', ')}; for the sandbox, none.`,
    );
  }
  const callback = pair(env, 'AURPAY_CALLBACK_TOKEN', 'AURPAY_CALLBACK_SECRET');
  const signedLightning = pair(env, 'AURPAY_LIGHTNING_API_TOKEN', 'AURPAY_LIGHTNING_SECRET_KEY');
  const lightningKey = env.AURPAY_LIGHTNING_API_KEY || undefined;
  if (lightningKey !== undefined && signedLightning !== null) {
    throw new ShopSettingsError(
      'Set AURPAY_LIGHTNING_API_KEY or the AURPAY_LIGHTNING_API_TOKEN and AURPAY_LIGHTNING_SECRET_KEY pair, not both.',
    );
  }
  const lightning: LightningCredentials | null =
    lightningKey !== undefined
      ? { type: 'api-key', apiKey: lightningKey }
      : signedLightning && { type: 'signature', apiToken: signedLightning[0], secretKey: signedLightning[1] };
  let baseUrl: string | null = null;
  if (env.AURPAY_BASE_URL) {
    const base = url('AURPAY_BASE_URL', env.AURPAY_BASE_URL, ['https:', 'http:']);
    if (base.protocol === 'http:' && !LOOPBACK.test(base.hostname))
      throw new ShopSettingsError('AURPAY_BASE_URL must use https (http only on this machine).');
    baseUrl = base.origin;
  }
  return {
    mode: 'gateway',
    apiToken: env.AURPAY_API_TOKEN!,
    secretKey: env.AURPAY_SECRET_KEY!,
    lightning,
    callback: callback && { token: callback[0], secret: callback[1] },
    publicUrl: url('PUBLIC_URL', env.PUBLIC_URL!, ['https:', 'http:']).origin,
    baseUrl,
  };
}

/**
 * The shop's settings from the environment, with the Express shop's variables: none of the
 * gateway ones for the sandbox, all three for Aurpay; anything in between is named and refused.
 *
 * @example readShopSettings(process.env).payments.mode // 'sandbox'
 */
export function readShopSettings(env: Env): ShopSettings {
  const paymentSettings = payments(env);
  const statusSecret = env.STATUS_SECRET || null;
  if (statusSecret !== null && statusSecret.length < 32)
    throw new ShopSettingsError('STATUS_SECRET must be at least 32 characters: try `openssl rand -hex 32`.');
  return {
    payments: paymentSettings,
    storage: storage(env, paymentSettings.mode),
    statusSecret,
    trustedProxies: count(env, 'TRUST_PROXY', 0, 10),
  };
}
