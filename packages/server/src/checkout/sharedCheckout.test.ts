import { describe, expect, it, vi } from 'vitest';
import type { CheckoutRequest, EventSink } from './http/checkoutRequest.js';
import { MemoryEventBus } from './stores/memoryEventBus.js';
import { MemoryOrderStore } from './stores/memoryOrderStore.js';
import { MemoryRefreshLock } from './stores/memoryRefreshLock.js';
import { StoreUnavailableError } from './stores/storeUnavailableError.js';
import { closedAfterEach, fakeCheckout, type FakeCheckout } from './test-utils/fakeCheckout.js';
import { FakeCheckoutClient } from './test-utils/fakeCheckoutClient.js';
import { FlakyStore } from './test-utils/flakyStore.js';

const track = closedAfterEach();

/** Two checkouts as two processes would be: one upstream, one shared store, bus and lock. */
function twoCheckouts() {
  const client = new FakeCheckoutClient();
  const shared = {
    client,
    store: new MemoryOrderStore(),
    events: new MemoryEventBus(),
    refreshLock: new MemoryRefreshLock(),
    minRefreshMs: 2000,
  };
  return { client, shared, a: track(fakeCheckout(shared)), b: track(fakeCheckout(shared)) };
}

function collectingSink() {
  const frames: string[] = [];
  const sink: EventSink & { frames: string[]; ended: boolean } = {
    frames,
    ended: false,
    open: () => undefined,
    write: (chunk) => void frames.push(chunk),
    end: () => void (sink.ended = true),
    onClose: () => undefined,
  };
  return sink;
}

const statusOf = (fake: FakeCheckout, orderId: string, token: string) =>
  fake.call({ method: 'GET', url: `/orders/${orderId}`, headers: { 'X-Status-Token': token } });

describe('several checkouts sharing a store, an event bus and a refresh lock', () => {
  it('serves an order created by one from the other, and streams a change one learned to the other', async () => {
    const { client, shared, a, b } = twoCheckouts();
    const order = await a.create();
    expect((await statusOf(b, order.orderId, order.statusToken)).body).toMatchObject({
      orderId: order.orderId,
      status: 'awaiting_payment',
    });
    const sink = collectingSink();
    const request: CheckoutRequest = { method: 'GET', url: `/orders/${order.orderId}/events?token=${order.statusToken}`, headers: {} };
    expect(await b.handlers.handle(request, sink)).toBeNull();
    client.setUpstream(order.orderId, 'SUCCESS', order.amount);
    const stored = await shared.store.get(order.orderId);
    expect((await a.callback(stored!)).status).toBe(200);
    expect(sink.ended).toBe(true);
    expect(sink.frames.filter((f) => f.startsWith('id:')).map((f) => JSON.parse(f.split('data: ')[1] ?? '').status)).toEqual([
      'awaiting_payment',
      'paid',
    ]);
    await a.handlers.idle();
    expect(a.paid.map((o) => o.orderId)).toEqual([order.orderId]);
    expect(b.paid).toEqual([]);
  });

  it('makes one upstream call per minRefreshMs for 50 concurrent status requests over both', async () => {
    const { client, a, b } = twoCheckouts();
    const order = await a.create();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => statusOf(i % 2 === 0 ? a : b, order.orderId, order.statusToken)),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(client.calls.getOrderDetail).toBe(1);
  });

  it('fires onPaid once for duplicate callbacks on both', async () => {
    const { client, shared, a, b } = twoCheckouts();
    const order = await b.create({ kind: 'lightning' });
    client.setUpstream(order.orderId, 'SUCCESS', order.amount);
    const stored = (await shared.store.get(order.orderId))!;
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).callback(stored)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
    await a.handlers.idle();
    await b.handlers.idle();
    expect([...a.paid, ...b.paid]).toHaveLength(1);
  });

  it('leaves the bus on close()', () => {
    const events = new MemoryEventBus();
    const fake = fakeCheckout({ events });
    expect(events.size).toBe(1);
    fake.handlers.close();
    expect(events.size).toBe(0);
  });
});

describe('an unreachable store', () => {
  it('answers 503 store_unavailable everywhere, reports it, and changes nothing upstream for a keyed order', async () => {
    const store = new FlakyStore();
    const fake = track(fakeCheckout({ store }));
    const order = await fake.create();
    const stored = (await store.get(order.orderId))!;
    fake.client.setUpstream(order.orderId, 'SUCCESS', order.amount);
    store.down = true;
    const answers = [
      await fake.call({ method: 'POST', url: '/orders', body: { kind: 'lightning' }, headers: { 'Idempotency-Key': 'key-during-outage' } }),
      await statusOf(fake, order.orderId, order.statusToken),
      await fake.callback(stored),
    ];
    for (const answer of answers) {
      expect(answer).toEqual({
        status: 503,
        headers: { 'Cache-Control': 'no-store', 'Retry-After': '1' },
        body: { error: { code: 'store_unavailable', message: 'The checkout cannot reach its order store. Please try again shortly.' } },
      });
    }
    expect(fake.client.calls.createBlnOrder).toBe(0);
    expect(fake.errors).toHaveLength(3);
    expect(fake.errors.every((error) => error instanceof StoreUnavailableError)).toBe(true);
    store.down = false;
    expect((await fake.callback(stored)).status).toBe(200);
    await fake.handlers.idle();
    expect(fake.paid).toHaveLength(1);
  });

  it('answers 200 once the payment is on record, and runs onPaid when the store is back', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const store = new FlakyStore();
      const fake = track(fakeCheckout({ store }));
      const order = await fake.create();
      const stored = (await store.get(order.orderId))!;
      fake.client.setUpstream(order.orderId, 'SUCCESS', order.amount);
      // The store fails right after the paid write: the payment and its owed fulfilment are on record.
      store.failing.add('claimFulfilment');
      expect((await fake.callback(stored)).status).toBe(200);
      expect((await store.get(order.orderId))?.status).toBe('paid');
      expect(await store.getFulfilment(order.orderId, 'paid')).toMatchObject({ state: 'owed', attempts: 0 });
      expect(fake.paid).toEqual([]);
      store.failing.clear();
      // Aurpay's retry finds the order paid already: no new confirmation, and the hook starts.
      const detailCalls = fake.client.calls.getOrderDetail;
      expect((await fake.callback(stored)).status).toBe(200);
      expect(fake.client.calls.getOrderDetail).toBe(detailCalls);
      await fake.handlers.idle();
      expect(fake.paid.map((o) => o.orderId)).toEqual([order.orderId]);
      // The background retry that was scheduled finds it done.
      await vi.advanceTimersByTimeAsync(10_000);
      await fake.handlers.idle();
      expect(fake.paid).toHaveLength(1);
      expect(await store.getFulfilment(order.orderId, 'paid')).toMatchObject({ state: 'done', attempts: 1 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('runs the owed fulfilment in the background when no callback comes again', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const store = new FlakyStore();
      const fake = track(fakeCheckout({ store }));
      const order = await fake.create();
      fake.client.setUpstream(order.orderId, 'OVERDUE');
      store.failing.add('claimFulfilment');
      expect((await fake.handlers.refreshOrder(order.orderId)).status).toBe('expired');
      await vi.advanceTimersByTimeAsync(3000);
      expect(fake.expired).toEqual([]);
      store.failing.clear();
      await vi.advanceTimersByTimeAsync(10_000);
      await fake.handlers.idle();
      expect(fake.expired.map((o) => o.orderId)).toEqual([order.orderId]);
      expect(store.calls.filter((c) => c === 'claimFulfilment').length).toBeGreaterThanOrEqual(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
