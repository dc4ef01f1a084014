import { describe, expect, it } from 'vitest';
import type { OrderStatusUpdate, OrderStore, StoredOrder } from '../stores/orderStore.js';
import { describePruneContract } from './describePruneContract.js';
import { storedOrder } from './storedOrder.js';

/** A clock the suite moves by hand; stores read it for idempotency-key expiry. */
export interface ContractClock {
  now(): number;
}

export interface StoreContractOptions {
  /** The store implements `completeFulfilmentWith` (SQL stores): test it. */
  transactional?: boolean;
  /**
   * Counts the idempotency keys and named leases the store holds, read behind its back, so the
   * suite sees `prune` remove those that ran out. Left out for a store whose keys expire by
   * themselves (Redis).
   */
  countKept?: (store: OrderStore) => Promise<{ idempotencyKeys: number; leases: number }>;
}

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
    gatewayUpdatedAt: '2024-06-13T09:36:14',
    openOrderKey: 'cart-7|lightning|BLN|BTC-LN',
    metadata: { cartId: 'cart-7', note: 'Grüße, 日本, "quotes" and \\ backslash', empty: '' },
    ...overrides,
  });
}

/** The nth test order: distinct id and callback reference, created at `createdAt`. */
function nth(n: number, overrides: Partial<StoredOrder> = {}): StoredOrder {
  const id = String(20240613093614690000n + BigInt(n));
  return storedOrder({ orderId: id, callbackRef: `ref${String(n).padStart(19, '0')}`, ...overrides });
}

const PAID: OrderStatusUpdate = {
  status: 'paid',
  aurpayStatus: 'SUCCESS',
  paidAmount: '0.00019044',
  updatedAt: 1_718_271_400_000,
  gatewayUpdatedAt: '2024-06-13T09:36:40',
};
const A = { owner: 'instance-a', leaseMs: 30_000 };
const B = { owner: 'instance-b', leaseMs: 30_000 };

/**
 * The behaviour every `OrderStore` must have, as one suite: run it for each implementation (the
 * memory, SQLite, PostgreSQL and Redis stores all do), each test on a fresh, empty store. Time is
 * the suite's own clock, never the machine's.
 *
 * @example describeOrderStoreContract('MemoryOrderStore', (clock) => new MemoryOrderStore({ now: clock.now }));
 */
