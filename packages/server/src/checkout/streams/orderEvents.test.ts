import type { CheckoutOrder } from '@aurpay-kit/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckoutRequest, CheckoutResponse, EventSink } from '../http/checkoutRequest.js';
import { MemoryOrderStore } from '../stores/memoryOrderStore.js';
import { closedAfterEach, fakeCheckout, type FakeCheckout } from '../test-utils/fakeCheckout.js';

const track = closedAfterEach();
beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 11, 2, 10, 0, 0) });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A sink as a connection gives one: it can be closed by the client at any moment. */
function clientSink() {
  const listeners: (() => void)[] = [];
  const sink: EventSink & { frames: string[]; ended: boolean; opened: boolean; close(): void } = {
    frames: [],
    ended: false,
    opened: false,
    open: () => void (sink.opened = true),
    write: (chunk) => void sink.frames.push(chunk),
    end: () => void (sink.ended = true),
    onClose: (listener) => void listeners.push(listener),
    close: () => {
      for (const listener of listeners.splice(0)) listener();
    },
  };
  return sink;
}

function checkout(overrides: Parameters<typeof fakeCheckout>[0] = {}): FakeCheckout {
  const fake = fakeCheckout({ streams: { maxPerClient: 3, maxTotal: 5, maxLifetimeMs: 60_000 }, ...overrides });
  track(fake);
  return fake;
}

const events = (order: CheckoutOrder, clientId: string): CheckoutRequest => ({
  method: 'GET',
  url: `/orders/${order.orderId}/events?token=${order.statusToken}`,
  headers: {},
  clientId,
});

describe('GET /orders/:id/events, bounded', () => {
  it('gives a client at most maxPerClient streams (429 past it), others theirs, and a slot back when one closes', async () => {
    const fake = checkout({ streams: { maxPerClient: 3, maxTotal: 10 } });
    const order = await fake.create();
    const sinks = Array.from({ length: 3 }, () => clientSink());
    for (const sink of sinks) expect(await fake.handlers.handle(events(order, '203.0.113.7'), sink)).toBeNull();
    const refused = (await fake.handlers.handle(events(order, '203.0.113.7'), clientSink())) as CheckoutResponse;
    expect(refused).toMatchObject({ status: 429, headers: { 'Retry-After': '5' }, body: { error: { code: 'too_many_streams' } } });
    // Rotating addresses inside one IPv6 /64 is one client.
    for (let i = 0; i < 3; i += 1) await fake.handlers.handle(events(order, `2001:db8:1:2::${i + 1}`), clientSink());
    expect(((await fake.handlers.handle(events(order, '2001:db8:1:2::99'), clientSink())) as CheckoutResponse).status).toBe(429);
    expect(fake.handlers.openStreams()).toEqual({ streams: 6, clients: 2 });
    sinks[0]!.close();
    expect(fake.handlers.openStreams()).toEqual({ streams: 5, clients: 2 });
    expect(await fake.handlers.handle(events(order, '203.0.113.7'), clientSink())).toBeNull();
  });

  it('refuses past the process’s total with 503 and Retry-After', async () => {
    const fake = checkout();
    const order = await fake.create();
    for (let i = 0; i < 5; i += 1) await fake.handlers.handle(events(order, `198.51.100.${i}`), clientSink());
    const refused = (await fake.handlers.handle(events(order, '198.51.100.99'), clientSink())) as CheckoutResponse;
    expect(refused).toMatchObject({ status: 503, headers: { 'Retry-After': '5' }, body: { error: { code: 'streams_full' } } });
  });

  it('ends a stream after maxLifetimeMs, so the browser reconnects and resumes, and frees its slot', async () => {
    const fake = checkout();
    const order = await fake.create();
    const sink = clientSink();
    await fake.handlers.handle(events(order, '203.0.113.7'), sink);
    expect(fake.handlers.activeWatchers()).toBe(1);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(sink.ended).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(sink.ended).toBe(true);
    // Its last frame tells the browser's subscription to let EventSource reconnect.
    expect(sink.frames.at(-1)).toBe('event: reconnect\ndata:\n\n');
    expect(fake.handlers.openStreams()).toEqual({ streams: 0, clients: 0 });
    expect(fake.handlers.activeWatchers()).toBe(0);
    // Back with the id of the last event it had: nothing is sent twice.
    const again = clientSink();
    await fake.handlers.handle({ ...events(order, '203.0.113.7'), headers: { 'Last-Event-ID': '1' } }, again);
    expect(again.frames.filter((frame) => frame.startsWith('id:'))).toEqual([]);
  });

  it('leaves no watcher, heartbeat or slot behind for 1,000 clients that leave while the order is being read', async () => {
    let releaseReads: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (releaseReads = resolve));
    const store = new MemoryOrderStore();
    const get = store.get.bind(store);
    let slowReads = false;
    store.get = async (orderId) => {
      if (slowReads) await gate;
      return get(orderId);
    };
    const fake = checkout({ store, streams: { maxPerClient: 2000, maxTotal: 2000 } });
    const order = await fake.create();
    // A fresh read, not the process's cached copy.
    fake.handlers.close();
    const late = checkout({ store, streams: { maxPerClient: 2000, maxTotal: 2000 } });
    slowReads = true;
    const timersBefore = vi.getTimerCount();
    const pending = Array.from({ length: 1000 }, () => {
      const sink = clientSink();
      const answer = late.handlers.handle(events(order, '203.0.113.7'), sink);
      sink.close();
      return answer;
    });
    releaseReads();
    await Promise.all(pending);
    expect(late.handlers.activeWatchers()).toBe(0);
    expect(late.handlers.openStreams()).toEqual({ streams: 0, clients: 0 });
    expect(vi.getTimerCount()).toBe(timersBefore);
  });
});
