import { StoreUnavailableError } from '@aurpay-kit/server';
import { createSqliteStore, type SqliteCheckoutStore } from '@aurpay-kit/server/sqlite';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CartError } from '../server/cartError.js';
import type { CartPayment, CartStore } from '../server/cartStore.js';
import { MemoryCartStore } from '../server/memoryCartStore.js';
import { RedisCartStore } from '../server/redisCartStore.js';
import { SqlCartStore } from '../server/sqlCartStore.js';
import { freePort, startPostgresServer, startRedisServer, type PostgresServer, type RedisServer } from '@aurpay-kit/testing';
import pg from 'pg';

let redis: RedisServer;
let postgres: PostgresServer;
const pools: pg.Pool[] = [];
const connections: Redis[] = [];
const databases: SqliteCheckoutStore[] = [];

function connect(url: string): Redis {
  const connection = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
  connection.on('error', () => undefined);
  connections.push(connection);
  return connection;
}

/** A connection that is ready to take commands. */
async function ready(url: string): Promise<Redis> {
  const connection = connect(url);
  await new Promise<void>((resolve, reject) => {
    connection.once('ready', () => resolve());
    connection.once('end', () => reject(new Error(`No Redis at ${url}`)));
  });
  return connection;
}

beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedisServer(), startPostgresServer()]);
});

afterAll(async () => {
  for (const connection of connections) connection.disconnect();
  for (const database of databases) await database.close();
  for (const pool of pools) await pool.end();
  await Promise.all([redis?.close(), postgres?.close()]);
});

const paid = (orderId: string, at = '2025-01-02T03:04:05.000Z'): CartPayment => ({
  orderId,
  paid: { amount: '0.00029134', currency: 'BTC' },
  recordedAt: at,
});

/** A SQLite database shared by two SqlCartStores, as the checkout and the shop share one. */
async function sqlite(): Promise<{ carts: SqlCartStore; elsewhere: SqlCartStore; database: SqliteCheckoutStore }> {
  const database = createSqliteStore({ filename: ':memory:' });
  databases.push(database);
  const db = { query: database.query.bind(database) };
  return { carts: await SqlCartStore.open(db), elsewhere: await SqlCartStore.open(db), database };
}

// Each store is made by a factory that may also hand out a second view of the same carts.
const stores: [string, () => Promise<{ carts: CartStore; elsewhere: CartStore }>][] = [
  [
    'MemoryCartStore',
    async () => {
      const carts = new MemoryCartStore();
      return { carts, elsewhere: carts };
    },
  ],
  ['SqlCartStore on SQLite', sqlite],
  [
    'SqlCartStore on PostgreSQL (two pools, as two instances)',
    async () => {
      // A schema of its own per test, so the tables start empty.
      const schema = `carts_${pools.length}`;
      const open = async () => {
        const pool = new pg.Pool({ connectionString: postgres.url, options: `-c search_path=${schema}` });
        pools.push(pool);
        await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
        return SqlCartStore.open({ query: async (sql, params) => (await pool.query(sql, params as unknown[])).rows });
      };
      return { carts: await open(), elsewhere: await open() };
    },
  ],
  [
    'RedisCartStore (two connections, as two instances)',
    async () => ({ carts: new RedisCartStore(await ready(redis.url)), elsewhere: new RedisCartStore(await ready(redis.url)) }),
  ],
];

describe.each(stores)('%s', (_name, open) => {
  test('prices a cart from the catalogue and finds it again, unpaid', async () => {
    const { carts, elsewhere } = await open();
    const cart = await carts.create([
      { productId: 'lightning-mug', quantity: 2 },
      { productId: 'sticker-pack', quantity: 3 },
    ]);
    expect(cart.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(cart.total).toBe('37.75');
    expect(cart.currency).toBe('USD');
    expect(cart.lines.map((line) => line.lineTotal)).toEqual(['25', '12.75']);
    expect(cart.fulfilment).toBeNull();
    expect(cart.refundsDue).toEqual([]);
    await expect(elsewhere.get(cart.id)).resolves.toEqual(cart);
  });

  test('refuses bad carts with a CartError, and knows no unknown id', async () => {
    const { carts } = await open();
    await expect(carts.create([])).rejects.toBeInstanceOf(CartError);
    await expect(carts.create([{ productId: 'unicorn', quantity: 1 }])).rejects.toThrow(/does not sell/);
    await expect(carts.create([{ productId: 'node-tee', quantity: 1.5 }])).rejects.toThrow(/whole numbers/);
    await expect(carts.get('00000000-0000-4000-8000-000000000000')).resolves.toBeUndefined();
    await expect(carts.get('not a cart id')).resolves.toBeUndefined();
    await expect(carts.recordPayment('00000000-0000-4000-8000-000000000000', paid('1'))).resolves.toBe('unknown_cart');
    await expect(carts.recordPayment('not a cart id', paid('1'))).resolves.toBe('unknown_cart');
  });

  test('records each order’s payment once, however many retried calls race', async () => {
    const { carts, elsewhere } = await open();
    const cart = await carts.create([{ productId: 'seed-plate', quantity: 1 }]);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? carts : elsewhere).recordPayment(cart.id, paid('20240613093614690315'))),
    );
    expect(results.filter((r) => r === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r === 'already_recorded')).toHaveLength(9);
    await expect(elsewhere.get(cart.id)).resolves.toEqual({ ...cart, fulfilment: paid('20240613093614690315'), refundsDue: [] });
  });

  test('keeps a second payment for a paid cart as a refund due, never dropping it', async () => {
    const { carts, elsewhere } = await open();
    const cart = await carts.create([{ productId: 'seed-plate', quantity: 1 }]);
    await expect(carts.recordPayment(cart.id, paid('1', '2025-01-02T03:04:05.000Z'))).resolves.toBe('fulfilled');
    await expect(elsewhere.recordPayment(cart.id, paid('2', '2025-01-02T03:09:00.000Z'))).resolves.toBe('refund_due');
    await expect(carts.recordPayment(cart.id, paid('2', '2025-01-02T03:10:00.000Z'))).resolves.toBe('already_recorded');
    await expect(carts.get(cart.id)).resolves.toMatchObject({
      fulfilment: { orderId: '1' },
      refundsDue: [paid('2', '2025-01-02T03:09:00.000Z')],
    });
  });

  test('fulfils a cart once when two different orders are paid at the same moment', async () => {
    const { carts, elsewhere } = await open();
    const cart = await carts.create([{ productId: 'node-tee', quantity: 1 }]);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? carts : elsewhere).recordPayment(cart.id, paid(`order-${i}`))),
    );
    expect(results.filter((r) => r === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r === 'refund_due')).toHaveLength(5);
    const read = await carts.get(cart.id);
    expect([read?.fulfilment, ...(read?.refundsDue ?? [])].map((p) => p?.orderId).sort()).toEqual(
      results.map((_, i) => `order-${i}`).sort(),
    );
  });
});

