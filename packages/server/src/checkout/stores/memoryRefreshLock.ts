import type { RefreshLock } from './refreshLock.js';

export interface MemoryRefreshLockOptions {
  /** Clock, ms since the epoch. Default `Date.now`. */
  now?: () => number;
}

const PRUNE_ABOVE = 10_000;

/**
 * A `RefreshLock` for several checkouts in one process (and for tests): a claim per order that
 * lapses after its `ttlMs`.
 *
 * @example
 * const refreshLock = new MemoryRefreshLock();
 * const a = createCheckoutHandlers({ ...options, store, events, refreshLock });
 * const b = createCheckoutHandlers({ ...options, store, events, refreshLock });
 */
export class MemoryRefreshLock implements RefreshLock {
  readonly #until = new Map<string, number>();
  readonly #now: () => number;

  constructor(options: MemoryRefreshLockOptions = {}) {
    this.#now = options.now ?? Date.now;
  }

  async acquire(orderId: string, ttlMs: number): Promise<boolean> {
    const now = this.#now();
    const until = this.#until.get(orderId);
    if (until !== undefined && until > now) return false;
    if (this.#until.size > PRUNE_ABOVE) for (const [id, at] of this.#until) if (at <= now) this.#until.delete(id);
    this.#until.set(orderId, now + ttlMs);
    return true;
  }
}
