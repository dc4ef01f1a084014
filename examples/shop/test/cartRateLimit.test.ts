import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort, startPostgresServer, startRedisServer, type PostgresServer, type RedisServer } from '@aurpay-kit/testing';
import express from 'express';
import { Redis } from 'ioredis';
import pg from 'pg';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { jsonErrors } from '../server/jsonErrors.js';
import { MemoryCartStore } from '../server/memoryCartStore.js';
import { rateLimiterFor } from '../server/rateLimiterFor.js';
import { shopRoutes } from '../server/shopRoutes.js';
import { startPlaceholderShop, type PlaceholderShop } from './placeholderShop.js';

let shop: PlaceholderShop;
let untrusting: PlaceholderShop;
const LIMIT = { points: 3, durationSeconds: 60 };

beforeAll(async () => {
  // The tests connect from 127.0.0.1, a trusted proxy by default: X-Forwarded-For names the client.
  shop = await startPlaceholderShop({ cartRateLimit: LIMIT });
  untrusting = await startPlaceholderShop({ cartRateLimit: LIMIT, trustProxy: false });
});

afterAll(() => Promise.all([shop?.close(), untrusting?.close()]));

const mug = JSON.stringify({ items: [{ productId: 'lightning-mug', quantity: 1 }] });

function newCart(on: PlaceholderShop, from: string, body = mug): Promise<Response> {
  return fetch(`${on.base}/api/carts`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': from }, body });
}

const statuses = async (on: PlaceholderShop, from: string[]) => {
  const answers: number[] = [];
  for (const address of from) answers.push((await newCart(on, address)).status);
  return answers;
};

describe('cart creation, rate-limited per client address', () => {
  test('past the limit a client gets 429 with Retry-After; another client is unaffected; refused carts do not count', async () => {
    await expect(statuses(shop, ['203.0.113.7', '203.0.113.7'])).resolves.toEqual([201, 201]);
    // Bad carts cost nothing: counted only once a cart is known good.
    for (let i = 0; i < 5; i += 1) expect((await newCart(shop, '203.0.113.7', '{"items":[]}')).status).toBe(400);
    expect((await newCart(shop, '203.0.113.7')).status).toBe(201);

    const refused = await newCart(shop, '203.0.113.7');
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(wait) && wait >= 1 && wait <= LIMIT.durationSeconds).toBe(true);
    await expect(refused.json()).resolves.toEqual({
      error: { code: 'too_many_carts', message: `Too many new carts from your address: try again in ${wait} s.` },
    });
    // The same address written as IPv4-mapped IPv6 is the same client.
    expect((await newCart(shop, '::ffff:203.0.113.7')).status).toBe(429);

    await expect(statuses(shop, ['198.51.100.20'])).resolves.toEqual([201]);
  });

  test('an IPv6 client rotating through its /64 is one client; the next /64 is another', async () => {
    await expect(statuses(shop, ['2001:db8:1:2::a', '2001:db8:1:2:ffff::b', '2001:0db8:0001:0002::c', '2001:db8:1:2::d'])).resolves.toEqual(
      [201, 201, 201, 429],
    );
    await expect(statuses(shop, ['2001:db8:1:3::1'])).resolves.toEqual([201]);
  });

  test('with no proxy trusted, a made-up X-Forwarded-For changes nothing: the connection’s address counts', async () => {
    await expect(statuses(untrusting, ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4'])).resolves.toEqual([201, 201, 201, 429]);
  });

  test('a TRUST_PROXY Express cannot read stops the start with a message naming it', async () => {
    await expect(startPlaceholderShop({ trustProxy: '10.0.0.0/99' })).rejects.toThrow(/^TRUST_PROXY \(trustProxy\) must be/);
  });
});

describe('rateLimiterFor: the limit is shared by every instance on the same store', () => {
  let redis: RedisServer;
  let postgres: PostgresServer;
  const pools: pg.Pool[] = [];
  const connections: Redis[] = [];

  beforeAll(async () => {
    [redis, postgres] = await Promise.all([startRedisServer(), startPostgresServer()]);
  });

  afterAll(async () => {
    for (const connection of connections) connection.disconnect();
    await Promise.all(pools.map((pool) => pool.end()));
    await Promise.all([redis?.close(), postgres?.close()]);
  });

  const redisConnection = (url: string) => {
    // As the shop opens its own: no offline queue, so a count fails at once while Redis is away.
    const connection = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    connection.on('error', () => undefined);
    connections.push(connection);
    return connection;
  };
  const ready = async (connection: Redis) => {
    if (connection.status !== 'ready') await new Promise((resolve) => connection.once('ready', resolve));
    return connection;
  };
  const pool = () => {
    const opened = new pg.Pool({ connectionString: postgres.url });
    pools.push(opened);
    return opened;
  };
  const spec = { name: 'shop_carts', points: 2, durationSeconds: 60 };

  test.each([
    ['Redis, on two connections', async () => ({ kind: 'redis', client: await ready(redisConnection(redis.url)) }) as const],
    ['PostgreSQL, on two pools', async () => ({ kind: 'postgres', pool: pool() }) as const],
  ])('%s', async (_name, store) => {
    const [one, two] = [await rateLimiterFor(await store(), spec), await rateLimiterFor(await store(), spec)];
    await one.consume('203.0.113.7');
    await two.consume('203.0.113.7');
    const refused = await one.consume('203.0.113.7').catch((outcome: unknown) => outcome);
    expect(refused).toBeInstanceOf(RateLimiterRes);
    await expect(two.consume('198.51.100.1')).resolves.toBeInstanceOf(RateLimiterRes);
  });

  test('an unreachable Redis fails the count, and the route answers 503 rather than let every cart through', async () => {
    const cartLimiter = await rateLimiterFor({ kind: 'redis', client: redisConnection(`redis://127.0.0.1:${await freePort()}`) }, spec);
    const app = express()
      .use('/api', shopRoutes({ carts: new MemoryCartStore(), sandbox: true, cartLimiter }))
      .use(jsonErrors);
    const server = createServer(app).listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/carts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: mug,
      });
      expect(res.status).toBe(503);
      await expect(res.json()).resolves.toMatchObject({ error: { code: 'store_unavailable' } });
    } finally {
      server.close();
    }
  });
});
