import type { SqliteTables } from './sqliteTables.js';

/** One step of the schema. Applied once per database, in `version` order, never edited once released. */
export interface SqliteMigration {
  version: number;
  name: string;
  sql: (tables: SqliteTables) => string;
}

/**
 * The kit's SQLite schema, step by step. An order is kept whole as JSON in `record`; the columns
 * beside it are copies of the fields the queries filter and sort on, written together with it.
 * Times are ms since the epoch. Add a step to change the schema; never change a released one.
 *
 * @example for (const migration of SQLITE_MIGRATIONS) db.exec(migration.sql(sqliteTables('aurpay_')));
 */
export const SQLITE_MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: 'orders, fulfilments, idempotency keys and leases',
    sql: (t) => `
      CREATE TABLE ${t.orders} (
        order_id TEXT PRIMARY KEY,
        callback_ref TEXT NOT NULL UNIQUE,
        open_order_key TEXT,
        status TEXT NOT NULL,
        version INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        record TEXT NOT NULL
      );
      CREATE INDEX ${t.orders}_open_order_key ON ${t.orders} (open_order_key, created_at, order_id) WHERE open_order_key IS NOT NULL;
      CREATE INDEX ${t.orders}_status_created ON ${t.orders} (status, created_at, order_id);
      CREATE INDEX ${t.orders}_status_expires ON ${t.orders} (status, expires_at);

      CREATE TABLE ${t.fulfilments} (
        order_id TEXT NOT NULL,
        outcome TEXT NOT NULL,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        due_at INTEGER NOT NULL,
        lease_owner TEXT,
        lease_until INTEGER,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (order_id, outcome)
      ) WITHOUT ROWID;
      CREATE INDEX ${t.fulfilments}_state_due ON ${t.fulfilments} (state, due_at, order_id, outcome);

      CREATE TABLE ${t.idempotency} (
        key TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        response TEXT,
        expires_at INTEGER NOT NULL
      );

      CREATE TABLE ${t.leases} (
        name TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        until INTEGER NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'indexes to prune unpaid orders and expired idempotency keys',
    // Only unpaid orders in a prunable status are in the first index, so pruning never walks the
    // part-paid and paid orders kept for good. Its WHERE is written out here, frozen with the
    // migration; \`sqliteStatements\` repeats it term for term, which SQLite needs to use the index.
    sql: (t) => `
      CREATE INDEX ${t.orders}_unpaid_expires ON ${t.orders} (expires_at, order_id)
        WHERE status IN ('awaiting_payment', 'unknown', 'expired', 'failed') AND json_extract(record, '$.paidAmount') = '0';
      CREATE INDEX ${t.idempotency}_expires ON ${t.idempotency} (expires_at);
    `,
  },
];
