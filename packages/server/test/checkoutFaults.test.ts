import type { CheckoutOrder } from '@aurpay-kit/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MemoryOrderStore } from '../src/checkout/stores/memoryOrderStore.js';
import { CHECKOUT_ADAPTERS, startHarness, type Harness } from './checkoutHarness.js';
import { SETTLE } from './settle.js';

// The same scenarios against the Express router and the fetch handler.
describe.each(CHECKOUT_ADAPTERS)('the %s adapter', (adapter) => {
  const MIN_REFRESH_MS = 150;

  const store = new MemoryOrderStore();
  let h: Harness;
  beforeAll(async () => {
    // One callback attempt per payment: a retried callback would start a fetch at a moment of the
    // sandbox's choosing, and a status request within minRefreshMs of it would be answered from the
    // store. The client gives up after 400 ms; injected latency is far longer, and the sandbox runs
    // in this process, so the client's timer always runs out first.
    h = await startHarness({
      adapter,
      clientTimeoutMs: 400,
      sandbox: { callbackRetries: 0 },
      checkout: { minRefreshMs: MIN_REFRESH_MS, store },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  async function arm(fault: Record<string, unknown>): Promise<void> {
    await h.control('/faults', fault);
  }

  const FAULTS = [
    { kind: 'latency', fault: { kind: 'latency', latencyMs: 5000 }, status: 504, code: 'aurpay_timeout' },
    { kind: 'http500', fault: { kind: 'http500' }, status: 502, code: 'aurpay_http_error' },
    { kind: 'malformed', fault: { kind: 'malformed' }, status: 502, code: 'aurpay_bad_response' },
    { kind: 'drop', fault: { kind: 'drop' }, status: 502, code: 'aurpay_network' },
    {
      kind: 'aurpay_error',
      fault: { kind: 'aurpay_error', code: 40005, message: 'Insufficient account balance' },
      status: 502,
      code: 'aurpay_rejected',
    },
  ] as const;

  function expectCleanError(answer: { status: number; body: unknown }, status: number, code: string): void {
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({ error: { code, message: expect.any(String) } });
    const text = JSON.stringify(answer.body);
    for (const leak of ['stack', 'sandbox-secret-key', 'sandbox-api-token', 'signature_origin', '.js:', '.ts:', 'trace', 'Insufficient'])
      expect(text).not.toContain(leak);
  }

  describe('gateway faults on the currency list', () => {
    it('answers 502 before anything was cached, then serves the list', async () => {
      await arm({ path: '/api/order/pay/crypto-currency', kind: 'http500' });
      expectCleanError(await h.api('GET', '/currencies'), 502, 'aurpay_http_error');
      const answer = await h.api('GET', '/currencies');
      expect(answer.status).toBe(200);
      expect(answer.body).toContainEqual({ chain: 'BLN', currency: 'BTC-LN' });
    });
  });

  describe.each(FAULTS)('gateway fault "$kind"', ({ fault, status, code }) => {
    it(`answers an order creation with ${status} ${code}, and a retry then succeeds`, async () => {
      await arm({ path: '/api/order/pay-info', ...fault });
      const failed = await h.api('POST', '/orders', {
        body: { kind: 'crypto', chain: 'ETH', currency: 'ETH' },
        headers: { 'Idempotency-Key': `fault-${fault.kind}-key` },
      });
      expectCleanError(failed, status, code);
      if (fault.kind === 'aurpay_error') expect(failed.body.error.message).toContain('40005');
      const retried = await h.api('POST', '/orders', {
        body: { kind: 'crypto', chain: 'ETH', currency: 'ETH' },
        headers: { 'Idempotency-Key': `fault-${fault.kind}-key` },
      });
      expect(retried.status).toBe(201);
    });

    it(`answers a Lightning creation with ${status} ${code}`, async () => {
      await arm({ path: '/api/bln/order', ...fault });
      expectCleanError(await h.api('POST', '/orders', { body: { kind: 'lightning' } }), status, code);
    });

    it(`answers a status request with ${status} ${code} and leaves a paid-upstream order unpaid`, async () => {
      const order: CheckoutOrder = await h.createOrder({ kind: 'crypto', chain: 'BTC', currency: 'BTC' });
      const detailPath = `/api/v2/order/detail/${order.orderId}`;
      // Every confirmation of this order fails, the sandbox's callbacks' included.
      await arm({ path: detailPath, count: 1000, ...fault });
      await h.control(`/orders/${order.orderId}/pay`, {});
      await vi.waitFor(async () => {
        const view = (await h.control(`/orders/${order.orderId}`)) as { callbacks: { status: number | null }[] };
        expect(view.callbacks).toHaveLength(1);
        expect(view.callbacks[0]?.status).not.toBe(200);
      }, SETTLE);
      // The callback's fetch started before its attempt was recorded: once minRefreshMs has passed
      // since then (it only grows on a slow machine), a status request fetches again.
      await new Promise((resolve) => setTimeout(resolve, MIN_REFRESH_MS));
      expectCleanError(await h.status(order), status, code);
      expect(await store.get(order.orderId)).toMatchObject({
        status: 'awaiting_payment',
        aurpayStatus: 'PENDING',
        paidAmount: '0',
        version: 1,
      });
      await h.router.checkout.idle();
      expect(h.hooks.paid.some((o) => o.orderId === order.orderId)).toBe(false);
      await fetch(`${h.sandbox.url}/_sandbox/faults`, { method: 'DELETE' });
      // Once the gateway recovers, the next status request confirms the payment.
      await vi.waitFor(async () => expect((await h.status(order)).body.status).toBe('paid'), SETTLE);
      await h.router.checkout.idle();
      expect(h.hooks.paid.filter((o) => o.orderId === order.orderId)).toHaveLength(1);
    });
  });
});
