import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database } from 'better-sqlite3';
import { AurpayKitError } from '@aurpay-kit/core';
import { StoreUnavailableError } from '../checkout/stores/storeUnavailableError.js';
import { toSqliteStoreError } from './toSqliteStoreError.js';

const ignore = () => undefined;

/**
 * One better-sqlite3 connection shared by every store call, and the order they run in.
 *
 * better-sqlite3 is synchronous, so a call that runs its statements in one go is atomic in this
 * process by itself, and runs at once. A transaction whose work awaits (`transaction`) is
 * different: while it is open, a statement from any other call would run inside it, and be
 * committed or rolled back with it. So while one is open (or queued), every other call waits its
 * turn and runs after COMMIT or ROLLBACK. Calls made from within the work itself (its async
 * context) belong to the transaction and run at once inside it.
 *
 * @example const connection = new SqliteConnection(db, { ownsDatabase: true }); await connection.run('read an order', () => statement.get(params));
 */
export class SqliteConnection {
  readonly db: Database;
  readonly #ownsDatabase: boolean;
  /** Settles once everything queued so far has run; null while nothing is queued or open. */
  #tail: Promise<void> | null = null;
  /** The transaction whose work runs now. */
  #open: object | null = null;
  readonly #context = new AsyncLocalStorage<object>();
  #closing: Promise<void> | null = null;

  constructor(db: Database, options: { ownsDatabase: boolean }) {
    this.db = db;
    this.#ownsDatabase = options.ownsDatabase;
  }

  /** Runs `statements` (synchronous) now, or after the open transaction; what they threw is mapped by `toSqliteStoreError`. */
  run<T>(what: string, statements: () => T): Promise<T> {
    const inside = this.#inside();
    if (this.#closing !== null && !inside) return Promise.reject(closed(what));
    if (this.#tail === null || inside) return this.#runNow(what, statements);
    return this.#enqueue(() => this.#runNow(what, statements));
  }

  /**
   * Runs `work` between `BEGIN IMMEDIATE` and `COMMIT`, alone on the connection; a throw rolls
   * back and is rethrown as it is. IMMEDIATE takes the write lock up front, so other processes'
   * writes wait (up to the busy timeout) instead of this one failing half way.
   */
  transaction<T>(what: string, work: () => Promise<T>): Promise<T> {
    if (this.#inside())
      return Promise.reject(
        new AurpayKitError('sqlite_transaction_nested', `SQLite could not ${what}: a transaction is open in this work already.`),
      );
    if (this.#closing !== null) return Promise.reject(closed(what));
    return this.#enqueue(async () => {
      await this.#runNow(what, () => this.db.exec('BEGIN IMMEDIATE'));
      const token = {};
      this.#open = token;
      try {
        const result = await this.#context.run(token, work);
        await this.#runNow(what, () => this.db.exec('COMMIT'));
        return result;
      } catch (error) {
        rollback(this.db);
        throw error;
      } finally {
        this.#open = null;
      }
    });
  }

  /** Refuses new calls, lets those queued or open finish, then closes the database if it opened it. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await this.#tail;
      if (this.#ownsDatabase && this.db.open) this.db.close();
    })();
    return this.#closing;
  }

  #inside(): boolean {
    return this.#open !== null && this.#context.getStore() === this.#open;
  }

  #runNow<T>(what: string, statements: () => T): Promise<T> {
    try {
      return Promise.resolve(statements());
    } catch (error) {
      return Promise.reject(toSqliteStoreError(error, what));
    }
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const result = (this.#tail ?? Promise.resolve()).then(task);
    const tail = result.then(ignore, ignore);
    this.#tail = tail;
    void tail.then(() => {
      if (this.#tail === tail) this.#tail = null;
    });
    return result;
  }
}

function rollback(db: Database): void {
  try {
    if (db.open && db.inTransaction) db.exec('ROLLBACK');
  } catch {
    // SQLite rolled back by itself (a disk error) or the connection is gone: the error that brought us here says more.
  }
}

function closed(what: string): StoreUnavailableError {
  return new StoreUnavailableError(`SQLite could not ${what}: the store is closed.`);
}
