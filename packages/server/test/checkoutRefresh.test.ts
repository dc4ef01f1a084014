import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHECKOUT_ADAPTERS, startHarness, type Harness } from './checkoutHarness.js';
import { SETTLE } from './settle.js';

// The same scenarios against the Express router and the fetch handler.
describe.each(CHECKOUT_ADAPTERS)('the %s adapter', (adapter) => {
  const MIN_REFRESH_MS = 400;

  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ adapter, checkout: { minRefreshMs: MIN_REFRESH_MS } });
  });
  afterAll(async () => {
    await h.close();
  });

  describe('coalesced status refreshes', () => {
    it('answers 100 concurrent status requests with one upstream detail call (default minRefreshMs, 2 s)', async () => {
      const standard = await startHarness({ adapter, checkout: { minRefreshMs: undefined } });
      try {
        const order = await standard.createOrder({ kind: 'crypto', chain: 'ETH', currency: 'DAI-ERC20' });
        await standard.resetStats();
        const started = Date.now();
        const answers = await Promise.all(Array.from({ length: 100 }, () => standard.status(order)));
        const elapsed = Date.now() - started;
        expect(answers.every((a) => a.status === 200 && a.body.status === 'awaiting_payment')).toBe(true);
        // One call, unless a loaded machine stretched the burst past the 2 s window.
        const calls = await standard.detailCalls();
        expect(calls).toBeGreaterThanOrEqual(1);
        expect(calls).toBeLessThanOrEqual(1 + Math.floor(elapsed / 2000));
      } finally {
        await standard.close();
      }
    });

    it('makes at most one upstream call per minRefreshMs under a steady stream of requests', async () => {
      const order = await h.createOrder({ kind: 'crypto', chain: 'TRX', currency: 'USDC-TRC20' });
      await new Promise((resolve) => setTimeout(resolve, MIN_REFRESH_MS));
      await h.resetStats();
      const started = Date.now();
      let answered = 0;
      while (Date.now() - started < 3 * MIN_REFRESH_MS) {
        const batch = await Promise.all(Array.from({ length: 100 }, () => h.status(order)));
        answered += batch.filter((a) => a.status === 200).length;
      }
      const elapsed = Date.now() - started;
      const calls = await h.detailCalls();
      expect(answered).toBeGreaterThanOrEqual(100);
      expect(calls).toBeGreaterThanOrEqual(1);
      expect(calls).toBeLessThanOrEqual(Math.floor(elapsed / MIN_REFRESH_MS) + 1);
    });

    it('answers a terminal order from the store with no upstream call', async () => {
      const order = await h.createOrder({ kind: 'lightning' });
      await h.control(`/orders/${order.orderId}/pay`, {});
      // The sandbox's success callback is confirmed and answered before counting starts.
      await vi.waitFor(async () => {
        const view = (await h.control(`/orders/${order.orderId}`)) as { callbacks: { status: number }[] };
        expect(view.callbacks.map((c) => c.status)).toEqual([200]);
      }, SETTLE);
      await h.resetStats();
      await new Promise((resolve) => setTimeout(resolve, MIN_REFRESH_MS));
      const answers = await Promise.all(Array.from({ length: 100 }, () => h.status(order)));
      expect(answers.every((a) => a.body.status === 'paid')).toBe(true);
      expect(await h.detailCalls()).toBe(0);
    });
  });
});
