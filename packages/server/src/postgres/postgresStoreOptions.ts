import type { Pool } from 'pg';

export interface PostgresStoreOptions {
  /**
   * `postgres://user:password@host:5432/database` (or `postgresql://…`); the store opens a pool of
   * its own and ends it on `close()`. Give this or `pool`, not both.
   */
  connectionString?: string;
  /**
   * A `pg` Pool you already have; `close()` leaves it open. Its own settings apply, so set
   * `statement_timeout`, `query_timeout` and `connectionTimeoutMillis` on it to fail fast, and
   * listen to its `'error'` event (a dropped idle connection). The LISTEN connection is a client
   * of its own made with the pool's settings, so it never takes one of the pool's connections.
   */
  pool?: Pool;
  /** Where the tables live; created when missing. Default `'public'`. */
  schema?: string;
  /** Prepended to every table and index name. Default `'aurpay_'`. */
  tablePrefix?: string;
  /** The LISTEN/NOTIFY channel of status changes. Default `${tablePrefix}events`. */
  channel?: string;
  /** A statement with no answer after this fails, and the request answers 503. Default 5000 ms. */
  statementTimeoutMs?: number;
  /** How long getting a connection may take, from the pool or from the server. Default 5000 ms. */
  connectionTimeoutMs?: number;
  /** Clock, ms since the epoch, for idempotency-key expiry and refresh claims. Default `Date.now`. */
  now?: () => number;
  /** A lost LISTEN connection, a dropped idle connection, undeliverable events. Default: `console.error`. */
  onError?: (error: unknown, context: { where: string; orderId?: string }) => void;
}

/** `PostgresStoreOptions` checked, with every default filled in. */
export interface ResolvedPostgresStoreOptions {
  /** Set when the store opened the pool itself (and so ends it). */
  connectionString: string | null;
  pool: Pool | null;
  schema: string;
  tablePrefix: string;
  channel: string;
  statementTimeoutMs: number;
  connectionTimeoutMs: number;
  now: () => number;
  onError: (error: unknown, context: { where: string; orderId?: string }) => void;
}
