import type { CheckoutOrder } from '@aurpay-kit/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHECKOUT_ADAPTERS, startHarness, type Harness } from './checkoutHarness.js';
import { openSse } from './checkoutSseClient.js';
import { SETTLE } from './settle.js';

// The same scenarios against the Express router and the fetch handler.
describe.each(CHECKOUT_ADAPTERS)('the %s adapter', (adapter) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ adapter, checkout: { minRefreshMs: 50, pollIntervalMs: 100 } });
  });
  afterAll(async () => {
    await h.close();
  });

  function eventsUrl(order: CheckoutOrder, withQueryToken = true): string {
    return `${h.publicUrl}/orders/${order.orderId}/events${withQueryToken ? `?token=${order.statusToken}` : ''}`;
  }

  describe('GET /orders/:id/events', () => {
    it('sends the status at once, then the payment simulated in the sandbox, then ends', async () => {
      const order = await h.createOrder({ kind: 'crypto', chain: 'ETH', currency: 'USDT-ERC20' });
      const sse = await openSse(eventsUrl(order));
      expect(sse.status).toBe(200);
      expect(sse.contentType).toMatch(/^text\/event-stream/);
      await vi.waitFor(() => expect(sse.events).toHaveLength(1), SETTLE);
      expect(sse.events[0]).toMatchObject({ id: '1', event: 'status', data: { orderId: order.orderId, status: 'awaiting_payment' } });
      expect(h.router.checkout.activeWatchers()).toBe(1);
      await h.control(`/orders/${order.orderId}/pay`, {});
      expect(await sse.done).toBe('ended');
      expect(sse.events.map((e) => e.data.status)).toEqual(['awaiting_payment', 'paid']);
      expect(sse.events[1]).toMatchObject({ event: 'status', data: { paidAmount: order.amount, remainingAmount: '0' } });
      expect(Number(sse.events[1]?.id)).toBeGreaterThan(1);
      expect(sse.retry).toBeGreaterThan(0);
      await vi.waitFor(() => expect(h.router.checkout.activeWatchers()).toBe(0), SETTLE);
      expect(h.router.checkout.openStreams()).toEqual({ streams: 0, clients: 0 });
    });

    it('delivers a partial payment found by the server-side watcher, with the token in a header', async () => {
      const order = await h.createOrder({ kind: 'crypto', chain: 'BTC', currency: 'BTC' });
      const sse = await openSse(eventsUrl(order, false), { 'X-Status-Token': order.statusToken });
      await vi.waitFor(() => expect(sse.events).toHaveLength(1), SETTLE);
      await h.control(`/orders/${order.orderId}/pay`, { amount: '0.00001' });
      await vi.waitFor(() => expect(sse.events.map((e) => e.data.status)).toEqual(['awaiting_payment', 'partially_paid']), SETTLE);
      expect(sse.events[1]?.data.paidAmount).toBe('0.00001');
      await h.control(`/orders/${order.orderId}/expire`, {});
      expect(await sse.done).toBe('ended');
      expect(sse.events.map((e) => e.data.status)).toEqual(['awaiting_payment', 'partially_paid', 'expired']);
    });

    it('runs one watcher per order for many streams and frees it when the last client drops', async () => {
      const order = await h.createOrder({ kind: 'lightning' });
      const streams = await Promise.all(Array.from({ length: 5 }, () => openSse(eventsUrl(order))));
      await vi.waitFor(() => expect(streams.every((s) => s.events.length === 1)).toBe(true), SETTLE);
      expect(h.router.checkout.activeWatchers()).toBe(1);
      // Five listeners, one poller: at most one detail call per 100 ms poll interval over however
      // long this took, where five pollers would make about five times as many.
      await h.resetStats();
      const from = performance.now();
      await vi.waitFor(async () => expect(await h.detailCalls()).toBeGreaterThanOrEqual(3), SETTLE);
      const calls = await h.detailCalls();
      expect(calls).toBeLessThanOrEqual(Math.floor((performance.now() - from) / 100) + 2);
      for (const stream of streams.slice(0, 4)) stream.close();
      await vi.waitFor(() => expect(h.router.checkout.openStreams().streams).toBe(1), SETTLE);
      expect(h.router.checkout.activeWatchers()).toBe(1);
      streams[4]?.close();
      // The watcher goes with its last listener, and its timer with it (orderWatchers.test shows the
      // polls stop, on a fake clock).
      await vi.waitFor(() => expect(h.router.checkout.activeWatchers()).toBe(0), SETTLE);
      // The client going away gave every stream slot back.
      await vi.waitFor(() => expect(h.router.checkout.openStreams()).toEqual({ streams: 0, clients: 0 }), SETTLE);
    });

    it('honours Last-Event-ID: nothing repeated, and a seen terminal event ends the stream at once', async () => {
      const order = await h.createOrder({ kind: 'crypto', chain: 'TRX', currency: 'USDT-TRC20' });
      const resumed = await openSse(eventsUrl(order), { 'Last-Event-ID': '1' });
      await vi.waitFor(() => expect(h.router.checkout.openStreams().streams).toBe(1), SETTLE);
      await h.control(`/orders/${order.orderId}/pay`, {});
      expect(await resumed.done).toBe('ended');
      // The first event it got is the payment: event 1 was not sent again.
      expect(resumed.events.map((e) => e.data.status)).toEqual(['paid']);
      const lastId = resumed.events[0]?.id ?? '';
      const again = await openSse(eventsUrl(order), { 'Last-Event-ID': lastId });
      expect(await again.done).toBe('ended');
      expect(again.events).toEqual([]);
      const fresh = await openSse(eventsUrl(order));
      expect(await fresh.done).toBe('ended');
      expect(fresh.events.map((e) => e.data.status)).toEqual(['paid']);
    });

    it('answers errors as JSON before any stream opens', async () => {
      const order = await h.createOrder({ kind: 'lightning' });
      const noToken = await h.api('GET', `/orders/${order.orderId}/events`);
      expect(noToken).toMatchObject({ status: 401, body: { error: { code: 'status_token_missing' } } });
      const badId = await h.api('GET', `/orders/${order.orderId}/events?token=${order.statusToken}`, {
        headers: { 'Last-Event-ID': 'abc' },
      });
      expect(badId).toMatchObject({ status: 400, body: { error: { code: 'header_invalid' } } });
      expect(h.router.checkout.activeWatchers()).toBe(0);
    });
  });
});
