import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { CheckoutStatus } from '@aurpay-kit/core';
import { SANDBOX_DEFAULTS, type Sandbox } from '@aurpay-kit/sandbox';
import express from 'express';
import { AurpayClient } from '../src/client/aurpayClient.js';
import type { CheckoutClient } from '../src/checkout/checkoutOptions.js';
import type { StoredOrder } from '../src/checkout/stores/orderStore.js';
import { createCheckoutRouter, type CheckoutRouter, type ExpressCheckoutOptions } from '../src/express/createCheckoutRouter.js';
import { createRedisStore, type RedisCheckoutStore, type RedisStoreOptions } from '../src/redis/index.js';
import type { ApiAnswer } from './checkoutHarness.js';
import { STATUS_SECRET } from './checkoutHarness.js';

export interface HookCall {
  instance: string;
  hook: 'paid' | 'expired' | 'change';
  order: StoredOrder;
  previous?: CheckoutStatus;
}

export interface Instance {
  name: string;
  /** This instance's own router, bypassing the balancer: `http://127.0.0.1:<port>/api/pay`. */
  url: string;
  /** `http://127.0.0.1:<port>`, for the balancer. */
  origin: string;
  router: CheckoutRouter;
  redis: RedisCheckoutStore;
  /** Upstream order-detail calls this instance made. */
  detailCalls: number;
  /** `performance.now()` and order id of each of them. */
  detailCallLog: { at: number; orderId: string }[];
  /** `performance.now()` when each callback request reached this instance. */
  callbackArrivals: number[];
  errors: { error: unknown; where: string }[];
  api(method: string, path: string, init?: { body?: unknown; headers?: Record<string, string> }): Promise<ApiAnswer>;
  close(): Promise<void>;
}

export interface InstanceOptions {
  name: string;
  sandbox: Sandbox;
  /** What every instance is configured with: the balancer's `/api/pay`. */
  publicUrl: string;
  /** Where each hook call is recorded, with the instance's name. */
  hooks: HookCall[];
  redis: RedisStoreOptions;
  checkout?: Partial<ExpressCheckoutOptions>;
}

/** Sends a JSON request and reads the answer (JSON when it parses, else text). */
export async function callJson(
  base: string,
  method: string,
  path: string,
  init: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the test sees the text.
  }
  return { status: res.status, headers: res.headers, body };
}

function countingClient(client: AurpayClient, count: (orderId: string) => void): CheckoutClient {
  return {
    createPayInfo: (req, o) => client.createPayInfo(req, o),
    createBlnOrder: (req, o) => client.createBlnOrder(req, o),
    listCryptoCurrencies: (o) => client.listCryptoCurrencies(o),
    listOrders: (query, o) => client.listOrders(query, o),
    getOrderDetail: (orderId, o) => {
      count(orderId);
      return client.getOrderDetail(orderId, o);
    },
  };
}

/**
 * One checkout instance as a shop would run it: an Express app on 127.0.0.1 with the checkout
 * router at `/api/pay`, its own Aurpay client (counting detail calls) and its own Redis store
 * connections, everything shared with the other instances going through Redis.
 */
export async function startInstance(options: InstanceOptions): Promise<Instance> {
  const { name, sandbox, publicUrl, hooks } = options;
  const redis = createRedisStore(options.redis);
  const client = new AurpayClient({
    baseUrl: sandbox.url,
    auth: { type: 'signature', apiToken: SANDBOX_DEFAULTS.apiToken, secretKey: SANDBOX_DEFAULTS.secretKey },
    timeoutMs: 5000,
    retries: 0,
  });
  const app = express();
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const detailCallLog: Instance['detailCallLog'] = [];
  const callbackArrivals: number[] = [];
  const errors: Instance['errors'] = [];
  app.use((req, _res, next) => {
    if (req.path.startsWith('/api/pay/callback')) callbackArrivals.push(performance.now());
    next();
  });
  const router = createCheckoutRouter({
    client: countingClient(client, (orderId) => detailCallLog.push({ at: performance.now(), orderId })),
    publicUrl,
    statusSecret: STATUS_SECRET,
    callback: { token: SANDBOX_DEFAULTS.callbackToken, secret: SANDBOX_DEFAULTS.callbackSecret },
    priceFor: () => ({ amount: '18.5', currency: 'USD' }),
    onPaid: (order) => void hooks.push({ instance: name, hook: 'paid', order }),
    onExpired: (order) => void hooks.push({ instance: name, hook: 'expired', order }),
    onStatusChange: (order, previous) => void hooks.push({ instance: name, hook: 'change', order, previous }),
    onError: (error, context) => void errors.push({ error, where: context.where }),
    rateLimit: false,
    reconcile: false,
    minRefreshMs: 200,
    pollIntervalMs: 100,
    ...redis,
    ...options.checkout,
  });
  app.use('/api/pay', router);
  await redis.ready();
  return {
    name,
    url: `${origin}/api/pay`,
    origin,
    router,
    redis,
    get detailCalls() {
      return detailCallLog.length;
    },
    detailCallLog,
    callbackArrivals,
    errors,
    api: (method, path, init) => callJson(`${origin}/api/pay`, method, path, init),
    async close() {
      router.checkout.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await redis.close();
    },
  };
}
