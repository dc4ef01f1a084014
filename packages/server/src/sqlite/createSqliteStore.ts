import { OptionChecks } from '../shared/optionChecks.js';
import { SqliteCheckoutStore } from './sqliteCheckoutStore.js';
import type { SqliteStoreOptions } from './sqliteStoreOptions.js';

const TABLE_PREFIX = /^[A-Za-z_][A-Za-z0-9_]*$/;

const check = new OptionChecks('sqlite_options_invalid', 'SQLite store options: ');
const invalid = (message: string) => check.invalid(message);

function isDatabase(value: unknown): boolean {
  const database = value as { prepare?: unknown; exec?: unknown; pragma?: unknown; transaction?: unknown } | null;
  return (
    typeof database === 'object' &&
    database !== null &&
    [database.prepare, database.exec, database.pragma, database.transaction].every((method) => typeof method === 'function')
  );
}

/**
 * Keeps the checkout in one SQLite file (better-sqlite3, an optional peer dependency): the
 * embedded default for a shop on one server. Orders, owed fulfilments, leases and idempotency
 * keys live in tables the kit creates and migrates itself, under `tablePrefix`; every write that
 * records money or a fulfilment is on disk before the request is answered. Spread it into the
 * checkout options. With several processes on one file, writes take turns (each waits up to
 * `busyTimeoutMs`); with several servers, use PostgreSQL or Redis.
 *
 * In hooks, `transaction` runs the shop's own statements in the transaction that marks the
 * fulfilment done, so both commit or neither does. Keep it short: other store calls wait for it.
 *
 * @example
 * import { createSqliteStore } from '@aurpay-kit/server/sqlite';
 * const sqlite = createSqliteStore({ filename: './data/shop.db' });
 * app.use('/api/pay', createCheckoutRouter({ ...options, ...sqlite }));
 * process.on('SIGTERM', () => void sqlite.close());
 */
export function createSqliteStore(options: SqliteStoreOptions): SqliteCheckoutStore {
  check.object(options, 'an options object with a filename or a database');
  const { filename, database } = options as { filename?: unknown; database?: unknown };
  if (filename !== undefined && database !== undefined) throw invalid('pass either filename or database, not both.');
  if (database !== undefined) {
    if (!isDatabase(database)) throw invalid('database must be a better-sqlite3 Database.');
    if ((database as { open?: unknown }).open !== true) throw invalid('database is closed; pass an open one.');
  } else if (typeof filename !== 'string' || filename.trim() === '') {
    throw invalid("filename must be a file path, or ':memory:' for tests.");
  }
  const tablePrefix = options.tablePrefix ?? 'aurpay_';
  if (typeof tablePrefix !== 'string' || !TABLE_PREFIX.test(tablePrefix))
    throw invalid(`tablePrefix must be letters, digits and _ (not starting with a digit), got ${JSON.stringify(tablePrefix)}.`);
  // SQLite keeps names starting with sqlite_ for itself and refuses to create such tables.
  if (/^sqlite_/i.test(tablePrefix)) throw invalid(`tablePrefix must not start with sqlite_, got ${JSON.stringify(tablePrefix)}.`);
  const busyTimeoutMs = check.integer('busyTimeoutMs', options.busyTimeoutMs, 5000, { min: 0, unit: ' ms' });
  return new SqliteCheckoutStore({
    source: options.database !== undefined ? { database: options.database } : { filename: filename as string },
    tablePrefix,
    busyTimeoutMs,
    now: check.optionalFunction('now', options.now) ?? Date.now,
  });
}
