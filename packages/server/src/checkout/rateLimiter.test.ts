import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from './rateLimiter.js';

describe('RateLimiter', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('allows 20 a minute per client by its options, then says how long to wait', () => {
    const limiter = new RateLimiter({ max: 20, windowMs: 60_000 });
    for (let i = 0; i < 20; i += 1) {
      expect(limiter.take('1.2.3.4')).toEqual({ allowed: true });
      vi.advanceTimersByTime(1000);
    }
    expect(limiter.take('1.2.3.4')).toEqual({ allowed: false, retryAfterMs: 40_000 });
    expect(limiter.take('5.6.7.8')).toEqual({ allowed: true });
    vi.advanceTimersByTime(39_999);
    expect(limiter.take('1.2.3.4').allowed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(limiter.take('1.2.3.4').allowed).toBe(true);
    expect(limiter.take('1.2.3.4').allowed).toBe(false);
  });

  it('slides: refused attempts do not count, old ones fall out', () => {
    const limiter = new RateLimiter({ max: 2, windowMs: 10_000 });
    expect(limiter.take('a').allowed).toBe(true);
    vi.advanceTimersByTime(5000);
    expect(limiter.take('a').allowed).toBe(true);
    for (let i = 0; i < 5; i += 1) expect(limiter.take('a').allowed).toBe(false);
    vi.advanceTimersByTime(5000);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterMs: 5000 });
  });

  it('keeps memory bounded when many clients come and go', () => {
    const limiter = new RateLimiter({ max: 1, windowMs: 1000 });
    for (let i = 0; i < 10_050; i += 1) limiter.take(`client-${i}`);
    expect(limiter.trackedKeys).toBe(10_050);
    vi.advanceTimersByTime(1000);
    limiter.take('late');
    expect(limiter.trackedKeys).toBe(1);
  });
});
