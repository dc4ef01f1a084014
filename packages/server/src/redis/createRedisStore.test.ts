import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../checkout/stores/storeUnavailableError.js';
import { storedOrder } from '../checkout/test-utils/storedOrder.js';
import { createRedisStore } from './createRedisStore.js';
import type { RedisStoreOptions } from './redisStoreOptions.js';

/** A port on 127.0.0.1 with nothing listening. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('createRedisStore', () => {
  it.each([
    ['no options', undefined, /pass an options object/],
    ['no url', {}, /url must be a redis:\/\/ or rediss:\/\/ URL/],
    ['an http url', { url: 'http://127.0.0.1:6379' }, /url must be/],
    ['a keyPrefix with spaces', { url: 'redis://127.0.0.1:6379', keyPrefix: 'my shop:' }, /keyPrefix/],
    ['a negative retainMs', { url: 'redis://127.0.0.1:6379', retainMs: -1 }, /retainMs must be an integer ≥ 0 ms, got -1/],
    ['a fractional commandTimeoutMs', { url: 'redis://127.0.0.1:6379', commandTimeoutMs: 1.5 }, /commandTimeoutMs/],
    ['an onError that is not a function', { url: 'redis://127.0.0.1:6379', onError: 'log' }, /onError must be a function/],
  ])('refuses %s with a message naming the option', (_name, options, message) => {
    expect(() => createRedisStore(options as unknown as RedisStoreOptions)).toThrow(message);
    expect(() => createRedisStore(options as unknown as RedisStoreOptions)).toThrow(
      expect.objectContaining({ code: 'redis_options_invalid' }),
    );
  });

  it('fails fast with StoreUnavailableError when Redis is unreachable, and reports it once', async () => {
    const reported: { error: unknown; where: string }[] = [];
    // Timeouts far above the test's own timeout: were any call waiting for one, the test would time out.
    const redis = createRedisStore({
      url: `redis://127.0.0.1:${await closedPort()}`,
      commandTimeoutMs: 30_000,
      connectTimeoutMs: 30_000,
      onError: (error, { where }) => void reported.push({ error, where }),
    });
    try {
      await expect(redis.store.get('1')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(redis.store.put(storedOrder())).rejects.toMatchObject({ code: 'store_unavailable' });
      await expect(redis.store.claimFulfilment('1', 'paid', { owner: 'a', now: 0, leaseMs: 1000 })).rejects.toMatchObject({
        code: 'store_unavailable',
      });
      await expect(redis.refreshLock.acquire('1', 1000)).rejects.toMatchObject({ code: 'store_unavailable' });
      await expect(redis.events.publish(storedOrder())).rejects.toMatchObject({ code: 'store_unavailable' });
      await expect(redis.ready(300)).rejects.toThrow(/Redis was not reachable within 300 ms/);
      expect(reported.filter((r) => r.where === 'redis commands connection')).toHaveLength(1);
      expect(reported[0]?.error).toBeInstanceOf(StoreUnavailableError);
    } finally {
      await redis.close();
    }
  });
});
