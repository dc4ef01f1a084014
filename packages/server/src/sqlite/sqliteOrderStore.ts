import { AurpayKitError } from '@aurpay-kit/core';
import type { Fulfilment, FulfilmentOutcome } from '../checkout/fulfilment/fulfilment.js';
import type {
  FulfilmentQuery,
  IdempotencyState,
  LeaseRequest,
  OrderStatusUpdate,
  OrderStore,
  PruneRequest,
} from '../checkout/stores/orderStore.js';
import type { SqlTransaction, StoredOrder, StoredResponse, UnsettledOrdersQuery } from '../checkout/stores/orderStore.js';
import { upgradeStoredOrder } from '../checkout/stores/storeRecords.js';
import type { SqliteConnection } from './sqliteConnection.js';
import { sqliteStatements, type SqliteStatements } from './sqliteStatements.js';
import type { SqliteTables } from './sqliteTables.js';
import { SqliteTransaction } from './sqliteTransaction.js';

export interface SqliteOrderStoreOptions {
  tables: SqliteTables;
  /** Clock, ms since the epoch, for idempotency-key expiry. */
  now: () => number;
}

const parse = (record: string | undefined) => (record === undefined ? null : upgradeStoredOrder(JSON.parse(record) as StoredOrder));

/**
 * The `OrderStore` in one SQLite file, for a shop on one server: every order whole as JSON
 * beside the columns its queries use, fulfilments, named leases and idempotency keys in tables
 * of their own. Each method is one statement or one transaction, so it is atomic against other
 * requests and other processes on the file; `completeFulfilmentWith` commits the merchant's own
 * writes with the done mark. A locked, failing or closed database is a `StoreUnavailableError`.
 * Made by `createSqliteStore`, which owns the connection and the schema.
 *
 * @example const { store } = createSqliteStore({ filename: './shop.db' }); await store.get('20240613093614690315');
 */
export class SqliteOrderStore implements OrderStore {
  readonly #connection: SqliteConnection;
  readonly #s: SqliteStatements;
  readonly #now: () => number;
  readonly #setStatus: (orderId: string, expectedVersion: number, update: OrderStatusUpdate, owe?: FulfilmentOutcome) => StoredOrder | null;
  readonly #reserve: (key: string, fingerprint: string, ttlMs: number) => IdempotencyState;
  readonly #owe: (orderId: string, outcome: FulfilmentOutcome, now: number) => Fulfilment;
  readonly #prune: (request: PruneRequest) => number;

