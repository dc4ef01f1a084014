import type { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { RateLimitBackend } from '../checkout/stores/rateLimitBackend.js';

/**
 * Rate limits counted in Redis (`rate-limiter-flexible`'s `RateLimiterRedis`), under the store's
 * key prefix, so every instance sharing the Redis shares each limit.
 *
 * @example const backend = redisRateLimitBackend(connection, 'aurpay:');
 */
export function redisRateLimitBackend(redis: Redis, keyPrefix: string): RateLimitBackend {
  return {
    limiter: ({ points, durationMs, keyPrefix: name }) =>
      new RateLimiterRedis({ storeClient: redis, points, duration: durationMs / 1000, keyPrefix: `${keyPrefix}rl:${name}` }),
  };
}
