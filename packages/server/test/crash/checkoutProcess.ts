/**
 * A shop's checkout in a process of its own, for the crash tests: the router on the store named
 * by STORE (sqlite, postgres or redis) at STORE_URL, talking to the sandbox at SANDBOX_URL, on
 * PORT. Its `onPaid` is a shop's effect: a row keyed by the order id (in the same transaction as
 * the checkout's done mark, on a SQL store), after a pause, and failing now and then. Each hook
 * call is appended to INVOCATIONS_FILE first. Prints "ready" once listening; is meant to be killed.
 */
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { SANDBOX_DEFAULTS } from '@aurpay-kit/sandbox';
import express from 'express';
import { Redis } from 'ioredis';
import { AurpayClient } from '../../src/client/aurpayClient.js';
import type { FulfilmentContext } from '../../src/checkout/fulfilment/fulfilment.js';
import type { StoredOrder } from '../../src/checkout/stores/orderStore.js';
import { createCheckoutRouter, type ExpressCheckoutOptions } from '../../src/express/createCheckoutRouter.js';
import { createPostgresStore } from '../../src/postgres/index.js';
import { createRedisStore } from '../../src/redis/index.js';
import { createSqliteStore } from '../../src/sqlite/index.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const kind = env('STORE');
const url = env('STORE_URL');
const port = Number(env('PORT'));
const invocations = env('INVOCATIONS_FILE');

type Effect = (order: StoredOrder, outcome: 'paid' | 'expired', context: FulfilmentContext) => Promise<void>;

async function backend(): Promise<{ shared: Pick<ExpressCheckoutOptions, 'store' | 'events' | 'refreshLock'>; effect: Effect }> {
  const sqlEffect: Effect = async (order, outcome, { transaction }) => {
    await transaction!((sql) => sql.query('INSERT INTO shop_effects (order_id, outcome) VALUES ($1, $2)', [order.orderId, outcome]));
  };
  if (kind === 'sqlite') {
    const sqlite = createSqliteStore({ filename: url });
    await sqlite.query(
      'CREATE TABLE IF NOT EXISTS shop_effects (order_id TEXT NOT NULL, outcome TEXT NOT NULL, PRIMARY KEY (order_id, outcome))',
    );
    return { shared: sqlite, effect: sqlEffect };
  }
  if (kind === 'postgres') {
    const postgres = createPostgresStore({ connectionString: url });
    await postgres.ready();
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: url });
    await pool.query(
      'CREATE TABLE IF NOT EXISTS shop_effects (order_id TEXT NOT NULL, outcome TEXT NOT NULL, PRIMARY KEY (order_id, outcome))',
    );
    await pool.end();
    return { shared: postgres, effect: sqlEffect };
  }
  const redis = createRedisStore({ url, keyPrefix: 'crash:' });
  await redis.ready();
  const effects = new Redis(url);
  // No transaction spans Redis and the shop: the effect is idempotent on the order id instead.
  const effect: Effect = async (order, outcome) => {
    await effects.hsetnx(`shop:effects:${outcome}`, order.orderId, String(Date.now()));
  };
  return { shared: redis, effect };
}

const { shared, effect } = await backend();
const fulfil = (outcome: 'paid' | 'expired') => async (order: StoredOrder, context: FulfilmentContext) => {
  appendFileSync(invocations, `${outcome} ${order.orderId} ${context.attempt}\n`);
  // A fulfilment takes a moment (a warehouse call), so some kills land in the middle of one.
  await new Promise((resolve) => setTimeout(resolve, 5 + Math.floor(Math.random() * 40)));
  if (Math.random() < 0.15) throw new Error('the warehouse API timed out');
  await effect(order, outcome, context);
};

const app = express();
const server = createServer(app);
app.use(
  '/api/pay',
  createCheckoutRouter({
    ...shared,
    client: new AurpayClient({
      baseUrl: env('SANDBOX_URL'),
      auth: { type: 'signature', apiToken: SANDBOX_DEFAULTS.apiToken, secretKey: SANDBOX_DEFAULTS.secretKey },
      retries: 0,
      timeoutMs: 5000,
    }),
    publicUrl: `http://127.0.0.1:${port}/api/pay`,
    statusSecret: 'crash-test-status-secret-0123456789abcdef',
    callback: { token: SANDBOX_DEFAULTS.callbackToken, secret: SANDBOX_DEFAULTS.callbackSecret },
    priceFor: () => ({ amount: '18.5', currency: 'USD' }),
    onPaid: fulfil('paid'),
    onExpired: fulfil('expired'),
    onError: () => undefined,
    rateLimit: false,
    minRefreshMs: 100,
    reconcile: { intervalMs: 400 },
    fulfilment: { leaseMs: 600, firstRetryMs: 50, maxRetryMs: 400, maxAttempts: 1000 },
  }),
);
server.listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
