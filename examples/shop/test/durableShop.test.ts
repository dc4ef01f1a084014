import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STATUS_TOKEN_HEADER, type CheckoutOrder } from '@aurpay-kit/core';
import { startSandbox, type Sandbox } from '@aurpay-kit/sandbox';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Cart } from '../server/cartStore.js';
import { startShop, type Shop, type StartShopOptions } from '../server/startShop.js';
import { freePort } from '@aurpay-kit/testing';

const ADMIN_TOKEN = 'admin-token-0123456789abcdef-0123456789';

let sandbox: Sandbox;
let dir: string;
let port: number;

beforeAll(async () => {
  // Aurpay's callbacks give up quickly here, so a shop that is down misses them for good.
  sandbox = await startSandbox({ port: 0, quiet: true, callbackRetries: 1, callbackRetryDelayMs: 20, callbackTimeoutMs: 500 });
  dir = await mkdtemp(join(tmpdir(), 'durable-shop-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Block &amp; Bolt</title>');
  port = await freePort();
});

afterAll(async () => {
  await sandbox?.close();
  await rm(dir, { recursive: true, force: true });
});

/** The shop in gateway mode against the sandbox, keeping everything in one SQLite file. */
function start(overrides: Partial<StartShopOptions> = {}): Promise<Shop> {
  const { apiToken, secretKey, callbackToken, callbackSecret } = sandbox.options;
  const publicUrl = `http://127.0.0.1:${port}`;
  return startShop({
    port,
    clientDir: dir,
    gateway: { baseUrl: sandbox.url, apiToken, secretKey, callbackToken, callbackSecret, publicUrl },
    storage: { kind: 'sqlite', filename: join(dir, 'data', 'shop.db') },
    adminToken: ADMIN_TOKEN,
    ...overrides,
  });
}

/** One request on a connection of its own: a kept-alive one would still point at the shop before its restart. */
function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        agent: false,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as T }));
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const newCart = () => call<Cart>('POST', '/api/carts', { items: [{ productId: 'node-tee', quantity: 1 }] });
const orderFor = (cartId: string) =>
  call<CheckoutOrder>('POST', '/api/pay/orders', { kind: 'crypto', chain: 'BTC', currency: 'BTC', cartId });
const statusOf = (order: CheckoutOrder) =>
  call<CheckoutOrder>('GET', `/api/pay/orders/${order.orderId}`, undefined, { [STATUS_TOKEN_HEADER]: order.statusToken });
const sandboxCall = (path: string) =>
  fetch(`${sandbox.url}/_sandbox/orders/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

describe('the shop on SQLite (gateway mode’s default)', () => {
  test('keeps a cart, its open order and the buyer’s token across a restart, and fulfils a payment made while it was down', async () => {
    let shop = await start();
    const cart = (await newCart()).body;
    const order = (await orderFor(cart.id)).body;
    expect(order.status).toBe('awaiting_payment');
    await shop.close();

    // Down: the buyer pays, and Aurpay's callbacks find nobody and give up.
    await sandboxCall(`${order.orderId}/pay`);
    await vi.waitFor(
      async () => {
        const view = (await (await fetch(`${sandbox.url}/_sandbox/orders/${order.orderId}`)).json()) as { data: { callbacks: unknown[] } };
        expect(view.data.callbacks).toHaveLength(2);
      },
      // Bounds a wait for the sandbox's two attempts, which end as soon as they are refused.
      { timeout: 30_000, interval: 20 },
    );

    shop = await start();
    try {
      // The reconciler's start-up pass finds the payment; the browser's old token still opens the order.
      const receipt = await vi.waitFor(
        async () => {
          const answer = await call<Cart>('GET', `/api/carts/${cart.id}`);
          expect(answer.body.fulfilment).not.toBeNull();
          return answer.body;
        },
        { timeout: 30_000, interval: 50 },
      );
      expect(receipt.fulfilment).toMatchObject({ orderId: order.orderId, paid: { amount: order.amount, currency: 'BTC' } });
      await expect(statusOf(order)).resolves.toMatchObject({ status: 200, body: { status: 'paid' } });
      await expect(orderFor(cart.id)).resolves.toMatchObject({ status: 409, body: { error: { code: 'cart_paid' } } });
    } finally {
      await shop.close();
    }
  });

  test('hands the open order back after a restart instead of making a second one', async () => {
    const before = await start();
    let first;
    let cart;
    try {
      cart = (await newCart()).body;
      first = await orderFor(cart.id);
    } finally {
      await before.close();
    }
    const shop = await start();
    try {
      const again = await orderFor(cart.id);
      expect(first.status).toBe(201);
      expect(again).toEqual({ status: 200, body: first.body });
    } finally {
      await shop.close();
    }
  });

  test('lists fulfilments to the operator with the admin token, and to nobody else', async () => {
    const shop = await start();
    try {
      await expect(call('GET', '/api/admin/fulfilments?state=done')).resolves.toMatchObject({
        status: 401,
        body: { error: { code: 'unauthorized' } },
      });
      const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
      const done = await call<{ orderId: string; state: string }[]>('GET', '/api/admin/fulfilments?state=done', undefined, auth);
      expect(done.status).toBe(200);
      expect(done.body.length).toBeGreaterThanOrEqual(1);
      expect(done.body.every((f) => f.state === 'done')).toBe(true);
      await expect(call('GET', '/api/admin/fulfilments?state=everything', undefined, auth)).resolves.toMatchObject({ status: 400 });
      await expect(call('POST', `/api/admin/fulfilments/${done.body[0]!.orderId}/paid/retry`, undefined, auth)).resolves.toMatchObject({
        status: 404,
        body: { error: { code: 'fulfilment_not_found' } },
      });
    } finally {
      await shop.close();
    }
  });
});
