import type { CheckoutOrder } from '@aurpay-kit/core';
import { Redis } from 'ioredis';
import { describe, expect, it, vi } from 'vitest';
import { StoreUnavailableError } from '../src/checkout/stores/storeUnavailableError.js';
import { openSse } from './checkoutSseClient.js';
import { lazyFixture } from './lazyFixture.js';
import { startCluster, type Cluster } from './redisCluster.js';
import { startTcpProxy, type TcpProxy } from './tcpProxy.js';
import { SETTLE } from './settle.js';

const sharedCluster = lazyFixture(
  () => startCluster(['A', 'B'], { persistent: true }),
  (cluster) => cluster.close(),
);
let cluster: Cluster;

const token = (order: CheckoutOrder) => ({ 'X-Status-Token': order.statusToken });
const UNAVAILABLE = {
  error: { code: 'store_unavailable', message: 'The checkout cannot reach its order store. Please try again shortly.' },
};

async function callbackStatuses(order: CheckoutOrder): Promise<number[]> {
  const view = (await cluster.control(`/orders/${order.orderId}`)) as { callbacks: { status: number | null }[] };
  return view.callbacks.map((c) => c.status ?? 0);
}

describe('Redis stopped and restarted during a flow', () => {
  // Stops and starts a real redis-server: bounded, but given room on a loaded machine.
  it('answers clear 503s meanwhile, has the right state after, and fulfils once', { timeout: 60_000 }, async () => {
    cluster = await sharedCluster();
    // Command timeouts far beyond this test's own: a request waiting for one would fail the test.
    for (const name of ['A', 'B']) {
      await cluster.stop(name);
      await cluster.start(name, { redis: { commandTimeoutMs: 600_000 } });
    }
    const a = cluster.instance('A');
    const b = cluster.instance('B');
    const order = await cluster.createOrder('A', { kind: 'crypto', chain: 'ETH', currency: 'DAI-ERC20' });
    const stream = await openSse(`${b.url}/orders/${order.orderId}/events?token=${order.statusToken}`);
    await vi.waitFor(() => expect(stream.events).toHaveLength(1), SETTLE);

    // Past minRefreshMs (200 ms), a poll no longer finds the order fresh in the process's cache.
    await new Promise((resolve) => setTimeout(resolve, 250));
    await cluster.redisServer.stop();
    const create = await a.api('POST', '/orders', { body: { kind: 'lightning' } });
    const status = await b.api('GET', `/orders/${order.orderId}`, { headers: token(order) });
    const events = await a.api('GET', `/orders/${order.orderId}/events?token=${order.statusToken}`);
    const keyed = await b.api('POST', '/orders', { body: { kind: 'lightning' }, headers: { 'Idempotency-Key': 'during-the-outage' } });
    for (const answer of [create, status, events, keyed]) {
      expect(answer.status).toBe(503);
      expect(answer.body).toEqual(UNAVAILABLE);
      expect(answer.headers.get('Retry-After')).toBe('1');
    }
    // The payment's callback is not acknowledged (whichever instance it reaches), so Aurpay retries.
    await cluster.control(`/orders/${order.orderId}/pay`, {});
    const manual = await cluster.callback('B', order, 'POST');
    expect(manual).toMatchObject({ status: 503, body: UNAVAILABLE });
    await vi.waitFor(async () => expect((await callbackStatuses(order)).length).toBeGreaterThanOrEqual(2), SETTLE);
    expect(new Set(await callbackStatuses(order))).toEqual(new Set([503]));
    expect(cluster.paidCalls(order.orderId)).toEqual([]);
    // Loud: every 503 reached onError as an unreachable store.
    expect(
      a.errors.some(
        (e) => e.error instanceof Error && e.where === 'checkout route' && (e.error as { code?: string }).code === 'store_unavailable',
      ),
    ).toBe(true);

    await cluster.redisServer.start();
    // However long the outage took, and so whether or not a retry of Aurpay's lands after it, the
    // next callback settles the order once Redis answers again.
    await vi.waitFor(async () => expect((await cluster.callback('A', order)).status).toBe(200), SETTLE);
    // Each instance reconnects on its own schedule; once it has, it reads the order as paid.
    for (const instance of [a, b]) {
      await vi.waitFor(async () => {
        const answer = await instance.api('GET', `/orders/${order.orderId}`, { headers: token(order) });
        expect(answer).toMatchObject({ status: 200, body: { status: 'paid', paidAmount: order.amount, remainingAmount: '0' } });
      }, SETTLE);
    }
    // The stream B held through the outage hears the payment and ends.
    expect(await stream.done).toBe('ended');
    expect(stream.events.map((e) => e.data.status)).toEqual(['awaiting_payment', 'paid']);
    const duplicates = await Promise.all(
      Array.from({ length: 10 }, (_, i) => cluster.callback(i % 2 === 0 ? 'A' : 'B', order, i % 2 === 0 ? 'GET' : 'POST')),
    );
    expect(duplicates.map((d) => d.status)).toEqual(Array(10).fill(200));
    expect(await cluster.settledPaidCalls(order.orderId)).toHaveLength(1);
    // The order made before the outage survived it (append-only file), and new ones work again.
    expect((await cluster.createOrder('B', { kind: 'lightning' })).status).toBe('awaiting_payment');
    const created = await a.api('POST', '/orders', { body: { kind: 'lightning' }, headers: { 'Idempotency-Key': 'during-the-outage' } });
    expect(created.status).toBe(201);
  });
});

