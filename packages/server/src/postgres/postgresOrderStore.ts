import { randomUUID } from 'node:crypto';
import type { Fulfilment, FulfilmentOutcome } from '../checkout/fulfilment/fulfilment.js';
import type {
  FulfilmentQuery,
  IdempotencyState,
  LeaseRequest,
  OrderStatusUpdate,
  OrderStore,
  PruneRequest,
  SqlTransaction,
  StoredOrder,
  StoredResponse,
  UnsettledOrdersQuery,
} from '../checkout/stores/orderStore.js';
import { completeInTransaction } from './completeInTransaction.js';
import type { PostgresDatabase } from './postgresDatabase.js';
import { postgresFulfilmentSql } from './postgresFulfilmentSql.js';
import { postgresOrderSql } from './postgresOrderSql.js';
import { toFulfilment, toStoredOrder, type FulfilmentRow } from './postgresRows.js';

export interface PostgresOrderStoreOptions {
  /** Clock, ms since the epoch, for idempotency-key expiry. */
  now: () => number;
}

type RecordRow = { record: unknown };
type IdempotencyRow = { state: 'pending' | 'completed'; fingerprint: string; response: string | null; reserved: boolean };

const PRUNE_EVERY_MS = 60_000;
/** Expired keys are ignored at once, and deleted this much later, so instances whose clocks differ agree. */
const PRUNE_MARGIN_MS = 3_600_000;

/**
 * The `OrderStore` over a PostgreSQL pool: every method is one statement (compare-and-set and the
 * fulfilment it owes included), so each is atomic across processes; `completeFulfilmentWith` runs
 * the merchant's writes and the done mark in one transaction. Every failure to reach the database
 * is a `StoreUnavailableError`. Built by `createPostgresStore`, which owns the pool.
 *
 * @example const order = await postgres.store.get('20240613093614690315');
 */
export class PostgresOrderStore implements OrderStore {
  readonly #db: PostgresDatabase;
  readonly #now: () => number;
  readonly #sql: ReturnType<typeof postgresOrderSql>;
  readonly #fsql: ReturnType<typeof postgresFulfilmentSql>;
  #lastPrune = 0;

  constructor(db: PostgresDatabase, options: PostgresOrderStoreOptions) {
    this.#db = db;
    this.#now = options.now;
    this.#sql = postgresOrderSql(db.tables);
    this.#fsql = postgresFulfilmentSql(db.tables);
  }

  async get(orderId: string): Promise<StoredOrder | null> {
    return this.#order('read an order', this.#sql.get, [orderId]);
  }

  async findByCallbackRef(callbackRef: string): Promise<StoredOrder | null> {
    return this.#order('find an order by its callback reference', this.#sql.findByCallbackRef, [callbackRef]);
  }

