import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { OrderStatusUpdate } from '../checkout/stores/orderStore.js';
import { storedOrder } from '../checkout/test-utils/storedOrder.js';
import { createSqliteStore } from './createSqliteStore.js';
import { migrateSqlite } from './migrateSqlite.js';
import { SQLITE_MIGRATIONS } from './sqliteMigrations.js';
import { sqliteStatements } from './sqliteStatements.js';
import { sqliteTables } from './sqliteTables.js';

const PAID: OrderStatusUpdate = {
  status: 'paid',
  aurpayStatus: 'SUCCESS',
  paidAmount: '18.0098',
  updatedAt: 2_000_000,
  gatewayUpdatedAt: null,
};
const A = { owner: 'instance-a', now: 1_500_000 };
const X = storedOrder({ orderId: '20240613093614690001', callbackRef: 'ref-x' });
const Y = storedOrder({ orderId: '20240613093614690002', callbackRef: 'ref-y' });

/** A store with orders X and Y, and X's paid fulfilment claimed by instance A. */
async function storeWithClaim() {
  const sqlite = createSqliteStore({ filename: ':memory:' });
  const { store } = sqlite;
  await store.put(X);
  await store.put(Y);
  await store.oweFulfilment(X.orderId, 'paid', A.now);
  await store.claimFulfilment(X.orderId, 'paid', { ...A, leaseMs: 30_000 });
  const effects = sqlite.store.completeFulfilmentWith.bind(sqlite.store);
  return { sqlite, store, effects };
}

/** Lets every queued callback and I/O turn run, so anything not blocked has settled. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function deferred() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return { released, release };
}

describe('SqliteOrderStore.completeFulfilmentWith', () => {
  it('makes calls from elsewhere wait until the transaction ends, and keeps their writes when it rolls back', async () => {
    const { sqlite, store, effects } = await storeWithClaim();
    const gate = deferred();
    const inWork = deferred();
    const completing = effects(X.orderId, 'paid', A, async (sql) => {
      await sql.query('CREATE TABLE shipments (order_id TEXT PRIMARY KEY)');
      await sql.query('INSERT INTO shipments (order_id) VALUES ($1)', [X.orderId]);
      inWork.release();
      await gate.released;
      throw new Error('mailer down');
    });
    await inWork.released;
    const settled: string[] = [];
    const read = store.get(Y.orderId).then((order) => (settled.push('get'), order));
    const written = store.compareAndSetStatus(Y.orderId, 1, PAID, 'paid').then((order) => (settled.push('cas'), order));
    await settle();
    expect(settled).toEqual([]);

    gate.release();
    await expect(completing).rejects.toThrow('mailer down');
    expect((await read)?.version).toBe(1);
    expect(await written).toMatchObject({ status: 'paid', version: 2 });
    expect(settled).toEqual(['get', 'cas']);
    // What ran after the rollback stays; what the work did is gone, and X is still owed to A.
    expect(await store.get(Y.orderId)).toMatchObject({ status: 'paid', version: 2 });
    expect(await store.getFulfilment(Y.orderId, 'paid')).toMatchObject({ state: 'owed' });
    expect(await store.getFulfilment(X.orderId, 'paid')).toMatchObject({ state: 'owed', leaseOwner: 'instance-a' });
    await expect(effects(X.orderId, 'paid', A, (sql) => sql.query('SELECT * FROM shipments'))).rejects.toThrow(/no such table: shipments/);
    await sqlite.close();
  });

  it('runs store calls made from within the work at once, inside the transaction', async () => {
    const { sqlite, store, effects } = await storeWithClaim();
    const Z = storedOrder({ orderId: '20240613093614690003', callbackRef: 'ref-z' });
    await expect(
      effects(X.orderId, 'paid', A, async () => {
        expect(await store.get(X.orderId)).toEqual(X);
        await store.put(Z);
        expect(await store.get(Z.orderId)).toEqual(Z);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await store.get(Z.orderId)).toBeNull();

    await expect(effects(X.orderId, 'paid', A, () => effects(Y.orderId, 'paid', A, () => 1))).rejects.toMatchObject({
      code: 'sqlite_transaction_nested',
    });
    expect(await effects(X.orderId, 'paid', A, async () => (await store.getFulfilment(X.orderId, 'paid'))?.state)).toBe('owed');
    expect(await store.getFulfilment(X.orderId, 'paid')).toMatchObject({ state: 'done', updatedAt: A.now });
    await sqlite.close();
  });

  it('refuses a statement after the transaction ended, and work that ends the transaction itself', async () => {
    const { sqlite, store, effects } = await storeWithClaim();
    await expect(effects(X.orderId, 'paid', A, (sql) => sql.query('COMMIT'))).rejects.toMatchObject({ code: 'sqlite_transaction_ended' });
    expect(await store.getFulfilment(X.orderId, 'paid')).toMatchObject({ state: 'owed' });

    const kept = await effects(X.orderId, 'paid', A, (sql) => sql);
    await expect(kept.query('SELECT 1')).rejects.toMatchObject({ code: 'sqlite_transaction_ended' });
    expect(await store.getFulfilment(X.orderId, 'paid')).toMatchObject({ state: 'done' });
    await sqlite.close();
  });

  it('binds $n parameters as the PostgreSQL store would, booleans and undefined included', async () => {
    const { sqlite, effects } = await storeWithClaim();
    const rows = await effects(X.orderId, 'paid', A, (sql) =>
      sql.query('SELECT $2 AS second, $1 AS first, $3 AS yes, $4 AS missing', ['one', 2, true, undefined]),
    );
    expect(rows).toEqual([{ second: 2, first: 'one', yes: 1, missing: null }]);
    await sqlite.close();
  });

  it('waits for an open transaction before closing, and refuses calls made after', async () => {
    const { sqlite, store, effects } = await storeWithClaim();
    const gate = deferred();
    const completing = effects(X.orderId, 'paid', A, async (sql) => {
      await gate.released;
      return sql.query<{ n: number }>('SELECT 1 AS n');
    });
    const closing = sqlite.close();
    await expect(store.get(X.orderId)).rejects.toMatchObject({
      code: 'store_unavailable',
      message: 'SQLite could not read an order: the store is closed.',
    });
    gate.release();
    expect(await completing).toEqual([{ n: 1 }]);
    await closing;
  });
});

describe('SqliteOrderStore.prune', () => {
  it('walks only the unpaid orders’ index, and the idempotency keys’ expiry index', () => {
    const db = new Database(':memory:');
    const tables = sqliteTables('aurpay_');
    migrateSqlite(db, tables, SQLITE_MIGRATIONS);
    const statements = sqliteStatements(db, tables);
    const plan = (statement: unknown) =>
      db
        .prepare(`EXPLAIN QUERY PLAN ${(statement as { source: string }).source}`)
        .all({ before: 1, now: 1, limit: 1 })
        .map((step) => (step as { detail: string }).detail);
    expect(plan(statements.prunableOrders)).toEqual([
      'SEARCH o USING INDEX aurpay_orders_unpaid_expires (expires_at<?)',
      'CORRELATED SCALAR SUBQUERY 1',
      'SEARCH f USING PRIMARY KEY (order_id=?)',
    ]);
    expect(plan(statements.pruneKeys)).toEqual([
      'SEARCH aurpay_idempotency_keys USING INDEX aurpay_idempotency_keys_expires (expires_at<?)',
    ]);
    db.close();
  });
});
