import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { OrderStore } from '../src/checkout/stores/orderStore.js';
import { describeOrderStoreContract } from '../src/checkout/test-utils/describeOrderStoreContract.js';
import { storedOrder } from '../src/checkout/test-utils/storedOrder.js';
import { StoreUnavailableError } from '../src/checkout/stores/storeUnavailableError.js';
import { createPostgresStore, type PostgresCheckoutStore, type PostgresStoreOptions } from '../src/postgres/index.js';
import { postgresOrderSql } from '../src/postgres/postgresOrderSql.js';
import { postgresTables } from '../src/postgres/postgresTables.js';
import { postgresFixture } from './postgresFixture.js';

const fixture = postgresFixture();
const { raw } = fixture;
let schemas = 0;
const schemaOf = new Map<OrderStore, string>();

/** A store in a schema of its own, so each test starts empty. */
async function openStore(options: Partial<PostgresStoreOptions> = {}, schema = `store_${++schemas}`): Promise<PostgresCheckoutStore> {
  const opened = await fixture.open({ schema, ...options });
  schemaOf.set(opened.store, schema);
  await opened.migrate();
  return opened;
}

/** Counts the idempotency keys and lease rows in the schema `store` was opened on. */
async function countKept(store: OrderStore): Promise<{ idempotencyKeys: number; leases: number }> {
  const schema = schemaOf.get(store);
  const [row] = await raw<{ idempotency_keys: number; leases: number }>(
    `SELECT (SELECT COUNT(*)::integer FROM ${schema}.aurpay_idempotency_keys) AS idempotency_keys, (SELECT COUNT(*)::integer FROM ${schema}.aurpay_leases) AS leases`,
  );
  return { idempotencyKeys: row!.idempotency_keys, leases: row!.leases };
}

describeOrderStoreContract('PostgresOrderStore', async (clock) => (await openStore({ now: clock.now })).store, {
  transactional: true,
  countKept,
});

