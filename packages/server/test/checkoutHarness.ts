import type { CheckoutOrder, CheckoutStatus } from '@aurpay-kit/core';
import { SANDBOX_DEFAULTS, startSandbox, type Sandbox, type SandboxOptions } from '@aurpay-kit/sandbox';
import { AurpayClient } from '../src/client/aurpayClient.js';
import type { CheckoutHandlers, CheckoutOptions, CreateOrderBody, PriceQuote } from '../src/checkout/index.js';
import type { StoredOrder } from '../src/checkout/stores/orderStore.js';
import { serveCheckout, type CheckoutAdapter } from './serveCheckout.js';

export { CHECKOUT_ADAPTERS, type CheckoutAdapter } from './serveCheckout.js';

export const STATUS_SECRET = 'test-status-secret-0123456789abcdef';

/** Checkout options either adapter takes; `priceFor` gets the adapter's own request first. */
export type HarnessCheckoutOptions = Partial<Omit<CheckoutOptions, 'priceFor'>> & {
  priceFor?: (request: unknown, body: CreateOrderBody) => PriceQuote | Promise<PriceQuote>;
};

export interface HarnessOptions {
  /** Which adapter serves the routes: the Express router (the default) or the fetch handler. */
  adapter?: CheckoutAdapter;
  sandbox?: SandboxOptions;
  clientTimeoutMs?: number;
  checkout?: HarnessCheckoutOptions;
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
  /** The handlers behind whichever adapter serves the routes. */
  router: { checkout: CheckoutHandlers };
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
 * A sandbox gateway, an `AurpayClient` signing with the sandbox's credentials, and a server on
 * 127.0.0.1 with the checkout routes at `/api/pay` (the Express router, or the fetch handler
 * behind Hono on Node), `publicUrl` pointing at it so the sandbox's callbacks arrive.
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
  const hooks: Harness['hooks'] = { paid: [], expired: [], changes: [] };
  const served = await serveCheckout(options.adapter ?? 'express', {
    mountPath: '/api/pay',
    refuseSandboxCallbacks: options.refuseSandboxCallbacks === true,
    options: (publicUrl) => ({
      client,
      publicUrl,
      statusSecret: STATUS_SECRET,
      callback: { token: SANDBOX_DEFAULTS.callbackToken, secret: SANDBOX_DEFAULTS.callbackSecret },
      priceFor: (_req, body) => ({
        amount: '18.5',
        currency: 'USD',
        metadata: { cartId: typeof body.cartId === 'string' ? body.cartId : 'none' },
      }),
      onPaid: (order) => void hooks.paid.push(order),
      onExpired: (order) => void hooks.expired.push(order),
      onStatusChange: (order, previous) => void hooks.changes.push({ order, previous }),
      rateLimit: { max: 10_000 },
      // Tests that count upstream calls run reconciliation passes by hand, if at all.
      reconcile: false,
      minRefreshMs: 200,
      pollIntervalMs: 100,
      ...options.checkout,
    }),
  });
  const { publicUrl, router } = served;

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
      await router.checkout.close();
      await served.close();
      await sandbox.close();
    },
  };
}
