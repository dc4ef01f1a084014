import type { SqlTransaction } from '../stores/sqlTransaction.js';

/** The outcomes that owe a hook: `onPaid` for paid, `onExpired` for expired. */
export type FulfilmentOutcome = 'paid' | 'expired';

/**
 * - `owed`: recorded, not yet done; attempts run (with backoff) until one succeeds.
 * - `done`: a hook call resolved (or the merchant's transaction committed).
 * - `failed`: it kept failing for `maxAttempts`; reported, listed, and retried only on request.
 */
export type FulfilmentState = 'owed' | 'done' | 'failed';

/** A fulfilment the store keeps for one order and outcome. Plain JSON; times in ms. */
export interface Fulfilment {
  orderId: string;
  outcome: FulfilmentOutcome;
  state: FulfilmentState;
  /** Attempts started so far. */
  attempts: number;
  /** When the next attempt may start. */
  dueAt: number;
  /** Who runs an attempt now, and until when; null when nobody does. */
  leaseOwner: string | null;
  leaseUntil: number | null;
  /** Why the last attempt failed; null when none did. */
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
}

/** What `onPaid` and `onExpired` receive beside the order. */
export interface FulfilmentContext {
  /**
   * Stable across attempts and instances: the order id. Fulfilment runs at least once, so record
   * it with your effect and skip what you already did (a unique constraint on it is enough).
   */
  idempotencyKey: string;
  /** 1 on the first attempt, 2 on the first retry… */
  attempt: number;
  outcome: FulfilmentOutcome;
  /**
   * With a SQL store only (SQLite, PostgreSQL): runs `work` inside one database transaction that
   * also marks this fulfilment done, so your own writes and the done mark commit together, or
   * neither does: exactly once. Keep it short; with SQLite, other store access waits for it.
   *
   * @example
   * onPaid: async (order, { transaction }) => {
   *   await transaction!((sql) => sql.query('INSERT INTO shipments (order_id, cart_id) VALUES ($1, $2)', [order.orderId, order.metadata.cartId]));
   * }
   */
  transaction?: <T>(work: (sql: SqlTransaction) => T | Promise<T>) => Promise<T>;
}
