import { StoreUnavailableError } from '../checkout/stores/storeUnavailableError.js';

/**
 * Result codes (with their extended forms, `SQLITE_BUSY_SNAPSHOT`, `SQLITE_IOERR_FSYNC`…) that
 * mean "not now": another process holds the lock, the disk failed or is full, the file cannot be
 * opened.
 */
const UNAVAILABLE_CODE = /^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN)(_|$)|^SQLITE_FULL$/;
/** better-sqlite3 throws a plain TypeError with this message once the connection is closed. */
const CLOSED = /database connection is not open|Cannot open database/;

/**
 * Turns what better-sqlite3 threw into what the checkout understands: a locked or busy database,
 * a disk error, a full disk, a file that cannot be opened or a closed connection becomes a
 * `StoreUnavailableError`, answered 503; anything else (a constraint, bad SQL) is a bug and
 * passes through unchanged, answered 500.
 *
 * @example throw toSqliteStoreError(error, 'read an order');
 */
export function toSqliteStoreError(error: unknown, what: string): unknown {
  if (error instanceof StoreUnavailableError || !(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  const unavailable = typeof code === 'string' ? UNAVAILABLE_CODE.test(code) : error instanceof TypeError && CLOSED.test(error.message);
  return unavailable ? new StoreUnavailableError(`SQLite could not ${what}: ${error.message}`, { cause: error }) : error;
}
