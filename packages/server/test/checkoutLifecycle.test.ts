import { compareAmounts, subtractAmounts, type CheckoutOrder } from '@aurpay-kit/core';
import { SANDBOX_PROFILES, type SandboxProfileName } from '@aurpay-kit/sandbox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHECKOUT_ADAPTERS, startHarness, type Harness } from './checkoutHarness.js';
import { SETTLE } from './settle.js';

// The same scenarios against the Express router and the fetch handler.
describe.each(CHECKOUT_ADAPTERS)('the %s adapter', (adapter) => {
  // Every reading of Aurpay's documents the sandbox can play, with Lightning on its own key.
  describe.each(Object.keys(SANDBOX_PROFILES) as SandboxProfileName[])('against the %s profile', (profile) => {
    const quirks = SANDBOX_PROFILES[profile];
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ adapter, sandbox: { profile } });
    });
    afterAll(async () => {
      await h.close();
    });

    async function waitForStatus(order: CheckoutOrder, status: string): Promise<Record<string, string>> {
      return vi.waitFor(async () => {
        const answer = await h.status(order);
        expect(answer.body.status).toBe(status);
        return answer.body as Record<string, string>;
      }, SETTLE);
    }

    function hooksFor(order: CheckoutOrder) {
      return {
        paid: h.hooks.paid.filter((o) => o.orderId === order.orderId),
        expired: h.hooks.expired.filter((o) => o.orderId === order.orderId),
        changes: h.hooks.changes.filter((c) => c.order.orderId === order.orderId).map((c) => `${c.previous}→${c.order.status}`),
      };
    }

    async function sandboxCallbacks(order: CheckoutOrder): Promise<{ event: string; status: number | null; method: string }[]> {
      const view = (await h.control(`/orders/${order.orderId}`)) as {
        callbacks: { event: string; status: number | null; method: string }[];
      };
      return view.callbacks;
    }

    const KINDS = [
      { name: 'crypto', body: { kind: 'crypto', chain: 'ETH', currency: 'USDT-ERC20', cartId: 'cart-1' } },
      { name: 'lightning', body: { kind: 'lightning', cartId: 'cart-1' } },
    ] as const;

    describe.each(KINDS)('$name order end to end', ({ name, body }) => {
      it('is paid: the success callback is confirmed, stored and onPaid fires once with the order', async () => {
        const order = await h.createOrder(body);
        expect(order).toMatchObject({ kind: name, status: 'awaiting_payment', paidAmount: '0', fiatAmount: '18.5', fiatCurrency: 'USD' });
        await h.control(`/orders/${order.orderId}/pay`, {});
        // The callback alone (no status polling) brings the hook.
        await vi.waitFor(() => expect(hooksFor(order).paid).toHaveLength(1), SETTLE);
        const paid = hooksFor(order).paid[0];
        expect(paid).toMatchObject({ orderId: order.orderId, status: 'paid', aurpayStatus: 'SUCCESS', metadata: { cartId: 'cart-1' } });
        // Gross, or net of Aurpay's fee: never more than was asked, and paid is Aurpay's status, not our sum.
        if (quirks.netObtained) expect(compareAmounts(paid!.paidAmount, order.amount)).toBeLessThan(0);
        else expect(paid!.paidAmount).toBe(order.amount);
        expect(await sandboxCallbacks(order)).toEqual([expect.objectContaining({ event: 'success', status: 200, method: 'GET' })]);
        const view = await waitForStatus(order, 'paid');
        expect(view).toMatchObject({ paidAmount: paid!.paidAmount, aurpayStatus: 'SUCCESS' });
        await h.router.checkout.idle();
        expect(hooksFor(order)).toEqual({ paid: [expect.anything()], expired: [], changes: ['awaiting_payment→paid'] });
      });

      it('is expired: onExpired fires once, onPaid never', async () => {
        const order = await h.createOrder(body);
        await h.control(`/orders/${order.orderId}/expire`, {});
        await vi.waitFor(() => expect(hooksFor(order).expired).toHaveLength(1), SETTLE);
        expect(hooksFor(order).expired[0]).toMatchObject({ orderId: order.orderId, status: 'expired', aurpayStatus: 'OVERDUE' });
        await waitForStatus(order, 'expired');
        await h.router.checkout.idle();
        expect(hooksFor(order)).toEqual({ paid: [], expired: [expect.anything()], changes: ['awaiting_payment→expired'] });
      });
    });

    describe('crypto order paid in part', () => {
      it('shows the partial payment, then is paid in full: hooks in order, onPaid once', async () => {
        const order = await h.createOrder({ kind: 'crypto', chain: 'BTC', currency: 'BTC' });
        await h.control(`/orders/${order.orderId}/pay`, { amount: '0.0001' });
        const partial = await waitForStatus(order, 'partially_paid');
        if (!quirks.netObtained) expect(partial.paidAmount).toBe('0.0001');
        // Whatever Aurpay's obtained means, the buyer is never told to send less than is still owed.
        expect(compareAmounts(partial.remainingAmount!, subtractAmounts(order.amount, '0.0001'))).toBeGreaterThanOrEqual(0);
        await h.control(`/orders/${order.orderId}/pay`, {});
        await vi.waitFor(() => expect(hooksFor(order).paid).toHaveLength(1), SETTLE);
        await waitForStatus(order, 'paid');
        await h.router.checkout.idle();
        expect(hooksFor(order).changes).toEqual(['awaiting_payment→partially_paid', 'partially_paid→paid']);
        expect(hooksFor(order).paid[0]).toMatchObject({ status: 'paid' });
        expect(hooksFor(order).expired).toEqual([]);
      });

      it('is resolved by the merchant after an under-payment: counts as paid', async () => {
        const order = await h.createOrder({ kind: 'crypto', chain: 'TRX', currency: 'USDT-TRC20' });
        await h.control(`/orders/${order.orderId}/pay`, { amount: '10' });
        await waitForStatus(order, 'partially_paid');
        await h.control(`/orders/${order.orderId}/resolve`, {});
        const view = await waitForStatus(order, 'paid');
        expect(view).toMatchObject({ aurpayStatus: 'RESOLVED' });
        if (!quirks.netObtained) expect(view.paidAmount).toBe('10');
        await vi.waitFor(() => expect(hooksFor(order).paid).toHaveLength(1), SETTLE);
        await h.router.checkout.idle();
        expect(hooksFor(order).changes).toEqual(['awaiting_payment→partially_paid', 'partially_paid→paid']);
        expect(hooksFor(order).paid[0]).toMatchObject({ aurpayStatus: 'RESOLVED' });
      });
    });

    describe.each(KINDS)('$name order resolved by the merchant after it expired', ({ body }) => {
      it('is expired (onExpired once), then, confirmed on request, paid (onPaid once)', async () => {
        const order = await h.createOrder(body);
        await h.control(`/orders/${order.orderId}/expire`, {});
        await vi.waitFor(() => expect(hooksFor(order).expired).toHaveLength(1), SETTLE);
        await h.control(`/orders/${order.orderId}/resolve`, {});
        // Read as the examples have it, Aurpay calls back for nothing here and an expired order is final
        // for pollers; read as the overview has it, a callback announces every change.
        if (quirks.callbackEveryChange) await waitForStatus(order, 'paid');
        else expect((await h.status(order)).body.status).toBe('expired');
        const confirmed = await h.router.checkout.refreshOrder(order.orderId);
        expect(confirmed).toMatchObject({ status: 'paid', aurpayStatus: 'RESOLVED' });
        expect((await h.status(order)).body.status).toBe('paid');
        await h.router.checkout.refreshOrder(order.orderId);
        await h.router.checkout.idle();
        expect(hooksFor(order)).toEqual({
          paid: [expect.objectContaining({ aurpayStatus: 'RESOLVED' })],
          expired: [expect.anything()],
          changes: ['awaiting_payment→expired', 'expired→paid'],
        });
      });
    });

    describe('Lightning order view', () => {
      it('carries the BOLT11 invoice, its links and an expiry no later than the invoice', async () => {
        const order = await h.createOrder({ kind: 'lightning' });
        expect(order.paymentRequest).toMatch(/^lntb/);
        expect(order.paymentUri).toBe(`lightning:${order.paymentRequest}`);
        expect(order.qrValue).toBe(`LIGHTNING:${order.paymentRequest?.toUpperCase()}`);
        // Payable, and for no longer than the window, even when create_time lags the invoice by 51 minutes.
        expect(Date.parse(order.expiresAt)).toBeGreaterThan(Date.now() + 25 * 60_000);
        expect(Date.parse(order.expiresAt)).toBeLessThanOrEqual(Date.now() + 30 * 60_000 + 5000);
        if (quirks.laggingCreateTime) expect(Date.parse(order.expiresAt) - Date.parse(order.createdAt)).toBeGreaterThan(75 * 60_000);
        expect(order).toMatchObject({ chain: 'BLN', currency: 'BTC-LN', address: null, contractAddress: null });
      });
    });

    describe('order timing out on its own', () => {
      it('reaches expired through the timeout callback when the sandbox window closes', async () => {
        const quick = await startHarness({ adapter, sandbox: { profile, orderTtlSeconds: 1 }, checkout: { orderTtlMs: 1000 } });
        try {
          const order = await quick.createOrder({ kind: 'crypto', chain: 'LTC', currency: 'LTC' });
          // The window runs from Aurpay's create_time (whole seconds); on a busy machine that can be over
          // a second before the answer arrives, and the deadline then runs from the answer instead
          // (orderDeadline.test covers both exactly). Either way the order gets at least its window.
          expect(Date.parse(order.expiresAt) - Date.parse(order.createdAt)).toBeGreaterThanOrEqual(1000);
          await vi.waitFor(() => expect(quick.hooks.expired.map((o) => o.orderId)).toEqual([order.orderId]), SETTLE);
          expect(quick.hooks.paid).toEqual([]);
        } finally {
          await quick.close();
        }
      });
    });
  });
});
