import type { PostgresTables } from './postgresTables.js';

/** One step of the schema. Applied once per schema and prefix, in `version` order, never edited once released. */
export interface PostgresMigration {
  version: number;
  name: string;
  sql: (tables: PostgresTables) => string;
}

/**
 * The kit's PostgreSQL schema, step by step. An order is kept whole as JSON in `record` (jsonb, so
 * you can query its metadata; jsonb cannot hold U+0000, so metadata with it is refused); the
 * columns beside it are copies of the fields the queries filter and sort on, written in the same
 * statement. Times are ms since the epoch (bigint). Ids sort
 * byte-wise (`COLLATE "C"`), as the other stores sort them. Idempotent answers are kept as text,
 * so a replay is the same bytes. Add a step to change the schema; never change a released one.
 *
 * @example for (const migration of POSTGRES_MIGRATIONS) await client.query(migration.sql(postgresTables('public', 'aurpay_')));
 */
export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'orders, fulfilments, idempotency keys and leases',
    sql: (t) => `
      CREATE TABLE ${t.orders} (
        order_id text COLLATE "C" PRIMARY KEY,
        callback_ref text NOT NULL UNIQUE,
        open_order_key text,
        status text NOT NULL,
        version integer NOT NULL,
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        record jsonb NOT NULL
      );
      CREATE INDEX ${t.index('orders_open_order_key')} ON ${t.orders} (open_order_key, created_at DESC, order_id DESC)
        WHERE open_order_key IS NOT NULL;
      CREATE INDEX ${t.index('orders_unsettled')} ON ${t.orders} (created_at, order_id)
        WHERE status IN ('awaiting_payment', 'partially_paid', 'unknown', 'expired', 'failed');

      CREATE TABLE ${t.fulfilments} (
        order_id text COLLATE "C" NOT NULL,
        outcome text COLLATE "C" NOT NULL CHECK (outcome IN ('paid', 'expired')),
        state text NOT NULL CHECK (state IN ('owed', 'done', 'failed')),
        attempts integer NOT NULL,
        due_at bigint NOT NULL,
        lease_owner text,
        lease_until bigint,
        last_error text,
        created_at bigint NOT NULL,
        updated_at bigint NOT NULL,
        PRIMARY KEY (order_id, outcome)
      );
      CREATE INDEX ${t.index('fulfilments_state_due')} ON ${t.fulfilments} (state, due_at, order_id, outcome);

      CREATE TABLE ${t.idempotency} (
        key text PRIMARY KEY,
        state text NOT NULL CHECK (state IN ('pending', 'completed')),
        fingerprint text NOT NULL,
        response text,
        reservation text NOT NULL,
        expires_at bigint NOT NULL
      );
      CREATE INDEX ${t.index('idempotency_keys_expires')} ON ${t.idempotency} (expires_at);

      CREATE TABLE ${t.leases} (
        name text COLLATE "C" PRIMARY KEY,
        owner text NOT NULL,
        until bigint NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'an index to prune unpaid orders',
    // Only unpaid orders in a prunable status are in it, so pruning never walks the part-paid and
    // paid orders kept for good. Written out here, frozen with the migration.
    sql: (t) => `
      CREATE INDEX ${t.index('orders_unpaid_expires')} ON ${t.orders} (expires_at, order_id)
        WHERE status IN ('awaiting_payment', 'unknown', 'expired', 'failed') AND record->>'paidAmount' = '0';
    `,
  },
];
