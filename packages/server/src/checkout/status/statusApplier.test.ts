import type { CheckoutStatus } from '@aurpay-kit/core';
import { describe, expect, it, vi } from 'vitest';
import { FulfilmentRunner } from '../fulfilment/fulfilmentRunner.js';
import { HookQueue } from '../fulfilment/hookQueue.js';
import { MemoryOrderStore } from '../stores/memoryOrderStore.js';
import type { OrderStore, StoredOrder } from '../stores/orderStore.js';
import { canMove, StatusApplier } from './statusApplier.js';
import { StoreUnavailableError } from '../stores/storeUnavailableError.js';
import { detailFor } from '../test-utils/detailFor.js';
import { FlakyStore } from '../test-utils/flakyStore.js';
import { storedOrder } from '../test-utils/storedOrder.js';

const ORDER = storedOrder();
const POLICY = { maxAttempts: 3, leaseMs: 30_000, firstRetryMs: 1000, maxRetryMs: 60_000 };

function setup(store: OrderStore = new MemoryOrderStore(), overrides: { onPaid?: (order: StoredOrder) => void } = {}) {
  const log: string[] = [];
  const published: StoredOrder[] = [];
  const errors: unknown[] = [];
  const onError = (error: unknown) => void errors.push(error);
  const hooks = new HookQueue(onError);
  const now = () => 5_000_000;
  const runner = new FulfilmentRunner({
    store,
    hooks: {
      paid: overrides.onPaid ?? ((order) => void log.push(`paid ${order.orderId} ${order.paidAmount}`)),
      expired: (order) => void log.push(`expired ${order.orderId}`),
    },
    policy: POLICY,
    owner: `owner-${Math.random()}`,
    now,
    onError,
  });
  const applier = new StatusApplier({
    options: { store, now, onStatusChange: (order, previous) => void log.push(`${previous}→${order.status}`) },
    hooks,
    fulfilments: runner,
    publish: (order) => void published.push(order),
  });
  const idle = async () => {
    await hooks.idle();
    await runner.idle();
  };
  return { store, applier, hooks, runner, idle, log, published, errors };
}

