import type { Database } from 'better-sqlite3';
import { OPEN_STATUSES, WATCHED_FINAL_STATUSES } from '../checkout/stores/orderStore.js';
import type { Fulfilment } from '../checkout/fulfilment/fulfilment.js';
import { PRUNABLE_STATUSES } from '../checkout/stores/prunableStatuses.js';
import type { SqliteTables } from './sqliteTables.js';

type Params = Record<string, unknown>;

/** What the store uses of a prepared statement, parameters bound from one object. */
interface Query<Row> {
  get(params: Params): Row | undefined;
  all(params: Params): Row[];
  run(params: Params): { changes: number };
}

/** The status lists are the kit's own constants, so they go into the SQL as literals (and let the planner use them). */
const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');
const OPEN = list(OPEN_STATUSES);
const WATCHED = list(WATCHED_FINAL_STATUSES);
/**
 * The WHERE of migration 2's partial index, term for term: SQLite uses a partial index only for a
 * query that repeats its terms, and `INDEXED BY` below makes a mismatch fail when the statement is
 * prepared rather than fall back to a walk over every expired order.
 */
const UNPAID = `status IN (${list(PRUNABLE_STATUSES)}) AND json_extract(record, '$.paidAmount') = '0'`;

/** A fulfilment row under the names of `Fulfilment`, so rows come back as records. */
const FULFILMENT = `order_id AS orderId, outcome, state, attempts, due_at AS dueAt, lease_owner AS leaseOwner,
  lease_until AS leaseUntil, last_error AS lastError, created_at AS createdAt, updated_at AS updatedAt`;
const ONE_FULFILMENT = 'order_id = @orderId AND outcome = @outcome';

/**
 * Every statement `SqliteOrderStore` runs, prepared once against `tables`. Parameters are named
 * (`@orderId`), bound from one object. Integers always come back as numbers, even on a database
 * whose default is BigInt.
 *
 * @example const statements = sqliteStatements(db, sqliteTables('aurpay_')); statements.getOrder.get({ orderId })
 */
