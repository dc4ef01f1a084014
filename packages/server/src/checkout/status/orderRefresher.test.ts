import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AurpayError } from '../../client/aurpayError.js';
import { detailFor } from '../test-utils/detailFor.js';
import { refresherHarness } from '../test-utils/refresherHarness.js';
import { storedOrder } from '../test-utils/storedOrder.js';

const ORDER = storedOrder();

const setup = refresherHarness;

describe('OrderRefresher', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shares one upstream call among 100 concurrent callers', async () => {
    const { store, client, pending, refresher } = setup();
    await store.put(ORDER);
    const callers = Array.from({ length: 100 }, () => refresher.refresh(ORDER.orderId));
    await vi.advanceTimersByTimeAsync(0);
    expect(client.getOrderDetail).toHaveBeenCalledTimes(1);
    expect(refresher.inFlight).toBe(1);
    pending[0]?.resolve(detailFor(ORDER, 'PARTIAL', '1'));
    const results = await Promise.all(callers);
    expect(results.every((o) => o.status === 'partially_paid' && o.paidAmount === '1')).toBe(true);
    expect(refresher.inFlight).toBe(0);
  });

  it('starts at most one call per order per minRefreshMs, answering from the store in between', async () => {
    const { store, client, pending, refresher } = setup(2000);
    await store.put(ORDER);
    await store.put(storedOrder({ orderId: 'other', callbackRef: 'BBBBBBBBBBBBBBBBBBBBBB' }));
    const first = refresher.refresh(ORDER.orderId);
    await vi.advanceTimersByTimeAsync(0);
    pending[0]?.resolve(detailFor(ORDER, 'PENDING'));
    await first;
    for (let t = 0; t < 1999; t += 100) {
      expect((await refresher.refresh(ORDER.orderId)).status).toBe('awaiting_payment');
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(client.getOrderDetail).toHaveBeenCalledTimes(1);
    // Another order has its own budget.
    void refresher.refresh('other');
    await vi.advanceTimersByTimeAsync(0);
    expect(client.getOrderDetail).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(100);
    void refresher.refresh(ORDER.orderId);
    await vi.advanceTimersByTimeAsync(0);
    expect(client.getOrderDetail).toHaveBeenCalledTimes(3);
  });

  it('answers a terminal order from the store with no call', async () => {
    const { store, client, refresher } = setup(0);
    await store.put(storedOrder({ status: 'paid', aurpayStatus: 'SUCCESS' }));
    for (let i = 0; i < 10; i += 1) expect((await refresher.refresh(ORDER.orderId)).status).toBe('paid');
    expect(client.getOrderDetail).not.toHaveBeenCalled();
  });

  it('leaves the stored order as it was when the gateway fails, and rejects the callers', async () => {
    const { store, pending, refresher } = setup(0);
    await store.put(ORDER);
    const callers = [refresher.refresh(ORDER.orderId), refresher.refresh(ORDER.orderId)];
    await vi.advanceTimersByTimeAsync(0);
    pending[0]?.reject(new AurpayError('aurpay_timeout', 'late'));
    for (const caller of callers) await expect(caller).rejects.toMatchObject({ code: 'aurpay_timeout' });
    expect(await store.get(ORDER.orderId)).toEqual(ORDER);
  });

  it('forced (a callback): bypasses the status throttle and terminal state, joining only a call started after it, one per 2 s window', async () => {
    const { store, client, pending, refresher } = setup(60_000);
    await store.put(ORDER);
    const early = refresher.refresh(ORDER.orderId);
    await vi.advanceTimersByTimeAsync(1);
    const forced = refresher.refresh(ORDER.orderId, { force: true });
    const forcedToo = refresher.refresh(ORDER.orderId, { force: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(client.getOrderDetail).toHaveBeenCalledTimes(1);
    pending[0]?.resolve(detailFor(ORDER, 'PENDING'));
    await early;
    // The early poll may predate the payment: the forced ones share one fetch of their own, at once.
    await vi.advanceTimersByTimeAsync(0);
    expect(client.getOrderDetail).toHaveBeenCalledTimes(2);
    pending[1]?.resolve(detailFor(ORDER, 'SUCCESS', '18.0098'));
    const paid = await forced;
    expect(paid.status).toBe('paid');
    expect((await forcedToo).status).toBe('paid');
    // Terminal and inside the 60 s status throttle: a forced call still fetches, once 2 s have
    // passed since the last forced fetch.
    const again = refresher.refresh(ORDER.orderId, { force: true });
    await vi.advanceTimersByTimeAsync(1999);
    expect(client.getOrderDetail).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(client.getOrderDetail).toHaveBeenCalledTimes(3);
    pending[2]?.resolve(detailFor(ORDER, 'SUCCESS', '18.0098'));
    expect((await again).version).toBe(paid.version);
  });

  it('lets 50 replayed callbacks in a row cost one fetch per 2 s window', async () => {
    const { store, client, pending, refresher } = setup(2000);
    await store.put(ORDER);
    const fetchedAt: number[] = [];
    client.getOrderDetail.mockImplementation(async () => {
      fetchedAt.push(Date.now());
      return detailFor(ORDER, 'PENDING');
    });
    for (let i = 0; i < 50; i += 1) {
      let done = false;
      const replay = refresher.refresh(ORDER.orderId, { force: true }).finally(() => (done = true));
      // Each replay is sent once the previous one was answered: time moves until it is.
      while (!done) await vi.advanceTimersByTimeAsync(100);
      await replay;
    }
    // Each replay waited for its order's window: the fetches are 2 s apart, never back to back.
    for (let i = 1; i < fetchedAt.length; i += 1) expect(fetchedAt[i]! - fetchedAt[i - 1]!).toBeGreaterThanOrEqual(2000);
    expect(pending).toEqual([]);
  });

  it('rejects an unknown order with a 404', async () => {
    const { refresher } = setup();
    await expect(refresher.refresh('nope')).rejects.toMatchObject({ status: 404, code: 'order_not_found' });
  });
});
