import { AurpayKitError } from '@aurpay-kit/core';
import { RedisCheckoutStore } from './redisCheckoutStore.js';
import type { RedisStoreOptions } from './redisStoreOptions.js';

function defaultOnError(error: unknown, context: { where: string }): void {
  console.error(`aurpay-kit redis: ${context.where}:`, error);
}

function invalid(message: string): AurpayKitError {
  return new AurpayKitError('redis_options_invalid', `Redis store options: ${message}`);
}

function integer(name: string, value: unknown, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) throw invalid(`${name} must be an integer ≥ ${min} ms, got ${String(value)}.`);
  return value;
}

/**
 * Shares the checkout between several server processes through one Redis (ioredis, an optional
 * peer dependency): orders, owed fulfilments and their leases, and idempotency keys (`store`),
 * status changes over pub/sub so every process's event streams hear them (`events`), and one
 * upstream refresh per order per `minRefreshMs` across processes (`refreshLock`). Spread it into the
 * checkout options. While Redis is unreachable, order creation and status answer 503
 * `store_unavailable` and callbacks are not acknowledged, so Aurpay calls again.
 *
 * Run Redis with persistence (`appendonly yes`, and `appendfsync always` so no acknowledged write
 * is lost) so orders and owed fulfilments survive its restart; `RedisOrderStore` says what else
 * Redis cannot promise that a SQL store does.
 *
 * @example
 * import { createRedisStore } from '@aurpay-kit/server/redis';
 * const redis = createRedisStore({ url: process.env.REDIS_URL! });
 * app.use('/api/pay', createCheckoutRouter({ ...options, ...redis }));
 * process.on('SIGTERM', () => void redis.close());
 */
export function createRedisStore(options: RedisStoreOptions): RedisCheckoutStore {
  if (typeof options !== 'object' || options === null) throw invalid('pass an options object with a url.');
  if (typeof options.url !== 'string' || !/^rediss?:\/\/./.test(options.url)) throw invalid('url must be a redis:// or rediss:// URL.');
  const keyPrefix = options.keyPrefix ?? 'aurpay:';
  if (typeof keyPrefix !== 'string' || /\s/.test(keyPrefix)) throw invalid('keyPrefix must be a string without spaces.');
  if (options.onError !== undefined && typeof options.onError !== 'function') throw invalid('onError must be a function.');
  if (options.now !== undefined && typeof options.now !== 'function') throw invalid('now must be a function.');
  return new RedisCheckoutStore({
    url: options.url,
    keyPrefix,
    retainMs: integer('retainMs', options.retainMs, 7 * 86_400_000, 0),
    commandTimeoutMs: integer('commandTimeoutMs', options.commandTimeoutMs, 2000, 1),
    connectTimeoutMs: integer('connectTimeoutMs', options.connectTimeoutMs, 5000, 1),
    redis: options.redis ?? {},
    onError: options.onError ?? defaultOnError,
    now: options.now ?? Date.now,
  });
}
