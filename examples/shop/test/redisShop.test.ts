import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STATUS_TOKEN_HEADER, type CheckoutOrder } from '@aurpay-kit/core';
import { startSandbox, type Sandbox } from '@aurpay-kit/sandbox';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Cart } from '../server/cartStore.js';
import { RedisCartStore } from '../server/redisCartStore.js';
import { ShopConfigError } from '../server/shopConfigError.js';
import { startShop, type Shop, type StartShopOptions } from '../server/startShop.js';
import { freePort, startRedisServer, type RedisServer } from '@aurpay-kit/testing';

let redis: RedisServer;
let sandbox: Sandbox;
let clientDir: string;
let shopA: Shop;
let shopB: Shop;
const recordPayment = vi.spyOn(RedisCartStore.prototype, 'recordPayment');

/** What each instance is started with: Redis and the sandbox as the gateway; no STATUS_SECRET (Redis keeps one). */
function instance(port: number, publicUrl: string, redisUrl = redis.url): StartShopOptions {
  const { apiToken, secretKey, callbackToken, callbackSecret } = sandbox.options;
  const gateway = { baseUrl: sandbox.url, apiToken, secretKey, callbackToken, callbackSecret, publicUrl };
  return { port, clientDir, storage: { kind: 'redis', url: redisUrl }, gateway };
}

beforeAll(async () => {
  redis = await startRedisServer();
  sandbox = await startSandbox({ port: 0, quiet: true, callbackRetryDelayMs: 100 });
  // These tests speak HTTP only: a placeholder page stands in for the built front end.
  clientDir = await mkdtemp(join(tmpdir(), 'shop-client-'));
  await writeFile(join(clientDir, 'index.html'), '<!doctype html><title>Block &amp; Bolt</title>');
  // Every instance gives the gateway the same public URL; here it is shop A's, where callbacks land.
  const portA = await freePort();
  const publicUrl = `http://127.0.0.1:${portA}`;
  shopA = await startShop(instance(portA, publicUrl));
  shopB = await startShop(instance(0, publicUrl));
});

afterAll(async () => {
  await Promise.all([shopA?.close(), shopB?.close()]);
  await Promise.all([sandbox?.close(), redis?.close(), clientDir && rm(clientDir, { recursive: true, force: true })]);
  recordPayment.mockRestore();
});

const origin = (shop: Shop) => `http://127.0.0.1:${new URL(shop.url).port}`;

async function call<T>(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** Polls `read` every 50 ms until `done` holds; gives up after 30 s, which only a broken shop reaches. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (const deadline = Date.now() + 30_000; !done(value) && Date.now() < deadline; value = await read()) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return value;
}

const orderFor = (shop: Shop, cartId: string, coin: { chain: string; currency: string } = { chain: 'BTC', currency: 'BTC' }) =>
  call<CheckoutOrder>(origin(shop), 'POST', '/api/pay/orders', { kind: 'crypto', ...coin, cartId });
const statusOf = (shop: Shop, order: CheckoutOrder) =>
  call<CheckoutOrder>(origin(shop), 'GET', `/api/pay/orders/${order.orderId}`, undefined, { [STATUS_TOKEN_HEADER]: order.statusToken });
const cartOn = (shop: Shop, id: string) => call<Cart>(origin(shop), 'GET', `/api/carts/${id}`);
const pay = (order: CheckoutOrder) => call<{ code: number }>(sandbox.url, 'POST', `/_sandbox/orders/${order.orderId}/pay`, {});

