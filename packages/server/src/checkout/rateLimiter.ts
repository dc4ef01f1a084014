export interface RateLimiterOptions {
  /** Events allowed per key within `windowMs`. */
  max: number;
  windowMs: number;
  now?: () => number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

const PRUNE_ABOVE_KEYS = 10_000;

/**
 * A sliding-window limit per key (a client IP): at most `max` events in any `windowMs`. Refused
 * attempts are not counted, so a client that waits `retryAfterMs` gets through.
 *
 * @example
 * const limiter = new RateLimiter({ max: 20, windowMs: 60_000 });
 * if (!limiter.take(req.ip).allowed) answer429();
 */
export class RateLimiter {
  readonly #max: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #hits = new Map<string, number[]>();

  constructor(options: RateLimiterOptions) {
    this.#max = options.max;
    this.#windowMs = options.windowMs;
    this.#now = options.now ?? Date.now;
  }

  /** Keys with hits on record. */
  get trackedKeys(): number {
    return this.#hits.size;
  }

  take(key: string): RateDecision {
    const now = this.#now();
    if (this.#hits.size > PRUNE_ABOVE_KEYS) this.#prune(now);
    const hits = (this.#hits.get(key) ?? []).filter((at) => now - at < this.#windowMs);
    if (hits.length >= this.#max) {
      this.#hits.set(key, hits);
      const oldest = hits[0] ?? now;
      return { allowed: false, retryAfterMs: Math.max(1, oldest + this.#windowMs - now) };
    }
    hits.push(now);
    this.#hits.set(key, hits);
    return { allowed: true };
  }

  #prune(now: number): void {
    for (const [key, hits] of this.#hits) {
      if (hits.every((at) => now - at >= this.#windowMs)) this.#hits.delete(key);
    }
  }
}
