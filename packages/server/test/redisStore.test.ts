import type { CheckoutStatus } from '@aurpay-kit/core';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { FulfilmentOutcome } from '../src/checkout/fulfilment/fulfilment.js';
import type { OrderStatusUpdate } from '../src/checkout/stores/orderStore.js';
import { describeOrderStoreContract } from '../src/checkout/test-utils/describeOrderStoreContract.js';
import { storedOrder } from '../src/checkout/test-utils/storedOrder.js';
import { createRedisStore, type RedisCheckoutStore, type RedisOrderStore } from '../src/redis/index.js';
import { lazyFixture } from './lazyFixture.js';
import { startRedisServer } from '@aurpay-kit/testing';

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
async function openStore(
  options: { retainMs?: number; now?: () => number } = {},
): Promise<{ redis: RedisCheckoutStore; store: RedisOrderStore; prefix: string }> {
  const { url } = await server();
  prefixes += 1;
  const prefix = `t${prefixes}:`;
  const redis = createRedisStore({ url, keyPrefix: prefix, ...options });
  opened.push(redis);
  await redis.ready();
  return { redis, store: redis.store, prefix };
}

const update = (status: CheckoutStatus, updatedAt: number): OrderStatusUpdate => ({
  status,
  aurpayStatus: status.toUpperCase(),
  paidAmount: '18.0098',
  updatedAt,
  gatewayUpdatedAt: null,
});

describeOrderStoreContract('RedisOrderStore', async (clock) => (await openStore({ now: clock.now })).store);

