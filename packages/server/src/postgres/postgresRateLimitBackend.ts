import type { Pool } from 'pg';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import type { RateLimitBackend } from '../checkout/stores/rateLimitBackend.js';

/**
 * Rate limits counted in PostgreSQL (`rate-limiter-flexible`'s `RateLimiterPostgres`), in a
 * `{tablePrefix}rate_limits` table of the store's schema that the limiter creates when missing
 * (instances racing to create it are fine), so every instance sharing the database shares each
 * limit. Expired counts are deleted in the background.
 *
 * @example const backend = postgresRateLimitBackend(pool, 'public', 'aurpay_');
 */
export function postgresRateLimitBackend(
  pool: Pool,
  schema: string,
  tablePrefix: string,
  migrated: () => Promise<unknown> = async () => undefined,
): RateLimitBackend {
  return {
    limiter: async ({ points, durationMs, keyPrefix }) => {
      // The schema is the store's: it exists once the store's own migrations ran.
      await migrated();
      return new Promise((resolve, reject) => {
        const limiter: RateLimiterPostgres = new RateLimiterPostgres(
          {
            storeClient: pool,
            schemaName: schema,
            tableName: `${tablePrefix}rate_limits`,
            points,
            duration: durationMs / 1000,
            keyPrefix,
            clearExpiredByTimeout: true,
          },
          (error?: unknown) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(limiter)),
        );
      });
    },
  };
}
