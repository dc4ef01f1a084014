import { OptionChecks } from '../shared/optionChecks.js';
import { RedisCheckoutStore } from './redisCheckoutStore.js';
import type { RedisStoreOptions } from './redisStoreOptions.js';

function defaultOnError(error: unknown, context: { where: string }): void {
  console.error(`aurpay-kit redis: ${context.where}:`, error);
}

const check = new OptionChecks('redis_options_invalid', 'Redis store options: ');
const invalid = (message: string) => check.invalid(message);
const integer = (name: string, value: unknown, fallback: number, min: number) => check.integer(name, value, fallback, { min, unit: ' ms' });

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
  check.object(options, 'an options object with a url');
  if (typeof options.url !== 'string' || !/^rediss?:\/\/./.test(options.url)) throw invalid('url must be a redis:// or rediss:// URL.');
  const keyPrefix = options.keyPrefix ?? 'aurpay:';
  if (typeof keyPrefix !== 'string' || /\s/.test(keyPrefix)) throw invalid('keyPrefix must be a string without spaces.');
  return new RedisCheckoutStore({
    url: options.url,
    keyPrefix,
    retainMs: integer('retainMs', options.retainMs, 7 * 86_400_000, 0),
    commandTimeoutMs: integer('commandTimeoutMs', options.commandTimeoutMs, 2000, 1),
    connectTimeoutMs: integer('connectTimeoutMs', options.connectTimeoutMs, 5000, 1),
    redis: options.redis ?? {},
    onError: check.optionalFunction('onError', options.onError) ?? defaultOnError,
    now: check.optionalFunction('now', options.now) ?? Date.now,
  });
}
