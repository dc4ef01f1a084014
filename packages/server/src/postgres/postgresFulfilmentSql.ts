import type { PostgresTables } from './postgresTables.js';

const COLUMNS = 'order_id, outcome, state, attempts, due_at, lease_owner, lease_until, last_error, created_at, updated_at';

/**
 * The statements on fulfilments, for one set of tables. Each is one atomic statement: a racing
 * UPDATE re-checks its WHERE on the row as the winner left it, so of several claims one wins.
 *
 * @example await pool.query(postgresFulfilmentSql(tables).claim, [orderId, 'paid', owner, now, leaseMs]);
 */
export function postgresFulfilmentSql(t: PostgresTables) {
  const key = 'order_id = $1 AND outcome = $2';
  return {
    owe: `INSERT INTO ${t.fulfilments} (order_id, outcome, state, attempts, due_at, created_at, updated_at)
      VALUES ($1, $2, 'owed', 0, $3, $3, $3) ON CONFLICT (order_id, outcome) DO NOTHING RETURNING ${COLUMNS}`,
    get: `SELECT ${COLUMNS} FROM ${t.fulfilments} WHERE ${key}`,
    claim: `UPDATE ${t.fulfilments} SET attempts = attempts + 1, lease_owner = $3, lease_until = $4::bigint + $5::bigint, updated_at = $4
      WHERE ${key} AND state = 'owed' AND due_at <= $4 AND (lease_until IS NULL OR lease_until <= $4)
      RETURNING ${COLUMNS}`,
    renew: `UPDATE ${t.fulfilments} SET lease_until = $4::bigint + $5::bigint
      WHERE ${key} AND state = 'owed' AND lease_owner = $3 AND lease_until > $4
      RETURNING 1`,
    complete: `UPDATE ${t.fulfilments} SET state = 'done', lease_owner = NULL, lease_until = NULL, updated_at = $3
      WHERE ${key} AND state = 'owed'
      RETURNING 1`,
    fail: `UPDATE ${t.fulfilments} SET state = CASE WHEN $5::bigint IS NULL THEN 'failed' ELSE 'owed' END,
        due_at = COALESCE($5::bigint, due_at), lease_owner = NULL, lease_until = NULL, last_error = $4, updated_at = $6
      WHERE ${key} AND state = 'owed' AND lease_owner = $3
      RETURNING ${COLUMNS}`,
    retry: `UPDATE ${t.fulfilments} SET state = 'owed', due_at = $3, updated_at = $3
      WHERE ${key} AND state IN ('owed', 'failed')
      RETURNING ${COLUMNS}`,
    list: `SELECT ${COLUMNS} FROM ${t.fulfilments} WHERE state = $1 AND ($2::bigint IS NULL OR due_at <= $2::bigint)
      ORDER BY due_at, order_id, outcome LIMIT $3`,
    lockForCompletion: `SELECT state, lease_owner FROM ${t.fulfilments} WHERE ${key} FOR UPDATE`,
  };
}

export type PostgresFulfilmentSql = ReturnType<typeof postgresFulfilmentSql>;
