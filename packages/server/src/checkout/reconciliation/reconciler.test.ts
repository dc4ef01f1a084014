import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryOrderStore } from '../stores/memoryOrderStore.js';
import type { StoredOrder } from '../stores/orderStore.js';
import { closedAfterEach, fakeCheckout, type FakeCheckout } from '../test-utils/fakeCheckout.js';
import { FakeCheckoutClient } from '../test-utils/fakeCheckoutClient.js';
import { storedOrder } from '../test-utils/storedOrder.js';

const track = closedAfterEach();
const START = Date.UTC(2026, 11, 2, 10, 0, 0);

/** A checkout whose start-up pass has run; the interval is long, so tests run passes by hand. */
async function checkout(overrides: Parameters<typeof fakeCheckout>[0] = {}): Promise<FakeCheckout> {
  const fake = fakeCheckout({ reconcile: { intervalMs: 3_600_000 }, ...overrides });
  fake.client.clock = Date.now;
  track(fake);
  await vi.advanceTimersByTimeAsync(0);
  return fake;
}

async function createOrders(fake: FakeCheckout, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) ids.push((await fake.create()).orderId);
  return ids;
}

describe('Reconciler', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: START });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('costs 4 list calls and no detail call with 1,000 open orders and nothing changed', async () => {
    const fake = await checkout();
    await createOrders(fake, 1000);
    fake.client.calls.getOrderDetail = 0;
    fake.client.calls.listOrders = 0;
    const report = await fake.handlers.reconcile();
    expect(report).toEqual({
      reconciled: true,
      watched: 1000,
      listCalls: 4,
      detailCalls: 0,
      changed: 0,
      fulfilments: 0,
      pruned: 0,
      errors: 0,
    });
    expect(fake.client.calls).toMatchObject({ listOrders: 4, getOrderDetail: 0 });
    expect(fake.client.listQueries.map((q) => q.status)).toEqual(['SUCCESS', 'RESOLVED', 'PARTIAL', 'OVERDUE']);
    expect(fake.client.listQueries[0]).toEqual({
      page: 1,
      size: 100,
      status: 'SUCCESS',
      st: '2026-12-02T09:59:00',
      et: '2026-12-02T10:01:00',
    });
  });

  it('confirms only the order that changed: one detail call more, the payment recorded and fulfilled', async () => {
    const fake = await checkout();
    const ids = await createOrders(fake, 1000);
    const paid = ids[500]!;
    fake.client.setUpstream(paid, 'SUCCESS', '18.0098');
    fake.client.calls.getOrderDetail = 0;
    fake.client.calls.listOrders = 0;
    const report = await fake.handlers.reconcile();
    expect(report).toMatchObject({ listCalls: 4, detailCalls: 1, changed: 1 });
    expect(fake.client.calls).toMatchObject({ listOrders: 4, getOrderDetail: 1 });
    await fake.handlers.idle();
    expect(fake.paid.map((order) => order.orderId)).toEqual([paid]);
    expect((await fake.store.get(paid))?.status).toBe('paid');
    // Paid now: no longer watched, and the next pass is back to 4 calls.
    expect(await fake.handlers.reconcile()).toMatchObject({ watched: 999, listCalls: 4, detailCalls: 0 });
  });

  it('finds an order the gateway timed out early without waiting for its deadline', async () => {
    const fake = await checkout();
    const [id] = await createOrders(fake, 2);
    fake.client.setUpstream(id!, 'OVERDUE', '0.5');
    expect(await fake.handlers.reconcile()).toMatchObject({ listCalls: 4, detailCalls: 1, changed: 1 });
    await fake.handlers.idle();
    expect(fake.expired.map((order) => order.orderId)).toEqual([id]);
  });

  it('costs 5 list calls with recently expired orders watched too, and looks for late payments every tenth pass', async () => {
    const fake = await checkout();
    const ids = await createOrders(fake, 1000);
    for (const id of ids.slice(0, 10)) {
      fake.client.setUpstream(id, 'OVERDUE');
      await fake.handlers.refreshOrder(id);
    }
    const statuses = async () => {
      fake.client.listQueries.length = 0;
      const report = await fake.handlers.reconcile();
      return { listCalls: report.listCalls, statuses: fake.client.listQueries.map((q) => q.status) };
    };
    const passes = [];
    for (let pass = 0; pass < 10; pass += 1) passes.push(await statuses());
    // The start-up pass was the first: this is the eleventh, which looks for late payments too.
    expect(passes[0]).toEqual({ listCalls: 5, statuses: ['SUCCESS', 'RESOLVED', 'PARTIAL', 'OVERDUE', 'RESOLVED'] });
    expect(passes[9]).toEqual({ listCalls: 6, statuses: ['SUCCESS', 'RESOLVED', 'PARTIAL', 'OVERDUE', 'SUCCESS', 'RESOLVED'] });
    expect(passes.filter((pass) => pass.listCalls === 5)).toHaveLength(9);
  });

  it('confirms a part payment once, then not again while its update time stands', async () => {
    const fake = await checkout();
    const [id] = await createOrders(fake, 1);
    vi.advanceTimersByTime(5000);
    fake.client.setUpstream(id!, 'PARTIAL', '5');
    expect(await fake.handlers.reconcile()).toMatchObject({ detailCalls: 1, changed: 1 });
    expect((await fake.store.get(id!))?.status).toBe('partially_paid');
    expect(await fake.handlers.reconcile()).toMatchObject({ detailCalls: 0 });
    vi.advanceTimersByTime(5000);
    fake.client.setUpstream(id!, 'PARTIAL', '9');
    expect(await fake.handlers.reconcile()).toMatchObject({ detailCalls: 1, changed: 1 });
    expect((await fake.store.get(id!))?.paidAmount).toBe('9');
  });

  it('confirms an open order past its deadline once, then at most every 5 minutes', async () => {
    const fake = await checkout({ orderTtlMs: 60_000 });
    const [id] = await createOrders(fake, 1);
    expect(await fake.handlers.reconcile()).toMatchObject({ detailCalls: 0 });
    vi.advanceTimersByTime(60_000 + 60_000);
    // Aurpay is late to time it out: still PENDING.
    expect(await fake.handlers.reconcile()).toMatchObject({ detailCalls: 1, changed: 0 });
    vi.advanceTimersByTime(60_000);
    expect(await fake.handlers.reconcile()).toMatchObject({ detailCalls: 0 });
    fake.client.setUpstream(id!, 'OVERDUE');
    vi.advanceTimersByTime(240_000);
    expect(await fake.handlers.reconcile()).toMatchObject({ detailCalls: 1, changed: 1 });
    await fake.handlers.idle();
    expect(fake.expired.map((order) => order.orderId)).toEqual([id]);
  });

  it('finds an order resolved after it expired, within the window, and forgets orders expired before it', async () => {
    const fake = await checkout({ orderTtlMs: 60_000, reconcile: { intervalMs: 3_600_000, expiredWindowMs: 3_600_000 } });
    const [late, old] = await createOrders(fake, 2);
    for (const id of [late!, old!]) {
      fake.client.setUpstream(id, 'OVERDUE');
      await fake.handlers.refreshOrder(id);
    }
    vi.advanceTimersByTime(30 * 60_000);
    fake.client.setUpstream(late!, 'RESOLVED', '10');
    const report = await fake.handlers.reconcile();
    expect(report).toMatchObject({ watched: 2, detailCalls: 1, changed: 1 });
    await fake.handlers.idle();
    expect(fake.paid.map((order) => order.orderId)).toEqual([late]);
    vi.advanceTimersByTime(2 * 3_600_000);
    fake.client.setUpstream(old!, 'RESOLVED', '10');
    expect(await fake.handlers.reconcile()).toMatchObject({ watched: 0, listCalls: 0, detailCalls: 0 });
  });

  it('runs at start-up, then every interval, until closed', async () => {
    const fake = fakeCheckout({ reconcile: { intervalMs: 30_000 } });
    track(fake);
    const [id] = await createOrders(fake, 1);
    await vi.advanceTimersByTimeAsync(0);
    const atStart = fake.client.calls.listOrders;
    expect(atStart).toBe(4);
    fake.client.setUpstream(id!, 'SUCCESS', '18.0098');
    await vi.advanceTimersByTimeAsync(29_999);
    expect(fake.client.calls.listOrders).toBe(atStart);
    await vi.advanceTimersByTimeAsync(1);
    await fake.handlers.idle();
    expect(fake.paid.map((order) => order.orderId)).toEqual([id]);
    fake.handlers.close();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(fake.client.calls.listOrders).toBe(atStart + 4);
  });

  it('lets one instance reconcile at a time, while each runs the fulfilments that are due', async () => {
    const client = new FakeCheckoutClient();
    const store = new MemoryOrderStore();
    const a = await checkout({ client, store });
    const b = await checkout({ client, store });
    const [id] = await createOrders(a, 3);
    expect(await a.handlers.reconcile()).toMatchObject({ reconciled: true, listCalls: 4 });
    expect(await b.handlers.reconcile()).toMatchObject({ reconciled: false, listCalls: 0 });
    await store.compareAndSetStatus(
      id!,
      1,
      { status: 'paid', aurpayStatus: 'SUCCESS', paidAmount: '18.0098', updatedAt: Date.now(), gatewayUpdatedAt: null },
      'paid',
    );
    expect(await b.handlers.reconcile()).toMatchObject({ reconciled: false, fulfilments: 1 });
    expect(b.paid.map((order) => order.orderId)).toEqual([id]);
    // A stops gracefully: it hands the lease back, and B takes it at once.
    a.handlers.close();
    await vi.advanceTimersByTimeAsync(0);
    expect(await b.handlers.reconcile()).toMatchObject({ reconciled: true });
    // An instance that took it and crashed blocks the others for one interval at most.
    b.handlers.close();
    await vi.advanceTimersByTimeAsync(0);
    expect(await store.acquireLease('reconciler', { owner: 'crashed', now: Date.now(), ttlMs: 3_600_000 })).toBe(true);
    const c = await checkout({ client, store });
    expect(await c.handlers.reconcile()).toMatchObject({ reconciled: false });
    await vi.advanceTimersByTimeAsync(3_600_000 - 1);
    expect(await c.handlers.reconcile()).toMatchObject({ reconciled: false });
    await vi.advanceTimersByTimeAsync(1);
    expect(await c.handlers.reconcile()).toMatchObject({ reconciled: true });
  });

  it('reports a gateway failure and goes on with the rest of the pass', async () => {
    const fake = await checkout();
    const [id] = await createOrders(fake, 1);
    fake.client.setUpstream(id!, 'SUCCESS', '18.0098');
    const listOrders = fake.client.listOrders.bind(fake.client);
    fake.client.listOrders = async (query) => {
      if (query.status === 'RESOLVED') throw new Error('gateway 502');
      return listOrders(query);
    };
    expect(await fake.handlers.reconcile()).toMatchObject({ listCalls: 4, detailCalls: 1, changed: 1, errors: 1 });
    expect(fake.errors).toEqual([new Error('gateway 502')]);
  });
});