export function describeOrderStoreContract(
  name: string,
  makeStore: (clock: ContractClock) => OrderStore | Promise<OrderStore>,
  options: StoreContractOptions = {},
): void {
  describe(`OrderStore contract: ${name}`, () => {
    let time = 1_000_000_000_000;
    const clock: ContractClock = { now: () => time };
    const fresh = async () => {
      time = 1_000_000_000_000;
      return makeStore(clock);
    };

    it('keeps an order as plain JSON, found by id and by callback reference, and hands out copies', async () => {
      const store = await fresh();
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
      const store = await fresh();
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
      const store = await fresh();
      await store.put(storedOrder());
      const attempts = Array.from({ length: 20 }, (_, i) =>
        store.compareAndSetStatus(
          '20240613093614690315',
          1,
          {
            status: 'partially_paid',
            aurpayStatus: 'PARTIAL',
            paidAmount: String(i + 1),
            updatedAt: 2_000_000 + i,
            gatewayUpdatedAt: null,
          },
          i % 2 === 0 ? 'paid' : undefined,
        ),
      );
      const results = await Promise.all(attempts);
      const winners = results.filter((result) => result !== null);
      expect(winners).toHaveLength(1);
      expect(await store.get('20240613093614690315')).toEqual(winners[0]);
      expect(winners[0]?.version).toBe(2);
      // Only the winner's write may have recorded a fulfilment.
      const winner = results.findIndex((result) => result !== null);
      expect((await store.getFulfilment('20240613093614690315', 'paid')) !== null).toBe(winner % 2 === 0);
    });

    it('records the fulfilment a status write owes in the same write, once', async () => {
      const store = await fresh();
      const order = richOrder();
      await store.put(order);
      expect(await store.getFulfilment(order.orderId, 'paid')).toBeNull();
      expect(await store.compareAndSetStatus(order.orderId, 5, PAID, 'paid')).toBeNull();
      expect(await store.getFulfilment(order.orderId, 'paid')).toBeNull();
      await store.compareAndSetStatus(order.orderId, 1, PAID, 'paid');
      const owed = await store.getFulfilment(order.orderId, 'paid');
      expect(owed).toEqual({
        orderId: order.orderId,
        outcome: 'paid',
        state: 'owed',
        attempts: 0,
        dueAt: PAID.updatedAt,
        leaseOwner: null,
        leaseUntil: null,
        lastError: null,
        createdAt: PAID.updatedAt,
        updatedAt: PAID.updatedAt,
      });
      await store.claimFulfilment(order.orderId, 'paid', { ...A, now: PAID.updatedAt });
      // A later write owing the same outcome leaves the record as it is.
      await store.compareAndSetStatus(order.orderId, 2, { ...PAID, updatedAt: PAID.updatedAt + 5 }, 'paid');
      expect(await store.getFulfilment(order.orderId, 'paid')).toMatchObject({
        attempts: 1,
        leaseOwner: 'instance-a',
        dueAt: PAID.updatedAt,
      });
      expect(await store.getFulfilment(order.orderId, 'expired')).toBeNull();
    });

    it('owes a fulfilment once, with or without a stored order', async () => {
      const store = await fresh();
      const first = await store.oweFulfilment('20240613093614690316', 'paid', 5000);
      expect(first).toMatchObject({ state: 'owed', attempts: 0, dueAt: 5000, createdAt: 5000 });
      await store.claimFulfilment('20240613093614690316', 'paid', { ...A, now: 6000 });
      expect(await store.oweFulfilment('20240613093614690316', 'paid', 9000)).toMatchObject({
        state: 'owed',
        attempts: 1,
        dueAt: 5000,
        leaseOwner: 'instance-a',
      });
      expect(await store.oweFulfilment('20240613093614690316', 'expired', 9000)).toMatchObject({
        outcome: 'expired',
        attempts: 0,
        dueAt: 9000,
      });
      const racing = await Promise.all(Array.from({ length: 10 }, (_, i) => store.oweFulfilment('20240613093614690317', 'paid', 100 + i)));
      expect(new Set(racing.map((record) => record.dueAt)).size).toBe(1);
    });

    it('leases an attempt to one claimant at a time, counting attempts, until the lease lapses', async () => {
      const store = await fresh();
      const id = '20240613093614690315';
      await store.oweFulfilment(id, 'paid', 1000);
      expect(await store.claimFulfilment(id, 'paid', { ...A, now: 999 })).toBeNull();
      const claims = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.claimFulfilment(id, 'paid', { owner: `owner-${i}`, leaseMs: 30_000, now: 1000 })),
      );
      const won = claims.filter((claim) => claim !== null);
      expect(won).toHaveLength(1);
      expect(won[0]).toMatchObject({ attempts: 1, leaseUntil: 31_000, state: 'owed' });
      const holder = won[0]!.leaseOwner!;
      expect(await store.claimFulfilment(id, 'paid', { ...B, now: 30_999 })).toBeNull();
      expect(await store.renewFulfilment(id, 'paid', { ...B, now: 20_000 })).toBe(false);
      expect(await store.renewFulfilment(id, 'paid', { owner: holder, leaseMs: 30_000, now: 20_000 })).toBe(true);
      expect(await store.claimFulfilment(id, 'paid', { ...B, now: 49_999 })).toBeNull();
      // The holder died: its lease lapses and another instance takes the next attempt.
      const taken = await store.claimFulfilment(id, 'paid', { ...B, now: 50_000 });
      expect(taken).toMatchObject({ attempts: 2, leaseOwner: 'instance-b', leaseUntil: 80_000 });
      expect(await store.renewFulfilment(id, 'paid', { owner: holder, leaseMs: 30_000, now: 50_001 })).toBe(false);
      expect(await store.claimFulfilment('20240613093614690000', 'paid', { ...A, now: 1000 })).toBeNull();
    });

    it('marks a fulfilment done once, after which nothing claims it', async () => {
      const store = await fresh();
      const id = '20240613093614690315';
      await store.oweFulfilment(id, 'paid', 1000);
      await store.claimFulfilment(id, 'paid', { ...A, now: 1000 });
      // The hook resolved on an instance whose lease had lapsed: it still counts.
      expect(await store.completeFulfilment(id, 'paid', { owner: 'instance-b', now: 40_000 })).toBe(true);
      expect(await store.completeFulfilment(id, 'paid', { owner: 'instance-a', now: 40_001 })).toBe(false);
      expect(await store.getFulfilment(id, 'paid')).toMatchObject({
        state: 'done',
        leaseOwner: null,
        leaseUntil: null,
        attempts: 1,
        updatedAt: 40_000,
      });
      expect(await store.claimFulfilment(id, 'paid', { ...A, now: 90_000 })).toBeNull();
      expect(await store.failFulfilment(id, 'paid', { ...A, now: 90_000, error: 'late', retryAt: 91_000 })).toBeNull();
      expect(await store.retryFulfilment(id, 'paid', 90_000)).toBeNull();
      expect(await store.completeFulfilment('20240613093614690000', 'paid', { ...A, now: 1 })).toBe(false);
    });

    it('backs a failed attempt off, gives up when told to, and retries on request', async () => {
      const store = await fresh();
      const id = '20240613093614690315';
      await store.oweFulfilment(id, 'paid', 1000);
      await store.claimFulfilment(id, 'paid', { ...A, now: 1000 });
      expect(await store.failFulfilment(id, 'paid', { ...B, now: 1500, error: 'not mine', retryAt: 2000 })).toBeNull();
      const failed = await store.failFulfilment(id, 'paid', { ...A, now: 1500, error: 'database hiccup', retryAt: 5000 });
      expect(failed).toMatchObject({
        state: 'owed',
        dueAt: 5000,
        leaseOwner: null,
        leaseUntil: null,
        lastError: 'database hiccup',
        attempts: 1,
        updatedAt: 1500,
      });
      expect(await store.claimFulfilment(id, 'paid', { ...B, now: 4999 })).toBeNull();
      expect(await store.claimFulfilment(id, 'paid', { ...B, now: 5000 })).toMatchObject({ attempts: 2, leaseOwner: 'instance-b' });
      const gaveUp = await store.failFulfilment(id, 'paid', { ...B, now: 6000, error: 'still down', retryAt: null });
      expect(gaveUp).toMatchObject({ state: 'failed', lastError: 'still down', leaseOwner: null, attempts: 2 });
      expect(await store.claimFulfilment(id, 'paid', { ...A, now: 10_000_000 })).toBeNull();
      expect(await store.retryFulfilment(id, 'paid', 7000)).toMatchObject({
        state: 'owed',
        dueAt: 7000,
        attempts: 2,
        lastError: 'still down',
      });
      expect(await store.claimFulfilment(id, 'paid', { ...A, now: 7000 })).toMatchObject({ attempts: 3 });
      expect(await store.completeFulfilment(id, 'paid', { owner: 'instance-a', now: 7100 })).toBe(true);
      expect(await store.retryFulfilment('20240613093614690000', 'paid', 7000)).toBeNull();
    });

    it('lists fulfilments by state, due first, within a limit', async () => {
      const store = await fresh();
      for (const [n, due] of [
        [3, 300],
        [1, 100],
        [2, 200],
        [4, 400],
      ] as const) {
        await store.oweFulfilment(nth(n).orderId, 'paid', due);
      }
      await store.oweFulfilment(nth(1).orderId, 'expired', 100);
      await store.claimFulfilment(nth(4).orderId, 'paid', { ...A, now: 400 });
      await store.failFulfilment(nth(4).orderId, 'paid', { ...A, now: 400, error: 'x', retryAt: null });
      await store.claimFulfilment(nth(2).orderId, 'paid', { ...A, now: 400 });
      await store.completeFulfilment(nth(2).orderId, 'paid', { ...A, now: 400 });
      const owed = await store.listFulfilments({ state: 'owed', limit: 10 });
      expect(owed.map((f) => `${f.orderId.slice(-1)}:${f.outcome}`)).toEqual(['1:expired', '1:paid', '3:paid']);
      expect((await store.listFulfilments({ state: 'owed', limit: 10, dueBy: 299 })).map((f) => f.orderId.slice(-1))).toEqual(['1', '1']);
      expect(await store.listFulfilments({ state: 'owed', limit: 1 })).toHaveLength(1);
      expect((await store.listFulfilments({ state: 'failed', limit: 10 })).map((f) => f.orderId)).toEqual([nth(4).orderId]);
      expect((await store.listFulfilments({ state: 'done', limit: 10 })).map((f) => f.orderId)).toEqual([nth(2).orderId]);
    });

    it('finds the newest order still payable under an open-order key', async () => {
      const store = await fresh();
      const key = 'cart-1|crypto|ETH|USDT-ERC20';
      await store.put(nth(1, { openOrderKey: key, createdAt: 1000, expiresAt: 50_000 }));
      await store.put(nth(2, { openOrderKey: key, createdAt: 2000, expiresAt: 60_000 }));
      await store.put(nth(3, { openOrderKey: 'cart-2|crypto|ETH|USDT-ERC20', createdAt: 3000, expiresAt: 60_000 }));
      await store.put(nth(4, { openOrderKey: null, createdAt: 4000, expiresAt: 60_000 }));
      expect((await store.findOpenOrder(key, 10_000))?.orderId).toBe(nth(2).orderId);
      await store.compareAndSetStatus(nth(2).orderId, 1, { ...PAID, status: 'partially_paid', updatedAt: 3000 });
      expect((await store.findOpenOrder(key, 10_000))?.orderId).toBe(nth(2).orderId);
      await store.compareAndSetStatus(nth(2).orderId, 2, { ...PAID, updatedAt: 3000 });
      expect((await store.findOpenOrder(key, 10_000))?.orderId).toBe(nth(1).orderId);
      expect(await store.findOpenOrder(key, 50_000)).toBeNull();
      expect(await store.findOpenOrder('nobody', 0)).toBeNull();
    });

    it('lists unsettled orders oldest first, page by page, with those expired since a time', async () => {
      const store = await fresh();
      const rows: [number, Partial<StoredOrder>][] = [
        [1, { createdAt: 5000, status: 'awaiting_payment' }],
        [2, { createdAt: 1000, status: 'partially_paid' }],
        [3, { createdAt: 3000, status: 'unknown' }],
        [4, { createdAt: 2000, status: 'expired', expiresAt: 9000 }],
        [5, { createdAt: 2500, status: 'failed', expiresAt: 7000 }],
        [6, { createdAt: 2600, status: 'expired', expiresAt: 4000 }],
        [7, { createdAt: 2700, status: 'paid' }],
        [8, { createdAt: 2800, status: 'refunded' }],
        [9, { createdAt: 3000, status: 'awaiting_payment' }],
      ];
      for (const [n, overrides] of rows) await store.put(nth(n, overrides));
      const all = await store.listUnsettledOrders({ expiredSince: 5000, limit: 100 });
      expect(all.map((order) => order.orderId.slice(-1))).toEqual(['2', '4', '5', '3', '9', '1']);
      const first = await store.listUnsettledOrders({ expiredSince: 5000, limit: 2 });
      const last = first[first.length - 1]!;
      const second = await store.listUnsettledOrders({
        expiredSince: 5000,
        limit: 3,
        after: { createdAt: last.createdAt, orderId: last.orderId },
      });
      expect([...first, ...second].map((order) => order.orderId.slice(-1))).toEqual(['2', '4', '5', '3', '9']);
      expect((await store.listUnsettledOrders({ expiredSince: 8000, limit: 100 })).map((order) => order.orderId.slice(-1))).toEqual([
        '2',
        '4',
        '3',
        '9',
        '1',
      ]);
    });

    it('gives a named lease to one owner at a time, extends it for its holder, and lets it lapse', async () => {
      const store = await fresh();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => store.acquireLease('reconciler', { owner: `o${i}`, ttlMs: 1000, now: 100 })),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const holder = `o${results.indexOf(true)}`;
      const other = holder === 'o0' ? 'o1' : 'o0';
      expect(await store.acquireLease('reconciler', { owner: other, ttlMs: 1000, now: 1099 })).toBe(false);
      expect(await store.acquireLease('reconciler', { owner: holder, ttlMs: 1000, now: 1000 })).toBe(true);
      expect(await store.acquireLease('reconciler', { owner: other, ttlMs: 1000, now: 1999 })).toBe(false);
      expect(await store.acquireLease('reconciler', { owner: other, ttlMs: 1000, now: 2000 })).toBe(true);
      expect(await store.acquireLease('another', { owner: holder, ttlMs: 1000, now: 2000 })).toBe(true);
      // Handed back: anyone may take it at once.
      expect(await store.acquireLease('another', { owner: holder, ttlMs: 0, now: 2100 })).toBe(true);
      expect(await store.acquireLease('another', { owner: other, ttlMs: 1000, now: 2100 })).toBe(true);
    });

    it('reserves, replays, refuses and releases idempotency keys', async () => {
      const store = await fresh();
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
      const store = await fresh();
      const states = await Promise.all(Array.from({ length: 20 }, (_, i) => store.reserveIdempotencyKey('orders:race', `fp-${i}`, 60_000)));
      const reserved = states.findIndex((state) => state.state === 'reserved');
      expect(states.filter((state) => state.state === 'reserved')).toHaveLength(1);
      for (const state of states)
        if (state.state !== 'reserved') expect(state).toEqual({ state: 'pending', fingerprint: `fp-${reserved}` });
    });

    it('forgets a reservation after its ttl, and a completed answer after its own', async () => {
      const store = await fresh();
      expect(await store.reserveIdempotencyKey('orders:short', 'fp', 80)).toEqual({ state: 'reserved' });
      time += 79;
      expect((await store.reserveIdempotencyKey('orders:short', 'fp', 80)).state).toBe('pending');
      time += 1;
      expect(await store.reserveIdempotencyKey('orders:short', 'fp-2', 5000)).toEqual({ state: 'reserved' });
      await store.completeIdempotencyKey('orders:short', 'fp-2', { status: 201, body: {} }, 80);
      time += 79;
      expect((await store.reserveIdempotencyKey('orders:short', 'fp-2', 5000)).state).toBe('completed');
      time += 1;
      expect(await store.reserveIdempotencyKey('orders:short', 'fp-3', 5000)).toEqual({ state: 'reserved' });
    });

    describePruneContract({ fresh, setTime: (at) => void (time = at), countKept: options.countKept });

    if (options.transactional === true) {
      it('completes a fulfilment in one transaction with the merchant’s own writes, or rolls both back', async () => {
        const store = await fresh();
        const complete = store.completeFulfilmentWith!.bind(store);
        const ids = [nth(1).orderId, nth(2).orderId, nth(3).orderId, nth(4).orderId];
        for (const id of ids) await store.oweFulfilment(id, 'paid', 0);
        for (const id of ids) await store.claimFulfilment(id, 'paid', { ...A, now: 0 });
        await complete(ids[0]!, 'paid', { ...A, now: 1 }, (sql) =>
          sql.query('CREATE TABLE IF NOT EXISTS contract_effects (order_id TEXT PRIMARY KEY, note TEXT)'),
        );
        expect(await store.getFulfilment(ids[0]!, 'paid')).toMatchObject({ state: 'done' });

        await expect(
          complete(ids[1]!, 'paid', { ...A, now: 2 }, async (sql) => {
            await sql.query('INSERT INTO contract_effects (order_id, note) VALUES ($1, $2)', [ids[1], 'first try']);
            throw new Error('mailer down after the insert');
          }),
        ).rejects.toThrow('mailer down after the insert');
        expect(await store.getFulfilment(ids[1]!, 'paid')).toMatchObject({ state: 'owed', leaseOwner: 'instance-a' });
        const count = (id: string) =>
          complete(ids[2]!, 'paid', { ...A, now: 3 }, async (sql) => {
            const rows = await sql.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM contract_effects WHERE order_id = $1', [id]);
            throw Object.assign(new Error('only counting'), { count: Number(rows[0]?.n) });
          }).catch((error: { count: number }) => error.count);
        expect(await count(ids[1]!)).toBe(0);

        const rows = await complete(ids[1]!, 'paid', { ...A, now: 4 }, async (sql) => {
          await sql.query('INSERT INTO contract_effects (order_id, note) VALUES ($1, $2)', [ids[1], 'second try']);
          return sql.query<{ note: string }>('SELECT note FROM contract_effects WHERE order_id = $1', [ids[1]]);
        });
        expect(rows).toEqual([{ note: 'second try' }]);
        expect(await store.getFulfilment(ids[1]!, 'paid')).toMatchObject({ state: 'done', leaseOwner: null });
        expect(await count(ids[1]!)).toBe(1);
        // Done already, or held by another owner: refused, and the work never commits.
        await expect(
          complete(ids[1]!, 'paid', { ...A, now: 5 }, (sql) => sql.query('INSERT INTO contract_effects (order_id) VALUES ($1)', ['again'])),
        ).rejects.toThrow();
        await expect(
          complete(ids[3]!, 'paid', { ...B, now: 5 }, (sql) =>
            sql.query('INSERT INTO contract_effects (order_id) VALUES ($1)', ['stolen']),
          ),
        ).rejects.toThrow();
        expect(await count('again')).toBe(0);
        expect(await count('stolen')).toBe(0);
        expect(await store.getFulfilment(ids[3]!, 'paid')).toMatchObject({ state: 'owed', leaseOwner: 'instance-a' });
      });
    }
  });
}
