import { STATUS_TOKEN_HEADER, type CheckoutOrder } from '@aurpay-kit/core';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '@aurpay-kit/sandbox';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Cart } from '../server/cartStore.js';
import { startPlaceholderShop, type PlaceholderShop } from './placeholderShop.js';
import { freePort } from '@aurpay-kit/testing';

// A merchant who has not turned on callback authentication at Aurpay, and holds the BTCLN
// platform's own API-Key: Aurpay's callbacks come unsigned, and Lightning takes only that key.
let sandbox: Sandbox;
let shop: PlaceholderShop;

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    quiet: true,
    callbackRetryDelayMs: 50,
    requireLightningKey: true,
    quirks: { unsignedCallbacks: true },
  });
  const port = await freePort();
  const { apiToken, secretKey } = sandbox.options;
  shop = await startPlaceholderShop({
    port,
    storage: { kind: 'memory' },
    gateway: {
      baseUrl: sandbox.url,
      apiToken,
      secretKey,
      lightning: { type: 'api-key', apiKey: SANDBOX_DEFAULTS.lightningApiKey },
      publicUrl: `http://127.0.0.1:${port}`,
    },
  });
});

afterAll(async () => {
  await shop?.close();
  await sandbox?.close();
});

async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${shop.base}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

describe('gateway mode without Aurpay’s callback authentication, Lightning on its own key', () => {
  test.each([
    ['crypto', { kind: 'crypto', chain: 'BTC', currency: 'BTC' }],
    ['Lightning', { kind: 'lightning' }],
  ])('a %s order is settled by its unsigned callback and the cart fulfilled', async (_name, method) => {
    const cart = await call<Cart>('POST', '/api/carts', { items: [{ productId: 'lightning-mug', quantity: 1 }] });
    const order = await call<CheckoutOrder>('POST', '/api/pay/orders', { ...method, cartId: cart.body.id });
    expect(order.status).toBe(201);

    const paid = await fetch(`${sandbox.url}/_sandbox/orders/${order.body.orderId}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(((await paid.json()) as { code: number }).code).toBe(0);
    // Nothing polls this order: only its callback, with no Callback-Token or Signature, can settle it.
    await vi.waitFor(async () => expect((await call<Cart>('GET', `/api/carts/${cart.body.id}`)).body.fulfilment).not.toBeNull(), {
      timeout: 10_000,
      interval: 50,
    });
    const status = await call<CheckoutOrder>('GET', `/api/pay/orders/${order.body.orderId}`, undefined, {
      [STATUS_TOKEN_HEADER]: order.body.statusToken,
    });
    expect(status.body.status).toBe('paid');
    // The shop answered the unsigned callback 200, on a URL carrying the order's key.
    const sent = (await (await fetch(`${sandbox.url}/_sandbox/orders/${order.body.orderId}`)).json()) as {
      data: { callbacks: { url: string; status: number | null }[] };
    };
    expect(sent.data.callbacks[0]).toMatchObject({ status: 200, url: expect.stringMatching(/[?&]key=[\w-]{20,}/) });
  });

  test('a callback with neither Aurpay’s headers nor the order’s key is refused', async () => {
    const forged = await fetch(`${shop.base}/api/pay/callback?ref=whatever&event=paid`);
    expect(forged.status).toBe(401);
  });
});
