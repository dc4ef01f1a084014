import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CheckoutOrder, CheckoutStatus } from '@aurpay-kit/core';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox, type SandboxOptions } from '@aurpay-kit/sandbox';
import express from 'express';
import { AurpayClient } from '../src/client/aurpayClient.js';
import type { StoredOrder } from '../src/checkout/stores/orderStore.js';
import { createCheckoutRouter, type CheckoutRouter, type ExpressCheckoutOptions } from '../src/express/createCheckoutRouter.js';

export const STATUS_SECRET = 'test-status-secret-0123456789abcdef';

export interface HarnessOptions {
  sandbox?: SandboxOptions;
  clientTimeoutMs?: number;
  checkout?: Partial<ExpressCheckoutOptions>;
  /** Answers the sandbox's own callbacks 503 before they reach the router, so a test sends its own. */
  refuseSandboxCallbacks?: boolean;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  // Test code reads the JSON freely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface Harness {
  sandbox: Sandbox;
  client: AurpayClient;
  router: CheckoutRouter;
  /** Where the router is mounted: `http://127.0.0.1:<port>/api/pay`. */
  publicUrl: string;
  hooks: { paid: StoredOrder[]; expired: StoredOrder[]; changes: { order: StoredOrder; previous: CheckoutStatus }[] };
  api(method: string, path: string, init?: { body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<ApiAnswer>;
  createOrder(body: Record<string, unknown>, headers?: Record<string, string>): Promise<CheckoutOrder>;
  status(order: CheckoutOrder): Promise<ApiAnswer>;
  /** The sandbox's control API: GET without a body, POST with one. */
  control(path: string, body?: unknown): Promise<unknown>;
  detailCalls(): Promise<number>;
  resetStats(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A sandbox gateway, an `AurpayClient` signing with the sandbox's credentials, and an Express app
 * on 127.0.0.1 with the checkout router at `/api/pay`, `publicUrl` pointing at it so the
 * sandbox's callbacks arrive.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  // Lightning answers only to its own key, as Aurpay's documents say it does in production.
  const sandbox = await startSandbox({ port: 0, quiet: true, callbackRetryDelayMs: 50, requireLightningKey: true, ...options.sandbox });
  const client = new AurpayClient({
    baseUrl: sandbox.url,
    auth: { type: 'signature', apiToken: SANDBOX_DEFAULTS.apiToken, secretKey: SANDBOX_DEFAULTS.secretKey },
    lightningAuth: { type: 'api-key', apiKey: SANDBOX_DEFAULTS.lightningApiKey },
    timeoutMs: options.clientTimeoutMs ?? 5000,
    retries: 0,
  });
  const app = express();
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/pay`;
  const hooks: Harness['hooks'] = { paid: [], expired: [], changes: [] };
  if (options.refuseSandboxCallbacks === true) {
    app.use((req, res, next) => (req.get('user-agent') === 'aurpay-sandbox' ? void res.status(503).end() : next()));
  }
  const router = createCheckoutRouter({
    client,
    publicUrl,
    statusSecret: STATUS_SECRET,
    callback: { token: SANDBOX_DEFAULTS.callbackToken, secret: SANDBOX_DEFAULTS.callbackSecret },
    priceFor: (_req, body) => ({ amount: '18.5', currency: 'USD', metadata: { cartId: typeof body.cartId === 'string' ? body.cartId : 'none' } }),
    onPaid: (order) => void hooks.paid.push(order),
    onExpired: (order) => void hooks.expired.push(order),
    onStatusChange: (order, previous) => void hooks.changes.push({ order, previous }),
    rateLimit: { max: 10_000 },
    // Tests that count upstream calls run reconciliation passes by hand, if at all.
    reconcile: false,
    minRefreshMs: 200,
    pollIntervalMs: 100,
    ...options.checkout,
  });
  app.use('/api/pay', router);

  const api: Harness['api'] = async (method, path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    let body: string | undefined = init.rawBody;
    if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(publicUrl + path, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: the test sees the text.
    }
    return { status: res.status, headers: res.headers, body: parsed };
  };
  const control: Harness['control'] = async (path, body) => {
    const res = await fetch(`${sandbox.url}/_sandbox${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const envelope = (await res.json()) as { code: number; message: string; data: unknown };
    if (envelope.code !== 0) throw new Error(`sandbox control ${path}: ${envelope.message}`);
    return envelope.data;
  };
  return {
    sandbox,
    client,
    router,
    publicUrl,
    hooks,
    api,
    control,
    async createOrder(body, headers) {
      const answer = await api('POST', '/orders', { body, ...(headers === undefined ? {} : { headers }) });
      if (answer.status !== 201) throw new Error(`POST /orders answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return answer.body as CheckoutOrder;
    },
    status: (order) => api('GET', `/orders/${order.orderId}`, { headers: { 'X-Status-Token': order.statusToken } }),
    async detailCalls() {
      const stats = (await control('/stats')) as { requests: Record<string, number> };
      return stats.requests['GET /api/v2/order/detail/:order_id'] ?? 0;
    },
    async resetStats() {
      await control('/stats/reset', {});
    },
    async close() {
      router.checkout.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await sandbox.close();
    },
  };
}