  async put(order: StoredOrder): Promise<void> {
    const { orderId, callbackRef, openOrderKey, status, version, createdAt, expiresAt, updatedAt } = order;
    await this.#db.query('save an order', this.#sql.put, [
      orderId,
      callbackRef,
      openOrderKey,
      status,
      version,
      createdAt,
      expiresAt,
      updatedAt,
      JSON.stringify(order),
    ]);
  }

  async compareAndSetStatus(
    orderId: string,
    expectedVersion: number,
    update: OrderStatusUpdate,
    owe?: FulfilmentOutcome,
  ): Promise<StoredOrder | null> {
    const { status, aurpayStatus, paidAmount, updatedAt, gatewayUpdatedAt, transactions } = update;
    const params = [
      orderId,
      expectedVersion,
      status,
      aurpayStatus,
      paidAmount,
      updatedAt,
      gatewayUpdatedAt,
      owe ?? null,
      transactions === undefined ? null : JSON.stringify(transactions),
    ];
    return this.#order('write an order status', this.#sql.compareAndSetStatus, params);
  }

  async findOpenOrder(openOrderKey: string, now: number): Promise<StoredOrder | null> {
    return this.#order('find an open order', this.#sql.findOpenOrder, [openOrderKey, now]);
  }

  async listUnsettledOrders({ expiredSince, limit, after }: UnsettledOrdersQuery): Promise<StoredOrder[]> {
    const [sql, params] =
      after === undefined
        ? [this.#sql.listUnsettled, [expiredSince, limit]]
        : [this.#sql.listUnsettledAfter, [expiredSince, limit, after.createdAt, after.orderId]];
    const rows = await this.#db.query<RecordRow>('list unsettled orders', sql, params);
    return rows.map((row) => toStoredOrder(row.record));
  }

  async oweFulfilment(orderId: string, outcome: FulfilmentOutcome, now: number): Promise<Fulfilment> {
    const inserted = await this.#fulfilment('record a fulfilment as owed', this.#fsql.owe, [orderId, outcome, now]);
    // Already owed: the row exists (only `prune` deletes rows, done ones), and this new statement sees it.
    return inserted ?? (await this.getFulfilment(orderId, outcome))!;
  }

  async getFulfilment(orderId: string, outcome: FulfilmentOutcome): Promise<Fulfilment | null> {
    return this.#fulfilment('read a fulfilment', this.#fsql.get, [orderId, outcome]);
  }

  async claimFulfilment(
    orderId: string,
    outcome: FulfilmentOutcome,
    { owner, now, leaseMs }: LeaseRequest & { leaseMs: number },
  ): Promise<Fulfilment | null> {
    return this.#fulfilment('claim a fulfilment', this.#fsql.claim, [orderId, outcome, owner, now, leaseMs]);
  }

  async renewFulfilment(
    orderId: string,
    outcome: FulfilmentOutcome,
    { owner, now, leaseMs }: LeaseRequest & { leaseMs: number },
  ): Promise<boolean> {
    return this.#changed('renew a fulfilment lease', this.#fsql.renew, [orderId, outcome, owner, now, leaseMs]);
  }

  async completeFulfilment(orderId: string, outcome: FulfilmentOutcome, { now }: LeaseRequest): Promise<boolean> {
    return this.#changed('mark a fulfilment done', this.#fsql.complete, [orderId, outcome, now]);
  }

  async failFulfilment(
    orderId: string,
    outcome: FulfilmentOutcome,
    failure: LeaseRequest & { error: string; retryAt: number | null },
  ): Promise<Fulfilment | null> {
    const { owner, error, retryAt, now } = failure;
    return this.#fulfilment('record a failed fulfilment attempt', this.#fsql.fail, [orderId, outcome, owner, error, retryAt, now]);
  }

  async retryFulfilment(orderId: string, outcome: FulfilmentOutcome, now: number): Promise<Fulfilment | null> {
    return this.#fulfilment('retry a fulfilment', this.#fsql.retry, [orderId, outcome, now]);
  }

  async listFulfilments({ state, dueBy, limit }: FulfilmentQuery): Promise<Fulfilment[]> {
    const rows = await this.#db.query<FulfilmentRow>('list fulfilments', this.#fsql.list, [state, dueBy ?? null, limit]);
    return rows.map(toFulfilment);
  }

  /**
   * Runs `work` and marks the fulfilment done in one transaction, holding the fulfilment's row
   * lock throughout. `work` gets a handle whose `query` runs on the transaction's connection with
   * the connection's own `search_path`, so unqualified names find your tables, not the kit's.
   */
  async completeFulfilmentWith<T>(
    orderId: string,
    outcome: FulfilmentOutcome,
    lease: LeaseRequest,
    work: (sql: SqlTransaction) => T | Promise<T>,
  ): Promise<T> {
    return completeInTransaction(this.#db, this.#fsql, { orderId, outcome, ...lease }, work);
  }

  /** Keys and leases go `PRUNE_MARGIN_MS` after they ran out, as the pruning beside requests does. */
  async prune({ unpaidExpiredBefore, now, limit }: PruneRequest): Promise<{ orders: number }> {
    const [row] = await this.#db.query<{ orders: number }>('prune orders, idempotency keys and leases', this.#sql.prune, [
      unpaidExpiredBefore,
      limit,
      now - PRUNE_MARGIN_MS,
    ]);
    return { orders: row?.orders ?? 0 };
  }

  async acquireLease(name: string, { owner, now, ttlMs }: LeaseRequest & { ttlMs: number }): Promise<boolean> {
    return this.#changed('take a lease', this.#sql.acquireLease, [`lease:${name}`, owner, now, ttlMs]);
  }

  async reserveIdempotencyKey(key: string, fingerprint: string, ttlMs: number): Promise<IdempotencyState> {
    const now = this.#now();
    this.#prune(now);
    const [row] = await this.#db.query<IdempotencyRow>('reserve an idempotency key', this.#sql.reserveIdempotencyKey, [
      key,
      fingerprint,
      randomUUID(),
      now,
      ttlMs,
    ]);
    if (row === undefined || row.reserved) return { state: 'reserved' };
    if (row.state === 'pending' || row.response === null) return { state: 'pending', fingerprint: row.fingerprint };
    const response = JSON.parse(row.response) as StoredResponse;
    return { state: 'completed', fingerprint: row.fingerprint, response: { status: response.status, body: response.body } };
  }

  async completeIdempotencyKey(key: string, fingerprint: string, response: StoredResponse, ttlMs: number): Promise<void> {
    const kept = JSON.stringify({ status: response.status, body: response.body });
    await this.#db.query('complete an idempotency key', this.#sql.completeIdempotencyKey, [key, fingerprint, kept, this.#now(), ttlMs]);
  }

  async releaseIdempotencyKey(key: string): Promise<void> {
    await this.#db.query('release an idempotency key', this.#sql.releaseIdempotencyKey, [key]);
  }

  /** Deletes long-expired idempotency keys, at most once a minute, beside the request that asked. */
  #prune(now: number): void {
    if (now - this.#lastPrune < PRUNE_EVERY_MS) return;
    this.#lastPrune = now;
    // Only garbage: a failure here changes nothing the caller sees, and the next minute tries again.
    this.#db.query('prune idempotency keys', this.#sql.pruneIdempotencyKeys, [now - PRUNE_MARGIN_MS]).catch(() => undefined);
  }

  async #order(what: string, sql: string, params: readonly unknown[]): Promise<StoredOrder | null> {
    const [row] = await this.#db.query<RecordRow>(what, sql, params);
    return row === undefined ? null : toStoredOrder(row.record);
  }

  async #fulfilment(what: string, sql: string, params: readonly unknown[]): Promise<Fulfilment | null> {
    const [row] = await this.#db.query<FulfilmentRow>(what, sql, params);
    return row === undefined ? null : toFulfilment(row);
  }

  async #changed(what: string, sql: string, params: readonly unknown[]): Promise<boolean> {
    return (await this.#db.query(what, sql, params)).length > 0;
  }
}
