import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventSink } from '../http/checkoutRequest.js';
import { streamOrderEvents } from './streamOrderEvents.js';
import type { StoredOrder } from '../stores/orderStore.js';
import { statusView } from '../orderView.js';
import { storedOrder } from '../test-utils/storedOrder.js';

function recordingSink() {
  const chunks: string[] = [];
  const closers: (() => void)[] = [];
  const sink: EventSink & { headers: Record<string, string> | null; ended: number } = {
    headers: null,
    ended: 0,
    open: (headers) => void (sink.headers = headers),
    write: (chunk) => void chunks.push(chunk),
    end: () => void (sink.ended += 1),
    onClose: (listener) => void closers.push(listener),
  };
  return { sink, chunks, disconnect: () => closers.forEach((close) => close()) };
}

function subscription() {
  let listener: ((order: StoredOrder) => void) | null = null;
  const unsubscribe = vi.fn(() => void (listener = null));
  return {
    subscribe: vi.fn((l: (order: StoredOrder) => void) => {
      listener = l;
      return unsubscribe;
    }),
    unsubscribe,
    push: (order: StoredOrder) => listener?.(order),
  };
}

describe('streamOrderEvents', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('frames the current status at once, then changes, with a heartbeat every 15 s, and ends after a terminal status', () => {
    const { sink, chunks } = recordingSink();
    const sub = subscription();
    const order = storedOrder();
    streamOrderEvents({ sink, order, subscribe: sub.subscribe, view: statusView, lastEventId: null, heartbeatMs: 15_000 });
    expect(sink.headers).toMatchObject({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store, no-transform' });
    expect(chunks).toEqual(['retry: 3000\n\n', `id: 1\nevent: status\ndata: ${JSON.stringify(statusView(order))}\n\n`]);
    vi.advanceTimersByTime(14_999);
    expect(chunks).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(chunks.at(-1)).toBe(': heartbeat\n\n');
    vi.advanceTimersByTime(30_000);
    expect(chunks.filter((c) => c === ': heartbeat\n\n')).toHaveLength(3);
    sub.push(storedOrder({ version: 2, status: 'partially_paid', paidAmount: '1' }));
    sub.push(storedOrder({ version: 2, status: 'partially_paid', paidAmount: '1' }));
    expect(chunks.filter((c) => c.startsWith('id: 2\n'))).toHaveLength(1);
    sub.push(storedOrder({ version: 3, status: 'paid', paidAmount: '18.0098' }));
    expect(chunks.at(-1)).toMatch(/^id: 3\nevent: status\ndata: \{.*"status":"paid".*\}\n\n$/);
    expect(sink.ended).toBe(1);
    expect(sub.unsubscribe).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
    sub.push(storedOrder({ version: 4, status: 'refunded' }));
    expect(chunks.filter((c) => c.startsWith('id: 4'))).toEqual([]);
  });

  it('skips what the client has per Last-Event-ID, and ends at once on a terminal status it has seen', () => {
    const resumed = recordingSink();
    const sub = subscription();
    streamOrderEvents({
      sink: resumed.sink,
      order: storedOrder({ version: 3, status: 'partially_paid' }),
      subscribe: sub.subscribe,
      view: statusView,
      lastEventId: 3,
      heartbeatMs: 15_000,
    });
    expect(resumed.chunks).toEqual(['retry: 3000\n\n']);
    const seen = recordingSink();
    const none = subscription();
    streamOrderEvents({
      sink: seen.sink,
      order: storedOrder({ version: 3, status: 'expired' }),
      subscribe: none.subscribe,
      view: statusView,
      lastEventId: 3,
      heartbeatMs: 15_000,
    });
    expect(seen.sink.ended).toBe(1);
    expect(none.subscribe).not.toHaveBeenCalled();
    const foreign = recordingSink();
    streamOrderEvents({
      sink: foreign.sink,
      order: storedOrder({ version: 2 }),
      subscribe: subscription().subscribe,
      view: statusView,
      lastEventId: 40,
      heartbeatMs: 15_000,
    });
    expect(foreign.chunks[1]).toMatch(/^id: 2\n/);
  });

  it('releases the subscription and the heartbeat when the client goes away', () => {
    const { sink, chunks, disconnect } = recordingSink();
    const sub = subscription();
    streamOrderEvents({ sink, order: storedOrder(), subscribe: sub.subscribe, view: statusView, lastEventId: null, heartbeatMs: 15_000 });
    disconnect();
    expect(sub.unsubscribe).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
    expect(sink.ended).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(chunks).toHaveLength(2);
  });
});