describe('PostgresOrderStore', () => {
  it('keeps the columns the queries use equal to the JSON record, as numbers in and out', async () => {
    const postgres = await openStore();
    const schema = `store_${schemas}`;
    const order = storedOrder({ openOrderKey: 'cart-1|crypto', createdAt: 1_718_271_374_690, expiresAt: 1_718_273_174_690 });
    await postgres.store.put(order);
    await postgres.store.compareAndSetStatus(
      order.orderId,
      1,
      { status: 'paid', aurpayStatus: 'SUCCESS', paidAmount: '18.0098', updatedAt: 1_718_271_400_000, gatewayUpdatedAt: null },
      'paid',
    );
    const [row] = await raw<Record<string, unknown>>(`SELECT * FROM ${schema}.aurpay_orders`);
    const record = row?.record as Record<string, unknown>;
    expect(row).toMatchObject({
      order_id: order.orderId,
      callback_ref: order.callbackRef,
      open_order_key: 'cart-1|crypto',
      status: 'paid',
      version: 2,
    });
    expect([row?.created_at, row?.expires_at, row?.updated_at]).toEqual(['1718271374690', '1718273174690', '1718271400000']);
    expect(record).toMatchObject({
      status: 'paid',
      version: 2,
      updatedAt: 1_718_271_400_000,
      gatewayUpdatedAt: null,
      paidAmount: '18.0098',
    });
    const written = await postgres.store.get(order.orderId);
    expect(typeof written?.createdAt).toBe('number');
    expect(await postgres.store.getFulfilment(order.orderId, 'paid')).toMatchObject({
      dueAt: 1_718_271_400_000,
      createdAt: 1_718_271_400_000,
      attempts: 0,
    });
  });

  it('reads an order written before gatewayUpdatedAt and openOrderKey existed', async () => {
    const postgres = await openStore();
    const { gatewayUpdatedAt: _g, openOrderKey: _k, ...old } = storedOrder();
    await raw(
      `INSERT INTO store_${schemas}.aurpay_orders (order_id, callback_ref, status, version, created_at, expires_at, updated_at, record) VALUES ($1, $2, $3, 1, $4, $5, $6, $7)`,
      [old.orderId, old.callbackRef, old.status, old.createdAt, old.expiresAt, old.updatedAt, JSON.stringify(old)],
    );
    expect(await postgres.store.get(old.orderId)).toEqual(storedOrder());
    expect(await postgres.store.findByCallbackRef(old.callbackRef)).toEqual(storedOrder());
  });

  it('replays an idempotent answer byte for byte, keys in their order', async () => {
    const postgres = await openStore();
    const body = { zeta: 1, alpha: { b: 2, a: [3, '4'] }, amount: '0.10', exponent: 1e21, unicode: 'Grüße \u2028' };
    await postgres.store.reserveIdempotencyKey('orders:k', 'fp', 60_000);
    await postgres.store.completeIdempotencyKey('orders:k', 'fp', { status: 201, body }, 60_000);
    const replay = await postgres.store.reserveIdempotencyKey('orders:k', 'fp', 60_000);
    expect(replay.state === 'completed' && JSON.stringify(replay.response.body)).toBe(JSON.stringify(body));
  });

  it('deletes idempotency keys an hour after they expired, keeping those expired more recently', async () => {
    let now = 1_000_000_000_000;
    const postgres = await openStore({ now: () => now });
    const keys = () => raw<{ key: string }>(`SELECT key FROM store_${schemas}.aurpay_idempotency_keys ORDER BY key`);
    await postgres.store.reserveIdempotencyKey('orders:old', 'fp', 1000);
    now += 3_600_000;
    await postgres.store.reserveIdempotencyKey('orders:newer', 'fp', 1000);
    now += 61_000;
    // At most once a minute, beside a reservation: wait for it.
    await postgres.store.reserveIdempotencyKey('orders:newest', 'fp', 1000);
    await expect.poll(async () => (await keys()).map((row) => row.key)).toEqual(['orders:newer', 'orders:newest']);
  });

  it('refuses a fulfilment transaction to an owner without the lease with a clear error, and closes the handle after', async () => {
    const postgres = await openStore();
    const id = storedOrder().orderId;
    await postgres.store.oweFulfilment(id, 'paid', 0);
    await postgres.store.claimFulfilment(id, 'paid', { owner: 'instance-a', now: 0, leaseMs: 30_000 });
    let ran = false;
    await expect(
      postgres.store.completeFulfilmentWith(id, 'paid', { owner: 'instance-b', now: 1 }, () => (ran = true)),
    ).rejects.toMatchObject({
      code: 'fulfilment_not_held',
      message: `The paid fulfilment of order ${id} is not owed and leased to instance-b (instance-a holds its lease), so its transaction was not run.`,
    });
    await expect(
      postgres.store.completeFulfilmentWith('20240613093614690000', 'paid', { owner: 'instance-a', now: 1 }, () => 1),
    ).rejects.toThrow(/it is not recorded/);
    expect(ran).toBe(false);
    let kept: { query(sql: string): Promise<unknown> } | null = null;
    expect(
      await postgres.store.completeFulfilmentWith(id, 'paid', { owner: 'instance-a', now: 2 }, async (sql) => ((kept = sql), sql.dialect)),
    ).toBe('postgres');
    await expect(kept!.query('SELECT 1')).rejects.toMatchObject({ code: 'transaction_ended' });
    // A statement that failed inside the work, caught by it, still rolls the transaction back.
    await postgres.store.oweFulfilment(id, 'expired', 0);
    await postgres.store.claimFulfilment(id, 'expired', { owner: 'instance-a', now: 0, leaseMs: 30_000 });
    const swallowed = postgres.store.completeFulfilmentWith(id, 'expired', { owner: 'instance-a', now: 3 }, (sql) =>
      sql.query('SELEC 1').catch(() => 'ignored'),
    );
    await expect(swallowed).rejects.toThrow(/current transaction is aborted/);
    expect(await postgres.store.getFulfilment(id, 'expired')).toMatchObject({ state: 'owed', leaseOwner: 'instance-a' });
  });

  it('answers 503 when a statement waits past statementTimeoutMs, and works again after', async () => {
    const postgres = await openStore({ statementTimeoutMs: 200 });
    const order = storedOrder();
    await postgres.store.put(order);
    const blocker = await (await fixture.pool()).connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(`SELECT 1 FROM store_${schemas}.aurpay_orders WHERE order_id = $1 FOR UPDATE`, [order.orderId]);
      const update = {
        status: 'paid',
        aurpayStatus: 'SUCCESS',
        paidAmount: order.amount,
        updatedAt: 2_000_000,
        gatewayUpdatedAt: null,
      } as const;
      const blocked = postgres.store.compareAndSetStatus(order.orderId, 1, update, 'paid');
      await expect(blocked).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(blocked).rejects.toThrow(/^PostgreSQL could not write an order status: canceling statement due to statement timeout$/);
      await blocker.query('ROLLBACK');
      expect(await postgres.store.compareAndSetStatus(order.orderId, 1, update, 'paid')).toMatchObject({ status: 'paid', version: 2 });
    } finally {
      blocker.release();
    }
  });

  it('works on a pool of yours, which close() leaves open, with the tables under your prefix', async () => {
    const { url } = await fixture.server();
    const pool = new pg.Pool({ connectionString: url });
    try {
      const postgres = createPostgresStore({ pool, schema: `store_${++schemas}`, tablePrefix: 'Shop_' });
      await postgres.ready();
      await postgres.store.put(storedOrder());
      await postgres.close();
      expect(await raw(`SELECT order_id FROM store_${schemas}."Shop_orders"`)).toEqual([{ order_id: storedOrder().orderId }]);
      expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  });
});

