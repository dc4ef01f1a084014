import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { toSqliteStoreError } from './toSqliteStoreError.js';

/**
 * Opens `filename` (or takes `database` as it is) and sets what the store relies on: WAL, so
 * readers never wait for the writer; `synchronous=FULL`, so a commit that records money or a
 * fulfilment is on disk before the request is answered, even if the machine loses power; foreign
 * keys; and a busy timeout, so a write waits for another process's instead of failing at once.
 * A file that cannot be opened throws a `StoreUnavailableError`.
 *
 * @example const db = openSqliteDatabase({ filename: './shop.db', busyTimeoutMs: 5000 });
 */
export function openSqliteDatabase(
  source: { filename: string; busyTimeoutMs: number } | { database: SqliteDatabase; busyTimeoutMs: number },
): SqliteDatabase {
  let db: SqliteDatabase | undefined;
  try {
    db = 'database' in source ? source.database : new Database(source.filename, { timeout: source.busyTimeoutMs });
    // The busy timeout first: switching a new file to WAL needs a lock another process may hold.
    db.pragma(`busy_timeout = ${source.busyTimeoutMs}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    if (db !== undefined && !('database' in source)) db.close();
    throw toSqliteStoreError(error, `open ${'database' in source ? 'the database given' : source.filename}`);
  }
}
