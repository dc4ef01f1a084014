import { describe, expect, it } from 'vitest';
import type { OrderStatusUpdate, OrderStore, StoredOrder } from '../orderStore.js';
import { storedOrder } from './storedOrder.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A Lightning order with every optional field filled and metadata that JSON must carry intact. */
function richOrder(overrides: Partial<StoredOrder> = {}): StoredOrder {
  return storedOrder({
    orderId: '20240613093614690399',
    callbackRef: 'Zz09_-Zz09_-Zz09_-Zz09',
    kind: 'lightning',
    chain: 'BLN',
    currency: 'BTC-LN',
    amount: '0.00019044',
    address: null,
    contractAddress: null,
    paymentRequest: 'lnbc190440n1pnzu3jcpp5vyvhqq2deguqqdcth5z0hslaawcd4jqv68n9w88fkc9yqm476fws',
    payUrl: 'https://dashboard.aurpay.net/#/cashier/20240613093614690399',
    createdAt: 1_718_271_374_690,
    expiresAt: 1_718_273_174_690,
    updatedAt: 1_718_271_374_690,
    metadata: { cartId: 'cart-7', note: 'Grüße, 日本, "quotes" and \\ backslash', empty: '' },
    ...overrides,
  });
}

const PAID: OrderStatusUpdate = { status: 'paid', aurpayStatus: 'SUCCESS', paidAmount: '0.00019044', updatedAt: 1_718_271_400_000 };

/**
 * The behaviour every `OrderStore` must have, as one suite: run it for each implementation (the
 * in-memory store and the Redis store both do), each test on a fresh, empty store. Expiry is checked
 * on the real clock with short times.
 *
 * @example describeOrderStoreContract('MemoryOrderStore', () => new MemoryOrderStore());
 */
