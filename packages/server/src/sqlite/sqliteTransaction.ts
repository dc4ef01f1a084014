import type { Database } from 'better-sqlite3';
import { AurpayKitError } from '@aurpay-kit/core';
import type { SqlTransaction } from '../checkout/stores/orderStore.js';
import { toSqliteStoreError } from './toSqliteStoreError.js';

/**
 * `$1`, `$2`… are named parameters to SQLite, bound from an object keyed 1, 2…. Booleans become
 * 1 and 0 and `undefined` becomes NULL, as the PostgreSQL driver would send them, so the same
 * work runs on both.
 */
function numbered(params: readonly unknown[]): Record<number, unknown> {
  const bound: Record<number, unknown> = {};
  params.forEach((value, index) => {
    bound[index + 1] = value === undefined ? null : typeof value === 'boolean' ? Number(value) : value;
  });
  return bound;
}

/**
 * Runs one statement with `$1`… parameters and returns its rows (none for a statement that
 * returns none). Synchronous; errors are better-sqlite3's own.
 *
 * @example runStatement(db, 'SELECT note FROM shipments WHERE order_id = $1', [orderId])
 */
export function runStatement<Row>(db: Database, sql: string, params: readonly unknown[]): Row[] {
  const statement = db.prepare<Record<number, unknown>, Row>(sql);
  const bound = numbered(params);
  if (statement.reader) return statement.all(bound);
  statement.run(bound);
  return [];
}

/**
 * The `SqlTransaction` handed to the work of `completeFulfilmentWith`: runs statements on the
 * connection whose transaction is open, and refuses once it has ended, so a statement kept for
 * later can never run outside it.
 *
 * @example const rows = await sql.query<{ note: string }>('SELECT note FROM shipments WHERE order_id = $1', [orderId]);
 */
export class SqliteTransaction implements SqlTransaction {
  readonly dialect = 'sqlite';
  readonly #db: Database;
  #ended = false;

  constructor(db: Database) {
    this.#db = db;
  }

  async query<Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    if (this.#ended)
      throw new AurpayKitError('sqlite_transaction_ended', 'This SQLite transaction has ended: run statements only while its work runs.');
    try {
      return runStatement<Row>(this.#db, sql, params);
    } catch (error) {
      throw toSqliteStoreError(error, 'run a statement of the fulfilment transaction');
    }
  }

  /** Called when the transaction commits or rolls back. */
  end(): void {
    this.#ended = true;
  }
}
