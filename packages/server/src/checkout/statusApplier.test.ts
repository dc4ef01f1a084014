import type { CheckoutStatus } from '@aurpay-kit/core';
import { describe, expect, it, vi } from 'vitest';
import { HookQueue } from './hookQueue.js';
import { MemoryOrderStore } from './memoryStore.js';
import type { StoredOrder } from './orderStore.js';
import { canMove, StatusApplier } from './statusApplier.js';
import { StoreUnavailableError } from './storeUnavailableError.js';
import { detailFor } from './test-utils/detailFor.js';
import { FlakyStore } from './test-utils/flakyStore.js';
import { storedOrder } from './test-utils/storedOrder.js';

const ORDER = storedOrder();

function setup(store = new MemoryOrderStore(), overrides: { onPaid?: (order: StoredOrder) => void } = {}) {
  const log: string[] = [];
  const published: StoredOrder[] = [];
  const errors: unknown[] = [];
  const hooks = new HookQueue((error) => void errors.push(error));
  const applier = new StatusApplier({
    options: {
      store,
      now: () => 5_000_000,
      onPaid: overrides.onPaid ?? ((order) => void log.push(`paid ${order.orderId} ${order.paidAmount}`)),
      onExpired: (order) => void log.push(`expired ${order.orderId}`),
      onStatusChange: (order, previous) => void log.push(`${previous}→${order.status}`),
    },
    hooks,
    publish: (order) => void published.push(order),
  });
  return { store, applier, hooks, log, published, errors };
}

