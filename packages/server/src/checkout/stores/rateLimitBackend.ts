import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** What one limiter counts: `points` per `durationMs` and key, keys under `keyPrefix`. */
export interface RateLimitSpec {
  points: number;
  durationMs: number;
  keyPrefix: string;
}

/**
 * Where rate limits are counted, as a maker of `rate-limiter-flexible` limiters: this process's
 * memory by default; `createRedisStore` and `createPostgresStore` bring one that counts in Redis or
 * PostgreSQL, so every instance sharing the store shares the limit.
 *
 * @example const limiter = await memoryRateLimitBackend.limiter({ points: 20, durationMs: 60_000, keyPrefix: 'orders' });
 */
export interface RateLimitBackend {
  /** A limiter for `spec`; may resolve once what it counts in (a table) exists. */
  limiter(spec: RateLimitSpec): RateLimiterAbstract | Promise<RateLimiterAbstract>;
}

/** Counts in this process's memory: right for one instance. */
export const memoryRateLimitBackend: RateLimitBackend = {
  limiter: ({ points, durationMs, keyPrefix }) => new RateLimiterMemory({ points, duration: durationMs / 1000, keyPrefix }),
};