describe('PostgresOrderStore.prune', () => {
  it('walks only the unpaid orders’ index to choose what to prune', async () => {
    const postgres = await openStore();
    const tables = postgresTables(`store_${schemas}`, 'aurpay_');
    const client = await (await fixture.pool()).connect();
    try {
      // On an empty table any plan costs nothing; without sequential scans, the index shows.
      await client.query('SET enable_seqscan = off');
      const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${postgresOrderSql(tables).prune}`, [1, 500, 1]);
      const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(text).toMatch(/Index Scan using aurpay_orders_unpaid_expires/);
      expect(text).not.toMatch(/Sort/);
    } finally {
      await client.query('RESET enable_seqscan');
      client.release();
    }
    expect(await postgres.store.prune({ unpaidExpiredBefore: 1, now: 1, limit: 500 })).toEqual({ orders: 0 });
  });

  it('deletes refresh claims and named leases an hour after they lapsed, keeping those lapsed since', async () => {
    let now = 5_000_000;
    const postgres = await openStore({ now: () => now });
    const rows = () => raw<{ name: string }>(`SELECT name FROM store_${schemas}.aurpay_leases ORDER BY name`);
    await postgres.refreshLock.acquire('1', 1000);
    await postgres.store.acquireLease('reconciler', { owner: 'x', now, ttlMs: 1000 });
    now += 3_601_000;
    await postgres.refreshLock.acquire('2', 1000);
    now += 2000;
    await postgres.store.prune({ unpaidExpiredBefore: 0, now, limit: 500 });
    expect((await rows()).map((row) => row.name)).toEqual(['refresh:2']);
  });
});

describe('PostgresRefreshLock', () => {
  it('gives one of many concurrent claims across two processes the order, until its ttl lapses', async () => {
    let now = 5_000_000;
    const a = await openStore({ now: () => now }, `refresh_${++schemas}`);
    const b = await openStore({ now: () => now }, `refresh_${schemas}`);
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).refreshLock.acquire('20240613093614690315', 2000)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await a.refreshLock.acquire('20240613093614690316', 2000)).toBe(true);
    now += 1999;
    expect(await a.refreshLock.acquire('20240613093614690315', 2000)).toBe(false);
    expect(await b.refreshLock.acquire('20240613093614690315', 2000)).toBe(false);
    now += 1;
    expect(await b.refreshLock.acquire('20240613093614690315', 2000)).toBe(true);
    expect(await a.refreshLock.acquire('20240613093614690315', 2000)).toBe(false);
    // A named lease of the same name is another row: the two never collide.
    expect(await a.store.acquireLease('20240613093614690315', { owner: 'x', now, ttlMs: 1000 })).toBe(true);
  });

  it('deletes claims an hour after they lapsed', async () => {
    let now = 5_000_000;
    const postgres = await openStore({ now: () => now });
    const rows = () => raw<{ name: string }>(`SELECT name FROM store_${schemas}.aurpay_leases ORDER BY name`);
    await postgres.refreshLock.acquire('1', 1000);
    await postgres.store.acquireLease('reconciler', { owner: 'x', now: 0, ttlMs: 1 });
    now += 3_601_000;
    await postgres.refreshLock.acquire('2', 1000);
    await expect.poll(async () => (await rows()).map((row) => row.name)).toEqual(['lease:reconciler', 'refresh:2']);
  });
});