export function sqliteStatements(db: Database, { orders, fulfilments, idempotency, leases }: SqliteTables) {
  const prepare = <Row = unknown>(sql: string): Query<Row> => db.prepare<Params, Row>(sql).safeIntegers(false);
  const record = (sql: string): Query<string> => db.prepare<Params, string>(`SELECT record FROM ${orders} ${sql}`).pluck();
  const unsettled = (after: string) =>
    record(`WHERE (status IN (${OPEN}) OR (status IN (${WATCHED}) AND expires_at >= @expiredSince)) ${after}
      ORDER BY created_at, order_id LIMIT @limit`);
  return {
    getOrder: record('WHERE order_id = @orderId'),
    orderByRef: record('WHERE callback_ref = @callbackRef'),
    putOrder:
      prepare(`INSERT INTO ${orders} (order_id, callback_ref, open_order_key, status, version, created_at, expires_at, updated_at, record)
      VALUES (@orderId, @callbackRef, @openOrderKey, @status, @version, @createdAt, @expiresAt, @updatedAt, @record)
      ON CONFLICT (order_id) DO UPDATE SET callback_ref = excluded.callback_ref, open_order_key = excluded.open_order_key,
        status = excluded.status, version = excluded.version, created_at = excluded.created_at, expires_at = excluded.expires_at,
        updated_at = excluded.updated_at, record = excluded.record`),
    orderForUpdate: prepare<{ version: number; record: string }>(`SELECT version, record FROM ${orders} WHERE order_id = @orderId`),
    setStatus: prepare(`UPDATE ${orders} SET status = @status, version = @version, updated_at = @updatedAt, record = @record
      WHERE order_id = @orderId AND version = @expectedVersion`),
    openOrder: record(`WHERE open_order_key = @openOrderKey AND status IN (${OPEN}) AND expires_at > @now
      ORDER BY created_at DESC, order_id DESC LIMIT 1`),
    unsettled: unsettled(''),
    unsettledAfter: unsettled('AND (created_at > @createdAt OR (created_at = @createdAt AND order_id > @orderId))'),

    oweFulfilment: prepare(`INSERT INTO ${fulfilments} (order_id, outcome, state, attempts, due_at, created_at, updated_at)
      VALUES (@orderId, @outcome, 'owed', 0, @now, @now, @now) ON CONFLICT (order_id, outcome) DO NOTHING`),
    getFulfilment: prepare<Fulfilment>(`SELECT ${FULFILMENT} FROM ${fulfilments} WHERE ${ONE_FULFILMENT}`),
    claimFulfilment:
      prepare<Fulfilment>(`UPDATE ${fulfilments} SET attempts = attempts + 1, lease_owner = @owner, lease_until = @until, updated_at = @now
      WHERE ${ONE_FULFILMENT} AND state = 'owed' AND due_at <= @now AND (lease_until IS NULL OR lease_until <= @now) RETURNING ${FULFILMENT}`),
    renewFulfilment: prepare(`UPDATE ${fulfilments} SET lease_until = @until
      WHERE ${ONE_FULFILMENT} AND state = 'owed' AND lease_owner = @owner AND lease_until > @now`),
    completeFulfilment: prepare(`UPDATE ${fulfilments} SET state = 'done', lease_owner = NULL, lease_until = NULL, updated_at = @now
      WHERE ${ONE_FULFILMENT} AND state = 'owed'`),
    failFulfilment: prepare<Fulfilment>(`UPDATE ${fulfilments} SET state = CASE WHEN @retryAt IS NULL THEN 'failed' ELSE 'owed' END,
        due_at = COALESCE(@retryAt, due_at), lease_owner = NULL, lease_until = NULL, last_error = @error, updated_at = @now
      WHERE ${ONE_FULFILMENT} AND state = 'owed' AND lease_owner = @owner RETURNING ${FULFILMENT}`),
    retryFulfilment: prepare<Fulfilment>(`UPDATE ${fulfilments} SET state = 'owed', due_at = @now, updated_at = @now
      WHERE ${ONE_FULFILMENT} AND state IN ('owed', 'failed') RETURNING ${FULFILMENT}`),
    listFulfilments: prepare<Fulfilment>(`SELECT ${FULFILMENT} FROM ${fulfilments} WHERE state = @state
      ORDER BY due_at, order_id, outcome LIMIT @limit`),
    listFulfilmentsDue: prepare<Fulfilment>(`SELECT ${FULFILMENT} FROM ${fulfilments} WHERE state = @state AND due_at <= @dueBy
      ORDER BY due_at, order_id, outcome LIMIT @limit`),

    acquireLease: prepare(`INSERT INTO ${leases} (name, owner, until) VALUES (@name, @owner, @until)
      ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until WHERE ${leases}.owner = excluded.owner OR ${leases}.until <= @now`),

    reserveKey:
      prepare(`INSERT INTO ${idempotency} (key, state, fingerprint, response, expires_at) VALUES (@key, 'pending', @fingerprint, NULL, @expiresAt)
      ON CONFLICT (key) DO UPDATE SET state = 'pending', fingerprint = excluded.fingerprint, response = NULL, expires_at = excluded.expires_at
      WHERE ${idempotency}.expires_at <= @now`),
    readKey: prepare<{ state: 'pending' | 'completed'; fingerprint: string; response: string | null }>(
      `SELECT state, fingerprint, response FROM ${idempotency} WHERE key = @key`,
    ),
    completeKey:
      prepare(`INSERT INTO ${idempotency} (key, state, fingerprint, response, expires_at) VALUES (@key, 'completed', @fingerprint, @response, @expiresAt)
      ON CONFLICT (key) DO UPDATE SET state = 'completed', fingerprint = excluded.fingerprint, response = excluded.response, expires_at = excluded.expires_at`),
    releaseKey: prepare(`DELETE FROM ${idempotency} WHERE key = @key`),
    prunableOrders: prepare<{
      orderId: string;
    }>(`SELECT order_id AS orderId FROM ${orders} AS o INDEXED BY ${orders}_unpaid_expires WHERE ${UNPAID} AND expires_at < @before
        AND NOT EXISTS (SELECT 1 FROM ${fulfilments} AS f WHERE f.order_id = o.order_id AND f.state IN ('owed', 'failed'))
      ORDER BY expires_at, order_id LIMIT @limit`),
    deleteFulfilments: prepare(`DELETE FROM ${fulfilments} WHERE order_id = @orderId`),
    deleteOrder: prepare(`DELETE FROM ${orders} WHERE order_id = @orderId`),
    pruneKeys: prepare(`DELETE FROM ${idempotency} WHERE expires_at <= @now`),
    pruneLeases: prepare(`DELETE FROM ${leases} WHERE until <= @now`),
  };
}

/** The prepared statements of one store. */
export type SqliteStatements = ReturnType<typeof sqliteStatements>;
