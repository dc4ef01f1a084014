import { expect, it } from 'vitest';
import type { OrderStatusUpdate, OrderStore, StoredOrder } from '../stores/orderStore.js';
import { storedOrder } from './storedOrder.js';

/** The part of the contract suite's harness the prune tests use. */
export interface PruneContractHarness {
  /** A fresh, empty store. */
  fresh(): Promise<OrderStore>;
  /** Sets the suite's clock (the store's clock for idempotency keys and retention) to `time`. */
  setTime(time: number): void;
  /** What the store holds behind its back, when it can say (see `StoreContractOptions.countKept`). */
  countKept?: (store: OrderStore) => Promise<{ idempotencyKeys: number; leases: number }>;
}

const START = 1_000_000_000_000;
const DAY = 86_400_000;
/** The cut-off the tests prune with: orders that expired before it, unpaid, go. */
const CUTOFF = START - DAY;
const PART = '5.5';

/** The nth test order, created half an hour before it expires at `expiresAt`. */
function order(n: number, expiresAt: number, overrides: Partial<StoredOrder> = {}): StoredOrder {
  return storedOrder({
    orderId: String(20240613093700000000n + BigInt(n)),
    callbackRef: `prune${String(n).padStart(17, '0')}`,
    createdAt: expiresAt - 1_800_000,
    expiresAt,
    updatedAt: expiresAt - 1_800_000,
    ...overrides,
  });
}

const update = (status: StoredOrder['status'], paidAmount: string): OrderStatusUpdate => ({
  status,
  aurpayStatus: status.toUpperCase(),
  paidAmount,
  updatedAt: CUTOFF - 10,
  gatewayUpdatedAt: null,
});

/** Writes `status` over the order as stored (version 1), owing `owe` when given. */
async function settle(
  store: OrderStore,
  stored: StoredOrder,
  status: StoredOrder['status'],
  paidAmount = '0',
  owe?: 'paid' | 'expired',
): Promise<void> {
  expect(await store.compareAndSetStatus(stored.orderId, stored.version, update(status, paidAmount), owe)).not.toBeNull();
}

/**
 * The `prune` part of the `OrderStore` contract, run inside `describeOrderStoreContract`: which
 * orders go and which stay, with their indexes and fulfilments; the limit across calls; expired
 * idempotency keys and lapsed leases.
 *
 * @example describePruneContract({ fresh, setTime: (t) => (time = t) });
 */