describe('StatusApplier', () => {
  it('applies a confirmed change, publishes it and fires the hooks in order', async () => {
    const { store, applier, hooks, log, published } = setup();
    await store.put(ORDER);
    const partial = await applier.apply(ORDER.orderId, detailFor(ORDER, 'PARTIAL', '5'));
    expect(partial).toMatchObject({ status: 'partially_paid', aurpayStatus: 'PARTIAL', paidAmount: '5', version: 2, updatedAt: 5_000_000 });
    const paid = await applier.apply(ORDER.orderId, detailFor(ORDER, 'SUCCESS', '18.0098'));
    await hooks.idle();
    expect(paid.version).toBe(3);
    expect(published.map((o) => o.status)).toEqual(['partially_paid', 'paid']);
    expect(log).toEqual(['awaiting_payment→partially_paid', 'partially_paid→paid', `paid ${ORDER.orderId} 18.0098`]);
  });

  it('fires onPaid exactly once for 50 concurrent confirmations, across two appliers sharing a store', async () => {
    const store = new MemoryOrderStore();
    const first = setup(store);
    const second = setup(store);
    await store.put(ORDER);
    const detail = detailFor(ORDER, 'SUCCESS', '18.0098');
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? first : second).applier.apply(ORDER.orderId, detail)));
    await first.hooks.idle();
    await second.hooks.idle();
    expect(results.every((o) => o.status === 'paid')).toBe(true);
    const paidCalls = [...first.log, ...second.log].filter((line) => line.startsWith('paid'));
    expect(paidCalls).toHaveLength(1);
    expect([...first.log, ...second.log].filter((line) => line.endsWith('→paid'))).toHaveLength(1);
    expect((await store.get(ORDER.orderId))?.version).toBe(2);
  });

  it('never marks paid from an unknown status, another order’s detail or an unusable amount', async () => {
    const { store, applier, hooks, log } = setup();
    await store.put(ORDER);
    expect((await applier.apply(ORDER.orderId, detailFor(ORDER, 'success', '18.0098'))).status).toBe('unknown');
    expect((await applier.apply(ORDER.orderId, detailFor(ORDER, 'PAID', '18.0098'))).status).toBe('unknown');
    await expect(applier.apply(ORDER.orderId, { ...detailFor(ORDER, 'SUCCESS', '18.0098'), order_id: 'other' })).rejects.toMatchObject({ code: 'aurpay_bad_response' });
    await expect(applier.apply(ORDER.orderId, { ...detailFor(ORDER, 'SUCCESS', '18.0098'), currency: 'USDC-ERC20' })).rejects.toMatchObject({ code: 'aurpay_bad_response' });
    await expect(applier.apply(ORDER.orderId, detailFor(ORDER, 'SUCCESS', '1e3'))).rejects.toMatchObject({ code: 'aurpay_bad_response' });
    await hooks.idle();
    expect(log.some((line) => line.startsWith('paid'))).toBe(false);
    expect((await store.get(ORDER.orderId))?.status).toBe('unknown');
  });

  it('keeps a paid order paid (except refunded) and lets an expired one be resolved to paid', async () => {
    const { store, applier, hooks, log } = setup();
    await store.put(storedOrder({ status: 'paid', aurpayStatus: 'SUCCESS', paidAmount: '18.0098' }));
    expect((await applier.apply(ORDER.orderId, detailFor(ORDER, 'OVERDUE'))).status).toBe('paid');
    expect((await applier.apply(ORDER.orderId, detailFor(ORDER, 'PENDING'))).status).toBe('paid');
    expect((await applier.apply(ORDER.orderId, detailFor(ORDER, 'REFUNDED', '18.0098'))).status).toBe('refunded');
    const other = storedOrder({ orderId: '2', callbackRef: 'BBBBBBBBBBBBBBBBBBBBBB', status: 'expired', aurpayStatus: 'OVERDUE' });
    await store.put(other);
    expect((await applier.apply('2', detailFor(other, 'RESOLVED', '3'))).status).toBe('paid');
    await hooks.idle();
    // A paid order recorded before this process saw it still gets its one onPaid.
    expect(log).toEqual([`paid ${ORDER.orderId} 18.0098`, 'paid→refunded', 'expired→paid', 'paid 2 3']);
  });

  it('reports a throwing hook and still runs the next', async () => {
    const { store, applier, hooks, log, errors } = setup(undefined, {
      onPaid: () => {
        throw new Error('mailer down');
      },
    });
    await store.put(ORDER);
    await applier.apply(ORDER.orderId, detailFor(ORDER, 'SUCCESS', '18.0098'));
    await hooks.idle();
    expect(errors).toEqual([new Error('mailer down')]);
    expect(log).toEqual(['awaiting_payment→paid']);
  });

  it('tries a fulfilment the store failed to record again in the background, once, until close()', async () => {
    vi.useFakeTimers();
    try {
      const store = new FlakyStore();
      const { applier, hooks, log } = setup(store);
      await store.put(ORDER);
      store.failing.add('markFulfilled');
      await expect(applier.apply(ORDER.orderId, detailFor(ORDER, 'SUCCESS', '18.0098'))).rejects.toBeInstanceOf(StoreUnavailableError);
      // Another request meets the same failure: still one retry loop.
      await expect(applier.settle((await store.get(ORDER.orderId))!)).rejects.toBeInstanceOf(StoreUnavailableError);
      await vi.advanceTimersByTimeAsync(3500);
      expect(store.calls.filter((c) => c === 'markFulfilled')).toHaveLength(5);
      store.failing.clear();
      await vi.advanceTimersByTimeAsync(4000);
      await hooks.idle();
      expect(log.filter((line) => line.startsWith('paid'))).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(store.calls.filter((c) => c === 'markFulfilled')).toHaveLength(6);

      const other = storedOrder({ orderId: '2', callbackRef: 'BBBBBBBBBBBBBBBBBBBBBB', status: 'expired', aurpayStatus: 'OVERDUE' });
      await store.put(other);
      store.failing.add('markFulfilled');
      await expect(applier.settle(other)).rejects.toBeInstanceOf(StoreUnavailableError);
      applier.close();
      store.failing.clear();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(vi.getTimerCount()).toBe(0);
      expect(log).not.toContain('expired 2');
    } finally {
      vi.useRealTimers();
    }
  });

  it('canMove: the allowed transitions', () => {
    const all: CheckoutStatus[] = ['awaiting_payment', 'partially_paid', 'paid', 'expired', 'failed', 'refunded', 'unknown'];
    const allowedFrom = (from: CheckoutStatus) => all.filter((to) => canMove(from, to));
    expect(allowedFrom('awaiting_payment')).toEqual(all);
    expect(allowedFrom('paid')).toEqual(['paid', 'refunded']);
    expect(allowedFrom('refunded')).toEqual(['refunded']);
    expect(allowedFrom('expired')).toEqual(['paid', 'expired', 'refunded']);
  });
});
