import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { describeOrderStoreContract } from '../src/checkout/test-utils/describeOrderStoreContract.js';
import { storedOrder } from '../src/checkout/test-utils/storedOrder.js';
import { createRedisStore, type RedisCheckoutStore } from '../src/redis/index.js';
import { lazyFixture } from './lazyFixture.js';
import { startRedisServer } from './redisServer.js';

const opened: RedisCheckoutStore[] = [];
let prefixes = 0;
afterAll(async () => {
  await Promise.all(opened.map((redis) => redis.close()));
});
const server = lazyFixture(
  async () => {
    const started = await startRedisServer();
    return { ...started, raw: new Redis(started.url) };
  },
  async (started) => {
    started.raw.disconnect();
    await started.close();
  },
);

/** A Redis store under a prefix of its own, so each test starts empty. */
async function openStore(options: { retainMs?: number; now?: () => number } = {}): Promise<RedisCheckoutStore> {
  const { url } = await server();
  prefixes += 1;
  const redis = createRedisStore({ url, keyPrefix: `t${prefixes}:`, ...options });
  opened.push(redis);
  await redis.ready();
  return redis;
}

describeOrderStoreContract('Redis store', async () => (await openStore()).store);

describe('Redis store', () => {
  it('lays its keys out as documented, each expiring retainMs after the order, marks after that', async () => {
    const redis = await openStore({ retainMs: 600_000, now: () => 1_000_000 });
    const { raw } = await server();
    const order = storedOrder({ expiresAt: 1_060_000 });
    await redis.store.put(order);
    await redis.store.markFulfilled(order.orderId, 'paid');
    const prefix = `t${prefixes}:`;
    expect((await raw.keys(`${prefix}*`)).sort()).toEqual([`${prefix}fulfilled:${order.orderId}:paid`, `${prefix}order:${order.orderId}`, `${prefix}ref:${order.callbackRef}`]);
    expect(JSON.parse((await raw.get(`${prefix}order:${order.orderId}`)) ?? 'null')).toEqual(order);
    expect(await raw.get(`${prefix}ref:${order.callbackRef}`)).toBe(order.orderId);
    const orderTtl = await raw.pttl(`${prefix}order:${order.orderId}`);
    expect(orderTtl).toBeGreaterThan(650_000);
    expect(orderTtl).toBeLessThanOrEqual(660_000);
    expect(await raw.pttl(`${prefix}ref:${order.callbackRef}`)).toBeGreaterThan(650_000);
    expect(await raw.pttl(`${prefix}fulfilled:${order.orderId}:paid`)).toBeGreaterThan(orderTtl);
    await redis.store.compareAndSetStatus(order.orderId, 1, { status: 'paid', aurpayStatus: 'SUCCESS', paidAmount: '18.0098', updatedAt: 1_000_500 });
    expect(await raw.pttl(`${prefix}order:${order.orderId}`)).toBeGreaterThan(650_000);
  });

  it('keeps an order stored long after it expired for a minute at least', async () => {
    const redis = await openStore({ retainMs: 0, now: () => 10_000_000 });
    const { raw } = await server();
    await redis.store.put(storedOrder({ expiresAt: 1_000 }));
    expect(await raw.pttl(`t${prefixes}:order:${storedOrder().orderId}`)).toBeGreaterThan(55_000);
  });

  it('spreads into the checkout options as exactly store, events and refreshLock', async () => {
    const redis = await openStore();
    expect(Object.keys({ ...redis }).sort()).toEqual(['events', 'refreshLock', 'store']);
  });

  it('lets one of 20 concurrent refresh claims win, and frees the order after the ttl', async () => {
    const redis = await openStore();
    const claims = await Promise.all(Array.from({ length: 20 }, () => redis.refreshLock.acquire('20240613093614690315', 100)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await redis.refreshLock.acquire('20240613093614690316', 100)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await redis.refreshLock.acquire('20240613093614690315', 100)).toBe(true);
  });
});