describe('Redis store', () => {
  it('lays its keys out as documented, and keeps an order until its owed fulfilment is done', async () => {
    const { store, prefix } = await openStore({ retainMs: 600_000, now: () => 1_000_000 });
    const { raw } = await server();
    const order = storedOrder({ expiresAt: 1_060_000, openOrderKey: 'cart-1|crypto' });
    await store.put(order);
    expect((await raw.keys(`${prefix}*`)).sort()).toEqual(
      [`order:${order.orderId}`, `ref:${order.callbackRef}`, 'open:cart-1|crypto', 'unsettled'].map((key) => prefix + key).sort(),
    );
    expect(JSON.parse((await raw.get(`${prefix}order:${order.orderId}`)) ?? 'null')).toEqual(order);
    expect(await raw.get(`${prefix}ref:${order.callbackRef}`)).toBe(order.orderId);
    const orderTtl = await raw.pttl(`${prefix}order:${order.orderId}`);
    expect(orderTtl).toBeGreaterThan(650_000);
    expect(orderTtl).toBeLessThanOrEqual(660_000);
    expect(await raw.pttl(`${prefix}ref:${order.callbackRef}`)).toBeGreaterThan(650_000);
    expect(await raw.pttl(`${prefix}open:cart-1|crypto`)).toBeGreaterThan(650_000);

    await store.compareAndSetStatus(order.orderId, 1, update('paid', 1_000_500), 'paid');
    await store.claimFulfilment(order.orderId, 'paid', { owner: 'a', now: 1_000_500, leaseMs: 30_000 });
    await store.acquireLease('reconciler', { owner: 'a', now: 1_000_500, ttlMs: 10_000 });
    await store.reserveIdempotencyKey('orders:k', 'fp', 60_000);
    const member = `${order.orderId}\u0000paid`;
    expect((await raw.keys(`${prefix}*`)).sort()).toEqual(
      [
        `order:${order.orderId}`,
        `ref:${order.callbackRef}`,
        `fulfilment:${order.orderId}:paid`,
        'fulfilments:owed',
        'lease:reconciler',
        'idem:orders:k',
      ]
        .map((key) => prefix + key)
        .sort(),
    );
    expect(await raw.hgetall(`${prefix}fulfilment:${order.orderId}:paid`)).toEqual({
      orderId: order.orderId,
      outcome: 'paid',
      state: 'owed',
      attempts: '1',
      dueAt: '1000500',
      createdAt: '1000500',
      updatedAt: '1000500',
      leaseOwner: 'a',
      leaseUntil: '1030500',
    });
    expect(await raw.zrange(`${prefix}fulfilments:owed`, 0, -1, 'WITHSCORES')).toEqual([member, '1000500']);
    // Owed: neither the order nor its fulfilment may expire, however long the hook keeps failing.
    expect(await raw.pttl(`${prefix}order:${order.orderId}`)).toBe(-1);
    expect(await raw.pttl(`${prefix}fulfilment:${order.orderId}:paid`)).toBe(-1);
    // Idempotency keys and leases end by the clock in their value; PX only collects the garbage.
    expect(await raw.get(`${prefix}idem:orders:k`)).toBe('1060000:{"state":"pending","fingerprint":"fp"}');
    expect(await raw.pttl(`${prefix}idem:orders:k`)).toBeGreaterThan(3_600_000);
    expect(await raw.hgetall(`${prefix}lease:reconciler`)).toEqual({ owner: 'a', until: '1010500' });

    expect(await store.completeFulfilment(order.orderId, 'paid', { owner: 'a', now: 1_000_600 })).toBe(true);
    const retained = await raw.pttl(`${prefix}order:${order.orderId}`);
    expect(retained).toBeGreaterThan(650_000);
    expect(retained).toBeLessThanOrEqual(660_000);
    // A done record outlives its order, so no later status write finds the outcome unrecorded.
    expect(await raw.pttl(`${prefix}fulfilment:${order.orderId}:paid`)).toBeGreaterThan(retained + 3_500_000);
    expect(await raw.zrange(`${prefix}fulfilments:done`, 0, -1)).toEqual([member]);
    expect(await raw.exists(`${prefix}fulfilments:owed`)).toBe(0);
  });

  it('keeps an order whose other fulfilment is still owed until that one is done too', async () => {
    const { store, prefix } = await openStore({ retainMs: 600_000, now: () => 1_000_000 });
    const { raw } = await server();
    const order = storedOrder({ expiresAt: 1_060_000 });
    await store.put(order);
    await store.compareAndSetStatus(order.orderId, 1, update('expired', 1_060_000), 'expired');
    await store.compareAndSetStatus(order.orderId, 2, update('paid', 1_070_000), 'paid');
    await store.claimFulfilment(order.orderId, 'paid', { owner: 'a', now: 1_070_000, leaseMs: 1000 });
    await store.completeFulfilment(order.orderId, 'paid', { owner: 'a', now: 1_070_001 });
    expect(await raw.pttl(`${prefix}order:${order.orderId}`)).toBe(-1);
    expect(await raw.pttl(`${prefix}fulfilment:${order.orderId}:paid`)).toBe(-1);
    await store.completeFulfilment(order.orderId, 'expired', { owner: 'a', now: 1_070_002 });
    expect(await raw.pttl(`${prefix}order:${order.orderId}`)).toBeGreaterThan(650_000);
    expect(await raw.pttl(`${prefix}fulfilment:${order.orderId}:paid`)).toBeGreaterThan(3_600_000);
    expect(await raw.pttl(`${prefix}fulfilment:${order.orderId}:expired`)).toBeGreaterThan(3_600_000);
  });

  it('keeps an order stored long after it expired for a minute at least', async () => {
    const { store, prefix } = await openStore({ retainMs: 0, now: () => 10_000_000 });
    const { raw } = await server();
    await store.put(storedOrder({ expiresAt: 1_000 }));
    expect(await raw.pttl(`${prefix}order:${storedOrder().orderId}`)).toBeGreaterThan(55_000);
  });

  it('drops index entries whose order expired, when listing and when storing the next order', async () => {
    const { store, prefix } = await openStore();
    const { raw } = await server();
    const key = 'cart-9|lightning';
    const orders = [1, 2, 3].map((n) =>
      storedOrder({
        orderId: `2024061309361469000${n}`,
        callbackRef: `ref-${n}`,
        createdAt: n * 1000,
        openOrderKey: key,
        expiresAt: 10_000_000_000_000,
      }),
    );
    for (const order of orders) await store.put(order);
    await raw.del(`${prefix}order:${orders[2]!.orderId}`);
    expect((await store.findOpenOrder(key, 0))?.orderId).toBe(orders[1]!.orderId);
    expect(await raw.zrange(`${prefix}open:${key}`, 0, -1)).toEqual([orders[0]!.orderId, orders[1]!.orderId]);
    await raw.del(`${prefix}order:${orders[1]!.orderId}`);
    expect((await store.listUnsettledOrders({ expiredSince: 0, limit: 10 })).map((order) => order.orderId)).toEqual([orders[0]!.orderId]);
    expect(await raw.zrange(`${prefix}unsettled`, 0, -1)).toEqual([orders[0]!.orderId]);
    await raw.del(`${prefix}order:${orders[0]!.orderId}`);
    await store.put(storedOrder({ orderId: '20240613093614690009', callbackRef: 'ref-9', createdAt: 9000 }));
    expect(await raw.zrange(`${prefix}unsettled`, 0, -1)).toEqual(['20240613093614690009']);
  });

  it('pages through equal createdAt and dueAt in order-id order, an id before those it prefixes', async () => {
    const { store } = await openStore();
    const ids = ['9', '10', '1', '12', '1a', '2'];
    for (const [n, id] of ids.entries())
      await store.put(storedOrder({ orderId: id, callbackRef: `ref-${n}`, createdAt: 5000, status: n % 2 === 0 ? 'unknown' : 'expired' }));
    const paged: string[] = [];
    let after: { createdAt: number; orderId: string } | undefined;
    for (let page = 0; page < ids.length + 1; page += 1) {
      const [next] = await store.listUnsettledOrders({ expiredSince: 0, limit: 1, ...(after === undefined ? {} : { after }) });
      if (next === undefined) break;
      paged.push(next.orderId);
      after = { createdAt: next.createdAt, orderId: next.orderId };
    }
    const sorted = [...ids].sort();
    expect(paged).toEqual(sorted);
    for (const id of ids) await store.oweFulfilment(id, 'paid', 7000);
    await store.oweFulfilment('1', 'expired', 7000);
    const owed = await store.listFulfilments({ state: 'owed', limit: 10 });
    expect(owed.map((f) => `${f.orderId}:${f.outcome}`)).toEqual(['1:expired', '1:paid', ...sorted.slice(1).map((id) => `${id}:paid`)]);
  });

  it('drops done entries whose record expired, when listing and when completing the next', async () => {
    const { store, prefix } = await openStore();
    const { raw } = await server();
    for (const id of ['1', '2', '3']) {
      await store.oweFulfilment(id, 'paid', 1000);
      await store.completeFulfilment(id, 'paid', { owner: 'a', now: 2000 });
    }
    await raw.del(`${prefix}fulfilment:1:paid`);
    expect((await store.listFulfilments({ state: 'done', limit: 10 })).map((f) => f.orderId)).toEqual(['2', '3']);
    expect(await raw.zcard(`${prefix}fulfilments:done`)).toBe(2);
    await raw.del(`${prefix}fulfilment:2:paid`);
    await store.oweFulfilment('4', 'paid', 500);
    await store.completeFulfilment('4', 'paid', { owner: 'a', now: 2000 });
    expect(await raw.zrange(`${prefix}fulfilments:done`, 0, -1)).toEqual(['4\u0000paid', '3\u0000paid']);
  });

  it('leaves the indexes agreeing with the winner after each round of 20 concurrent status writes', async () => {
    const { store, prefix } = await openStore();
    const { raw } = await server();
    const key = 'cart-race|crypto';
    const order = storedOrder({ openOrderKey: key, expiresAt: 10_000_000_000_000 });
    await store.put(order);
    const statuses: CheckoutStatus[] = ['partially_paid', 'expired', 'paid', 'unknown', 'failed', 'refunded', 'awaiting_payment'];
    const owed = new Set<FulfilmentOutcome>();
    for (let version = 1; version <= 8; version += 1) {
      const writes = await Promise.all(
        Array.from({ length: 20 }, (_, i) => {
          const status = statuses[(i + version) % statuses.length]!;
          const owe = status === 'paid' ? 'paid' : status === 'expired' ? 'expired' : undefined;
          return store.compareAndSetStatus(order.orderId, version, update(status, 2_000_000 + version * 100 + i), owe);
        }),
      );
      const winners = writes.filter((written) => written !== null);
      expect(winners).toHaveLength(1);
      const status = winners[0]!.status;
      if (status === 'paid' || status === 'expired') owed.add(status);
      const open = ['awaiting_payment', 'partially_paid', 'unknown'].includes(status);
      const watched = status === 'expired' || status === 'failed';
      expect(await raw.zscore(`${prefix}unsettled`, order.orderId)).toBe(open || watched ? String(order.createdAt) : null);
      expect(await raw.zscore(`${prefix}unsettled:expiries`, order.orderId)).toBe(watched ? String(order.expiresAt) : null);
      expect(await raw.zscore(`${prefix}open:${key}`, order.orderId)).toBe(open ? String(order.createdAt) : null);
      expect((await store.findOpenOrder(key, 0))?.version ?? null).toBe(open ? version + 1 : null);
      expect((await store.listUnsettledOrders({ expiredSince: 0, limit: 10 })).map((listed) => listed.status)).toEqual(
        open || watched ? [status] : [],
      );
      const fulfilments = await store.listFulfilments({ state: 'owed', limit: 10 });
      expect(new Set(fulfilments.map((fulfilment) => fulfilment.outcome))).toEqual(owed);
    }
  });

  it('prunes past more kept orders than one script looks at, leaving no key or index entry of a pruned order', async () => {
    const { store, prefix } = await openStore({ now: () => 10_000_000 });
    const { raw } = await server();
    // All created in one millisecond, so the index orders them by id: 150 part-paid ones (kept) first, then 5 unpaid ones.
    for (let n = 0; n < 155; n += 1) {
      const order = storedOrder({
        orderId: `2024061309361469${String(n).padStart(4, '0')}`,
        callbackRef: `ref-${n}`,
        createdAt: 1000,
        expiresAt: 5000,
      });
      await store.put(n < 150 ? order : { ...order, openOrderKey: 'cart-1|crypto' });
      const status = n < 150 ? 'expired' : n % 2 === 0 ? 'expired' : 'unknown';
      await store.compareAndSetStatus(
        order.orderId,
        1,
        { ...update(status, 2000), paidAmount: n < 150 ? '1' : '0' },
        n === 154 ? 'expired' : undefined,
      );
    }
    await store.claimFulfilment('20240613093614690154', 'expired', { owner: 'a', now: 2000, leaseMs: 1000 });
    await store.completeFulfilment('20240613093614690154', 'expired', { owner: 'a', now: 2000 });
    expect(await store.prune({ unpaidExpiredBefore: 6000, now: 10_000_000, limit: 500 })).toEqual({ orders: 5 });
    const left = await raw.keys(`${prefix}*`);
    expect(left.filter((key) => /(0150|0151|0152|0153|0154|ref-15\d)$|fulfilment|open:/.test(key))).toEqual([]);
    expect(await raw.zcard(`${prefix}unsettled`)).toBe(150);
    expect(await raw.zcard(`${prefix}unsettled:expiries`)).toBe(150);
    expect(await raw.exists(`${prefix}fulfilments:done`)).toBe(0);
  });

  it('spreads into the checkout options as exactly store, events and refreshLock', async () => {
    const redis = createRedisStore({ url: (await server()).url });
    opened.push(redis);
    expect(Object.keys({ ...redis }).sort()).toEqual(['events', 'rateLimitBackend', 'refreshLock', 'store']);
  });

  it('lets one of 20 concurrent refresh claims win, and frees the order after the ttl', async () => {
    const { redis } = await openStore();
    // A claim that outlasts the test, so however slowly the 20 arrive, none finds it lapsed.
    const claims = await Promise.all(Array.from({ length: 20 }, () => redis.refreshLock.acquire('20240613093614690315', 60_000)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await redis.refreshLock.acquire('20240613093614690316', 60_000)).toBe(true);
    // A short one is free again once more than its ttl has passed (a wait that only grows on a slow machine).
    expect(await redis.refreshLock.acquire('20240613093614690317', 100)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await redis.refreshLock.acquire('20240613093614690317', 100)).toBe(true);
  });
});
