import { AurpayKitError } from '@aurpay-kit/core';
import type { PoolClient } from 'pg';
import type { FulfilmentOutcome } from '../checkout/fulfilment/fulfilment.js';
import type { SqlTransaction } from '../checkout/stores/orderStore.js';
import type { PostgresDatabase } from './postgresDatabase.js';
import type { PostgresFulfilmentSql } from './postgresFulfilmentSql.js';
import { toPostgresStoreError } from './toPostgresStoreError.js';

export interface CompletionTarget {
  orderId: string;
  outcome: FulfilmentOutcome;
  owner: string;
  now: number;
}

const WHAT = 'complete a fulfilment in a transaction';

async function run(client: PoolClient, sql: string, params: readonly unknown[] = []) {
  try {
    return await client.query(sql, params as unknown[]);
  } catch (error) {
    throw toPostgresStoreError(error, WHAT);
  }
}

function describeHolder(row: { state: string; lease_owner: string | null } | undefined): string {
  if (row === undefined) return 'it is not recorded';
  if (row.state !== 'owed') return `it is ${row.state}`;
  return row.lease_owner === null ? 'nobody holds its lease' : `${row.lease_owner} holds its lease`;
}

/**
 * `OrderStore.completeFulfilmentWith` for PostgreSQL, on a client of its own: BEGIN, lock the
 * fulfilment row (`FOR UPDATE`, so no other instance completes or claims it meanwhile), check it is
 * owed and leased to `owner`, run `work`, mark it done, COMMIT. Refused (nothing run) when the
 * check fails; a throw from `work` rolls everything back and is rethrown, the fulfilment still owed
 * and leased. The handle given to `work` refuses statements once the transaction has ended.
 *
 * @example await completeInTransaction(db, postgresFulfilmentSql(db.tables), { orderId, outcome: 'paid', owner, now }, (sql) => sql.query('INSERT …', [orderId]));
 */
export async function completeInTransaction<T>(
  db: PostgresDatabase,
  sql: PostgresFulfilmentSql,
  { orderId, outcome, owner, now }: CompletionTarget,
  work: (sql: SqlTransaction) => T | Promise<T>,
): Promise<T> {
  const held = await db.connect(WHAT);
  const { client } = held;
  let open = true;
  const transaction: SqlTransaction = {
    dialect: 'postgres',
    async query<Row = Record<string, unknown>>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
      if (!open)
        throw new AurpayKitError(
          'transaction_ended',
          `The fulfilment transaction of order ${orderId} has ended; run statements inside its work.`,
        );
      try {
        return (await client.query(text, params as unknown[])).rows as Row[];
      } catch (error) {
        throw toPostgresStoreError(error, 'run a statement in a fulfilment transaction');
      }
    },
  };
  try {
    await run(client, 'BEGIN');
    const [row] = (await run(client, sql.lockForCompletion, [orderId, outcome])).rows as { state: string; lease_owner: string | null }[];
    if (row?.state !== 'owed' || row.lease_owner !== owner) {
      throw new AurpayKitError(
        'fulfilment_not_held',
        `The ${outcome} fulfilment of order ${orderId} is not owed and leased to ${owner} (${describeHolder(row)}), so its transaction was not run.`,
      );
    }
    const result = await work(transaction);
    await run(client, sql.complete, [orderId, outcome, now]);
    const commit = await run(client, 'COMMIT');
    // COMMIT of a transaction a failed statement aborted answers ROLLBACK instead of failing.
    if (commit.command !== 'COMMIT')
      throw new Error(`The fulfilment transaction of order ${orderId} was rolled back: one of its statements failed.`);
    open = false;
    held.release();
    return result;
  } catch (error) {
    open = false;
    try {
      await client.query('ROLLBACK');
      held.release();
    } catch (rollbackError) {
      held.discard(rollbackError);
    }
    throw error;
  }
}
