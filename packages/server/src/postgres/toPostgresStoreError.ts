import { StoreUnavailableError } from '../checkout/stores/storeUnavailableError.js';

/**
 * SQLSTATEs that mean "not now" rather than "wrong statement": connection exceptions (class 08),
 * insufficient resources (class 53: too many connections, disk full, out of memory), a statement
 * cancelled by `statement_timeout` (57014), the server shutting down or starting up (57P01–57P03)
 * or dropping an idle session (57P05), serialization failures, deadlocks and a commit whose outcome
 * is unknown (40001, 40P01, 40003), a lock not available in time (55P03) and a
 * read-only server (25006: a standby, as during a failover).
 */
const UNAVAILABLE_STATE = /^(08...|53...|40001|40P01|40003|57014|57P0[1235]|55P03|25006)$/;
/** Node's socket errors on the way to the server. */
const SOCKET_CODE = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|EHOSTDOWN|ENETUNREACH|ENETDOWN|ENOTFOUND|EAI_AGAIN|ENOENT)$/;
/** What `pg` and its pool throw for a lost or slow connection; they carry no code. */
const DRIVER_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error and is not queryable|Client was closed and is not queryable)/;

/**
 * Turns what a `pg` call threw into what the checkout understands: a refused, lost or timed-out
 * connection, a statement stopped by `statement_timeout`, a server shutting down, starting up or
 * out of connections, and a serialization failure or deadlock become a `StoreUnavailableError`,
 * answered 503 (and a callback so answered is sent again); anything else (bad SQL, a constraint)
 * is a bug and passes through unchanged, answered 500.
 *
 * @example throw toPostgresStoreError(error, 'read an order');
 */
export function toPostgresStoreError(error: unknown, what: string): unknown {
  if (error instanceof StoreUnavailableError || !(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  const unavailable =
    typeof code === 'string'
      ? UNAVAILABLE_STATE.test(code) || SOCKET_CODE.test(code)
      : error instanceof AggregateError
        ? error.errors.some(isSocketError)
        : DRIVER_MESSAGE.test(error.message);
  return unavailable ? new StoreUnavailableError(`PostgreSQL could not ${what}: ${describe(error)}`, { cause: error }) : error;
}

/** Node reports a refused connection to a host with several addresses (localhost: ::1 and 127.0.0.1) as an AggregateError. */
function isSocketError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && SOCKET_CODE.test(code);
}

function describe(error: Error): string {
  if (error.message !== '') return error.message;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error.name;
}
