import { describe, expect, it } from 'vitest';
import type { OrderStatusUpdate, OrderStore } from '../src/checkout/stores/orderStore.js';
import { storedOrder } from '../src/checkout/test-utils/storedOrder.js';
import { createRedisStore, type RedisCheckoutStore } from '../src/redis/index.js';
import { lazyFixture } from './lazyFixture.js';
import { startRedisServer } from '@aurpay-kit/testing';

const server = lazyFixture(
  () => startRedisServer({ persistent: true }),
  (started) => started.close(),
);

async function open(url: string): Promise<RedisCheckoutStore> {
  const redis = createRedisStore({ url, keyPrefix: 'restart:', now: () => 1_000_000 });
  await redis.ready();
  return redis;
}

const update = (status: OrderStatusUpdate['status'], updatedAt: number): OrderStatusUpdate => ({
  status,
  aurpayStatus: 'X',
  paidAmount: '1',
  updatedAt,
  gatewayUpdatedAt: null,
});

/** Everything the store answers about the orders below, to compare before and after. */
async function snapshot(store: OrderStore) {
  const ids = ['20240613093614690001', '20240613093614690002', '20240613093614690003'];
  return {
    orders: await Promise.all(ids.map((id) => store.get(id))),
    byRef: await store.findByCallbackRef('ref-3'),
    open: await store.findOpenOrder('cart-1', 1_500_000),
    unsettled: await store.listUnsettledOrders({ expiredSince: 0, limit: 10 }),
    paid: await store.getFulfilment(ids[2]!, 'paid'),
    owed: await store.listFulfilments({ state: 'owed', limit: 10 }),
    failed: await store.listFulfilments({ state: 'failed', limit: 10 }),
  };
}

describe('Redis store on a persistent Redis (appendfsync always) that crashes and restarts', () => {
  it('keeps orders, owed and failed fulfilments, leases, idempotency keys and every index', async () => {
    const redisServer = await server();
    const before = await open(redisServer.url);
    const { store } = before;
    const [open1, expired2, paid3] = [1, 2, 3].map((n) =>
      storedOrder({ orderId: `2024061309361469000${n}`, callbackRef: `ref-${n}`, createdAt: n * 1000, openOrderKey: `cart-${n}` }),
    );
    for (const order of [open1!, expired2!, paid3!]) await store.put(order);
    await store.compareAndSetStatus(expired2!.orderId, 1, update('expired', 2_800_000), 'expired');
    await store.claimFulfilment(expired2!.orderId, 'expired', { owner: 'a', now: 2_800_000, leaseMs: 1000 });
    await store.failFulfilment(expired2!.orderId, 'expired', { owner: 'a', now: 2_800_001, error: 'mailer down', retryAt: null });
    await store.compareAndSetStatus(paid3!.orderId, 1, update('paid', 1_200_000), 'paid');
    await store.claimFulfilment(paid3!.orderId, 'paid', { owner: 'a', now: 1_200_000, leaseMs: 600_000 });
    expect(await store.acquireLease('reconciler', { owner: 'a', now: 1_200_000, ttlMs: 600_000 })).toBe(true);
    expect(await store.reserveIdempotencyKey('orders:k', 'fp', 60_000)).toEqual({ state: 'reserved' });
    const expected = await snapshot(store);
    expect(expected.open?.orderId).toBe(open1!.orderId);
    expect(expected.unsettled.map((order) => order.orderId)).toEqual([open1!.orderId, expired2!.orderId]);
    expect(expected.paid).toMatchObject({ state: 'owed', leaseOwner: 'a', attempts: 1 });
    expect(expected.failed).toHaveLength(1);
    await before.close();

    // Killed, not stopped: only what was fsynced before each write was acknowledged comes back.
    await redisServer.kill();
    await redisServer.start();
    const after = await open(redisServer.url);
    try {
      expect(await snapshot(after.store)).toEqual(expected);
      expect(await after.store.claimFulfilment(paid3!.orderId, 'paid', { owner: 'b', now: 1_799_999, leaseMs: 1000 })).toBeNull();
      expect(await after.store.acquireLease('reconciler', { owner: 'b', now: 1_799_999, ttlMs: 1000 })).toBe(false);
      expect(await after.store.reserveIdempotencyKey('orders:k', 'fp', 60_000)).toEqual({ state: 'pending', fingerprint: 'fp' });
      // The lease lapses by the caller's clock, the restart notwithstanding.
      expect(await after.store.claimFulfilment(paid3!.orderId, 'paid', { owner: 'b', now: 1_800_000, leaseMs: 1000 })).toMatchObject({
        attempts: 2,
        leaseOwner: 'b',
      });
      expect(await after.store.acquireLease('reconciler', { owner: 'b', now: 1_800_000, ttlMs: 1000 })).toBe(true);
    } finally {
      await after.close();
    }
  });
});