describe('a paid write whose answer Redis never sent', () => {
  it('is fulfilled once, by the instance Aurpay retries on, from the fulfilment owed in that write', { timeout: 60_000 }, async () => {
    cluster = await sharedCluster();
    const proxy = await startTcpProxy(cluster.redisServer.port);
    const raw = new Redis(cluster.redisServer.url);
    try {
      // A reaches Redis through a proxy that can lose a reply.
      await cluster.stop('A');
      await cluster.start('A', { redis: { url: proxy.url } });
      await loseThePaidWriteReply(proxy, raw);
    } finally {
      raw.disconnect();
      await proxy.close();
    }
  });
});

/** Loses the reply to A's paid status write, and checks the owed fulfilment still runs once. */
async function loseThePaidWriteReply(proxy: TcpProxy, raw: Redis): Promise<void> {
  const a = cluster.instance('A');
  const order = await cluster.createOrder('A', { kind: 'crypto', chain: 'BTC', currency: 'BTC' });
  // Aurpay's first callback reaches A; its retries reach B.
  let first = true;
  cluster.balancer.route = () => {
    const name = first ? 'A' : 'B';
    first = false;
    return name;
  };
  const dropped = proxy.dropReplyAfter('"aurpayStatus":"SUCCESS"');
  await cluster.control(`/orders/${order.orderId}/pay`, {});
  await dropped;
  // Redis applied the write, fulfilment owed included; A never heard so, and answered 503.
  await vi.waitFor(async () => expect(await callbackStatuses(order)).toEqual([503, 200]), SETTLE);
  const owed = await raw.keys(`*${order.orderId}*`);
  expect(owed.some((key) => key.includes('fulfil'))).toBe(true);
  expect(a.errors.some((e) => e.error instanceof StoreUnavailableError)).toBe(true);
  // B found the order paid, and ran the fulfilment the write had owed.
  expect((await cluster.settledPaidCalls(order.orderId)).map((call) => call.instance)).toEqual(['B']);
  expect((await cluster.callback('B', order)).status).toBe(200);
  expect((await cluster.callback('A', order)).status).toBe(200);
  expect(await cluster.settledPaidCalls(order.orderId)).toHaveLength(1);
  cluster.balancer.route = null;
}