  constructor(connection: SqliteConnection, options: SqliteOrderStoreOptions) {
    const s = sqliteStatements(connection.db, options.tables);
    this.#connection = connection;
    this.#s = s;
    this.#now = options.now;
    // Read-then-write steps take the write lock first (IMMEDIATE): a deferred transaction that read
    // before another process wrote could not upgrade, and would fail instead of waiting.
    this.#setStatus = connection.db.transaction(
      (orderId: string, expectedVersion: number, update: OrderStatusUpdate, owe?: FulfilmentOutcome) => {
        const row = s.orderForUpdate.get({ orderId });
        if (row === undefined || row.version !== expectedVersion) return null;
        const { status, aurpayStatus, paidAmount, updatedAt, gatewayUpdatedAt, transactions } = update;
        const next: StoredOrder = {
          ...upgradeStoredOrder(JSON.parse(row.record) as StoredOrder),
          status,
          aurpayStatus,
          paidAmount,
          updatedAt,
          gatewayUpdatedAt,
          transactions,
          version: expectedVersion + 1,
        };
        s.setStatus.run({ orderId, expectedVersion, status, updatedAt, version: next.version, record: JSON.stringify(next) });
        if (owe !== undefined) s.oweFulfilment.run({ orderId, outcome: owe, now: updatedAt });
        return next;
      },
    ).immediate;
    this.#reserve = connection.db.transaction((key: string, fingerprint: string, ttlMs: number): IdempotencyState => {
      const now = this.#now();
      if (s.reserveKey.run({ key, fingerprint, now, expiresAt: now + ttlMs }).changes === 1) return { state: 'reserved' };
      const held = s.readKey.get({ key })!;
      if (held.state === 'pending' || held.response === null) return { state: 'pending', fingerprint: held.fingerprint };
      return { state: 'completed', fingerprint: held.fingerprint, response: JSON.parse(held.response) as StoredResponse };
    }).immediate;
    this.#owe = connection.db.transaction((orderId: string, outcome: FulfilmentOutcome, now: number) => {
      s.oweFulfilment.run({ orderId, outcome, now });
      return s.getFulfilment.get({ orderId, outcome })!;
    }).immediate;
    // One transaction: an order goes with its done fulfilments, and a status write or a new owed
    // fulfilment from another process lands before the selection or after the deletes.
    this.#prune = connection.db.transaction(({ unpaidExpiredBefore, now, limit }: PruneRequest) => {
      const prunable = s.prunableOrders.all({ before: unpaidExpiredBefore, limit });
      for (const { orderId } of prunable) {
        s.deleteFulfilments.run({ orderId });
        s.deleteOrder.run({ orderId });
      }
      s.pruneKeys.run({ now });
      s.pruneLeases.run({ now });
      return prunable.length;
    }).immediate;
  }

  get(orderId: string): Promise<StoredOrder | null> {
    return this.#connection.run('read an order', () => parse(this.#s.getOrder.get({ orderId })));
  }

  findByCallbackRef(callbackRef: string): Promise<StoredOrder | null> {
    return this.#connection.run('read an order by its callback reference', () => parse(this.#s.orderByRef.get({ callbackRef })));
  }

  put(order: StoredOrder): Promise<void> {
    return this.#connection.run('save an order', () => {
      const { orderId, callbackRef, openOrderKey, status, version, createdAt, expiresAt, updatedAt } = order;
      this.#s.putOrder.run({
        orderId,
        callbackRef,
        openOrderKey: openOrderKey ?? null,
        status,
        version,
        createdAt,
        expiresAt,
        updatedAt,
        record: JSON.stringify(order),
      });
    });
  }

  compareAndSetStatus(
    orderId: string,
    expectedVersion: number,
    update: OrderStatusUpdate,
    owe?: FulfilmentOutcome,
  ): Promise<StoredOrder | null> {
    return this.#connection.run('write an order status', () => this.#setStatus(orderId, expectedVersion, update, owe));
  }

  findOpenOrder(openOrderKey: string, now: number): Promise<StoredOrder | null> {
    return this.#connection.run('find an open order', () => parse(this.#s.openOrder.get({ openOrderKey, now })));
  }

  listUnsettledOrders({ expiredSince, limit, after }: UnsettledOrdersQuery): Promise<StoredOrder[]> {
    return this.#connection.run('list unsettled orders', () =>
      (after === undefined
        ? this.#s.unsettled.all({ expiredSince, limit })
        : this.#s.unsettledAfter.all({ expiredSince, limit, ...after })
      ).map((record) => parse(record)!),
    );
  }

  oweFulfilment(orderId: string, outcome: FulfilmentOutcome, now: number): Promise<Fulfilment> {
    return this.#connection.run('record an owed fulfilment', () => this.#owe(orderId, outcome, now));
  }

  getFulfilment(orderId: string, outcome: FulfilmentOutcome): Promise<Fulfilment | null> {
    return this.#connection.run('read a fulfilment', () => this.#s.getFulfilment.get({ orderId, outcome }) ?? null);
  }

  claimFulfilment(
    orderId: string,
    outcome: FulfilmentOutcome,
    { owner, now, leaseMs }: LeaseRequest & { leaseMs: number },
  ): Promise<Fulfilment | null> {
    return this.#connection.run(
      'claim a fulfilment',
      () => this.#s.claimFulfilment.get({ orderId, outcome, owner, now, until: now + leaseMs }) ?? null,
    );
  }

  renewFulfilment(
    orderId: string,
    outcome: FulfilmentOutcome,
    { owner, now, leaseMs }: LeaseRequest & { leaseMs: number },
  ): Promise<boolean> {
    return this.#connection.run(
      'renew a fulfilment lease',
      () => this.#s.renewFulfilment.run({ orderId, outcome, owner, now, until: now + leaseMs }).changes === 1,
    );
  }

  completeFulfilment(orderId: string, outcome: FulfilmentOutcome, { now }: LeaseRequest): Promise<boolean> {
    return this.#connection.run('complete a fulfilment', () => this.#s.completeFulfilment.run({ orderId, outcome, now }).changes === 1);
  }

  failFulfilment(
    orderId: string,
    outcome: FulfilmentOutcome,
    { owner, now, error, retryAt }: LeaseRequest & { error: string; retryAt: number | null },
  ): Promise<Fulfilment | null> {
    return this.#connection.run(
      'record a failed fulfilment',
      () => this.#s.failFulfilment.get({ orderId, outcome, owner, now, error, retryAt }) ?? null,
    );
  }

  retryFulfilment(orderId: string, outcome: FulfilmentOutcome, now: number): Promise<Fulfilment | null> {
    return this.#connection.run('retry a fulfilment', () => this.#s.retryFulfilment.get({ orderId, outcome, now }) ?? null);
  }

  listFulfilments({ state, dueBy, limit }: FulfilmentQuery): Promise<Fulfilment[]> {
    return this.#connection.run('list fulfilments', () =>
      dueBy === undefined ? this.#s.listFulfilments.all({ state, limit }) : this.#s.listFulfilmentsDue.all({ state, dueBy, limit }),
    );
  }

  completeFulfilmentWith<T>(
    orderId: string,
    outcome: FulfilmentOutcome,
    { owner, now }: LeaseRequest,
    work: (sql: SqlTransaction) => T | Promise<T>,
  ): Promise<T> {
    const connection = this.#connection;
    return connection.transaction('complete a fulfilment with its transaction', async () => {
      // Inside the transaction, so these run at once, within it.
      const record = await this.getFulfilment(orderId, outcome);
      if (record?.state !== 'owed' || record.leaseOwner !== owner) throw notHeld(orderId, outcome, owner, record);
      const sql = new SqliteTransaction(connection.db);
      let result: T;
      try {
        result = await work(sql);
      } finally {
        sql.end();
      }
      if (!connection.db.inTransaction)
        throw new AurpayKitError(
          'sqlite_transaction_ended',
          'The fulfilment transaction ended inside its work: leave COMMIT and ROLLBACK to the store.',
        );
      await this.completeFulfilment(orderId, outcome, { owner, now });
      return result;
    });
  }

  prune(request: PruneRequest): Promise<{ orders: number }> {
    return this.#connection.run('prune orders, idempotency keys and leases', () => ({ orders: this.#prune(request) }));
  }

  acquireLease(name: string, { owner, now, ttlMs }: LeaseRequest & { ttlMs: number }): Promise<boolean> {
    return this.#connection.run('take a lease', () => this.#s.acquireLease.run({ name, owner, now, until: now + ttlMs }).changes === 1);
  }

  reserveIdempotencyKey(key: string, fingerprint: string, ttlMs: number): Promise<IdempotencyState> {
    return this.#connection.run('reserve an idempotency key', () => this.#reserve(key, fingerprint, ttlMs));
  }

  completeIdempotencyKey(key: string, fingerprint: string, response: StoredResponse, ttlMs: number): Promise<void> {
    return this.#connection.run('complete an idempotency key', () => {
      const stored = JSON.stringify({ status: response.status, body: response.body });
      this.#s.completeKey.run({ key, fingerprint, response: stored, expiresAt: this.#now() + ttlMs });
    });
  }

  releaseIdempotencyKey(key: string): Promise<void> {
    return this.#connection.run('release an idempotency key', () => {
      this.#s.releaseKey.run({ key });
    });
  }
}

function notHeld(orderId: string, outcome: FulfilmentOutcome, owner: string, record: Fulfilment | null): AurpayKitError {
  const found =
    record === null
      ? 'there is none'
      : record.state !== 'owed'
        ? `it is ${record.state}`
        : `the lease is ${record.leaseOwner ?? 'nobody'}'s`;
  return new AurpayKitError(
    'fulfilment_not_held',
    `The ${outcome} fulfilment of order ${orderId} is not owed under ${owner}'s lease: ${found}.`,
  );
}
