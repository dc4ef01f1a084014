import { OPEN_STATUSES, WATCHED_FINAL_STATUSES } from '../checkout/stores/orderStore.js';
import { PRUNABLE_STATUSES } from '../checkout/stores/prunableStatuses.js';
import type { PostgresTables } from './postgresTables.js';

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/**
 * The statements on orders, idempotency keys and leases, for one set of tables. Parameters are
 * `$n`; times are bigint ms. The order's columns are written from the same values as its record.
 *
 * @example await pool.query(postgresOrderSql(tables).get, [orderId]);
 */
export function postgresOrderSql(t: PostgresTables) {
  const open = list(OPEN_STATUSES);
  const unsettled = `(status IN (${open}) OR (status IN (${list(WATCHED_FINAL_STATUSES)}) AND expires_at >= $1))`;
  return {
    get: `SELECT record FROM ${t.orders} WHERE order_id = $1`,
    findByCallbackRef: `SELECT record FROM ${t.orders} WHERE callback_ref = $1`,
    put: `INSERT INTO ${t.orders} (order_id, callback_ref, open_order_key, status, version, created_at, expires_at, updated_at, record)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
      ON CONFLICT (order_id) DO UPDATE SET callback_ref = EXCLUDED.callback_ref, open_order_key = EXCLUDED.open_order_key,
        status = EXCLUDED.status, version = EXCLUDED.version, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at,
        updated_at = EXCLUDED.updated_at, record = EXCLUDED.record`,
    // One round trip: the status write, and the fulfilment it owes only if the write happened.
    compareAndSetStatus: `WITH updated AS (
        UPDATE ${t.orders} SET status = $3, version = version + 1, updated_at = $6,
          record = record || jsonb_build_object('status', $3::text, 'aurpayStatus', $4::text, 'paidAmount', $5::text,
            'updatedAt', $6::bigint, 'gatewayUpdatedAt', $7::text, 'version', version + 1)
            || CASE WHEN $9::jsonb IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('transactions', $9::jsonb) END
        WHERE order_id = $1 AND version = $2
        RETURNING order_id, updated_at, record
      ), owed AS (
        INSERT INTO ${t.fulfilments} (order_id, outcome, state, attempts, due_at, created_at, updated_at)
        SELECT order_id, $8::text, 'owed', 0, updated_at, updated_at, updated_at FROM updated WHERE $8::text IS NOT NULL
        ON CONFLICT (order_id, outcome) DO NOTHING
      )
      SELECT record FROM updated`,
    findOpenOrder: `SELECT record FROM ${t.orders}
      WHERE open_order_key = $1 AND status IN (${open}) AND expires_at > $2
      ORDER BY created_at DESC, order_id DESC LIMIT 1`,
    listUnsettled: `SELECT record FROM ${t.orders} WHERE ${unsettled} ORDER BY created_at, order_id LIMIT $2`,
    listUnsettledAfter: `SELECT record FROM ${t.orders} WHERE ${unsettled} AND (created_at, order_id) > ($3::bigint, $4::text)
      ORDER BY created_at, order_id LIMIT $2`,
    // A named lease is taken when free, lapsed, or already the caller's.
    acquireLease: `INSERT INTO ${t.leases} AS held (name, owner, until) VALUES ($1, $2, $3::bigint + $4::bigint)
      ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, until = EXCLUDED.until
      WHERE held.owner = EXCLUDED.owner OR held.until <= $3::bigint
      RETURNING 1`,
    // A refresh claim is taken only when free or lapsed: never extended, it lapses after its ttl.
    claimRefresh: `INSERT INTO ${t.leases} AS held (name, owner, until) VALUES ($1, $2, $3::bigint + $4::bigint)
      ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, until = EXCLUDED.until
      WHERE held.until <= $3::bigint
      RETURNING 1`,
    pruneRefreshClaims: `DELETE FROM ${t.leases} WHERE name LIKE 'refresh:%' AND until <= $1`,
    // Always writes the row, so RETURNING shows it as it now is; `reservation` says whether this call took it.
    reserveIdempotencyKey: `INSERT INTO ${t.idempotency} AS kept (key, state, fingerprint, response, reservation, expires_at)
      VALUES ($1, 'pending', $2, NULL, $3, $4::bigint + $5::bigint)
      ON CONFLICT (key) DO UPDATE SET
        state = CASE WHEN kept.expires_at <= $4::bigint THEN 'pending' ELSE kept.state END,
        fingerprint = CASE WHEN kept.expires_at <= $4::bigint THEN EXCLUDED.fingerprint ELSE kept.fingerprint END,
        response = CASE WHEN kept.expires_at <= $4::bigint THEN NULL ELSE kept.response END,
        reservation = CASE WHEN kept.expires_at <= $4::bigint THEN EXCLUDED.reservation ELSE kept.reservation END,
        expires_at = CASE WHEN kept.expires_at <= $4::bigint THEN EXCLUDED.expires_at ELSE kept.expires_at END
      RETURNING state, fingerprint, response, reservation = $3 AS reserved`,
    completeIdempotencyKey: `INSERT INTO ${t.idempotency} (key, state, fingerprint, response, reservation, expires_at)
      VALUES ($1, 'completed', $2, $3, '', $4::bigint + $5::bigint)
      ON CONFLICT (key) DO UPDATE SET state = 'completed', fingerprint = EXCLUDED.fingerprint, response = EXCLUDED.response,
        expires_at = EXCLUDED.expires_at`,
    releaseIdempotencyKey: `DELETE FROM ${t.idempotency} WHERE key = $1`,
    pruneIdempotencyKeys: `DELETE FROM ${t.idempotency} WHERE expires_at <= $1`,
    // One statement, one snapshot: up to $2 unpaid orders expired before $1 with no fulfilment owed
    // or failed go with their done fulfilments, and keys and leases that ran out by $3 with them.
    // The orders are locked as they are chosen: one a status write changed meanwhile is checked
    // again (and kept if paid now), one another transaction holds is left for the next call.
    prune: `WITH chosen AS (
        SELECT order_id FROM ${t.orders} AS o
        WHERE status IN (${list(PRUNABLE_STATUSES)}) AND record->>'paidAmount' = '0' AND expires_at < $1::bigint
          AND NOT EXISTS (SELECT 1 FROM ${t.fulfilments} AS f WHERE f.order_id = o.order_id AND f.state IN ('owed', 'failed'))
        ORDER BY expires_at, order_id LIMIT $2
        FOR UPDATE SKIP LOCKED
      ), fulfilments_gone AS (
        DELETE FROM ${t.fulfilments} AS f USING chosen WHERE f.order_id = chosen.order_id
      ), orders_gone AS (
        DELETE FROM ${t.orders} AS o USING chosen WHERE o.order_id = chosen.order_id RETURNING 1
      ), keys_gone AS (
        DELETE FROM ${t.idempotency} WHERE expires_at <= $3::bigint
      ), leases_gone AS (
        DELETE FROM ${t.leases} WHERE until <= $3::bigint
      )
      SELECT COUNT(*)::integer AS orders FROM orders_gone`,
  };
}

export type PostgresOrderSql = ReturnType<typeof postgresOrderSql>;
