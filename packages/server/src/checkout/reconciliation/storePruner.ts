import type { OrderStore } from '../stores/orderStore.js';

export interface StorePrunerOptions {
  store: Pick<OrderStore, 'prune'>;
  /** How long after expiry an unpaid order is kept (`unpaidOrderRetentionMs`). */
  retentionMs: number;
  now: () => number;
}

/** The stores' work per call stays short (one transaction, or a few scripts), and a backlog drains in turns. */
const BATCH = 500;
/** Pruning is garbage collection: far rarer than reconciliation passes is often enough. */
const EVERY_MS = 600_000;

/**
 * Keeps the store bounded for the reconciler: at most every 10 minutes (the first time when first
 * asked), removes unpaid orders that expired more than `retentionMs` ago, with their records, and
 * the idempotency keys and leases that ran out (`OrderStore.prune`), in batches of 500 until a
 * batch comes back short. The reconciler asks only while it holds its lease, so one instance
 * prunes at a time.
 *
 * @example const pruned = await new StorePruner({ store, retentionMs: 48 * 3_600_000, now: Date.now }).pruneIfDue(); // 0 until 10 minutes passed
 */
export class StorePruner {
  readonly #o: StorePrunerOptions;
  #last: number | null = null;
  #stopped = false;

  constructor(options: StorePrunerOptions) {
    this.#o = options;
  }

  /** Prunes when due, and resolves to how many orders went (0 when not due); rejects with the store's error. */
  async pruneIfDue(): Promise<number> {
    const now = this.#o.now();
    if (this.#last !== null && now - this.#last < EVERY_MS) return 0;
    // Counted from the start, failed or not: a store that fails is tried again in 10 minutes, not every pass.
    this.#last = now;
    let pruned = 0;
    for (;;) {
      const { orders } = await this.#o.store.prune({ unpaidExpiredBefore: now - this.#o.retentionMs, now, limit: BATCH });
      pruned += orders;
      if (orders < BATCH || this.#stopped) return pruned;
    }
  }

  /** Ends a run between batches (the checkout is closing). */
  stop(): void {
    this.#stopped = true;
  }
}