describe('StatusApplier', () => {
  it('applies a confirmed change, publishes it and fires the hooks in order', async () => {
    const { store, applier, idle, log, published } = setup();
    await store.put(ORDER);
    const partial = await applier.apply(ORDER.orderId, detailFor(ORDER, 'PARTIAL', '5'));
    expect(partial).toMatchObject({
      status: 'partially_paid',
      aurpayStatus: 'PARTIAL',
      paidAmount: '5',
      version: 2,
      updatedAt: 5_000_000,
      gatewayUpdatedAt: '2024-06-13T09:36:14',
    });
    const paid = await applier.apply(ORDER.orderId, detailFor(ORDER, 'SUCCESS', '18.0098'));
    await idle();
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
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? first : second).applier.apply(ORDER.orderId, detail)),
    );
    await first.idle();
    await second.idle();
    expect(results.every((o) => o.status === 'paid')).toBe(true);
    const paidCalls = [...first.log, ...second.log].filter((line) => line.startsWith('paid'));
    expect(paidCalls).toHaveLength(1);
    expect([...first.log, ...second.log].filter((line) => line.endsWith('→paid'))).toHaveLength(1);
    expect((await store.get(ORDER.orderId))?.version).toBe(2);
  });

  it('never marks paid from an unknown status, another order’s detail or an unusable amount', async () => {
    const { store, applier, idle, log } = setup();
    await store.put(ORDER);
    expect((await applier.apply(ORDER.orderId, detailFor(ORDER, 'success', '18.0098'))).status).toBe('unknown');
    expect((await applier.apply(ORDER.orderId, detailFor(ORDER, 'PAID', '18.0098'))).status).toBe('unknown');
    await expect(applier.apply(ORDER.orderId, { ...detailFor(ORDER, 'SUCCESS', '18.0098'), order_id: 'other' })).rejects.toMatchObject({
      code: 'aurpay_bad_response',
    });
    await expect(applier.apply(ORDER.orderId, { ...detailFor(ORDER, 'SUCCESS', '18.0098'), currency: 'USDC-ERC20' })).rejects.toMatchObject(
      { code: 'aurpay_bad_response' },
    );
    await expect(applier.apply(ORDER.orderId, detailFor(ORDER, 'SUCCESS', '1e3'))).rejects.toMatchObject({ code: 'aurpay_bad_response' });
    await idle();
    expect(await store.getFulfilment(ORDER.orderId, 'paid')).toBeNull();
    expect(log.some((line) => line.startsWith('paid'))).toBe(false);
    expect((await store.get(ORDER.orderId))?.status).toBe('unknown');
  });

  it('keeps a paid order paid (except refunded) and lets an expired one be resolved to paid', async () => {
    const { store, applier, idle, log } = setup();
    await store.put(storedOrder({ status: 'paid', aurpayStatus: 'SUCCESS', paidAmount: '18.0098' }));
    expect((await applier.apply(ORDER.orderId, detailFor(ORDER, 'OVERDUE'))).status).toBe('paid');
    expect((await applier.apply(ORDER.orderId, detailFor(ORDER, 'PENDING'))).status).toBe('paid');
    expect((await applier.apply(ORDER.orderId, detailFor(ORDER, 'REFUNDED', '18.0098'))).status).toBe('refunded');
    const other = storedOrder({ orderId: '2', callbackRef: 'BBBBBBBBBBBBBBBBBBBBBB', status: 'expired', aurpayStatus: 'OVERDUE' });
    await store.put(other);
    expect((await applier.apply('2', detailFor(other, 'RESOLVED', '3'))).status).toBe('paid');
    await idle();
    // A paid order recorded before this process saw it still gets its one onPaid.
    expect(log).toEqual([`paid ${ORDER.orderId} 18.0098`, 'paid→refunded', 'expired→paid', 'paid 2 3']);
  });

  it('records the payment and its owed fulfilment in one write, before the hook runs', async () => {
    let release: () => void = () => undefined;
    const { store, applier, idle, log } = setup(undefined, {
      onPaid: () => new Promise<void>((resolve) => (release = () => resolve())) as unknown as void,
    });
    await store.put(ORDER);
    const paid = await applier.apply(ORDER.orderId, detailFor(ORDER, 'SUCCESS', '18.0098'));
    // apply resolved (the callback may answer 200): the fulfilment is on record, not yet done.
    expect(await store.getFulfilment(ORDER.orderId, 'paid')).toMatchObject({ state: 'owed', attempts: 1, dueAt: paid.updatedAt });
    release();
    await idle();
    expect(await store.getFulfilment(ORDER.orderId, 'paid')).toMatchObject({ state: 'done', attempts: 1 });
    expect(log).toEqual(['awaiting_payment→paid']);
  });

  it('keeps a fulfilment whose hook threw owed, and reports the error', async () => {
    const { store, applier, idle, log, errors } = setup(undefined, {
      onPaid: () => {
        throw new Error('mailer down');
      },
    });
    await store.put(ORDER);
    await applier.apply(ORDER.orderId, detailFor(ORDER, 'SUCCESS', '18.0098'));
    await idle();
    expect(errors).toEqual([new Error('mailer down')]);
    expect(log).toEqual(['awaiting_payment→paid']);
    expect(await store.getFulfilment(ORDER.orderId, 'paid')).toMatchObject({
      state: 'owed',
      attempts: 1,
      lastError: 'Error: mailer down',
      dueAt: 5_001_000,
    });
  });

  it('answers a store failure at the paid write with the error, and records nothing half', async () => {
    const store = new FlakyStore();
    const { applier, idle, log } = setup(store);
    await store.put(ORDER);
    store.failing.add('compareAndSetStatus');
    await expect(applier.apply(ORDER.orderId, detailFor(ORDER, 'SUCCESS', '18.0098'))).rejects.toBeInstanceOf(StoreUnavailableError);
    store.failing.clear();
    expect((await store.get(ORDER.orderId))?.status).toBe('awaiting_payment');
    expect(await store.getFulfilment(ORDER.orderId, 'paid')).toBeNull();
    // The next confirmation (a retried callback, a poll, the reconciler) records and runs it.
    await applier.apply(ORDER.orderId, detailFor(ORDER, 'SUCCESS', '18.0098'));
    await idle();
    expect(log.filter((line) => line.startsWith('paid'))).toHaveLength(1);
  });

  it('settles a paid order that has no fulfilment on record yet, and rejects while the store is away', async () => {
    const store = new FlakyStore();
    const { applier, idle, log } = setup(store);
    const paid = storedOrder({ status: 'paid', aurpayStatus: 'SUCCESS', paidAmount: '18.0098' });
    await store.put(paid);
    store.down = true;
    await expect(applier.settle(paid)).rejects.toBeInstanceOf(StoreUnavailableError);
    store.down = false;
    await applier.settle(paid);
    await applier.settle(paid);
    await idle();
    expect(log).toEqual([`paid ${paid.orderId} 18.0098`]);
    await applier.settle(storedOrder({ status: 'awaiting_payment' }));
    expect(await store.getFulfilment(paid.orderId, 'expired')).toBeNull();
  });

  it('tries a fulfilment whose claim failed again in the background until the store answers', async () => {
    vi.useFakeTimers({ now: 5_000_000 });
    try {
      const store = new FlakyStore();
      const { applier, idle, log, runner } = setup(store);
      await store.put(ORDER);
      store.failing.add('claimFulfilment');
      await applier.apply(ORDER.orderId, detailFor(ORDER, 'SUCCESS', '18.0098'));
      await vi.advanceTimersByTimeAsync(0);
      expect(log.filter((line) => line.startsWith('paid'))).toEqual([]);
      store.failing.clear();
      await vi.advanceTimersByTimeAsync(60_000);
      await idle();
      expect(log.filter((line) => line.startsWith('paid'))).toHaveLength(1);
      runner.close();
      expect(vi.getTimerCount()).toBe(0);
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