describe('SqlCartStore in a fulfilment transaction', () => {
  test('writes the payment with the checkout’s done mark, or not at all', async () => {
    const { carts, database } = await sqlite();
    const cart = await carts.create([{ productId: 'node-tee', quantity: 1 }]);
    const orderId = '20240613093614690315';
    const lease = { owner: 'shop', now: 0 };
    await database.store.oweFulfilment(orderId, 'paid', 0);
    await database.store.claimFulfilment(orderId, 'paid', { ...lease, leaseMs: 1000 });
    await expect(
      database.store.completeFulfilmentWith(orderId, 'paid', lease, async (sql) => {
        await carts.recordPaymentIn(sql, cart.id, paid(orderId));
        throw new Error('crashed after the insert');
      }),
    ).rejects.toThrow('crashed after the insert');
    await expect(carts.get(cart.id)).resolves.toMatchObject({ fulfilment: null });
    const outcome = await database.store.completeFulfilmentWith(orderId, 'paid', lease, (sql) =>
      carts.recordPaymentIn(sql, cart.id, paid(orderId)),
    );
    expect(outcome).toBe('fulfilled');
    await expect(carts.get(cart.id)).resolves.toMatchObject({ fulfilment: { orderId } });
    await expect(database.store.getFulfilment(orderId, 'paid')).resolves.toMatchObject({ state: 'done' });
  });

  test('forgets an unpaid cart after a few days, and keeps a paid one', async () => {
    let now = Date.UTC(2026, 0, 1);
    const database = createSqliteStore({ filename: ':memory:' });
    databases.push(database);
    const carts = await SqlCartStore.open({ query: database.query.bind(database) }, () => now);
    const unpaid = await carts.create([{ productId: 'node-tee', quantity: 1 }]);
    const paidCart = await carts.create([{ productId: 'node-tee', quantity: 1 }]);
    await carts.recordPayment(paidCart.id, paid('1'));
    now += 3 * 86_400_000;
    await expect(carts.get(unpaid.id)).resolves.toBeUndefined();
    await expect(carts.get(paidCart.id)).resolves.toMatchObject({ fulfilment: { orderId: '1' } });
  });
});

describe('RedisCartStore in Redis', () => {
  test('keeps an unpaid cart under shop:… for a few days, and a paid one with its payments for good', async () => {
    const connection = await ready(redis.url);
    const carts = new RedisCartStore(connection);
    const cart = await carts.create([{ productId: 'node-tee', quantity: 1 }]);
    const stored = JSON.parse((await connection.get(`shop:cart:${cart.id}`)) ?? 'null') as unknown;
    expect(stored).toEqual({ id: cart.id, lines: cart.lines, total: '24', currency: 'USD', orderableUntil: expect.any(Number) });
    const days = (seconds: number) => seconds / 86_400;
    expect(days(await connection.ttl(`shop:cart:${cart.id}`))).toBeGreaterThan(9.9);
    expect(days(await connection.ttl(`shop:cart:${cart.id}`))).toBeLessThanOrEqual(10);
    await carts.recordPayment(cart.id, paid('7'));
    expect(JSON.parse((await connection.hget(`shop:payments:${cart.id}`, '7')) ?? 'null')).toEqual(paid('7'));
    expect(await connection.ttl(`shop:cart:${cart.id}`)).toBe(-1);
  });

  test('answers StoreUnavailableError while Redis cannot be reached', async () => {
    const carts = new RedisCartStore(connect(`redis://127.0.0.1:${await freePort()}`));
    await expect(carts.create([{ productId: 'node-tee', quantity: 1 }])).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(carts.get('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'store_unavailable' });
    await expect(carts.recordPayment('00000000-0000-4000-8000-000000000000', paid('1'))).rejects.toThrow(
      /Redis could not record the payment/,
    );
  });
});
