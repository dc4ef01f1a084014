import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredOrder } from '../stores/orderStore.js';
import { OrderWatchers } from './orderWatchers.js';
import { storedOrder } from '../test-utils/storedOrder.js';

describe('OrderWatchers', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup(answer: () => StoredOrder | Promise<StoredOrder> = () => storedOrder()) {
    const refresh = vi.fn(async (_orderId: string) => answer());
    const watchers = new OrderWatchers({ refresh, pollIntervalMs: 1000, onError: () => undefined });
    return { refresh, watchers };
  }

  it('polls once per interval per order however many listen, and stops with the last listener', async () => {
    const { refresh, watchers } = setup();
    const stops = Array.from({ length: 5 }, () => watchers.subscribe('A', () => undefined));
    expect(watchers.size).toBe(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(refresh).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(refresh).toHaveBeenCalledTimes(4);
    for (const stop of stops.slice(1)) stop();
    expect(watchers.size).toBe(1);
    stops[0]?.();
    stops[0]?.();
    expect(watchers.size).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(refresh).toHaveBeenCalledTimes(4);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('schedules the next poll only after the previous settles, and keeps polling past gateway errors', async () => {
    let release: () => void = () => undefined;
    let calls = 0;
    const { refresh, watchers } = setup(() => {
      calls += 1;
      if (calls === 2) return Promise.reject(new Error('gateway down'));
      if (calls === 3) return new Promise<StoredOrder>((resolve) => (release = () => resolve(storedOrder())));
      return storedOrder();
    });
    const stop = watchers.subscribe('A', () => undefined);
    await vi.advanceTimersByTimeAsync(2000);
    expect(refresh).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(5000);
    expect(refresh).toHaveBeenCalledTimes(3);
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(refresh).toHaveBeenCalledTimes(4);
    stop();
  });

  it('stops polling at a terminal status but keeps its listeners until they leave', async () => {
    const { refresh, watchers } = setup(() => storedOrder({ status: 'paid', version: 2 }));
    const seen: number[] = [];
    const stop = watchers.subscribe('20240613093614690315', (order) => seen.push(order.version));
    await vi.advanceTimersByTimeAsync(5000);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(seen).toEqual([2]);
    expect(watchers.size).toBe(1);
    stop();
    expect(watchers.size).toBe(0);
  });

  it('publishes each newer version once, and gives a late listener the newest at once', async () => {
    const { watchers } = setup(() => new Promise<StoredOrder>(() => undefined));
    const first: number[] = [];
    watchers.subscribe('20240613093614690315', (order) => first.push(order.version));
    watchers.publish(storedOrder({ version: 2 }));
    watchers.publish(storedOrder({ version: 2 }));
    watchers.publish(storedOrder({ version: 1 }));
    watchers.publish(storedOrder({ version: 3 }));
    watchers.publish(storedOrder({ orderId: 'unwatched', version: 9 }));
    const late: number[] = [];
    watchers.subscribe('20240613093614690315', (order) => late.push(order.version));
    expect(first).toEqual([2, 3]);
    expect(late).toEqual([3]);
    watchers.close();
    expect(watchers.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('OrderWatchers: one polling budget for every watched order', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('polls 1,000 watched orders at most budgetPerSecond times a second in all', async () => {
    const refresh = vi.fn(async (orderId: string) => storedOrder({ orderId }));
    const watchers = new OrderWatchers({ refresh, pollIntervalMs: 1000, budgetPerSecond: 10, onError: () => undefined });
    const stops = Array.from({ length: 1000 }, (_, i) => watchers.subscribe(`order-${i}`, () => undefined));
    await vi.advanceTimersByTimeAsync(0);
    expect(refresh).toHaveBeenCalledTimes(10);
    await vi.advanceTimersByTimeAsync(10_000);
    // Ten to begin with, then ten a second: never one poll per order per interval.
    expect(refresh.mock.calls.length).toBeLessThanOrEqual(10 + 100 + 1);
    expect(refresh.mock.calls.length).toBeGreaterThanOrEqual(100);
    // Fair: the first hundred orders, each once, before any is polled again.
    const polled = refresh.mock.calls.map(([orderId]) => orderId);
    expect(new Set(polled.slice(0, 100)).size).toBe(100);
    for (const stop of stops) stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('polls the most overdue first', async () => {
    const expiresAt: Record<string, number> = { soon: 5_000, late: 50_000, early: 90_000 };
    const refresh = vi.fn(async (orderId: string) => storedOrder({ orderId, expiresAt: expiresAt[orderId] ?? 0 }));
    const watchers = new OrderWatchers({ refresh, pollIntervalMs: 1000, budgetPerSecond: 1, onError: () => undefined });
    watchers.subscribe('early', () => undefined);
    await vi.advanceTimersByTimeAsync(0);
    watchers.subscribe('late', () => undefined);
    watchers.subscribe('soon', () => undefined);
    await vi.advanceTimersByTimeAsync(3000);
    expect(refresh.mock.calls.map(([orderId]) => orderId)).toEqual(['early', 'late', 'soon', 'early']);
    watchers.close();
  });

  it('leaves a lone watched order its own pace when the budget allows it', async () => {
    const refresh = vi.fn(async (orderId: string) => storedOrder({ orderId }));
    const watchers = new OrderWatchers({ refresh, pollIntervalMs: 1000, budgetPerSecond: 10, onError: () => undefined });
    const stop = watchers.subscribe('A', () => undefined);
    await vi.advanceTimersByTimeAsync(5000);
    expect(refresh).toHaveBeenCalledTimes(6);
    stop();
  });
});
