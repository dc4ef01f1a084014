import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckoutStatus } from './orderStatus.js';
import type { OrderSubscriptionOptions } from './orderSubscription.js';
import { OrderSubscription } from './orderSubscription.js';
import { FakeEventSource, fakeDocument, fakeFetch, view } from './test-utils/statusFakes.js';

let doc: ReturnType<typeof fakeDocument>;
function options(extra: Partial<OrderSubscriptionOptions>): OrderSubscriptionOptions {
  return {
    endpoint: '/api/pay/',
    orderId: 'o1',
    statusToken: 'tok',
    EventSource: null,
    document: doc,
    ...extra,
  };
}
const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('window', {});
  doc = fakeDocument();
  FakeEventSource.instances = [];
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('OrderSubscription polling', () => {
  it('does nothing until someone listens, then polls with the token after each settle', async () => {
    const f = fakeFetch({ body: view('awaiting_payment') });
    const sub = new OrderSubscription(options({ fetch: f.fetch }));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(f.calls).toHaveLength(0);
    const listener = vi.fn();
    const stop = sub.subscribe(listener);
    await flush();
    expect(f.calls).toHaveLength(1);
    expect(f.calls[0]!.url).toBe('/api/pay/orders/o1');
    expect(f.calls[0]!.headers).toEqual({ 'X-Status-Token': 'tok' });
    expect(sub.getSnapshot().order?.status).toBe('awaiting_payment');
    expect(listener).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1999);
    expect(f.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(f.calls).toHaveLength(2);
    stop();
  });

  it('waits for a slow answer before counting the next interval', async () => {
    const f = fakeFetch({ body: view('awaiting_payment'), delayMs: 5000 });
    const stop = new OrderSubscription(options({ fetch: f.fetch })).subscribe(() => {});
    await vi.advanceTimersByTimeAsync(6000);
    expect(f.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(f.calls).toHaveLength(2);
    stop();
  });

  it('keeps the same snapshot object while nothing changes', async () => {
    const same = view('awaiting_payment');
    const f = fakeFetch({ body: same });
    const sub = new OrderSubscription(options({ fetch: f.fetch }));
    const listener = vi.fn();
    const stop = sub.subscribe(listener);
    await flush();
    const first = sub.getSnapshot();
    await vi.advanceTimersByTimeAsync(6000);
    expect(f.calls.length).toBeGreaterThanOrEqual(4);
    expect(sub.getSnapshot()).toBe(first);
    expect(listener).toHaveBeenCalledTimes(1);
    stop();
  });

  it('stops at a terminal status and stays stopped for new listeners', async () => {
    const f = fakeFetch({ body: view('awaiting_payment') }, { body: view('paid') });
    const sub = new OrderSubscription(options({ fetch: f.fetch }));
    sub.subscribe(() => {});
    await vi.advanceTimersByTimeAsync(2000);
    expect(sub.getSnapshot().order?.status).toBe('paid');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(f.calls).toHaveLength(2);
    sub.subscribe(() => {});
    await vi.advanceTimersByTimeAsync(10_000);
    expect(f.calls).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('aborts the request in flight and clears its timer when the last listener leaves', async () => {
    const f = fakeFetch({ body: view('awaiting_payment'), delayMs: 1000 });
    const sub = new OrderSubscription(options({ fetch: f.fetch }));
    const stopA = sub.subscribe(() => {});
    const stopB = sub.subscribe(() => {});
    await flush();
    stopA();
    expect(f.calls[0]!.signal.aborted).toBe(false);
    stopB();
    expect(f.calls[0]!.signal.aborted).toBe(true);
    expect(doc.listeners.size).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(f.calls).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('backs off exponentially up to the cap on errors, then recovers', async () => {
    const down = { status: 503, body: { error: { code: 'gateway_down', message: 'Down' } } };
    const f = fakeFetch(down, down, down, down, down, { body: view('awaiting_payment') });
    const sub = new OrderSubscription(options({ fetch: f.fetch, maxBackoffMs: 10_000 }));
    sub.subscribe(() => {});
    await flush();
    expect(sub.getSnapshot().error).toEqual({ code: 'gateway_down', message: 'Down' });
    const times: number[] = [];
    for (let t = 0; t < 60_000 && f.calls.length < 6; t += 100) {
      const before = f.calls.length;
      await vi.advanceTimersByTimeAsync(100);
      if (f.calls.length > before) times.push(t + 100);
    }
    const gaps = times.map((t, i) => t - (times[i - 1] ?? 0));
    expect(gaps).toEqual([4000, 8000, 10_000, 10_000, 10_000]);
    expect(sub.getSnapshot().error).toBeNull();
    expect(sub.getSnapshot().order?.status).toBe('awaiting_payment');
    await vi.advanceTimersByTimeAsync(2000);
    expect(f.calls).toHaveLength(7);
  });

  it('reports network failures and unreadable answers as errors', async () => {
    const f = fakeFetch(new TypeError('fetch failed'), { body: { nope: true } });
    const sub = new OrderSubscription(options({ fetch: f.fetch }));
    sub.subscribe(() => {});
    await flush();
    expect(sub.getSnapshot().error?.code).toBe('network_error');
    await vi.advanceTimersByTimeAsync(4000);
    expect(sub.getSnapshot().error?.code).toBe('bad_response');
  });

  it('stops on an answer that asking again cannot change, until retry()', async () => {
    const f = fakeFetch(
      { status: 401, body: { error: { code: 'status_token_invalid', message: 'No' } } },
      { body: view('partially_paid') },
    );
    const sub = new OrderSubscription(options({ fetch: f.fetch }));
    sub.subscribe(() => {});
    await vi.advanceTimersByTimeAsync(60_000);
    expect(f.calls).toHaveLength(1);
    expect(sub.getSnapshot().error?.code).toBe('status_token_invalid');
    sub.retry();
    await flush();
    expect(f.calls).toHaveLength(2);
    expect(sub.getSnapshot()).toMatchObject({ error: null, order: { status: 'partially_paid' } });
  });

  it('pauses while the tab is hidden and polls at once when it returns', async () => {
    const f = fakeFetch({ body: view('awaiting_payment') });
    const sub = new OrderSubscription(options({ fetch: f.fetch }));
    sub.subscribe(() => {});
    await flush();
    doc.set('hidden');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(f.calls).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
    doc.set('visible');
    await flush();
    expect(f.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(f.calls).toHaveLength(3);
  });

  it('does not poll when subscribed in a hidden tab, nor when the tab hides mid-request', async () => {
    doc.visibilityState = 'hidden';
    const f = fakeFetch({ body: view('awaiting_payment'), delayMs: 500 });
    const sub = new OrderSubscription(options({ fetch: f.fetch }));
    sub.subscribe(() => {});
    await vi.advanceTimersByTimeAsync(10_000);
    expect(f.calls).toHaveLength(0);
    doc.set('visible');
    await flush();
    doc.set('hidden');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(f.calls).toHaveLength(1);
    expect(sub.getSnapshot().order).not.toBeNull();
  });

  it('ignores answers older than the status it holds and maps unknown statuses to unknown', async () => {
    const newer = view('partially_paid');
    const older = { ...view('paid'), updatedAt: '2000-01-01T00:00:00.000Z' };
    const unknown = view('awaiting_payment', 'o1', { status: 'SETTLED' as CheckoutStatus });
    const f = fakeFetch({ body: newer }, { body: older }, { body: unknown });
    const sub = new OrderSubscription(options({ fetch: f.fetch }));
    sub.subscribe(() => {});
    await flush();
    await vi.advanceTimersByTimeAsync(2000);
    expect(sub.getSnapshot().order?.status).toBe('partially_paid');
    await vi.advanceTimersByTimeAsync(2000);
    expect(sub.getSnapshot().order?.status).toBe('unknown');
  });

  it('waits one interval before the first poll when it already holds a status', async () => {
    const f = fakeFetch({ body: view('awaiting_payment') });
    const sub = new OrderSubscription(options({ fetch: f.fetch }));
    sub.offer(view('awaiting_payment'));
    const stop = sub.subscribe(() => {});
    await vi.advanceTimersByTimeAsync(1999);
    expect(f.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(f.calls).toHaveLength(1);
    stop();
  });

  it('reports the same failure again after retry()', async () => {
    const denied = { status: 401, body: { error: { code: 'status_token_invalid', message: 'No' } } };
    const f = fakeFetch(denied);
    const sub = new OrderSubscription(options({ fetch: f.fetch }));
    const snapshots: unknown[] = [];
    sub.subscribe(() => snapshots.push(sub.getSnapshot().error));
    await flush();
    sub.retry();
    await flush();
    expect(f.calls).toHaveLength(2);
    expect(snapshots).toEqual([{ code: 'status_token_invalid', message: 'No' }, null, { code: 'status_token_invalid', message: 'No' }]);
  });

  it('takes an offered status unless a newer one is known', () => {
    const sub = new OrderSubscription(options({}));
    const second = view('partially_paid');
    sub.offer(second);
    sub.offer(view('awaiting_payment', 'o1', { updatedAt: '2000-01-01T00:00:00.000Z' }));
    expect(sub.getSnapshot().order).toBe(second);
  });
});

describe('OrderSubscription server-sent events', () => {
  it('listens to the event stream instead of polling and closes it at a terminal status', async () => {
    const f = fakeFetch({ body: view('awaiting_payment') });
    const opts = options({ fetch: f.fetch, EventSource: FakeEventSource, statusToken: 'a b' });
    const sub = new OrderSubscription(opts);
    sub.subscribe(() => {});
    const es = FakeEventSource.instances[0]!;
    expect(es.url).toMatch(/\/orders\/o1\/events\?token=a%20b$/);
    es.emit('status', JSON.stringify(view('awaiting_payment')));
    es.emit('status', '{not json');
    es.emit('status', JSON.stringify(view('partially_paid')));
    expect(sub.getSnapshot().order?.status).toBe('partially_paid');
    es.emit('status', JSON.stringify(view('paid')));
    expect(sub.getSnapshot().order?.status).toBe('paid');
    expect(es.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(f.calls).toHaveLength(0);
  });

  it('lets EventSource reconnect once when the server ends a stream at its lifetime, and polls after a second failure', async () => {
    const f = fakeFetch({ body: view('awaiting_payment') });
    const sub = new OrderSubscription(options({ fetch: f.fetch, EventSource: FakeEventSource }));
    const stop = sub.subscribe(() => {});
    const es = FakeEventSource.instances[0]!;
    es.emit('status', JSON.stringify(view('awaiting_payment')));
    es.emit('reconnect');
    es.emit('error');
    // The same EventSource reconnects with its Last-Event-ID: no new one, no poll.
    expect(es.closed).toBe(false);
    expect(FakeEventSource.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(f.calls).toHaveLength(0);
    es.emit('status', JSON.stringify(view('partially_paid')));
    expect(sub.getSnapshot().order?.status).toBe('partially_paid');
    // A failure that no reconnect event announced is one: the subscription polls.
    es.emit('error');
    expect(es.closed).toBe(true);
    await flush();
    expect(f.calls).toHaveLength(1);
    stop();
  });

  it('falls back to polling at once when the stream fails', async () => {
    const f = fakeFetch({ body: view('awaiting_payment') });
    const sub = new OrderSubscription(options({ fetch: f.fetch, EventSource: FakeEventSource }));
    const stop = sub.subscribe(() => {});
    const es = FakeEventSource.instances[0]!;
    es.emit('error');
    expect(es.closed).toBe(true);
    await flush();
    expect(f.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(f.calls).toHaveLength(2);
    es.emit('status', JSON.stringify(view('paid')));
    expect(sub.getSnapshot().order?.status).toBe('awaiting_payment');
    stop();
  });

  it('uses the global EventSource by default and closes it when the last listener leaves', () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    const sub = new OrderSubscription({ endpoint: '/x', orderId: 'o9', statusToken: 't', document: doc });
    const stop = sub.subscribe(() => {});
    expect(FakeEventSource.instances).toHaveLength(1);
    stop();
    expect(FakeEventSource.instances[0]!.closed).toBe(true);
  });
});

describe('OrderSubscription on the server', () => {
  it('is inert without a window: no request, no timer, nothing kept', async () => {
    vi.stubGlobal('window', undefined);
    const f = fakeFetch({ body: view('awaiting_payment') });
    const opts = options({ fetch: f.fetch });
    const sub = new OrderSubscription(opts);
    const listener = vi.fn();
    sub.subscribe(listener)();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(f.calls).toHaveLength(0);
    expect(listener).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
    expect(sub.getSnapshot()).toEqual({ order: null, error: null });
  });
});
