import type { Redis } from 'ioredis';
import { StoreUnavailableError } from '../checkout/stores/storeUnavailableError.js';
import { openRedisConnection } from './openRedisConnection.js';
import { RedisEventBus } from './redisEventBus.js';
import { redisKeys } from './redisKeys.js';
import { RedisOrderStore } from './redisOrderStore.js';
import type { RateLimitBackend } from '../checkout/stores/rateLimitBackend.js';
import { redisRateLimitBackend } from './redisRateLimitBackend.js';
import { RedisRefreshLock } from './redisRefreshLock.js';
import type { ResolvedRedisStoreOptions } from './redisStoreOptions.js';

/** Resolves once `connection` is ready (at once if it is). */
function connected(connection: Redis): Promise<void> {
  if (connection.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => connection.once('ready', () => resolve()));
}

/**
 * What several checkout processes share through one Redis: the checkout options `store`,
 * `events`, `refreshLock` and `rateLimitBackend`, plus the connections' lifecycle. Its only own
 * properties are those four, so it spreads straight into the checkout options. Made by `createRedisStore`.
 *
 * @example
 * const redis = createRedisStore({ url: process.env.REDIS_URL! });
 * app.use('/api/pay', createCheckoutRouter({ ...options, ...redis }));
 * await redis.ready();
 */
export class RedisCheckoutStore {
  /** Orders, fulfilments, leases and idempotency keys (the `store` option). */
  readonly store: RedisOrderStore;
  /** Status changes over pub/sub (the `events` option). */
  readonly events: RedisEventBus;
  /** One upstream refresh per order per `minRefreshMs` across processes (the `refreshLock` option). */
  readonly refreshLock: RedisRefreshLock;
  /** Order-creation rate limits counted in Redis (the `rateLimitBackend` option). */
  readonly rateLimitBackend: RateLimitBackend;
  readonly #connection: Redis;

  constructor(options: ResolvedRedisStoreOptions) {
    const { onError } = options;
    const keys = redisKeys(options.keyPrefix);
    this.#connection = openRedisConnection(options, 'commands');
    this.store = new RedisOrderStore(this.#connection, { keys, retainMs: options.retainMs, now: options.now });
    this.events = new RedisEventBus({
      publisher: this.#connection,
      openSubscriber: () => openRedisConnection(options, 'subscriber'),
      channel: keys.events,
      onError,
    });
    this.refreshLock = new RedisRefreshLock(this.#connection, keys);
    this.rateLimitBackend = redisRateLimitBackend(this.#connection, options.keyPrefix);
  }

  /**
   * Resolves once the command connection is up and the event subscription listens; rejects with a
   * `StoreUnavailableError` after `timeoutMs`. Serving before that is safe: requests answer 503
   * until Redis is reachable.
   */
  async ready(timeoutMs = 10_000): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreUnavailableError(`Redis was not reachable within ${timeoutMs} ms.`)), timeoutMs);
    });
    try {
      await Promise.race([Promise.all([connected(this.#connection), this.events.ready()]), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes both connections (after the command connection's pending answers); close the router first. */
  async close(): Promise<void> {
    await this.events.close();
    if (this.#connection.status === 'end') return;
    await this.#connection.quit().catch(() => this.#connection.disconnect());
  }
}
