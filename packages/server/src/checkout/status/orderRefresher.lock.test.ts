import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HookQueue } from '../fulfilment/hookQueue.js';
import { OrderRefresher } from './orderRefresher.js';
import type { RefreshLock } from '../stores/refreshLock.js';
import { StatusApplier } from './statusApplier.js';
import { detailFor } from '../test-utils/detailFor.js';
import { refresherHarness } from '../test-utils/refresherHarness.js';
import { storedOrder } from '../test-utils/storedOrder.js';

const ORDER = storedOrder();

const setup = refresherHarness;

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('OrderRefresher with a lock shared with other processes', () => {
  /** A lock another process holds (or not), answering when released. */
  function heldLock(held: boolean) {
    const claims: { orderId: string; ttlMs: number; answer: (won: boolean) => void }[] = [];
    const lock: RefreshLock = {
      acquire: (orderId, ttlMs) => new Promise<boolean>((resolve) => claims.push({ orderId, ttlMs, answer: resolve })),
    };
    const answerAll = () => {
      for (const claim of claims.splice(0)) claim.answer(!held);
    };
    return { lock, claims, answerAll };
  }

  it('claims the order for minRefreshMs and fetches when it gets the claim', async () => {
    const { lock, claims, answerAll } = heldLock(false);
    const { store, client, pending, refresher } = setup(2000, lock);
    await store.put(ORDER);
    const callers = Array.from({ length: 10 }, () => refresher.refresh(ORDER.orderId));
    await vi.advanceTimersByTimeAsync(0);
    expect(claims.map((c) => [c.orderId, c.ttlMs])).toEqual([[ORDER.orderId, 2000]]);
    expect(client.getOrderDetail).not.toHaveBeenCalled();
    answerAll();
    await vi.advanceTimersByTimeAsync(0);
    pending[0]?.resolve(detailFor(ORDER, 'PARTIAL', '1'));
    expect((await Promise.all(callers)).every((o) => o.status === 'partially_paid')).toBe(true);
    expect(client.getOrderDetail).toHaveBeenCalledTimes(1);
  });

  it('answers from the store, with no call, while another process holds the claim', async () => {
    const { lock, answerAll } = heldLock(true);
    const { store, client, refresher } = setup(2000, lock);
    await store.put(ORDER);
    const caller = refresher.refresh(ORDER.orderId);
    await vi.advanceTimersByTimeAsync(0);
    // The other process's write lands meanwhile; the answer is what the store holds now.
    await store.compareAndSetStatus(ORDER.orderId, 1, {
      status: 'partially_paid',
      aurpayStatus: 'PARTIAL',
      paidAmount: '2',
      updatedAt: 1_000_001,
      gatewayUpdatedAt: null,
    });
    answerAll();
    expect(await caller).toMatchObject({ status: 'partially_paid', version: 2 });
    expect(client.getOrderDetail).not.toHaveBeenCalled();
    // And this process does not ask again within minRefreshMs.
    await refresher.refresh(ORDER.orderId);
    await vi.advanceTimersByTimeAsync(1999);
    await refresher.refresh(ORDER.orderId);
    expect(client.getOrderDetail).not.toHaveBeenCalled();
  });

  it('fetches for a callback whatever the claim, and lets a callback upgrade a poll that awaits its claim', async () => {
    const { lock, claims, answerAll } = heldLock(true);
    const { store, client, pending, refresher } = setup(2000, lock);
    await store.put(ORDER);
    const forced = refresher.refresh(ORDER.orderId, { force: true });
    await vi.advanceTimersByTimeAsync(0);
    answerAll();
    await vi.advanceTimersByTimeAsync(0);
    expect(client.getOrderDetail).toHaveBeenCalledTimes(1);
    pending[0]?.resolve(detailFor(ORDER, 'PARTIAL', '1'));
    expect((await forced).status).toBe('partially_paid');

    await vi.advanceTimersByTimeAsync(2000);
    const current = await store.get(ORDER.orderId);
    // The callback reads the order; a poll starts meanwhile and waits for its claim.
    const callback = refresher.refresh(ORDER.orderId, { force: true });
    const poll = refresher.refresh(ORDER.orderId, { order: current ?? ORDER });
    await vi.advanceTimersByTimeAsync(0);
    expect(claims).toHaveLength(1);
    answerAll();
    await vi.advanceTimersByTimeAsync(0);
    // The claim is taken elsewhere, but the callback joined the poll: one fetch, made.
    expect(client.getOrderDetail).toHaveBeenCalledTimes(2);
    pending[1]?.resolve(detailFor(ORDER, 'SUCCESS', '18.0098'));
    expect((await poll).status).toBe('paid');
    expect((await callback).status).toBe('paid');
  });

  it('does not let a callback join a poll that found the claim taken: it fetches after it', async () => {
    const { lock, answerAll } = heldLock(true);
    const { store, client, pending } = setup(2000, lock);
    await store.put(ORDER);
    let openGate: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const slowStore = {
      get: async (orderId: string) => {
        await gate;
        return store.get(orderId);
      },
    };
    const noop = () => undefined;
    const applier = new StatusApplier({
      options: { store, now: Date.now, onStatusChange: noop },
      hooks: new HookQueue(noop),
      fulfilments: { kick: noop },
      publish: noop,
    });
    const refresher = new OrderRefresher({ client, store: slowStore, applier, minRefreshMs: 2000, now: Date.now, lock });
    // The callback is still reading the order when a poll starts, finds the claim taken and
    // falls back to the store: the callback must not take that stored answer for a confirmation.
    const callback = refresher.refresh(ORDER.orderId, { force: true });
    const poll = refresher.refresh(ORDER.orderId, { order: ORDER });
    answerAll();
    await vi.advanceTimersByTimeAsync(0);
    openGate();
    expect((await poll).status).toBe('awaiting_payment');
    await vi.advanceTimersByTimeAsync(0);
    answerAll();
    await vi.advanceTimersByTimeAsync(0);
    expect(client.getOrderDetail).toHaveBeenCalledTimes(1);
    pending[0]?.resolve(detailFor(ORDER, 'SUCCESS', '18.0098'));
    expect((await callback).status).toBe('paid');
  });

  it('rejects its callers when the lock cannot be reached', async () => {
    const lock: RefreshLock = { acquire: async () => Promise.reject(new Error('redis down')) };
    const { store, client, refresher } = setup(2000, lock);
    await store.put(ORDER);
    await expect(refresher.refresh(ORDER.orderId)).rejects.toThrow('redis down');
    expect(client.getOrderDetail).not.toHaveBeenCalled();
  });
});
