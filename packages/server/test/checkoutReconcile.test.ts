import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CheckoutOrder } from '@aurpay-kit/core';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox } from '@aurpay-kit/sandbox';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { AurpayClient } from '../src/client/aurpayClient.js';
import { MemoryOrderStore } from '../src/checkout/stores/memoryOrderStore.js';
import type { StoredOrder } from '../src/checkout/stores/orderStore.js';
import { createCheckoutRouter, type CheckoutRouter, type ExpressCheckoutOptions } from '../src/express/createCheckoutRouter.js';
import { callJson } from './clusterInstance.js';
import { STATUS_SECRET } from './checkoutHarness.js';

interface Shop {
  url: string;
  router: CheckoutRouter;
  paid: StoredOrder[];
  close(): Promise<void>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** One start of the shop's checkout: an Express app on a given port, over a store that outlives it. */
async function startShop(
  sandbox: Sandbox,
  store: MemoryOrderStore,
  port: number,
  checkout: Partial<ExpressCheckoutOptions> = {},
): Promise<Shop> {
  const app = express();
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const paid: StoredOrder[] = [];
  const router = createCheckoutRouter({
    client: new AurpayClient({
      baseUrl: sandbox.url,
      auth: { type: 'signature', apiToken: SANDBOX_DEFAULTS.apiToken, secretKey: SANDBOX_DEFAULTS.secretKey },
      retries: 0,
    }),
    publicUrl: `${origin}/api/pay`,
    statusSecret: STATUS_SECRET,
    callback: { token: SANDBOX_DEFAULTS.callbackToken, secret: SANDBOX_DEFAULTS.callbackSecret },
    priceFor: () => ({ amount: '18.5', currency: 'USD' }),
    onPaid: (order) => void paid.push(order),
    store,
    ...checkout,
  });
  app.use('/api/pay', router);
  return {
    url: `${origin}/api/pay`,
    router,
    paid,
    async close() {
      router.checkout.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** Resolves once `check` holds, looking again after each event loop turn; fails after 10 s. */
async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let turn = 0; turn < 1000; turn += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('reconciliation against the sandbox', () => {
  it('finds, at start-up, a payment made while the shop was down and an order resolved after it expired', async () => {
    const sandbox = await startSandbox({ port: 0, quiet: true, callbackRetries: 1, callbackRetryDelayMs: 10, callbackTimeoutMs: 500 });
    cleanups.push(() => sandbox.close());
    const store = new MemoryOrderStore();
    const first = await startShop(sandbox, store, 0, { reconcile: false });
    const port = Number(new URL(first.url).port);
    const create = async () =>
      (await callJson(first.url, 'POST', '/orders', { body: { kind: 'crypto', chain: 'ETH', currency: 'USDT-ERC20' } }))
        .body as CheckoutOrder;
    const paidWhileDown = await create();
    const resolvedLate = await create();
    const untouched = await create();
    await first.close();

    // The shop is down: Aurpay's callbacks find nobody, and give up.
    await callJson(sandbox.url, 'POST', `/_sandbox/orders/${paidWhileDown.orderId}/pay`, { body: {} });
    await callJson(sandbox.url, 'POST', `/_sandbox/orders/${resolvedLate.orderId}/pay`, { body: { amount: '1' } });
    await callJson(sandbox.url, 'POST', `/_sandbox/orders/${resolvedLate.orderId}/expire`, { body: {} });
    await callJson(sandbox.url, 'POST', `/_sandbox/orders/${resolvedLate.orderId}/resolve`, { body: {} });
    const attempts = async (id: string) =>
      ((await callJson(sandbox.url, 'GET', `/_sandbox/orders/${id}`)).body as { data: { callbacks: unknown[] } }).data.callbacks.length;
    await until(
      async () => (await attempts(paidWhileDown.orderId)) === 2 && (await attempts(resolvedLate.orderId)) === 2,
      'the sandbox to give up its callbacks',
    );
    expect((await store.get(paidWhileDown.orderId))?.status).toBe('awaiting_payment');
    await callJson(sandbox.url, 'POST', '/_sandbox/stats/reset', { body: {} });

    // Back up, with the default reconciler: its start-up pass finds both.
    const second = await startShop(sandbox, store, port, { reconcile: { intervalMs: 60_000 } });
    cleanups.push(() => second.close());
    await until(() => second.paid.length === 2, 'both orders to be fulfilled');
    expect(second.paid.map((order) => order.orderId).sort()).toEqual([paidWhileDown.orderId, resolvedLate.orderId].sort());
    expect((await store.get(resolvedLate.orderId))?.status).toBe('paid');
    expect((await store.get(untouched.orderId))?.status).toBe('awaiting_payment');
    const stats = (await callJson(sandbox.url, 'GET', '/_sandbox/stats')).body as { data: { requests: Record<string, number> } };
    // One pass: four list calls (SUCCESS, RESOLVED, PARTIAL, OVERDUE) and one detail per changed order.
    expect(stats.data.requests['GET /api/v2/order/']).toBe(4);
    expect(stats.data.requests['GET /api/v2/order/detail/:order_id']).toBe(2);
    expect(await store.getFulfilment(paidWhileDown.orderId, 'paid')).toMatchObject({ state: 'done', attempts: 1 });
  });
});
