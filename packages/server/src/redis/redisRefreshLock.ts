import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RefreshLock } from '../checkout/stores/refreshLock.js';
import type { RedisKeys } from './redisKeys.js';
import { toRedisStoreError } from './toRedisStoreError.js';

/**
 * The `RefreshLock` over Redis: `SET lock:refresh:{id} <token> NX PX ttl`. The claim is never
 * released early; it lapses after `ttl` (the checkout's `minRefreshMs`), which is the point: one
 * upstream fetch per order per `minRefreshMs` across every process.
 *
 * @example await new RedisRefreshLock(redis, keys).acquire(orderId, 2000) // true for one process
 */
export class RedisRefreshLock implements RefreshLock {
  readonly #redis: Redis;
  readonly #keys: RedisKeys;

  constructor(redis: Redis, keys: RedisKeys) {
    this.#redis = redis;
    this.#keys = keys;
  }

  async acquire(orderId: string, ttlMs: number): Promise<boolean> {
    try {
      const answer = await this.#redis.set(this.#keys.refreshLock(orderId), randomUUID(), 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX');
      return answer === 'OK';
    } catch (error) {
      throw toRedisStoreError(error, 'claim an order refresh');
    }
  }
}
