import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../checkout/stores/storeUnavailableError.js';
import { toPostgresStoreError } from './toPostgresStoreError.js';

/** An error shaped as `pg` throws for a server's answer: a DatabaseError with its SQLSTATE. */
function databaseError(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: 'error', code, severity: 'ERROR' });
}

describe('toPostgresStoreError', () => {
  it('turns lost, refused and slow connections and "not now" answers into StoreUnavailableError', () => {
    const failures = [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      Object.assign(new Error('getaddrinfo ENOTFOUND db.internal'), { code: 'ENOTFOUND' }),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated due to connection timeout'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Query read timeout'),
      new Error('Client has encountered a connection error and is not queryable'),
      databaseError('57014', 'canceling statement due to statement timeout'),
      databaseError('57P01', 'terminating connection due to administrator command'),
      databaseError('57P02', 'terminating connection due to crash of another server process'),
      databaseError('57P03', 'the database system is starting up'),
      databaseError('53300', 'sorry, too many clients already'),
      databaseError('53100', 'could not extend file: No space left on device'),
      databaseError('08006', 'connection failure'),
      databaseError('40001', 'could not serialize access due to concurrent update'),
      databaseError('40P01', 'deadlock detected'),
      databaseError('55P03', 'canceling statement due to lock timeout'),
      databaseError('25006', 'cannot execute INSERT in a read-only transaction'),
    ];
    for (const failure of failures) {
      const mapped = toPostgresStoreError(failure, 'read an order');
      expect(mapped).toBeInstanceOf(StoreUnavailableError);
      expect(mapped).toMatchObject({
        code: 'store_unavailable',
        message: `PostgreSQL could not read an order: ${failure.message}`,
        cause: failure,
      });
    }
    const already = new StoreUnavailableError('down');
    expect(toPostgresStoreError(already, 'x')).toBe(already);
  });

  it('names the code of an error that has no message (a refused connection to every address of a host)', () => {
    const refused = Object.assign(
      new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })], ''),
      { code: 'ECONNREFUSED' },
    );
    expect(toPostgresStoreError(refused, 'save an order')).toMatchObject({
      code: 'store_unavailable',
      message: 'PostgreSQL could not save an order: ECONNREFUSED',
    });
    const uncoded = new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })], '');
    expect(toPostgresStoreError(uncoded, 'save an order')).toBeInstanceOf(StoreUnavailableError);
  });

  it('passes bad SQL, constraint violations and other bugs through, to answer 500', () => {
    const bugs = [
      databaseError('42601', 'syntax error at or near "SELEC"'),
      databaseError('42P01', 'relation "aurpay_orders" does not exist'),
      databaseError('23505', 'duplicate key value violates unique constraint "aurpay_orders_callback_ref_key"'),
      databaseError('42501', 'permission denied for table aurpay_orders'),
      databaseError('28P01', 'password authentication failed for user "shop"'),
      new TypeError('Cannot read properties of undefined'),
    ];
    for (const bug of bugs) expect(toPostgresStoreError(bug, 'read an order')).toBe(bug);
    expect(toPostgresStoreError('not an error', 'x')).toBe('not an error');
  });
});
