import { describe, expect, it } from 'vitest';
import * as server from '../index.js';
import * as redis from './index.js';

describe('@aurpay-kit/server/redis exports', () => {
  it('exposes the Redis store and its parts', () => {
    expect(Object.keys(redis).sort()).toEqual([
      'RedisCheckoutStore',
      'RedisEventBus',
      'RedisOrderStore',
      'RedisRefreshLock',
      'createRedisStore',
    ]);
  });

  it('keeps ioredis out of the main entry, which has the seams and their in-process defaults', () => {
    expect(Object.keys(server)).not.toContain('createRedisStore');
    expect(Object.keys(server)).toEqual(
      expect.arrayContaining(['MemoryEventBus', 'MemoryOrderStore', 'MemoryRefreshLock', 'StoreUnavailableError']),
    );
  });
});