export function describeOrderStoreContract(name: string, makeStore: () => OrderStore | Promise<OrderStore>): void {
  describe(`OrderStore contract: ${name}`, () => {
    it('keeps an order as plain JSON, found by id and by callback reference, and hands out copies', async () => {
      const store = await makeStore();
      const order = richOrder();
      await store.put(order);
      await store.put(storedOrder());
      expect(await store.get(order.orderId)).toEqual(order);
      expect(await store.findByCallbackRef(order.callbackRef)).toEqual(order);
      expect(await store.findByCallbackRef('AAAAAAAAAAAAAAAAAAAAAA')).toEqual(storedOrder());
      order.status = 'paid';
      const read = await store.get(order.orderId);
      expect(read?.status).toBe('awaiting_payment');
      if (read !== null) read.metadata.cartId = 'changed';
      expect((await store.get(order.orderId))?.metadata.cartId).toBe('cart-7');
      expect(await store.get('20240613093614690000')).toBeNull();
      expect(await store.findByCallbackRef('BBBBBBBBBBBBBBBBBBBBBB')).toBeNull();
    });

    it('writes a status only over the expected version, bumping it and keeping the rest', async () => {
      const store = await makeStore();
      const order = richOrder();
      await store.put(order);
      const written = await store.compareAndSetStatus(order.orderId, 1, PAID);
      expect(written).toEqual({ ...order, ...PAID, version: 2 });
      expect(await store.get(order.orderId)).toEqual(written);
      expect(await store.compareAndSetStatus(order.orderId, 1, { ...PAID, status: 'expired' })).toBeNull();
      expect(await store.compareAndSetStatus(order.orderId, 3, { ...PAID, status: 'refunded' })).toBeNull();
      expect(await store.compareAndSetStatus('20240613093614690000', 1, PAID)).toBeNull();
      const refunded = await store.compareAndSetStatus(order.orderId, 2, { ...PAID, status: 'refunded', aurpayStatus: 'REFUNDED' });
      expect(refunded).toMatchObject({ status: 'refunded', version: 3, metadata: order.metadata });
      expect(await store.findByCallbackRef(order.callbackRef)).toEqual(refunded);
    });

    it('lets exactly one of 20 concurrent writers of one version win', async () => {
      const store = await makeStore();
      await store.put(storedOrder());
      const attempts = Array.from({ length: 20 }, (_, i) =>
        store.compareAndSetStatus('20240613093614690315', 1, { status: 'partially_paid', aurpayStatus: 'PARTIAL', paidAmount: String(i + 1), updatedAt: 2_000_000 + i }),
      );
      const results = await Promise.all(attempts);
      const winners = results.filter((result) => result !== null);
      expect(winners).toHaveLength(1);
      expect(await store.get('20240613093614690315')).toEqual(winners[0]);
      expect(winners[0]?.version).toBe(2);
    });

    it('marks each outcome of each order fulfilled exactly once, however many race', async () => {
      const store = await makeStore();
      await store.put(storedOrder());
      const results = await Promise.all(Array.from({ length: 20 }, () => store.markFulfilled('20240613093614690315', 'paid')));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.markFulfilled('20240613093614690315', 'paid')).toBe(false);
      expect(await store.markFulfilled('20240613093614690315', 'expired')).toBe(true);
      // A mark needs no stored order: the store only remembers that the hook ran.
      expect(await store.markFulfilled('20240613093614690316', 'paid')).toBe(true);
      expect(await store.markFulfilled('20240613093614690316', 'expired')).toBe(true);
      expect(await store.markFulfilled('20240613093614690316', 'paid')).toBe(false);
    });

    it('reserves, replays, refuses and releases idempotency keys', async () => {
      const store = await makeStore();
      expect(await store.reserveIdempotencyKey('orders:key-1', 'fp', 60_000)).toEqual({ state: 'reserved' });
      expect(await store.reserveIdempotencyKey('orders:key-1', 'other', 60_000)).toEqual({ state: 'pending', fingerprint: 'fp' });
      expect(await store.reserveIdempotencyKey('orders:key-2', 'fp', 60_000)).toEqual({ state: 'reserved' });
      const body = { orderId: '1', nested: { list: [1, 'two', null, true], text: 'Grüße 日本' }, amount: '0.00019044' };
      await store.completeIdempotencyKey('orders:key-1', 'fp', { status: 201, body }, 60_000);
      const replay = await store.reserveIdempotencyKey('orders:key-1', 'fp', 60_000);
      expect(replay).toEqual({ state: 'completed', fingerprint: 'fp', response: { status: 201, body } });
      await store.releaseIdempotencyKey('orders:key-2');
      expect(await store.reserveIdempotencyKey('orders:key-2', 'fp-again', 60_000)).toEqual({ state: 'reserved' });
      await store.releaseIdempotencyKey('orders:never-used');
    });

    it('gives one of 20 concurrent reservations of a key the key', async () => {
      const store = await makeStore();
      const states = await Promise.all(Array.from({ length: 20 }, (_, i) => store.reserveIdempotencyKey('orders:race', `fp-${i}`, 60_000)));
      const reserved = states.findIndex((state) => state.state === 'reserved');
      expect(states.filter((state) => state.state === 'reserved')).toHaveLength(1);
      for (const state of states) if (state.state !== 'reserved') expect(state).toEqual({ state: 'pending', fingerprint: `fp-${reserved}` });
    });

    it('forgets a reservation after its ttl, and a completed answer after its own', async () => {
      const store = await makeStore();
      expect(await store.reserveIdempotencyKey('orders:short', 'fp', 80)).toEqual({ state: 'reserved' });
      expect((await store.reserveIdempotencyKey('orders:short', 'fp', 80)).state).toBe('pending');
      await sleep(160);
      expect(await store.reserveIdempotencyKey('orders:short', 'fp-2', 5000)).toEqual({ state: 'reserved' });
      await store.completeIdempotencyKey('orders:short', 'fp-2', { status: 201, body: {} }, 80);
      expect((await store.reserveIdempotencyKey('orders:short', 'fp-2', 5000)).state).toBe('completed');
      await sleep(160);
      expect(await store.reserveIdempotencyKey('orders:short', 'fp-3', 5000)).toEqual({ state: 'reserved' });
    });
  });
}
