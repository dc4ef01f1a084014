import { DEFAULT_ORDER_TTL_MS, findCurrency, type QrFormat } from '@aurpay-kit/core';
import { OptionChecks } from '../shared/optionChecks.js';
import type { CheckoutOptions } from './checkoutOptions.js';
import type { FulfilmentPolicy } from './fulfilment/fulfilmentRunner.js';
import { MemoryEventBus } from './stores/memoryEventBus.js';
import { MemoryOrderStore } from './stores/memoryOrderStore.js';
import type { OrderEventBus } from './stores/orderEventBus.js';
import { ORDER_STORE_METHODS, type OrderStore } from './stores/orderStore.js';
import { memoryRateLimitBackend, type RateLimitBackend } from './stores/rateLimitBackend.js';
import type { RefreshLock } from './stores/refreshLock.js';

export interface ResolvedCheckoutOptions extends Omit<
  Required<CheckoutOptions>,
  | 'allowedCurrencies'
  | 'callback'
  | 'rateLimit'
  | 'rateLimitBackend'
  | 'streams'
  | 'store'
  | 'events'
  | 'refreshLock'
  | 'fulfilment'
  | 'reconcile'
> {
  /** Without a trailing slash. */
  publicUrl: string;
  store: OrderStore;
  events: OrderEventBus;
  /** null: this process keeps its own refresh budget. */
  refreshLock: RefreshLock | null;
  /** null: every currency the gateway supports. */
  allowedCurrencies: ReadonlySet<string> | null;
  rateLimit: { max: number; windowMs: number } | null;
  rateLimitBackend: RateLimitBackend;
  /** null: Aurpay does not sign callbacks; each URL's key authenticates them. */
  callback: { token: string; secret: string } | null;
  streams: { maxPerClient: number; maxTotal: number; maxLifetimeMs: number };
  fulfilment: FulfilmentPolicy;
  /** null: no background reconciliation. */
  reconcile: { intervalMs: number; expiredWindowMs: number } | null;
}
const QR_FORMATS: readonly QrFormat[] = ['auto', 'address', 'uri', 'token-transfer'];

const check = new OptionChecks('checkout_options_invalid', 'Checkout options: ');
const invalid = (message: string) => check.invalid(message);

function integer(name: string, value: unknown, fallback: number, min: number, unit = ' ms'): number {
  return check.integer(name, value, fallback, { min, unit });
}

function secret(name: string, value: unknown, minLength: number): string {
  if (typeof value !== 'string' || value.length < minLength) {
    throw invalid(
      `${name} must be a string of at least ${minLength} characters${minLength > 1 ? ' (use a random value, e.g. crypto.randomBytes(32).toString("hex"))' : ''}.`,
    );
  }
  return value;
}

