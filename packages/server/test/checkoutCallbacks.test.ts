import type { CheckoutOrder } from '@aurpay-kit/core';
import { SANDBOX_DEFAULTS } from '@aurpay-kit/sandbox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signCallback } from '../src/callbacks/signCallback.js';
import { CHECKOUT_ADAPTERS, startHarness, type Harness } from './checkoutHarness.js';
import { SETTLE } from './settle.js';

// The same scenarios against the Express router and the fetch handler.
describe.each(CHECKOUT_ADAPTERS)('the %s adapter', (adapter) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ adapter });
  });
  afterAll(async () => {
    await h.close();
  });

  const CREDENTIALS = { token: SANDBOX_DEFAULTS.callbackToken, secret: SANDBOX_DEFAULTS.callbackSecret };
  const UNAUTHORIZED = { error: { code: 'callback_unauthorized', message: 'Callback authentication failed.' } };

  async function callbackUrls(order: CheckoutOrder): Promise<{ callback_url: string; timeout_callback: string }> {
    const view = (await h.control(`/orders/${order.orderId}`)) as { urls: { callback_url: string; timeout_callback: string } };
    return view.urls;
  }

  /** A callback URL as a forger who knows the order's reference, but not its key, would write it. */
  const withoutKey = (url: string) => url.replace(/&key=[^&]*/, '');

  /** Sends a callback to `url` (a URL under the router) with the given headers. */
  async function sendCallback(url: string, headers: Record<string, string>, method: 'GET' | 'POST' = 'GET') {
    const path = url.slice(h.publicUrl.length);
    return h.api(method, path, { headers, ...(method === 'POST' ? { body: { order_id: 'whatever', status: 'SUCCESS' } } : {}) });
  }

  describe('forged callbacks', () => {
    let order: CheckoutOrder;
    let paidUrl: string;
    beforeAll(async () => {
      order = await h.createOrder({ kind: 'crypto', chain: 'ETH', currency: 'USDC-ERC20' });
      paidUrl = withoutKey((await callbackUrls(order)).callback_url);
    });

    // Dates an hour out, far from the ±300 s edge (verifyCallback's tests hold the edge on a fixed
    // clock): however long a request takes to arrive, they stay outside the window.
    const now = () => Date.now();
    const cases: [string, () => Promise<Record<string, string>>, 'GET' | 'POST'][] = [
      [
        'a wrong token',
        async () => ({ ...signCallback({ callbackUrl: paidUrl, ...CREDENTIALS }), 'Callback-Token': 'not-the-token' }),
        'GET',
      ],
      ['a wrong signature', async () => signCallback({ callbackUrl: paidUrl, token: CREDENTIALS.token, secret: 'not-the-secret' }), 'POST'],
      ['a stale Date', async () => signCallback({ callbackUrl: paidUrl, ...CREDENTIALS, date: new Date(now() - 3_600_000) }), 'GET'],
      ['a future Date', async () => signCallback({ callbackUrl: paidUrl, ...CREDENTIALS, date: new Date(now() + 3_600_000) }), 'POST'],
      ['a malformed Date', async () => signCallback({ callbackUrl: paidUrl, ...CREDENTIALS, date: 'yesterday' }), 'GET'],
      [
        'a signature for another order’s URL',
        async () => {
          const other = await h.createOrder({ kind: 'lightning' });
          return signCallback({ callbackUrl: withoutKey((await callbackUrls(other)).callback_url), ...CREDENTIALS });
        },
        'GET',
      ],
      [
        'a signature for the timeout URL',
        async () => signCallback({ callbackUrl: paidUrl.replace('event=paid', 'event=expired'), ...CREDENTIALS }),
        'GET',
      ],
      [
        'a signature for the same path on another host (a forged Host header)',
        async () => ({
          ...signCallback({ callbackUrl: paidUrl.replace(/^http:\/\/[^/]+/, 'https://evil.example'), ...CREDENTIALS }),
          Host: 'evil.example',
        }),
        'POST',
      ],
      ['no headers at all', async () => ({}), 'GET'],
      ['no Signature', async () => omit(signCallback({ callbackUrl: paidUrl, ...CREDENTIALS }), 'Signature'), 'GET'],
      ['no Date', async () => omit(signCallback({ callbackUrl: paidUrl, ...CREDENTIALS }), 'Date'), 'POST'],
      ['no Callback-Token', async () => omit(signCallback({ callbackUrl: paidUrl, ...CREDENTIALS }), 'Callback-Token'), 'GET'],
    ];

    it.each(cases)('rejects %s with a bare 401, no upstream call and no change', async (_name, headersFor, method) => {
      const headers = await headersFor();
      await h.resetStats();
      const answer = await sendCallback(paidUrl, headers, method);
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual(UNAUTHORIZED);
      expect(await h.detailCalls()).toBe(0);
      expect(h.hooks.paid.some((o) => o.orderId === order.orderId)).toBe(false);
    });

    it('rejects a correctly signed callback for an order this server did not create', async () => {
      // An order made at the gateway by someone else, with callback URLs pointing at this shop.
      const foreign = await h.client.createPayInfo({
        chain: 'BTC',
        currency: 'BTC',
        vs_currency: 'USD',
        vs_price: 5,
        callback_url: `${h.publicUrl}/callback?ref=AAAAAAAAAAAAAAAAAAAAAA&event=paid`,
      });
      await h.control(`/orders/${foreign.order_id}/pay`, {});
      const urls = [
        `${h.publicUrl}/callback?ref=AAAAAAAAAAAAAAAAAAAAAA&event=paid`,
        `${h.publicUrl}/callback?order_id=${foreign.order_id}&event=paid`,
        `${h.publicUrl}/callback`,
      ];
      await h.resetStats();
      for (const url of urls) {
        const answer = await sendCallback(url, signCallback({ callbackUrl: url, ...CREDENTIALS }), 'POST');
        expect(answer.status).toBe(404);
        expect(answer.body).toEqual({ error: { code: 'order_not_found', message: 'No such order.' } });
      }
      expect(await h.detailCalls()).toBe(0);
      expect(h.hooks.paid.some((o) => o.orderId === foreign.order_id)).toBe(false);
    });

    it('treats a genuine callback as a hint: an unpaid order stays unpaid', async () => {
      const unpaid = await h.createOrder({ kind: 'crypto', chain: 'BSC', currency: 'BNB' });
      const url = (await callbackUrls(unpaid)).callback_url;
      await h.resetStats();
      const answer = await sendCallback(url, signCallback({ callbackUrl: url, ...CREDENTIALS }), 'POST');
      expect(answer).toMatchObject({ status: 200, body: { received: true } });
      expect(await h.detailCalls()).toBe(1);
      expect((await h.status(unpaid)).body.status).toBe('awaiting_payment');
      await h.router.checkout.idle();
      expect(h.hooks.paid.some((o) => o.orderId === unpaid.orderId)).toBe(false);
    });
  });

  describe('duplicate callbacks racing pollers', () => {
    it('fires onPaid exactly once for 10 concurrent callbacks and 30 concurrent status requests', async () => {
      for (let round = 0; round < 3; round += 1) {
        const order = await h.createOrder({ kind: round === 1 ? 'lightning' : 'crypto', chain: 'BTC', currency: 'BTC' });
        const { callback_url: url } = await callbackUrls(order);
        await h.control(`/orders/${order.orderId}/pay`, {});
        const callbacks = Array.from({ length: 10 }, (_, i) =>
          sendCallback(url, signCallback({ callbackUrl: url, ...CREDENTIALS }), i % 2 === 0 ? 'GET' : 'POST'),
        );
        const pollers = Array.from({ length: 30 }, () => h.status(order));
        const answers = await Promise.all([...callbacks, ...pollers]);
        expect(answers.map((a) => a.status)).toEqual(Array(40).fill(200));
        expect(answers.slice(0, 10).map((a) => a.body)).toEqual(Array(10).fill({ received: true }));
        await vi.waitFor(async () => expect((await h.status(order)).body.status).toBe('paid'), SETTLE);
        // Let the sandbox's own callback arrive too.
        await vi.waitFor(async () => {
          const view = (await h.control(`/orders/${order.orderId}`)) as { callbacks: { status: number }[] };
          expect(view.callbacks.map((c) => c.status)).toEqual([200]);
        }, SETTLE);
        await h.router.checkout.idle();
        expect(h.hooks.paid.filter((o) => o.orderId === order.orderId)).toHaveLength(1);
        expect(h.hooks.changes.filter((c) => c.order.orderId === order.orderId && c.order.status === 'paid')).toHaveLength(1);
      }
    });

    it('answers 50 replays of a settled order’s callbacks, success or timeout, with no upstream call', async () => {
      const order = await h.createOrder({ kind: 'crypto', chain: 'LTC', currency: 'LTC' });
      const urls = await callbackUrls(order);
      await h.control(`/orders/${order.orderId}/pay`, {});
      await vi.waitFor(async () => expect((await h.status(order)).body.status).toBe('paid'), SETTLE);
      await vi.waitFor(async () => {
        const view = (await h.control(`/orders/${order.orderId}`)) as { callbacks: { status: number }[] };
        expect(view.callbacks.map((c) => c.status)).toEqual([200]);
      }, SETTLE);
      await h.resetStats();
      for (let i = 0; i < 50; i += 1) {
        const url = i % 2 === 0 ? urls.callback_url : urls.timeout_callback;
        const answer = await sendCallback(url, signCallback({ callbackUrl: url, ...CREDENTIALS }));
        expect(answer.status).toBe(200);
      }
      expect(await h.detailCalls()).toBe(0);
      await h.router.checkout.idle();
      expect(h.hooks.paid.filter((o) => o.orderId === order.orderId)).toHaveLength(1);
    });
  });

  function omit(headers: Record<string, string>, name: string): Record<string, string> {
    const copy = { ...headers };
    delete copy[name];
    return copy;
  }

  describe('callbacks without Aurpay’s signature (callback authentication off at Aurpay)', () => {
    it('settles an order on a callback with no headers but the order’s own key in its URL', async () => {
      const order = await h.createOrder({ kind: 'crypto', chain: 'BTC', currency: 'BTC' });
      const { callback_url: url } = await callbackUrls(order);
      expect(url).toMatch(/&key=[\w-]{43}$/);
      await h.control(`/orders/${order.orderId}/pay`, {});
      const answer = await sendCallback(url, {});
      expect(answer).toMatchObject({ status: 200, body: { received: true } });
      await vi.waitFor(async () => expect((await h.status(order)).body.status).toBe('paid'), SETTLE);
    });

    it('refuses one with neither headers nor key, or with another order’s key, with no upstream call', async () => {
      const order = await h.createOrder({ kind: 'crypto', chain: 'BTC', currency: 'BTC' });
      const other = await h.createOrder({ kind: 'crypto', chain: 'BTC', currency: 'BTC' });
      const url = (await callbackUrls(order)).callback_url;
      const otherKey = /&key=([^&]*)/.exec((await callbackUrls(other)).callback_url)?.[1] ?? '';
      await h.resetStats();
      for (const forged of [withoutKey(url), url.replace(/&key=[^&]*/, `&key=${otherKey}`), url.replace(/&key=[^&]*/, '&key=x')]) {
        expect(await sendCallback(forged, {})).toMatchObject({ status: 401, body: UNAUTHORIZED });
      }
      expect(await h.detailCalls()).toBe(0);
    });
  });
});
