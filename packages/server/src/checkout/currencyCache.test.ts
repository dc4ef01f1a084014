import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CurrencyCache } from './currencyCache.js';

describe('CurrencyCache', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shares one load among concurrent readers and keeps it for ttlMs', async () => {
    let resolve: (value: string[]) => void = () => undefined;
    const load = vi.fn(() => new Promise<string[]>((r) => (resolve = r)));
    const cache = new CurrencyCache({ load, ttlMs: 300_000 });
    const readers = Array.from({ length: 10 }, () => cache.get());
    resolve(['BTC']);
    expect(await Promise.all(readers)).toEqual(Array(10).fill(['BTC']));
    expect(load).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(299_999);
    await cache.get();
    expect(load).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    const reload = cache.get();
    resolve(['ETH']);
    expect(await reload).toEqual(['ETH']);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('serves the last good value when a reload fails, and fails with nothing cached', async () => {
    const load = vi
      .fn<() => Promise<string[]>>()
      .mockRejectedValueOnce(new Error('down'))
      .mockResolvedValueOnce(['BTC'])
      .mockRejectedValueOnce(new Error('down again'));
    const cache = new CurrencyCache({ load, ttlMs: 1000 });
    await expect(cache.get()).rejects.toThrow('down');
    expect(await cache.get()).toEqual(['BTC']);
    vi.advanceTimersByTime(1000);
    expect(await cache.get()).toEqual(['BTC']);
    expect(load).toHaveBeenCalledTimes(3);
  });
});
