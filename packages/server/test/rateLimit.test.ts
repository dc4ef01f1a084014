import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startPostgresServer, startRedisServer, type PostgresServer, type RedisServer } from '@aurpay-kit/testing';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeCheckout, type FakeCheckout } from '../src/checkout/test-utils/fakeCheckout.js';
import { FakeCheckoutClient } from '../src/checkout/test-utils/fakeCheckoutClient.js';
import { fakeCheckoutOptions } from '../src/checkout/test-utils/fakeCheckoutOptions.js';
import { createCheckoutRouter } from '../src/express/createCheckoutRouter.js';
import { createPostgresStore } from '../src/postgres/index.js';
import { createRedisStore } from '../src/redis/index.js';

let redis: RedisServer;
let postgres: PostgresServer;
beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedisServer(), startPostgresServer()]);
});
afterAll(async () => {
  await Promise.all([redis?.close(), postgres?.close()]);
});

const ORDER = { kind: 'crypto', chain: 'ETH', currency: 'USDT-ERC20' };

/** Creates `count` orders, alternating between the checkouts, from one client; the statuses. */
async function createFrom(checkouts: FakeCheckout[], count: number, clientId = '203.0.113.7'): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1)
    statuses.push((await checkouts[i % checkouts.length]!.call({ method: 'POST', url: '/orders', body: ORDER, clientId })).status);
  return statuses;
}

describe('the order-creation limit shared by instances', () => {
  const backends = {
    Redis: () => [0, 1].map(() => createRedisStore({ url: redis.url, keyPrefix: 'limit-test:' })),
    PostgreSQL: () => [0, 1].map(() => createPostgresStore({ connectionString: postgres.url, schema: 'limits' })),
  };

  it.each(Object.entries(backends))('holds across two instances on one %s', async (_name, open) => {
    const stores = open();
    const client = new FakeCheckoutClient();
    const checkouts = stores.map((store) =>
      fakeCheckout({ client, rateLimitBackend: store.rateLimitBackend, rateLimit: { max: 5, windowMs: 60_000 } }),
    );
    try {
      await Promise.all(stores.map((store) => store.ready()));
      const statuses = await createFrom(checkouts, 12);
      expect(statuses.filter((status) => status === 201)).toHaveLength(5);
      expect(statuses.filter((status) => status === 429)).toHaveLength(7);
      // Another client is not affected.
      expect(await createFrom(checkouts, 2, '198.51.100.9')).toEqual([201, 201]);
    } finally {
      for (const checkout of checkouts) checkout.handlers.close();
      await Promise.all(stores.map((store) => store.close()));
    }
  });
});

/** Sends one POST through `port` from `localAddress`, with the given headers; the status. */
function post(port: number, path: string, headers: Record<string, string>, localAddress = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(ORDER);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        localAddress,
        agent: false,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      },
      (res: IncomingMessage) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the client address behind a proxy', () => {
  it('cannot be rotated with X-Forwarded-For when Express trusts exactly the one proxy in front', async () => {
    const app = express();
    // One reverse proxy in front: Express takes the address that proxy appended, not the client's own claims.
    app.set('trust proxy', 1);
    const router = createCheckoutRouter(fakeCheckoutOptions({ rateLimit: { max: 3, windowMs: 60_000 } }));
    app.use('/api/pay', router);
    const shop: Server = createServer(app);
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    // The proxy: appends the address it sees, as nginx's $proxy_add_x_forwarded_for does.
    const proxy = createServer((incoming, outgoing) => {
      const forwarded = [incoming.headers['x-forwarded-for'], incoming.socket.remoteAddress].filter(Boolean).join(', ');
      const upstream = request(
        {
          host: '127.0.0.1',
          port: (shop.address() as AddressInfo).port,
          path: incoming.url,
          method: incoming.method,
          headers: { ...incoming.headers, 'x-forwarded-for': forwarded },
        },
        (res) => {
          outgoing.writeHead(res.statusCode ?? 502, res.headers);
          res.pipe(outgoing);
        },
      );
      incoming.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const port = (proxy.address() as AddressInfo).port;
    try {
      const rotated = [];
      for (let i = 0; i < 10; i += 1) rotated.push(await post(port, '/api/pay/orders', { 'x-forwarded-for': `10.0.${i}.1` }, '127.0.0.2'));
      expect(rotated.filter((status) => status === 201)).toHaveLength(3);
      expect(rotated.filter((status) => status === 429)).toHaveLength(7);
      // A buyer from another address still gets through.
      expect(await post(port, '/api/pay/orders', {}, '127.0.0.3')).toBe(201);
    } finally {
      router.checkout.close();
      await new Promise((resolve) => proxy.close(resolve));
      await new Promise((resolve) => shop.close(resolve));
    }
  });
});
