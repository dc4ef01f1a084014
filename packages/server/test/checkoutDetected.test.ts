import type { CheckoutOrder } from '@aurpay-kit/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from './checkoutHarness.js';

// The states between awaiting payment and paid, as the checkout's status view shows them against
// the sandbox: a transaction seen, then in a block, then counted; more than the amount; a part
// payment left when the order expired.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const body = { kind: 'crypto', chain: 'ETH', currency: 'USDT-ERC20', cartId: 'cart-1' };
const hash = `0x${'5c'.repeat(32)}`;

async function waitForStatus(order: CheckoutOrder, status: string): Promise<Record<string, unknown>> {
  return vi.waitFor(
    async () => {
      const answer = await h.status(order);
      expect(answer.body.status).toBe(status);
      return answer.body as Record<string, unknown>;
    },
    { timeout: 5000, interval: 50 },
  );
}

describe('a payment on its way', () => {
  it('is detected, then confirming with its confirmations, then paid with its hash; never paid before Aurpay says so', async () => {
    const order = await h.createOrder(body);
    expect(order.transactions).toEqual([]);
    await h.control(`/orders/${order.orderId}/detect`, { tx_hash: hash });
    const detected = await waitForStatus(order, 'detected');
    expect(detected).toMatchObject({ aurpayStatus: 'PENDING', paidAmount: '0', transactions: [{ hash, confirmations: 0 }] });
    expect(h.hooks.paid.some((o) => o.orderId === order.orderId)).toBe(false);

    await h.control(`/orders/${order.orderId}/detect`, { confirmations: 2 });
    expect(await waitForStatus(order, 'confirming')).toMatchObject({ transactions: [{ hash, confirmations: 2 }] });

    await h.control(`/orders/${order.orderId}/pay`, {});
    expect(await waitForStatus(order, 'paid')).toMatchObject({ aurpayStatus: 'SUCCESS', transactions: [{ hash, confirmations: 2 }] });
    await vi.waitFor(() => expect(h.hooks.paid.filter((o) => o.orderId === order.orderId)).toHaveLength(1), { timeout: 5000 });
  });

  it('after a part payment: the new transaction shows detected, the counted one stays listed', async () => {
    const order = await h.createOrder(body);
    await h.control(`/orders/${order.orderId}/pay`, { amount: '5' });
    const partial = await waitForStatus(order, 'partially_paid');
    const first = (partial.transactions as { hash: string }[])[0]!.hash;
    await h.control(`/orders/${order.orderId}/detect`, { tx_hash: hash });
    const detected = await waitForStatus(order, 'detected');
    expect(detected).toMatchObject({ paidAmount: '5', transactions: [{ hash: first }, { hash }] });
  });
});

describe('money beyond the order', () => {
  it('shows an overpayment as overpaid, and it is paid for the shop', async () => {
    const order = await h.createOrder(body);
    await h.control(`/orders/${order.orderId}/pay`, { amount: '20' });
    expect(await waitForStatus(order, 'overpaid')).toMatchObject({ aurpayStatus: 'SUCCESS', paidAmount: '20', remainingAmount: '0' });
    await vi.waitFor(() => expect(h.hooks.paid.filter((o) => o.orderId === order.orderId)).toHaveLength(1), { timeout: 5000 });
  });

  it('keeps what a part payment delivered when the order expires', async () => {
    const order = await h.createOrder(body);
    await h.control(`/orders/${order.orderId}/pay`, { amount: '5' });
    await waitForStatus(order, 'partially_paid');
    await h.control(`/orders/${order.orderId}/expire`, {});
    const expired = await waitForStatus(order, 'expired');
    expect(expired).toMatchObject({ aurpayStatus: 'OVERDUE', paidAmount: '5' });
    expect(expired.transactions).toHaveLength(1);
  });
});
