import { performance } from 'node:perf_hooks';
import type { CheckoutOrder } from '@aurpay-kit/core';
import { describe, expect, it, vi } from 'vitest';
import { openSse, type SseConnection } from './checkoutSseClient.js';
import { lazyFixture } from './lazyFixture.js';
import { startCluster, type Cluster, type Instance } from './redisCluster.js';
import { SETTLE } from './settle.js';

const sharedCluster = lazyFixture(
  () => startCluster(['A', 'B']),
  (cluster) => cluster.close(),
);
let cluster: Cluster;

function eventsUrl(instance: Instance, order: CheckoutOrder): string {
  return `${instance.url}/orders/${order.orderId}/events?token=${order.statusToken}`;
}

/** Waits, checking every millisecond, until `check` holds; returns `performance.now()` then. Fails after 15 s. */
async function when(check: () => boolean, what: string, timeoutMs = 15_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return performance.now();
}

const paidEvent = (sse: SseConnection) => sse.events.some((e) => e.data.status === 'paid');

describe('two instances sharing one Redis', () => {
  it('delivers a callback that reached A to an event stream held by B, through Redis alone', async () => {
    cluster = await sharedCluster();
    // B learns of changes from Redis alone: its own watcher polls once, at subscription, and not again.
    await cluster.stop('B');
    const b = await cluster.start('B', { checkout: { pollIntervalMs: 60_000 } });
    const a = cluster.instance('A');
    cluster.balancer.route = () => 'A';
    try {
      const delays: number[] = [];
      const bodies = [
        { kind: 'crypto', chain: 'LTC', currency: 'LTC' },
        { kind: 'crypto', chain: 'ETH', currency: 'USDT-ERC20' },
        { kind: 'lightning' },
        { kind: 'crypto', chain: 'BTC', currency: 'BTC' },
      ];
      for (const body of bodies) {
        const order = await cluster.createOrder('A', body);
        const callsBefore = b.detailCalls;
        const sse = await openSse(eventsUrl(b, order));
        await when(() => sse.events.length === 1 && b.detailCalls === callsBefore + 1, "the first event and B's one poll");
        const bCalls = b.detailCalls;
        const arrivalsBefore = a.callbackArrivals.length;
        await cluster.control(`/orders/${order.orderId}/pay`, {});
        const seenAt = await when(() => paidEvent(sse), 'the paid event on B');
        const arrivedAt = a.callbackArrivals[arrivalsBefore];
        expect(arrivedAt).toBeDefined();
        delays.push(seenAt - (arrivedAt ?? 0));
        expect(await sse.done).toBe('ended');
        expect(sse.events.map((e) => e.data.status)).toEqual([order.status, 'paid']);
        // A confirmed and wrote it; B made no upstream call for it.
        expect(b.detailCalls).toBe(bCalls);
        expect(cluster.hooks.filter((h) => h.hook === 'change' && h.order.orderId === order.orderId).map((h) => h.instance)).toEqual(['A']);
      }
      // How fast is the bench's business (fan-in, payment to screen); this shows it arrived through Redis.
      console.log(`callback on A → event on B: ${delays.map((d) => `${d.toFixed(1)} ms`).join(', ')} (the first warms both processes up)`);
    } finally {
      cluster.balancer.route = null;
    }
  });

  it('fires onPaid exactly once for 10 duplicate callbacks spread over both, with pollers and streams on both', async () => {
    cluster = await sharedCluster();
    for (const [round, body] of [
      { kind: 'crypto', chain: 'ETH', currency: 'USDC-ERC20' },
      { kind: 'lightning' },
      { kind: 'crypto', chain: 'TRX', currency: 'USDT-TRC20' },
    ].entries()) {
      const names = ['A', 'B'];
      const order = await cluster.createOrder(names[round % 2] ?? 'A', body);
      const streams = await Promise.all(names.map((name) => openSse(eventsUrl(cluster.instance(name), order))));
      await cluster.control(`/orders/${order.orderId}/pay`, {});
      const callbacks = Array.from({ length: 10 }, (_, i) => cluster.callback(names[i % 2] ?? 'A', order, i % 3 === 0 ? 'POST' : 'GET'));
      const pollers = Array.from({ length: 30 }, (_, i) =>
        i % 3 === 2
          ? cluster.api('GET', `/orders/${order.orderId}`, { headers: { 'X-Status-Token': order.statusToken } })
          : cluster
              .instance(names[i % 3] ?? 'A')
              .api('GET', `/orders/${order.orderId}`, { headers: { 'X-Status-Token': order.statusToken } }),
      );
      const answers = await Promise.all([...callbacks, ...pollers]);
      expect(answers.map((a) => a.status)).toEqual(Array(40).fill(200));
      for (const stream of streams) expect(await stream.done).toBe('ended');
      for (const stream of streams) expect(stream.events.at(-1)?.data.status).toBe('paid');
      // The sandbox's own callback, through the balancer, counts too.
      await vi.waitFor(async () => {
        const view = (await cluster.control(`/orders/${order.orderId}`)) as { callbacks: { status: number }[] };
        expect(view.callbacks.map((c) => c.status)).toEqual([200]);
      }, SETTLE);
      expect(await cluster.settledPaidCalls(order.orderId)).toHaveLength(1);
      expect(
        cluster.hooks.filter((h) => h.hook === 'change' && h.order.orderId === order.orderId && h.order.status === 'paid'),
      ).toHaveLength(1);
      for (const name of names) {
        const answer = await cluster
          .instance(name)
          .api('GET', `/orders/${order.orderId}`, { headers: { 'X-Status-Token': order.statusToken } });
        expect(answer.body).toMatchObject({ status: 'paid', remainingAmount: '0' });
      }
    }
  });

  it('makes one upstream detail call per minRefreshMs for 400 status requests over both', async () => {
    cluster = await sharedCluster();
    // A minRefreshMs far longer than the test: the count is the same on a fast or a loaded machine.
    for (const name of ['A', 'B']) {
      await cluster.stop(name);
      await cluster.start(name, { checkout: { minRefreshMs: 120_000 } });
    }
    try {
      const order = await cluster.createOrder('B', { kind: 'crypto', chain: 'BSC', currency: 'BNB' });
      const get = (i: number) =>
        cluster
          .instance(i % 2 === 0 ? 'A' : 'B')
          .api('GET', `/orders/${order.orderId}`, { headers: { 'X-Status-Token': order.statusToken } });
      for (let burst = 0; burst < 4; burst += 1) {
        const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => get(i)));
        expect(answers.every((a) => a.status === 200 && a.body.status === 'awaiting_payment')).toBe(true);
      }
      const calls = ['A', 'B'].flatMap((name) => cluster.instance(name).detailCallLog).filter((c) => c.orderId === order.orderId);
      expect(calls).toHaveLength(1);
    } finally {
      for (const name of ['A', 'B']) {
        await cluster.stop(name);
        await cluster.start(name);
      }
    }
  });

  it('shares orders and Idempotency-Key answers: a retry on B replays what A created', async () => {
    cluster = await sharedCluster();
    const headers = { 'Idempotency-Key': `scale-out-${Date.now()}` };
    const first = await cluster.instance('A').api('POST', '/orders', { body: { kind: 'lightning' }, headers });
    const replay = await cluster.instance('B').api('POST', '/orders', { body: { kind: 'lightning' }, headers });
    expect(first.status).toBe(201);
    expect(replay).toMatchObject({ status: 201, body: first.body });
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
    const conflict = await cluster
      .instance('B')
      .api('POST', '/orders', { body: { kind: 'crypto', chain: 'BTC', currency: 'BTC' }, headers });
    expect(conflict).toMatchObject({ status: 409, body: { error: { code: 'idempotency_key_reused' } } });
    const order = first.body as CheckoutOrder;
    const onB = await cluster.instance('B').api('GET', `/orders/${order.orderId}`, { headers: { 'X-Status-Token': order.statusToken } });
    expect(onB.body).toMatchObject({ orderId: order.orderId, status: 'awaiting_payment' });
  });
});
