import type { Redis } from 'ioredis';
import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** Where the shop's rate limits are counted: with the carts, so every instance sharing them shares the limit. */
export type LimiterStore = { kind: 'memory' } | { kind: 'redis'; client: Redis } | { kind: 'postgres'; pool: pg.Pool };

/** `points` per `durationSeconds` and key, keys (and the PostgreSQL table) named after `name`. */
export interface LimitSpec {
  name: string;
  points: number;
  durationSeconds: number;
}

/**
 * A `rate-limiter-flexible` limiter counting where the shop keeps its carts: this process's memory
 * (memory and SQLite, one process), Redis on the shop's own connection, or a table in PostgreSQL
 * on the shop's pool (made when missing; resolves once it exists).
 *
 * @example const limiter = await rateLimiterFor({ kind: 'memory' }, { name: 'shop_carts', points: 30, durationSeconds: 60 });
 */
export async function rateLimiterFor(store: LimiterStore, { name, points, durationSeconds }: LimitSpec): Promise<RateLimiterAbstract> {
  const common = { keyPrefix: name, points, duration: durationSeconds };
  switch (store.kind) {
    case 'memory':
      return new RateLimiterMemory(common);
    case 'redis':
      // The connection fails fast while Redis is away (no offline queue): a refused count is a 503, never a pass.
      return new RateLimiterRedis({ ...common, storeClient: store.client });
    case 'postgres':
      return new Promise((resolve, reject) => {
        const limiter: RateLimiterPostgres = new RateLimiterPostgres(
          { ...common, storeClient: store.pool, storeType: 'pool', tableName: `${name}_limits` },
          (error) => (error ? reject(error) : resolve(limiter)),
        );
      });
    default:
      return store satisfies never;
  }
}