const HOUR = 3_600_000;
const RETENTION = 48 * HOUR;

/** `count` unpaid orders that timed out `ageMs` ago, put straight into `store`. */
async function abandoned(store: MemoryOrderStore, count: number, ageMs: number, from = 0): Promise<StoredOrder[]> {
  const orders = Array.from({ length: count }, (_, i) => {
    const n = from + i;
    const expiresAt = Date.now() - ageMs;
    return storedOrder({
      orderId: `9${String(n).padStart(19, '0')}`,
      callbackRef: `abandoned-${n}`,
      createdAt: expiresAt - 1_800_000,
      expiresAt,
      status: 'expired',
      aurpayStatus: 'OVERDUE',
    });
  });
  for (const order of orders) await store.put(order);
  return orders;
}

describe('Reconciler: pruning the store', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: START });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('prunes on the first pass, in batches of 500 until one comes back short, with the retention as the cut-off', async () => {
    const store = new MemoryOrderStore();
    await abandoned(store, 1200, RETENTION + 1);
    const [kept] = await abandoned(store, 1, RETENTION - HOUR, 2000);
    const prune = vi.spyOn(store, 'prune');
    await checkout({ store });
    expect(prune.mock.calls.map(([request]) => request)).toEqual(
      Array(3).fill({ unpaidExpiredBefore: START - RETENTION, now: START, limit: 500 }),
    );
    expect(await Promise.all(prune.mock.results.map((result) => result.value))).toEqual([
      { orders: 500 },
      { orders: 500 },
      { orders: 200 },
    ]);
    expect(store.size.orders).toBe(1);
    expect(await store.get(kept!.orderId)).not.toBeNull();
  });

  it('prunes at most every 10 minutes, and reports how many orders went', async () => {
    const fake = await checkout({ orderTtlMs: 60_000, unpaidOrderRetentionMs: 30 * HOUR });
    const [unpaid, partPaid, paid] = await createOrders(fake, 3);
    for (const [id, status, obtained] of [
      [unpaid!, 'OVERDUE', null],
      [partPaid!, 'PARTIAL', '5'],
      [paid!, 'SUCCESS', '18.0098'],
    ] as const) {
      fake.client.setUpstream(id, status, obtained);
      await fake.handlers.refreshOrder(id);
    }
    await fake.handlers.idle();
    // Past expiry and retention; the clock jumps, so no scheduled pass runs in between.
    vi.setSystemTime(Date.now() + 120_000 + 30 * HOUR);
    expect(await fake.handlers.reconcile()).toMatchObject({ reconciled: true, pruned: 1, errors: 0 });
    expect(await fake.store.get(unpaid!)).toBeNull();
    expect((await fake.store.get(partPaid!))?.status).toBe('partially_paid');
    expect((await fake.store.get(paid!))?.status).toBe('paid');
    await abandoned(fake.store, 2, 31 * HOUR);
    vi.setSystemTime(Date.now() + 600_000 - 1);
    expect(await fake.handlers.reconcile()).toMatchObject({ pruned: 0 });
    vi.setSystemTime(Date.now() + 1);
    expect(await fake.handlers.reconcile()).toMatchObject({ pruned: 2 });
  });

  it('prunes only on the instance holding the reconciliation lease', async () => {
    const store = new MemoryOrderStore();
    const a = await checkout({ store });
    const prune = vi.spyOn(store, 'prune');
    const b = await checkout({ store });
    await abandoned(store, 3, RETENTION + 1);
    vi.setSystemTime(Date.now() + 600_000);
    expect(await b.handlers.reconcile()).toMatchObject({ reconciled: false, pruned: 0 });
    expect(prune).not.toHaveBeenCalled();
    expect(await a.handlers.reconcile()).toMatchObject({ reconciled: true, pruned: 3 });
  });

  it('reports a store that fails to prune, and tries again 10 minutes later', async () => {
    const fake = await checkout();
    await abandoned(fake.store, 1, RETENTION + 1);
    const prune = vi.spyOn(fake.store, 'prune').mockRejectedValueOnce(new Error('store down'));
    vi.setSystemTime(Date.now() + 600_000);
    expect(await fake.handlers.reconcile()).toMatchObject({ reconciled: true, pruned: 0, errors: 1 });
    expect(fake.errors).toEqual([new Error('store down')]);
    vi.setSystemTime(Date.now() + 600_000 - 1);
    expect(await fake.handlers.reconcile()).toMatchObject({ pruned: 0, errors: 0 });
    vi.setSystemTime(Date.now() + 1);
    expect(await fake.handlers.reconcile()).toMatchObject({ pruned: 1, errors: 0 });
    expect(prune).toHaveBeenCalledTimes(2);
  });
});