describe('two shop instances sharing one Redis and one gateway', () => {
  test('a cart made on A, ordered on B and paid: both see it paid, fulfilled exactly once, a second payment kept as a refund due', async () => {
    const cart = await call<Cart>(origin(shopA), 'POST', '/api/carts', { items: [{ productId: 'lightning-mug', quantity: 2 }] });
    expect(cart).toMatchObject({ status: 201, body: { total: '25', fulfilment: null } });

    const onB = await orderFor(shopB, cart.body.id);
    expect(onB.status).toBe(201);
    // A knows B's order, and accepts the status token B signed (the secret both read from Redis).
    await expect(statusOf(shopA, onB.body)).resolves.toMatchObject({
      status: 200,
      body: { status: 'awaiting_payment', amount: onB.body.amount },
    });
    // A second tab asks again on A: the cart's open BTC order comes back, not a second one.
    await expect(orderFor(shopA, cart.body.id)).resolves.toMatchObject({ status: 200, body: { orderId: onB.body.orderId } });
    // A third tab pays with another currency: that is another order.
    const onA = await orderFor(shopA, cart.body.id, { chain: 'ETH', currency: 'USDT-ERC20' });
    expect(onA.status).toBe(201);

    await expect(pay(onB.body)).resolves.toMatchObject({ status: 200, body: { code: 0 } });
    const paid = await until(
      () => statusOf(shopB, onB.body),
      (answer) => answer.body.status === 'paid',
    );
    expect(paid.body).toMatchObject({ status: 'paid', paidAmount: onB.body.amount, remainingAmount: '0' });
    const receipt = await until(
      () => cartOn(shopB, cart.body.id),
      (answer) => answer.body.fulfilment !== null,
    );
    const fulfilment = { orderId: onB.body.orderId, paid: { amount: onB.body.amount, currency: 'BTC' }, recordedAt: expect.any(String) };
    expect(receipt.body.fulfilment).toEqual(fulfilment);
    expect(receipt.body.refundsDue).toEqual([]);
    await expect(cartOn(shopA, cart.body.id)).resolves.toEqual(receipt);
    await expect(orderFor(shopA, cart.body.id)).resolves.toMatchObject({ status: 409, body: { error: { code: 'cart_paid' } } });

    // The other tab's order is paid too: its onPaid runs once, and the payment is kept as a refund due.
    await pay(onA.body);
    await expect(
      until(
        () => statusOf(shopB, onA.body),
        (answer) => answer.body.status === 'paid',
      ),
    ).resolves.toMatchObject({ body: { status: 'paid' } });
    const settled = await until(
      async () => recordPayment.mock.settledResults,
      (results) => results.length >= 2 && results.every((r) => r.type !== 'incomplete'),
    );
    const outcomes = recordPayment.mock.calls.map(([cartId, recorded], i) => ({
      cartId,
      orderId: recorded.orderId,
      outcome: settled[i]?.value,
    }));
    expect(outcomes).toHaveLength(2);
    expect(outcomes).toEqual(
      expect.arrayContaining([
        { cartId: cart.body.id, orderId: onB.body.orderId, outcome: 'fulfilled' },
        { cartId: cart.body.id, orderId: onA.body.orderId, outcome: 'refund_due' },
      ]),
    );
    const twice = await cartOn(shopB, cart.body.id);
    expect(twice.body).toMatchObject({
      fulfilment,
      refundsDue: [{ orderId: onA.body.orderId, paid: { amount: onA.body.amount, currency: 'USDT-ERC20' } }],
    });
  });

  test('an unreachable Redis stops the start with an error naming REDIS_URL', async () => {
    const closed = `redis://127.0.0.1:${await freePort()}`;
    const failed = startShop(instance(0, 'http://127.0.0.1:1', closed));
    await expect(failed).rejects.toBeInstanceOf(ShopConfigError);
    await expect(failed).rejects.toThrow(/Redis at redis:\/\/127\.0\.0\.1:\d+ \(REDIS_URL\) cannot be reached: .*ECONNREFUSED/);
  });

  test('while Redis is down, carts and orders answer 503 store_unavailable', async () => {
    const doomed = await startRedisServer();
    const shop = await startShop(instance(0, 'http://127.0.0.1:1', doomed.url));
    const silenced = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const cart = await call<Cart>(origin(shop), 'POST', '/api/carts', { items: [{ productId: 'node-tee', quantity: 1 }] });
      expect(cart.status).toBe(201);
      await doomed.close();
      const unavailable = { status: 503, body: { error: { code: 'store_unavailable' } } };
      await expect(cartOn(shop, cart.body.id)).resolves.toMatchObject(unavailable);
      await expect(call(origin(shop), 'POST', '/api/carts', { items: [{ productId: 'node-tee', quantity: 1 }] })).resolves.toMatchObject(
        unavailable,
      );
      await expect(orderFor(shop, cart.body.id)).resolves.toMatchObject(unavailable);
    } finally {
      silenced.mockRestore();
      await shop.close();
      await doomed.close();
    }
  });
});
