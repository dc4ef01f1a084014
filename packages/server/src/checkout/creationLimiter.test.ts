import { RateLimiterMemory } from 'rate-limiter-flexible';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CreationLimiter } from './creationLimiter.js';
import { memoryRateLimitBackend, type RateLimitBackend } from './stores/rateLimitBackend.js';
import { StoreUnavailableError } from './stores/storeUnavailableError.js';

const SPEC = { points: 2, durationMs: 60_000, keyPrefix: 'test' };

describe('CreationLimiter', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('allows points per window per key, tells how long to wait, and lets the key through after it', async () => {
    const limiter = new CreationLimiter(memoryRateLimitBackend, SPEC);
    expect(await limiter.take('a')).toEqual({ allowed: true });
    expect(await limiter.take('a')).toEqual({ allowed: true });
    expect(await limiter.take('a')).toEqual({ allowed: false, retryAfterMs: 60_000 });
    expect(await limiter.take('b')).toEqual({ allowed: true });
    vi.advanceTimersByTime(60_000);
    expect(await limiter.take('a')).toEqual({ allowed: true });
  });

  it('answers an unreachable backend with StoreUnavailableError, never a pass, and makes it again when it is back', async () => {
    let up = false;
    const backend: RateLimitBackend = {
      limiter: (spec) => {
        if (!up) throw new Error('no table yet');
        return memoryRateLimitBackend.limiter(spec);
      },
    };
    const limiter = new CreationLimiter(backend, SPEC);
    await expect(limiter.take('a')).rejects.toBeInstanceOf(StoreUnavailableError);
    up = true;
    expect(await limiter.take('a')).toEqual({ allowed: true });
    const failing = new RateLimiterMemory({ points: 1, duration: 1 });
    failing.consume = () => Promise.reject(new Error('connection reset'));
    await expect(new CreationLimiter({ limiter: () => failing }, SPEC).take('a')).rejects.toThrow(
      'The rate limit could not be counted: connection reset',
    );
  });
});
