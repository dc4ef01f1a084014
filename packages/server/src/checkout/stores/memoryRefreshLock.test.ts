import { describe, expect, it } from 'vitest';
import { MemoryRefreshLock } from './memoryRefreshLock.js';

describe('MemoryRefreshLock', () => {
  it('grants one claim per order until its ttl lapses', async () => {
    let now = 1_000;
    const lock = new MemoryRefreshLock({ now: () => now });
    const claims = await Promise.all(Array.from({ length: 10 }, () => lock.acquire('A', 2000)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await lock.acquire('B', 2000)).toBe(true);
    now += 1999;
    expect(await lock.acquire('A', 2000)).toBe(false);
    now += 1;
    expect(await lock.acquire('A', 2000)).toBe(true);
    expect(await lock.acquire('A', 2000)).toBe(false);
  });
});