function publicUrl(value: unknown): string {
  const text = typeof value === 'string' ? value : '';
  const url = URL.canParse(text) ? new URL(text) : null;
  if (
    url === null ||
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.search !== '' ||
    url.hash !== '' ||
    url.username !== '' ||
    url.password !== ''
  ) {
    throw invalid(
      `publicUrl must be the absolute http(s) URL where the checkout routes are mounted, with no query or fragment (e.g. "https://shop.example/api/pay"), got ${JSON.stringify(value)}.`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

function allowed(value: unknown): ReadonlySet<string> | null {
  if (value === undefined) return null;
  if (!Array.isArray(value) || value.length === 0) throw invalid('allowedCurrencies must be a non-empty array of currency codes.');
  for (const code of value) {
    if (typeof code !== 'string' || findCurrency(code) === undefined) {
      throw invalid(`allowedCurrencies: unknown currency ${JSON.stringify(code)} (use codes such as "BTC", "USDT-ERC20", "BTC-LN").`);
    }
  }
  return new Set(value as string[]);
}

/** Checks that `value`, when given, has the methods of the interface it stands for. */
function implementing<T>(name: string, value: T | undefined, methods: readonly (keyof T & string)[], what: string): T | undefined {
  if (value === undefined || value === null) return undefined;
  for (const method of methods) {
    if (typeof (value as Record<string, unknown>)[method] !== 'function')
      throw invalid(`${name} must implement ${what} (missing ${method}).`);
  }
  return value;
}

function hook<T>(name: string, value: T | undefined): T | undefined {
  return check.optionalFunction(name, value);
}

/** An optional object of settings: `{}` when absent, `false` when turned off (where allowed). */
function settings<T extends object>(name: string, value: T | false | undefined, example: string, canTurnOff: boolean): Partial<T> | false {
  if (value === undefined) return {};
  if (value === false && canTurnOff) return false;
  if (typeof value !== 'object' || value === null)
    throw invalid(`${name} must be an object such as ${example}${canTurnOff ? ', or false' : ''}.`);
  return value;
}

/**
 * The memory store loses every order in flight at each restart: refused in production unless the
 * shop says it accepts that.
 */
function durableInProduction(store: OrderStore | undefined): void {
  if (process.env.NODE_ENV !== 'production') return;
  if (store !== undefined && !(store instanceof MemoryOrderStore)) return;
  if (store?.acceptDataLoss === true) return;
  throw invalid(
    'NODE_ENV is production but orders would be kept in memory and lost at every restart, paid ones included. ' +
      'Set `store` to a durable store: createSqliteStore({ filename }) from "@aurpay-kit/server/sqlite" for one server, ' +
      'createPostgresStore({ connectionString }) from "@aurpay-kit/server/postgres" or createRedisStore({ url }) from "@aurpay-kit/server/redis" for several. ' +
      'To keep orders in memory anyway, pass store: new MemoryOrderStore({ acceptDataLoss: true }).',
  );
}

/** An unpaid order may go only once the reconciler no longer watches it for a late payment. */
function unpaidOrderRetention(value: unknown, reconcile: { expiredWindowMs: number } | null): number {
  const window = reconcile?.expiredWindowMs ?? 0;
  const retention = integer('unpaidOrderRetentionMs', value, Math.max(172_800_000, window), 0);
  if (retention < window) {
    throw invalid(
      `unpaidOrderRetentionMs (${retention} ms) must be at least reconcile.expiredWindowMs (${window} ms): no unpaid order may be removed while it is still watched for a late payment.`,
    );
  }
  return retention;
}

function defaultOnError(error: unknown, context: { where: string; orderId?: string }): void {
  console.error(
    `aurpay-kit checkout: ${context.where}${context.orderId === undefined ? '' : ` (order ${context.orderId})`} failed:`,
    error,
  );
}

/**
 * Checks checkout options once, at construction, and fills in the defaults, so a misconfigured
 * shop fails at start-up with a message naming the option instead of at its first order.
 *
 * @example resolveCheckoutOptions(options).minRefreshMs // 2000 unless set
 */
export function resolveCheckoutOptions(options: CheckoutOptions): ResolvedCheckoutOptions {
  check.object(options, 'an options object');
  const { client } = options;
  for (const method of ['createPayInfo', 'createBlnOrder', 'getOrderDetail', 'listCryptoCurrencies'] as const) {
    if (typeof client?.[method] !== 'function') throw invalid(`client must be an AurpayClient (missing ${method}).`);
  }
  if (typeof options.priceFor !== 'function') throw invalid('priceFor(req, body) must be a function returning { amount, currency }.');
  if (options.callback !== undefined && (typeof options.callback !== 'object' || options.callback === null)) {
    throw invalid('callback must be { token, secret } from Aurpay, or left out when Aurpay does not sign callbacks.');
  }
  const rate = options.rateLimit;
  if (rate !== undefined && rate !== false && (typeof rate !== 'object' || rate === null))
    throw invalid('rateLimit must be { max, windowMs } or false.');
  const qrFormat = options.qrFormat ?? 'auto';
  if (!QR_FORMATS.includes(qrFormat)) throw invalid(`qrFormat must be one of ${QR_FORMATS.join(', ')}.`);
  const given = implementing('store', options.store, ORDER_STORE_METHODS, 'OrderStore');
  durableInProduction(given);
  const store = given ?? new MemoryOrderStore(options.now === undefined ? {} : { now: options.now });
  const fulfilment = settings('fulfilment', options.fulfilment, '{ maxAttempts: 20 }', false) || {};
  const reconcile = settings('reconcile', options.reconcile, '{ intervalMs: 30000 }', true);
  const streams = settings('streams', options.streams, '{ maxPerClient: 10 }', false) || {};
  if (reconcile !== false && typeof options.client.listOrders !== 'function') {
    throw invalid('client must have listOrders for reconciliation (an AurpayClient has it), or set reconcile: false.');
  }
  const reconciling =
    reconcile === false
      ? null
      : {
          intervalMs: integer('reconcile.intervalMs', reconcile.intervalMs, 30_000, 100),
          expiredWindowMs: integer('reconcile.expiredWindowMs', reconcile.expiredWindowMs, 86_400_000, 0),
        };
  return {
    client,
    publicUrl: publicUrl(options.publicUrl),
    priceFor: options.priceFor,
    statusSecret: secret('statusSecret', options.statusSecret, 32),
    callback:
      options.callback === undefined
        ? null
        : { token: secret('callback.token', options.callback.token, 1), secret: secret('callback.secret', options.callback.secret, 1) },
    store,
    events: implementing('events', options.events, ['publish', 'subscribe'], 'OrderEventBus') ?? new MemoryEventBus(),
    refreshLock: implementing('refreshLock', options.refreshLock, ['acquire'], 'RefreshLock') ?? null,
    rateLimitBackend: implementing('rateLimitBackend', options.rateLimitBackend, ['limiter'], 'RateLimitBackend') ?? memoryRateLimitBackend,
    onPaid: hook('onPaid', options.onPaid) ?? (() => undefined),
    onExpired: hook('onExpired', options.onExpired) ?? (() => undefined),
    onStatusChange: hook('onStatusChange', options.onStatusChange) ?? (() => undefined),
    onError: hook('onError', options.onError) ?? defaultOnError,
    allowedCurrencies: allowed(options.allowedCurrencies),
    orderTtlMs: integer('orderTtlMs', options.orderTtlMs, DEFAULT_ORDER_TTL_MS, 1000),
    minRefreshMs: integer('minRefreshMs', options.minRefreshMs, 2000, 0),
    pollIntervalMs: integer('pollIntervalMs', options.pollIntervalMs, 3000, 10),
    heartbeatMs: integer('heartbeatMs', options.heartbeatMs, 15_000, 10),
    streams: {
      maxPerClient: integer('streams.maxPerClient', streams.maxPerClient, 10, 1, ''),
      maxTotal: integer('streams.maxTotal', streams.maxTotal, 1000, 1, ''),
      maxLifetimeMs: integer('streams.maxLifetimeMs', streams.maxLifetimeMs, 300_000, 1000),
    },
    pollBudgetPerSecond: integer('pollBudgetPerSecond', options.pollBudgetPerSecond, 10, 1, ''),
    rateLimit:
      rate === false
        ? null
        : { max: integer('rateLimit.max', rate?.max, 20, 1, ''), windowMs: integer('rateLimit.windowMs', rate?.windowMs, 60_000, 1) },
    idempotencyTtlMs: integer('idempotencyTtlMs', options.idempotencyTtlMs, 86_400_000, 1000),
    currencyCacheMs: integer('currencyCacheMs', options.currencyCacheMs, 300_000, 0),
    qrFormat,
    now: hook('now', options.now) ?? Date.now,
    fulfilment: {
      maxAttempts: integer('fulfilment.maxAttempts', fulfilment.maxAttempts, 20, 1, ''),
      leaseMs: integer('fulfilment.leaseMs', fulfilment.leaseMs, 30_000, 10),
      firstRetryMs: integer('fulfilment.firstRetryMs', fulfilment.firstRetryMs, 1000, 1),
      maxRetryMs: integer('fulfilment.maxRetryMs', fulfilment.maxRetryMs, 3_600_000, 1),
    },
    reconcile: reconciling,
    unpaidOrderRetentionMs: unpaidOrderRetention(options.unpaidOrderRetentionMs, reconciling),
  };
}
