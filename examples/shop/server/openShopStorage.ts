import type { ExpressCheckoutOptions } from '@aurpay-kit/server/express';
import { createRedisStore } from '@aurpay-kit/server/redis';
import { Redis } from 'ioredis';
import type { CartStore } from './cartStore.js';
import { MemoryCartStore } from './memoryCartStore.js';
import { RedisCartStore } from './redisCartStore.js';
import { ShopConfigError } from './shopConfigError.js';

/** Where the shop keeps its carts and the checkout its orders. */
export interface ShopStorage {
  carts: CartStore;
  /** Spread into the checkout options: the shared order store, event bus and refresh lock, or nothing. */
  checkout: Pick<ExpressCheckoutOptions, 'store' | 'events' | 'refreshLock'>;
  /** Where it is, for the start-up message. */
  description: string;
  /** Closes the connections; close the checkout router first. */
  close(): Promise<void>;
}

/** The URL without its password, for messages. */
const shown = (url: string) => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return error instanceof Error ? `${error.message}${cause}` : String(error);
}

/** Resolves once the connection is ready; rejects with its first error. */
function connected(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onReady = () => {
      redis.off('error', onError);
      resolve();
    };
    const onError = (error: unknown) => {
      redis.off('ready', onReady);
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    redis.once('ready', onReady);
    redis.once('error', onError);
  });
}

/**
 * In memory without `redisUrl` (one process); with it, carts in a `RedisCartStore` and the
 * checkout's orders, status events and refresh lock in `createRedisStore`, so that several shop
 * instances behind one load balancer act as one. Waits until Redis answers, and throws a
 * `ShopConfigError` naming `REDIS_URL` when it does not.
 *
 * @example const storage = await openShopStorage(process.env.REDIS_URL);
 */
export async function openShopStorage(redisUrl: string | undefined): Promise<ShopStorage> {
  if (redisUrl === undefined) {
    return { carts: new MemoryCartStore(), checkout: {}, description: 'in memory (this process only)', close: async () => undefined };
  }
  // Once serving, a lost connection is logged (requests answer 503 meanwhile); before that, the
  // start-up error below says it all.
  let serving = false;
  const onError = (error: unknown, { where }: { where: string }) => {
    if (serving) console.error(`Redis (${where}): ${describe(error)}`);
  };
  const shared = createRedisStore({ url: redisUrl, onError });
  // Like the checkout's own connection: a request while Redis is away fails at once (503) instead
  // of queueing, and the connection keeps trying to come back in the background.
  const connection = new Redis(redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 2000,
    connectTimeout: 5000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  });
  let healthy = true;
  connection.on('ready', () => (healthy = true));
  connection.on('error', (error: unknown) => {
    if (healthy) onError(error, { where: 'carts connection' });
    healthy = false;
  });
  const close = async () => {
    await shared.close();
    if (connection.status !== 'end') await connection.quit().catch(() => connection.disconnect());
  };
  try {
    await connected(connection);
    await shared.ready(5000);
    serving = true;
  } catch (error) {
    await close();
    throw new ShopConfigError(`Redis at ${shown(redisUrl)} (REDIS_URL) cannot be reached: ${describe(error)}. Is it running?`);
  }
  return { carts: new RedisCartStore(connection), checkout: shared, description: `Redis at ${shown(redisUrl)}`, close };
}