export function describePruneContract(harness: PruneContractHarness): void {
  const fresh = async () => {
    const store = await harness.fresh();
    harness.setTime(START);
    return store;
  };

  it('prunes unpaid orders expired before the cut-off, with their indexes and done fulfilments, and keeps every other', async () => {
    const store = await fresh();
    const key = 'cart-9|crypto|ETH|USDT-ERC20';
    const gone = {
      expired: order(1, CUTOFF - 1),
      awaiting: order(2, CUTOFF - 2 * DAY, { openOrderKey: key }),
      unknown: order(3, CUTOFF - 5),
      failed: order(4, CUTOFF - 6),
      doneFulfilment: order(5, CUTOFF - 7),
    };
    const kept = {
      partPaid: order(11, CUTOFF - 1, { openOrderKey: key }),
      expiredPartPaid: order(12, CUTOFF - 1),
      paid: order(13, CUTOFF - 1),
      owedFulfilment: order(14, CUTOFF - 1),
      failedFulfilment: order(15, CUTOFF - 1),
      atCutoff: order(16, CUTOFF),
      later: order(17, START + 1_800_000),
    };
    for (const stored of [...Object.values(gone), ...Object.values(kept)]) await store.put(stored);
    await settle(store, gone.expired, 'expired');
    await settle(store, gone.unknown, 'unknown');
    await settle(store, gone.failed, 'failed');
    await settle(store, gone.doneFulfilment, 'expired', '0', 'expired');
    await store.claimFulfilment(gone.doneFulfilment.orderId, 'expired', { owner: 'a', now: CUTOFF, leaseMs: 1000 });
    expect(await store.completeFulfilment(gone.doneFulfilment.orderId, 'expired', { owner: 'a', now: CUTOFF })).toBe(true);
    await settle(store, kept.partPaid, 'partially_paid', PART);
    await settle(store, kept.expiredPartPaid, 'expired', PART);
    await settle(store, kept.paid, 'paid', '18.0098');
    await settle(store, kept.owedFulfilment, 'expired', '0', 'expired');
    await settle(store, kept.failedFulfilment, 'expired', '0', 'expired');
    await store.claimFulfilment(kept.failedFulfilment.orderId, 'expired', { owner: 'a', now: CUTOFF, leaseMs: 1000 });
    await store.failFulfilment(kept.failedFulfilment.orderId, 'expired', { owner: 'a', now: CUTOFF, error: 'mailer down', retryAt: null });
    await settle(store, kept.atCutoff, 'expired');
    const before = await Promise.all(Object.values(kept).map((stored) => store.get(stored.orderId)));
    expect((await store.findOpenOrder(key, 0))?.orderId).toBe(kept.partPaid.orderId);

    expect(await store.prune({ unpaidExpiredBefore: CUTOFF, now: START, limit: 100 })).toEqual({ orders: 5 });
    for (const stored of Object.values(gone)) {
      expect(await store.get(stored.orderId)).toBeNull();
      expect(await store.findByCallbackRef(stored.callbackRef)).toBeNull();
    }
    expect(await Promise.all(Object.values(kept).map((stored) => store.get(stored.orderId)))).toEqual(before);
    expect((await store.findByCallbackRef(kept.paid.callbackRef))?.orderId).toBe(kept.paid.orderId);
    // With the part-paid order paid, the pruned one would be the open order under the key, were it still there.
    await settle(store, { ...kept.partPaid, version: 2 }, 'paid', '18.0098');
    expect(await store.findOpenOrder(key, 0)).toBeNull();
    const unsettled = await store.listUnsettledOrders({ expiredSince: 0, limit: 100 });
    expect(unsettled.map((listed) => listed.orderId).sort()).toEqual(
      [kept.expiredPartPaid, kept.owedFulfilment, kept.failedFulfilment, kept.atCutoff, kept.later].map((o) => o.orderId).sort(),
    );
    expect(await store.getFulfilment(gone.doneFulfilment.orderId, 'expired')).toBeNull();
    expect(await store.listFulfilments({ state: 'done', limit: 10 })).toEqual([]);
    expect(await store.getFulfilment(kept.owedFulfilment.orderId, 'expired')).toMatchObject({ state: 'owed' });
    expect(await store.getFulfilment(kept.failedFulfilment.orderId, 'expired')).toMatchObject({ state: 'failed' });
    expect(await store.prune({ unpaidExpiredBefore: CUTOFF, now: START, limit: 100 })).toEqual({ orders: 0 });
  });

  it('prunes at most `limit` orders a call, and the rest on the calls after', async () => {
    const store = await fresh();
    // Kept orders first in every order the store may walk (by creation, by expiry), then ties.
    for (let n = 0; n < 4; n += 1) {
      const stored = order(30 + n, CUTOFF - 3 * DAY + n);
      await store.put(stored);
      await settle(store, stored, 'expired', PART);
    }
    const prunable = Array.from({ length: 7 }, (_, n) => order(40 + n, CUTOFF - DAY, { createdAt: CUTOFF - 2 * DAY }));
    for (const stored of prunable) await store.put(stored);
    const counts = [];
    for (let call = 0; call < 4; call += 1) counts.push((await store.prune({ unpaidExpiredBefore: CUTOFF, now: START, limit: 3 })).orders);
    expect(counts).toEqual([3, 3, 1, 0]);
    for (const stored of prunable) expect(await store.get(stored.orderId)).toBeNull();
    expect(await store.listUnsettledOrders({ expiredSince: 0, limit: 100 })).toHaveLength(4);
  });

  it('removes idempotency keys and leases that ran out, and keeps the live ones', async () => {
    const store = await fresh();
    await store.reserveIdempotencyKey('orders:old', 'fp', 60_000);
    await store.reserveIdempotencyKey('orders:old-done', 'fp', 60_000);
    await store.completeIdempotencyKey('orders:old-done', 'fp', { status: 201, body: { orderId: '1' } }, 60_000);
    expect(await store.acquireLease('old', { owner: 'a', now: START, ttlMs: 60_000 })).toBe(true);
    // Two days on: well past any margin a store shared by several servers keeps for their clocks.
    const later = START + 2 * DAY;
    harness.setTime(later);
    await store.reserveIdempotencyKey('orders:live', 'fp', DAY);
    expect(await store.acquireLease('live', { owner: 'a', now: later, ttlMs: DAY })).toBe(true);

    expect(await store.prune({ unpaidExpiredBefore: CUTOFF, now: later, limit: 10 })).toEqual({ orders: 0 });
    if (harness.countKept !== undefined) expect(await harness.countKept(store)).toEqual({ idempotencyKeys: 1, leases: 1 });
    expect(await store.reserveIdempotencyKey('orders:live', 'other', DAY)).toEqual({ state: 'pending', fingerprint: 'fp' });
    expect(await store.acquireLease('live', { owner: 'b', now: later, ttlMs: DAY })).toBe(false);
    expect(await store.reserveIdempotencyKey('orders:old-done', 'fp-2', DAY)).toEqual({ state: 'reserved' });
    expect(await store.acquireLease('old', { owner: 'b', now: later, ttlMs: DAY })).toBe(true);
  });
}
