import { StoreUnavailableError } from '@aurpay-kit/server';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CartError } from '../server/cartError.js';
import type { CartStore, Fulfilment } from '../server/cartStore.js';
import { MemoryCartStore } from '../server/memoryCartStore.js';
import { RedisCartStore } from '../server/redisCartStore.js';
import { freePort, startRedisServer, type RedisServer } from './redisServer.js';

let redis: RedisServer;
const connections: Redis[] = [];

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
  redis = await startRedisServer();
});

afterAll(async () => {
  for (const connection of connections) connection.disconnect();
  await redis?.close();
});

const paid = (orderId: string): Fulfilment => ({
  orderId,
  paid: { amount: '0.00029134', currency: 'BTC' },
  fulfilledAt: '2025-01-02T03:04:05.000Z',
});

// Each store is made by a factory that may also hand out a second view of the same carts.
const stores: [string, () => Promise<{ carts: CartStore; elsewhere: CartStore }>][] = [
  [
    'MemoryCartStore',
    async () => {
      const carts = new MemoryCartStore();
      return { carts, elsewhere: carts };
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
    await expect(elsewhere.get(cart.id)).resolves.toEqual(cart);
  });

  test('refuses bad carts with a CartError, and knows no unknown id', async () => {
    const { carts } = await open();
    await expect(carts.create([])).rejects.toBeInstanceOf(CartError);
    await expect(carts.create([{ productId: 'unicorn', quantity: 1 }])).rejects.toThrow(/does not sell/);
    await expect(carts.create([{ productId: 'node-tee', quantity: 1.5 }])).rejects.toThrow(/whole numbers/);
    await expect(carts.get('00000000-0000-4000-8000-000000000000')).resolves.toBeUndefined();
    await expect(carts.get('not a cart id')).resolves.toBeUndefined();
    await expect(carts.fulfil('00000000-0000-4000-8000-000000000000', paid('1'))).resolves.toBe(false);
  });

  test('records the fulfilment exactly once, however many calls race', async () => {
    const { carts, elsewhere } = await open();
    const cart = await carts.create([{ productId: 'seed-plate', quantity: 1 }]);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? carts : elsewhere).fulfil(cart.id, paid(String(i)))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = String(results.indexOf(true));
    await expect(elsewhere.get(cart.id)).resolves.toEqual({ ...cart, fulfilment: paid(winner) });
    await expect(carts.fulfil(cart.id, paid('late'))).resolves.toBe(false);
    await expect(carts.get(cart.id)).resolves.toMatchObject({ fulfilment: { orderId: winner } });
  });
});

describe('RedisCartStore in Redis', () => {
  test('keeps the cart JSON and the fulfilment under shop:… keys for a few days', async () => {
    const connection = await ready(redis.url);
    const carts = new RedisCartStore(connection);
    const cart = await carts.create([{ productId: 'node-tee', quantity: 1 }]);
    const stored = JSON.parse((await connection.get(`shop:cart:${cart.id}`)) ?? 'null') as unknown;
    expect(stored).toEqual({ id: cart.id, lines: cart.lines, total: '24', currency: 'USD' });
    const days = (seconds: number) => seconds / 86_400;
    expect(days(await connection.ttl(`shop:cart:${cart.id}`))).toBeGreaterThan(2.9);
    expect(days(await connection.ttl(`shop:cart:${cart.id}`))).toBeLessThanOrEqual(3);
    await carts.fulfil(cart.id, paid('7'));
    expect(JSON.parse((await connection.get(`shop:fulfilment:${cart.id}`)) ?? 'null')).toEqual(paid('7'));
    expect(days(await connection.ttl(`shop:fulfilment:${cart.id}`))).toBeGreaterThan(2.9);
  });

  test('answers StoreUnavailableError while Redis cannot be reached', async () => {
    const carts = new RedisCartStore(connect(`redis://127.0.0.1:${await freePort()}`));
    await expect(carts.create([{ productId: 'node-tee', quantity: 1 }])).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(carts.get('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'store_unavailable' });
    await expect(carts.fulfil('00000000-0000-4000-8000-000000000000', paid('1'))).rejects.toThrow(/Redis could not record the fulfilment/);
  });
});
