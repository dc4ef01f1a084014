import type { CheckoutOrder } from '@aurpay-kit/core';
import { describe, expect, it, vi } from 'vitest';
import { openSse } from './checkoutSseClient.js';
import { lazyFixture } from './lazyFixture.js';
import { startCluster, type Cluster } from './redisCluster.js';
import { SETTLE } from './settle.js';

const sharedCluster = lazyFixture(
  () => startCluster(['A', 'B']),
  (cluster) => cluster.close(),
);
let cluster: Cluster;

const token = (order: CheckoutOrder) => ({ 'X-Status-Token': order.statusToken });

async function callbackStatuses(order: CheckoutOrder): Promise<number[]> {
  const view = (await cluster.control(`/orders/${order.orderId}`)) as { callbacks: { status: number | null }[] };
  return view.callbacks.map((c) => c.status ?? 0);
}

describe('an instance restarted mid-flow', () => {
  it('loses no order and no fulfilment record', async () => {
    cluster = await sharedCluster();
    // Aurpay's callbacks all go to A, the instance that restarts.
    cluster.balancer.route = () => 'A';
    const paidBefore = await cluster.createOrder('A', { kind: 'crypto', chain: 'ETH', currency: 'USDT-ERC20' });
    const paidAfter = await cluster.createOrder('A', { kind: 'lightning' });
    const paidWhileDown = await cluster.createOrder('A', { kind: 'crypto', chain: 'BTC', currency: 'BTC' });
    await cluster.control(`/orders/${paidBefore.orderId}/pay`, {});
    await vi.waitFor(() => expect(cluster.paidCalls(paidBefore.orderId)).toHaveLength(1), SETTLE);
    const stream = await openSse(`${cluster.instance('A').url}/orders/${paidAfter.orderId}/events?token=${paidAfter.statusToken}`);
    await vi.waitFor(() => expect(stream.events).toHaveLength(1), SETTLE);

    await cluster.stop('A');
    // The stream A held is gone with it (the browser's EventSource reconnects, here below).
    expect(['ended', 'aborted']).toContain(await stream.done);
    // While A is down, its callback meets the balancer's 502, and Aurpay keeps trying.
    await cluster.control(`/orders/${paidWhileDown.orderId}/pay`, {});
    await vi.waitFor(async () => expect((await callbackStatuses(paidWhileDown)).length).toBeGreaterThanOrEqual(2), SETTLE);
    expect(await callbackStatuses(paidWhileDown)).not.toContain(200);
    const a = await cluster.start('A');

    // The order paid before the restart: still there, still paid, and its onPaid not run again.
    expect((await a.api('GET', `/orders/${paidBefore.orderId}`, { headers: token(paidBefore) })).body).toMatchObject({ status: 'paid' });
    const duplicates = await Promise.all(
      Array.from({ length: 6 }, (_, i) => cluster.callback(i % 2 === 0 ? 'A' : 'B', paidBefore, i % 3 === 0 ? 'POST' : 'GET')),
    );
    expect(duplicates.map((d) => d.status)).toEqual(Array(6).fill(200));

    // The stream resumes on the restarted A where it left off, and sees the payment made after.
    const resumed = await openSse(`${a.url}/orders/${paidAfter.orderId}/events?token=${paidAfter.statusToken}`, {
      'Last-Event-ID': stream.events[0]?.id ?? '',
    });
    await vi.waitFor(() => expect(a.router.checkout.openStreams().streams).toBe(1), SETTLE);
    await cluster.control(`/orders/${paidAfter.orderId}/pay`, {});
    expect(await resumed.done).toBe('ended');
    // Its first event is the payment: the status it had seen was not sent again.
    expect(resumed.events.map((e) => e.data.status)).toEqual(['paid']);

    // The callback Aurpay retried across the restart lands on the new A.
    await vi.waitFor(async () => expect(await callbackStatuses(paidWhileDown)).toContain(200), SETTLE);
    for (const order of [paidBefore, paidAfter, paidWhileDown]) {
      expect(await cluster.settledPaidCalls(order.orderId)).toHaveLength(1);
      const onB = await cluster.instance('B').api('GET', `/orders/${order.orderId}`, { headers: token(order) });
      expect(onB.body).toMatchObject({ orderId: order.orderId, status: 'paid', remainingAmount: '0' });
    }
    expect(cluster.paidCalls(paidBefore.orderId)[0]?.instance).toBe('A');
    cluster.balancer.route = null;
  });

  it('lets the other instance serve and fulfil while one is down', async () => {
    cluster = await sharedCluster();
    const order = await cluster.createOrder('A', { kind: 'crypto', chain: 'TRX', currency: 'USDT-TRC20' });
    await cluster.stop('A');
    const stream = await openSse(`${cluster.instance('B').url}/orders/${order.orderId}/events?token=${order.statusToken}`);
    await cluster.control(`/orders/${order.orderId}/pay`, {});
    expect(await stream.done).toBe('ended');
    expect(stream.events.map((e) => e.data.status)).toEqual(['awaiting_payment', 'paid']);
    expect((await cluster.settledPaidCalls(order.orderId)).map((call) => call.instance)).toEqual(['B']);
    await cluster.start('A');
  });
});
