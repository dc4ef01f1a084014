import type { Database } from 'better-sqlite3';

interface CommonSqliteStoreOptions {
  /**
   * Prepended to every table the kit creates (`aurpay_orders`, `aurpay_schema_migrations`…), so
   * the kit's tables sit beside the shop's own. Letters, digits and `_`, not starting with a
   * digit. Default `'aurpay_'`.
   */
  tablePrefix?: string;
  /** How long a write waits for another process's to finish before answering 503. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** Clock, ms since the epoch, for idempotency-key expiry. Default `Date.now`. */
  now?: () => number;
}

export type SqliteStoreOptions = CommonSqliteStoreOptions &
  (
    | {
        /** The database file (created if missing), or `':memory:'` for tests. */
        filename: string;
        database?: undefined;
      }
    | {
        /**
         * An open better-sqlite3 database of the shop's own to keep the kit's tables in, instead
         * of opening `filename`. The store sets WAL, `synchronous=FULL`, foreign keys and the busy
         * timeout on it, and `close()` leaves it open.
         */
        database: Database;
        filename?: undefined;
      }
  );

/** `SqliteStoreOptions` checked, with every default filled in. */
export interface ResolvedSqliteStoreOptions {
  source: { filename: string } | { database: Database };
  tablePrefix: string;
  busyTimeoutMs: number;
  now: () => number;
}
