import { randomUUID } from 'node:crypto';
import type { RefreshLock } from '../checkout/stores/refreshLock.js';
import type { PostgresDatabase } from './postgresDatabase.js';
import { postgresOrderSql } from './postgresOrderSql.js';

export interface PostgresRefreshLockOptions {
  /** Clock, ms since the epoch. Default `Date.now`. */
  now?: () => number;
}

const PRUNE_EVERY_MS = 60_000;
/** Lapsed claims are free at once, and deleted this much later, so instances whose clocks differ agree. */
const PRUNE_MARGIN_MS = 3_600_000;

/**
 * The `RefreshLock` over PostgreSQL: a lease row `refresh:{orderId}` in the leases table, taken
 * with `INSERT … ON CONFLICT DO UPDATE … WHERE until <= now RETURNING`, so of racing processes one
 * gets it. The claim is never released early; it lapses after `ttlMs` (the checkout's
 * `minRefreshMs`), which is the point: one upstream fetch per order per `minRefreshMs` across every
 * process. Lapsed rows are deleted now and then. Times come from `now`, compared in SQL, so the
 * instances' clocks should agree to well within `minRefreshMs`.
 *
 * @example await postgres.refreshLock.acquire(orderId, 2000) // true for one process
 */
export class PostgresRefreshLock implements RefreshLock {
  readonly #db: PostgresDatabase;
  readonly #sql: ReturnType<typeof postgresOrderSql>;
  readonly #now: () => number;
  readonly #owner = randomUUID();
  #lastPrune: number | null = null;

  constructor(db: PostgresDatabase, options: PostgresRefreshLockOptions = {}) {
    this.#db = db;
    this.#sql = postgresOrderSql(db.tables);
    this.#now = options.now ?? Date.now;
  }

  async acquire(orderId: string, ttlMs: number): Promise<boolean> {
    const now = this.#now();
    this.#prune(now);
    const rows = await this.#db.query('claim an order refresh', this.#sql.claimRefresh, [
      `refresh:${orderId}`,
      this.#owner,
      now,
      Math.max(1, Math.ceil(ttlMs)),
    ]);
    return rows.length > 0;
  }

  #prune(now: number): void {
    if (this.#lastPrune === null) this.#lastPrune = now;
    if (now - this.#lastPrune < PRUNE_EVERY_MS) return;
    this.#lastPrune = now;
    // Only garbage: a failure here changes nothing the caller sees, and the next minute tries again.
    this.#db.query('prune refresh claims', this.#sql.pruneRefreshClaims, [now - PRUNE_MARGIN_MS]).catch(() => undefined);
  }
}
