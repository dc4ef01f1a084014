import { SqliteConnection } from './sqliteConnection.js';
import { migrateSqlite } from './migrateSqlite.js';
import { SQLITE_MIGRATIONS } from './sqliteMigrations.js';
import { SqliteOrderStore } from './sqliteOrderStore.js';
import type { ResolvedSqliteStoreOptions } from './sqliteStoreOptions.js';
import { sqliteTables, type SqliteTables } from './sqliteTables.js';
import { openSqliteDatabase } from './openSqliteDatabase.js';
import { runStatement } from './sqliteTransaction.js';
import { toSqliteStoreError } from './toSqliteStoreError.js';

/**
 * The checkout's SQLite store and its lifecycle: the `store` option (its only own property, so
 * it spreads straight into the checkout options), `migrate()` and `close()`. The database is
 * opened and migrated when it is made. Made by `createSqliteStore`.
 *
 * @example
 * const sqlite = createSqliteStore({ filename: './data/shop.db' });
 * app.use('/api/pay', createCheckoutRouter({ ...options, ...sqlite }));
 */
export class SqliteCheckoutStore {
  /** Orders, fulfilments, leases and idempotency keys (the `store` option). */
  readonly store: SqliteOrderStore;
  readonly #connection: SqliteConnection;
  readonly #tables: SqliteTables;
  readonly #appliedAtOpen: readonly number[];

  constructor(options: ResolvedSqliteStoreOptions) {
    const { source, busyTimeoutMs } = options;
    const db = openSqliteDatabase({ ...source, busyTimeoutMs });
    this.#connection = new SqliteConnection(db, { ownsDatabase: !('database' in source) });
    this.#tables = sqliteTables(options.tablePrefix);
    try {
      this.#appliedAtOpen = this.#migrateNow();
    } catch (error) {
      void this.#connection.close();
      throw error;
    }
    this.store = new SqliteOrderStore(this.#connection, { tables: this.#tables, now: options.now });
  }

  /** The migration versions applied when this store opened the database: all of them on a new file, none after. */
  get appliedMigrations(): readonly number[] {
    return this.#appliedAtOpen;
  }

  /**
   * Applies the migrations the database lacks and resolves to their versions. It runs when the
   * store is made; call it again only if something else may have changed the file since.
   */
  migrate(): Promise<number[]> {
    return this.#connection.run('bring its tables up to date', () => this.#migrateNow());
  }

  #migrateNow(): number[] {
    try {
      return migrateSqlite(this.#connection.db, this.#tables, SQLITE_MIGRATIONS);
    } catch (error) {
      throw toSqliteStoreError(error, 'bring its tables up to date');
    }
  }

  /**
   * Runs one statement of your own on the store's database, with `$1`, `$2`… parameters, and
   * resolves to its rows: for your own tables in the same file. It waits its turn behind the
   * checkout's fulfilment transactions, so it never lands inside one of them. A database that
   * cannot be reached rejects with a `StoreUnavailableError`.
   *
   * @example await sqlite.query('INSERT INTO carts (id, total) VALUES ($1, $2)', [cart.id, cart.total]);
   */
  query<Row = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.#connection.run('run a statement', () => runStatement<Row>(this.#connection.db, sql, params));
  }

  /**
   * Lets calls already made finish (a fulfilment transaction included), refuses later ones with
   * a `StoreUnavailableError`, and closes the database unless it was passed in as `database`.
   * Close the router first.
   */
  close(): Promise<void> {
    return this.#connection.close();
  }
}
