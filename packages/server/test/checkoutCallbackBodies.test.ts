import type { CheckoutOrder } from '@aurpay-kit/core';
import { SANDBOX_DEFAULTS } from '@aurpay-kit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCallback } from '../src/callbacks/signCallback.js';
import { MemoryOrderStore } from '../src/checkout/stores/memoryOrderStore.js';
import { CHECKOUT_ADAPTERS, startHarness, type Harness } from './checkoutHarness.js';

// The same scenarios against the Express router and the fetch handler.
describe.each(CHECKOUT_ADAPTERS)('the %s adapter', (adapter) => {
  let h: Harness;
  const store = new MemoryOrderStore();
  beforeAll(async () => {
    // The sandbox's own callbacks are refused, so each order is settled by the one the test sends.
    h = await startHarness({ adapter, refuseSandboxCallbacks: true, checkout: { store } });
  });
  afterAll(async () => {
    await h.close();
  });

  const CREDENTIALS = { token: SANDBOX_DEFAULTS.callbackToken, secret: SANDBOX_DEFAULTS.callbackSecret };

  /** A paid order at the sandbox, still awaiting payment in the checkout, and its success callback URL. */
  async function paidUpstream(): Promise<{ order: CheckoutOrder; url: string }> {
    const order = await h.createOrder({ kind: 'crypto', chain: 'ETH', currency: 'USDT-ERC20' });
    const view = (await h.control(`/orders/${order.orderId}/pay`, {})) as { status: string; urls: { callback_url: string } };
    expect(view.status).toBe('SUCCESS');
    expect((await store.get(order.orderId))?.status).toBe('awaiting_payment');
    return { order, url: view.urls.callback_url };
  }

  /** Sends a raw POST callback to `url` with Aurpay's signature headers (or forged ones). */
  async function post(url: string, body: string | Uint8Array<ArrayBuffer>, contentType: string, signed = true) {
    const headers = signed
      ? signCallback({ callbackUrl: url, ...CREDENTIALS })
      : signCallback({ callbackUrl: url, token: CREDENTIALS.token, secret: 'forged' });
    const res = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': contentType }, body });
    return { status: res.status, body: await res.text() };
  }

  /** 46 part payments' worth of transactions, and more: about 100 kB of JSON. */
  function hugeOrderJson(orderId: string): string {
    const txs = Array.from({ length: 400 }, (_, i) => ({
      tx_hash: `0x${i.toString(16).padStart(64, 'a')}`,
      amount: '0.0001',
      from_addr: `0x${'b'.repeat(40)}`,
      note: 'x'.repeat(60),
    }));
    return JSON.stringify({ order_id: orderId, status: 'SUCCESS', tx_hash_list: txs });
  }

  describe('a genuine callback is never refused for its body', () => {
    it.each([
      ['a 100 kB JSON body', (id: string) => hugeOrderJson(id), 'application/json'],
      ['a charset nobody knows', (id: string) => JSON.stringify({ order_id: id }), 'application/json; charset=x-unheard-of'],
      ['truncated JSON', (id: string) => `{"order_id": "${id.slice(0, 6)}`, 'application/json'],
      ['bytes that are not UTF-8', () => new Uint8Array([0xff, 0xfe, 0x00, 0xc3, 0x28]), 'application/json; charset=utf-8'],
      ['a form body', (id: string) => `order_id=${id}&status=SUCCESS`, 'application/x-www-form-urlencoded'],
      ['no content type at all', (id: string) => id, ''],
    ] as const)('settles the order on %s', async (_name, body, contentType) => {
      const { order, url } = await paidUpstream();
      const before = h.hooks.paid.length;
      const answer = await post(url, body(order.orderId), contentType);
      expect(answer).toEqual({ status: 200, body: JSON.stringify({ received: true }) });
      await h.router.checkout.idle();
      expect(h.hooks.paid.slice(before).map((o) => o.orderId)).toEqual([order.orderId]);
    });

    it('still refuses a forged callback with a huge body, without reading it', async () => {
      const { order, url } = await paidUpstream();
      const answer = await post(url.replace(/&key=[^&]*/, ''), hugeOrderJson(order.orderId), 'application/json', false);
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body)).toEqual({ error: { code: 'callback_unauthorized', message: 'Callback authentication failed.' } });
    });

    it('asks Aurpay for GET callbacks: no order is created with enable_post_callback', async () => {
      const order = await h.createOrder({ kind: 'lightning' });
      const view = (await h.control(`/orders/${order.orderId}`)) as { post_callback?: boolean; urls: Record<string, string> };
      expect(view.urls.callback_url).toMatch(/\/callback\?ref=[\w-]{22}&event=paid&key=[\w-]{43}$/);
      await h.control(`/orders/${order.orderId}/pay`, {});
      let attempts: { method: string }[] = [];
      // The sandbox records an attempt once the (refused) delivery has an answer.
      for (let polls = 0; polls < 400 && attempts.length === 0; polls += 1) {
        attempts = ((await h.control(`/orders/${order.orderId}`)) as { callbacks: { method: string }[] }).callbacks;
        if (attempts.length === 0) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(attempts.length).toBeGreaterThan(0);
      expect(attempts.every((attempt) => attempt.method === 'GET')).toBe(true);
    });
  });
});
