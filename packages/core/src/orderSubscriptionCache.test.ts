import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OrderSubscriptionOptions } from './orderSubscription.js';
import { OrderSubscriptionCache } from './orderSubscriptionCache.js';
import { fakeFetch, view } from './test-utils/statusFakes.js';

const base = { endpoint: '/api/pay', orderId: 'o1', statusToken: 'tok', EventSource: null } as const;
const options = (extra: Partial<OrderSubscriptionOptions> = {}): OrderSubscriptionOptions => ({ ...base, ...extra });

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('window', {});
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('OrderSubscriptionCache', () => {
  it('shares one connection between watchers of one order with one token', async () => {
    const f = fakeFetch({ body: view('awaiting_payment') });
    const cache = new OrderSubscriptionCache();
    const a = cache.get(options({ fetch: f.fetch }));
    const b = cache.get(options({ fetch: f.fetch }));
    expect(b).toBe(a);
    const stopA = a.subscribe(() => {});
    const stopB = b.subscribe(() => {});
    await vi.advanceTimersByTimeAsync(4000);
    expect(f.calls).toHaveLength(3);
    stopA();
    stopB();
  });

  it('gives another token, order or endpoint a connection of its own, with its own fetch and interval', async () => {
    const first = fakeFetch({ body: view('awaiting_payment') });
    const second = fakeFetch({ body: view('awaiting_payment') });
    const cache = new OrderSubscriptionCache();
    const a = cache.get(options({ fetch: first.fetch }));
    const b = cache.get(options({ fetch: second.fetch, statusToken: 'other', intervalMs: 1000 }));
    expect(b).not.toBe(a);
    expect(cache.get(options({ orderId: 'o2' }))).not.toBe(a);
    expect(cache.get(options({ endpoint: '/elsewhere' }))).not.toBe(a);
    a.subscribe(() => {});
    b.subscribe(() => {});
    await vi.advanceTimersByTimeAsync(2000);
    expect(first.calls.map((c) => c.headers['X-Status-Token'])).toEqual(['tok', 'tok']);
    expect(second.calls.map((c) => c.headers['X-Status-Token'])).toEqual(['other', 'other', 'other']);
  });

  it('shares nothing between two caches', async () => {
    const f = fakeFetch({ body: view('awaiting_payment') });
    const [one, two] = [new OrderSubscriptionCache(), new OrderSubscriptionCache()];
    const a = one.get(options({ fetch: f.fetch }));
    const b = two.get(options({ fetch: f.fetch }));
    expect(b).not.toBe(a);
    a.subscribe(() => {});
    b.subscribe(() => {});
    await vi.advanceTimersByTimeAsync(0);
    expect(f.calls).toHaveLength(2);
  });

  it('lets a subscription go when its last listener leaves, and takes it back if it is listened to again', () => {
    const cache = new OrderSubscriptionCache();
    const f = fakeFetch({ body: view('awaiting_payment') });
    const a = cache.get(options({ fetch: f.fetch }));
    const stop = a.subscribe(() => {});
    expect(cache.get(options())).toBe(a);
    stop();
    const fresh = cache.get(options());
    expect(fresh).not.toBe(a);
    // The fresh one was never listened to: the old one, listened to again, does not push it out.
    a.subscribe(() => {});
    expect(cache.get(options())).toBe(fresh);
  });

  it('puts back a subscription whose key is free when it is listened to again', () => {
    const cache = new OrderSubscriptionCache();
    const a = cache.get(options({ fetch: fakeFetch({ body: view('awaiting_payment') }).fetch }));
    a.subscribe(() => {})();
    a.subscribe(() => {});
    expect(cache.get(options())).toBe(a);
  });
});
