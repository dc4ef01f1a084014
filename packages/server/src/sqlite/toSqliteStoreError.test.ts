import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../checkout/stores/storeUnavailableError.js';
import { toSqliteStoreError } from './toSqliteStoreError.js';

const sqliteError = (code: string, message: string) => new Database.SqliteError(message, code);

describe('toSqliteStoreError', () => {
  it('turns a locked, busy, failing, full or closed database into StoreUnavailableError', () => {
    const failures = [
      sqliteError('SQLITE_BUSY', 'database is locked'),
      sqliteError('SQLITE_BUSY_SNAPSHOT', 'database is locked'),
      sqliteError('SQLITE_LOCKED', 'database table is locked'),
      sqliteError('SQLITE_IOERR', 'disk I/O error'),
      sqliteError('SQLITE_IOERR_FSYNC', 'disk I/O error'),
      sqliteError('SQLITE_FULL', 'database or disk is full'),
      sqliteError('SQLITE_CANTOPEN', 'unable to open database file'),
      new TypeError('The database connection is not open'),
      new TypeError('Cannot open database because the directory does not exist'),
    ];
    for (const failure of failures) {
      const mapped = toSqliteStoreError(failure, 'read an order');
      expect(mapped).toBeInstanceOf(StoreUnavailableError);
      expect(mapped).toMatchObject({
        code: 'store_unavailable',
        message: `SQLite could not read an order: ${failure.message}`,
        cause: failure,
      });
    }
    const already = new StoreUnavailableError('down');
    expect(toSqliteStoreError(already, 'x')).toBe(already);
  });

  it('passes a bug (bad SQL, a broken constraint, any other error) through, to answer 500', () => {
    for (const bug of [
      sqliteError('SQLITE_ERROR', 'near "SELEC": syntax error'),
      sqliteError('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: aurpay_orders.callback_ref'),
      sqliteError('SQLITE_FULLX', 'not a real code'),
      new TypeError('SQLite3 can only bind numbers, strings, bigints, buffers, and null'),
      new RangeError('Invalid array length'),
    ]) {
      expect(toSqliteStoreError(bug, 'read an order')).toBe(bug);
    }
  });
});
