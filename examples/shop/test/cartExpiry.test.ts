import { createSqliteStore, type SqliteCheckoutStore } from '@aurpay-kit/server/sqlite';
import { startPostgresServer, startRedisServer, type PostgresServer, type RedisServer } from '@aurpay-kit/testing';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { CART_LIFETIME } from '../server/cartLifetime.js';
import type { CartPayment, CartStore } from '../server/cartStore.js';
import { MemoryCartStore } from '../server/memoryCartStore.js';
import { RedisCartStore } from '../server/redisCartStore.js';
import { SqlCartStore } from '../server/sqlCartStore.js';
import { sweepExpiredCarts } from '../server/sweepExpiredCarts.js';

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);
let postgres: PostgresServer;
let redis: RedisServer;
const closers: (() => unknown)[] = [];

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgresServer(), startRedisServer()]);
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await Promise.all([postgres?.close(), redis?.close()]);
});

afterEach(() => {
  vi.useRealTimers();
});

const mug = [{ productId: 'lightning-mug', quantity: 1 }];
const payment = (orderId: string): CartPayment => ({
  orderId,
  paid: { amount: '0.0001', currency: 'BTC' },
  recordedAt: '2026-01-01T00:00:00.000Z',
});

/** The stores that delete their own expired carts, each on a clock the test moves. */
const stores: [string, (now: () => number) => Promise<CartStore & Required<Pick<CartStore, 'deleteExpired'>>>][] = [
  ['MemoryCartStore', async (now) => new MemoryCartStore(now)],
  [
    'SqlCartStore on SQLite',
    async (now) => {
      const database: SqliteCheckoutStore = createSqliteStore({ filename: ':memory:' });
      closers.push(() => database.close());
      return SqlCartStore.open({ query: database.query.bind(database) }, now);
    },
  ],
  [
    'SqlCartStore on PostgreSQL',
    async (now) => {
      const pool = new pg.Pool({ connectionString: postgres.url });
      closers.push(() => pool.end());
      return SqlCartStore.open({ query: async (sql, params) => (await pool.query(sql, params as unknown[])).rows }, now);
    },
  ],
];

describe.each(stores)('%s: deleteExpired', (_name, open) => {
  test('deletes unpaid carts once they are past ordering and past the wait for a late payment, a bounded batch at a time', async () => {
    let now = START;
    const carts = await open(() => now);
    const [old1, old2, old3, paid] = await Promise.all([carts.create(mug), carts.create(mug), carts.create(mug), carts.create(mug)]);
    await carts.recordPayment(paid!.id, payment('1'));
    now = START + 5 * DAY;
    const newer = await carts.create(mug);

    // Past ordering: not offered any more, but kept so a late payment still finds it.
    now = START + CART_LIFETIME.orderableMs;
    await expect(carts.get(old1!.id)).resolves.toBeUndefined();
    await expect(carts.deleteExpired(10)).resolves.toBe(0);
    await expect(carts.recordPayment(old3!.id, payment('late'))).resolves.toBe('fulfilled');

    now = START + CART_LIFETIME.orderableMs + CART_LIFETIME.payableMs;
    await expect(carts.deleteExpired(1)).resolves.toBe(1);
    await expect(carts.deleteExpired(10)).resolves.toBe(1);
    await expect(carts.deleteExpired(10)).resolves.toBe(0);
    await expect(carts.recordPayment(old1!.id, payment('2'))).resolves.toBe('unknown_cart');
    await expect(carts.recordPayment(old2!.id, payment('3'))).resolves.toBe('unknown_cart');
    // Paid carts stay, late-paid included, and a newer one, still waiting for a late payment, too.
    await expect(carts.get(paid!.id)).resolves.toMatchObject({ fulfilment: { orderId: '1' } });
    await expect(carts.get(old3!.id)).resolves.toMatchObject({ fulfilment: { orderId: 'late' } });
    await expect(carts.recordPayment(newer.id, payment('4'))).resolves.toBe('fulfilled');
  });
});

describe('sweepExpiredCarts', () => {
  test('sweeps every interval, at most batch × maxBatches carts a sweep, and stops', async () => {
    vi.useFakeTimers({ now: START, toFake: ['setInterval', 'clearInterval', 'Date'] });
    const store = new MemoryCartStore();
    const deleted: number[] = [];
    const carts = Object.assign(Object.create(store) as MemoryCartStore, {
      deleteExpired: async (limit: number) => {
        const count = await store.deleteExpired(limit);
        deleted.push(count);
        return count;
      },
    });
    for (let i = 0; i < 7; i += 1) await store.create(mug);
    const stop = sweepExpiredCarts(carts, { everyMs: 60_000, batch: 2, maxBatches: 2 });

    await vi.advanceTimersByTimeAsync(60_000);
    expect(deleted).toEqual([0]);
    vi.setSystemTime(START + CART_LIFETIME.orderableMs + CART_LIFETIME.payableMs);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(deleted).toEqual([0, 2, 2]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(deleted).toEqual([0, 2, 2, 2, 1]);

    await stop();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(deleted).toHaveLength(5);
  });
});

describe('RedisCartStore', () => {
  test('lets Redis delete an unpaid cart after its whole lifetime, and stops offering it after ordering time', async () => {
    const connection = new Redis(redis.url);
    closers.push(() => connection.disconnect());
    const carts = new RedisCartStore(connection);
    const cart = await carts.create(mug);
    const ttlDays = (await connection.ttl(`shop:cart:${cart.id}`)) / 86_400;
    expect(ttlDays).toBeGreaterThan((CART_LIFETIME.orderableMs + CART_LIFETIME.payableMs) / DAY - 0.01);
    expect(ttlDays).toBeLessThanOrEqual((CART_LIFETIME.orderableMs + CART_LIFETIME.payableMs) / DAY);

    vi.useFakeTimers({ now: Date.now() + CART_LIFETIME.orderableMs, toFake: ['Date'] });
    await expect(carts.get(cart.id)).resolves.toBeUndefined();
    // A late payment still finds it, and then it is kept for good.
    await expect(carts.recordPayment(cart.id, payment('9'))).resolves.toBe('fulfilled');
    await expect(carts.get(cart.id)).resolves.toMatchObject({ id: cart.id, fulfilment: { orderId: '9' } });
    expect(await connection.ttl(`shop:cart:${cart.id}`)).toBe(-1);
  });
});
