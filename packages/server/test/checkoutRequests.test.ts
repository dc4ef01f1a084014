import type { CheckoutOrder } from '@aurpay-kit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckoutHttpError } from '../src/checkout/http/checkoutHttpError.js';
import { CHECKOUT_ADAPTERS, startHarness, type Harness } from './checkoutHarness.js';

// The same scenarios against the Express router and the fetch handler.
describe.each(CHECKOUT_ADAPTERS)('the %s adapter', (adapter) => {
  const CATALOGUE: Record<string, string> = { 'cart-small': '5', 'cart-big': '250.75' };

  let h: Harness;
  const priced: Record<string, unknown>[] = [];
  beforeAll(async () => {
    h = await startHarness({
      adapter,
      checkout: {
        rateLimit: { max: 1000, windowMs: 60_000 },
        priceFor: (_req, body) => {
          priced.push({ ...body });
          const cartId = typeof body.cartId === 'string' ? body.cartId : 'cart-small';
          const amount = CATALOGUE[cartId];
          if (amount === undefined) throw new CheckoutHttpError(404, 'cart_not_found', 'This cart does not exist.');
          return { amount, currency: 'EUR', metadata: { cartId } };
        },
      },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  async function createCalls(path = 'POST /api/order/pay-info'): Promise<number> {
    const stats = (await h.control('/stats')) as { requests: Record<string, number> };
    return stats.requests[path] ?? 0;
  }

  describe('the price is the shop’s alone', () => {
    it('ignores a price, amount, address or invoice sent by the buyer', async () => {
      const forged = {
        kind: 'crypto',
        chain: 'ETH',
        currency: 'USDT-ERC20',
        cartId: 'cart-big',
        price: '0.01',
        amount: '0.000001',
        vs_price: 0.01,
        vs_currency: 'XXX',
        fiatAmount: '0.01',
        fiatCurrency: 'JPY',
        address: '0x000000000000000000000000000000000000dEaD',
        contractAddress: '0x000000000000000000000000000000000000dEaD',
        paymentRequest: 'lnbc1forged',
        status: 'paid',
        paidAmount: '250.75',
        orderId: '1',
      };
      const order = await h.createOrder(forged);
      const upstream = (await h.control(`/orders/${order.orderId}`)) as {
        vs_price: string;
        vs_currency: string;
        address: string;
        amount: string;
      };
      expect(order).toMatchObject({
        fiatAmount: '250.75',
        fiatCurrency: 'EUR',
        status: 'awaiting_payment',
        paidAmount: '0',
        paymentRequest: null,
      });
      expect(order.orderId).not.toBe('1');
      expect(upstream).toMatchObject({ vs_price: '250.75', vs_currency: 'EUR', address: order.address, amount: order.amount });
      expect(order.address).not.toBe(forged.address);
      expect(order.contractAddress).toBe('0xdAC17F958D2ee523a2206206994597C13D831ec7');
      const plain = await h.createOrder({ kind: 'crypto', chain: 'ETH', currency: 'USDT-ERC20', cartId: 'cart-big' });
      expect(plain).toMatchObject({ fiatAmount: '250.75', fiatCurrency: 'EUR' });
    });

    it('passes the body to priceFor and answers its CheckoutHttpError', async () => {
      const answer = await h.api('POST', '/orders', { body: { kind: 'lightning', cartId: 'cart-missing' } });
      expect(answer).toMatchObject({ status: 404, body: { error: { code: 'cart_not_found', message: 'This cart does not exist.' } } });
      expect(priced.at(-1)).toEqual({ kind: 'lightning', cartId: 'cart-missing' });
    });

    it('refuses a currency the gateway does not offer, before pricing', async () => {
      const before = priced.length;
      for (const body of [
        { kind: 'crypto', chain: 'ETH', currency: 'SHIB-ERC20' },
        { kind: 'crypto', chain: 'TRX', currency: 'USDT-ERC20' },
        { kind: 'crypto', chain: 'BLN', currency: 'BTC-LN' },
      ]) {
        const answer = await h.api('POST', '/orders', { body });
        expect(answer).toMatchObject({ status: 400, body: { error: { code: 'currency_unsupported' } } });
      }
      expect(priced.length).toBe(before);
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a repeated submission with the first answer and creates one upstream order', async () => {
      await h.resetStats();
      const headers = { 'Idempotency-Key': crypto.randomUUID() };
      const body = { kind: 'crypto', chain: 'BTC', currency: 'BTC', cartId: 'cart-small' };
      const first = await h.api('POST', '/orders', { body, headers });
      const again = await h.api('POST', '/orders', {
        body: { cartId: 'cart-small', currency: 'BTC', chain: 'BTC', kind: 'crypto' },
        headers,
      });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await createCalls()).toBe(1);
    });

    it('lets 10 concurrent double-clicks share one order', async () => {
      await h.resetStats();
      const headers = { 'Idempotency-Key': crypto.randomUUID() };
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => h.api('POST', '/orders', { body: { kind: 'lightning' }, headers })),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
      expect(new Set(answers.map((a) => (a.body as CheckoutOrder).orderId)).size).toBe(1);
      expect(await createCalls('POST /api/bln/order')).toBe(1);
    });

    it('refuses a key reused with a different body (409) and a malformed key (400)', async () => {
      const headers = { 'Idempotency-Key': crypto.randomUUID() };
      expect((await h.api('POST', '/orders', { body: { kind: 'lightning' }, headers })).status).toBe(201);
      const reused = await h.api('POST', '/orders', { body: { kind: 'lightning', cartId: 'cart-big' }, headers });
      expect(reused).toMatchObject({ status: 409, body: { error: { code: 'idempotency_key_reused' } } });
      const short = await h.api('POST', '/orders', { body: { kind: 'lightning' }, headers: { 'Idempotency-Key': 'abc' } });
      expect(short).toMatchObject({ status: 400, body: { error: { code: 'idempotency_key_invalid' } } });
    });
  });

  describe('bodies', () => {
    it('answers 413 for a body over 16 kB', async () => {
      const answer = await h.api('POST', '/orders', { body: { kind: 'lightning', note: 'x'.repeat(17 * 1024) } });
      expect(answer).toMatchObject({ status: 413, body: { error: { code: 'body_too_large' } } });
    });

    it('answers 400 for malformed JSON, a non-object, a bad choice or no body, and 415 for a body not in JSON', async () => {
      const cases: { rawBody: string; headers: Record<string, string>; status: number; code: string }[] = [
        { rawBody: '{"kind": "lightning"', headers: { 'content-type': 'application/json' }, status: 400, code: 'body_malformed' },
        { rawBody: '[1,2]', headers: { 'content-type': 'application/json' }, status: 400, code: 'body_invalid' },
        { rawBody: '"lightning"', headers: { 'content-type': 'application/json' }, status: 400, code: 'body_malformed' },
        { rawBody: JSON.stringify({ kind: 'paypal' }), headers: { 'content-type': 'application/json' }, status: 400, code: 'body_invalid' },
        {
          rawBody: JSON.stringify({ kind: 'crypto', chain: 'eth' }),
          headers: { 'content-type': 'application/json' },
          status: 400,
          code: 'body_invalid',
        },
        { rawBody: '', headers: {}, status: 400, code: 'body_invalid' },
        {
          rawBody: 'kind=lightning',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          status: 415,
          code: 'body_unsupported',
        },
        { rawBody: '{"kind":"lightning"}', headers: { 'content-type': 'text/plain' }, status: 415, code: 'body_unsupported' },
        {
          rawBody: '{"kind":"lightning"}',
          headers: { 'content-type': 'application/json; charset=koi8-r' },
          status: 415,
          code: 'body_unsupported',
        },
      ];
      for (const { code, status, ...init } of cases) {
        const answer = await h.api('POST', '/orders', init);
        expect(answer.status, `${init.headers['content-type']} ${init.rawBody}`).toBe(status);
        expect(answer.body).toEqual({ error: { code, message: expect.any(String) } });
      }
    });
  });

  describe('status tokens and routes', () => {
    let order: CheckoutOrder;
    beforeAll(async () => {
      order = await h.createOrder({ kind: 'crypto', chain: 'LTC', currency: 'LTC' });
    });

    it('serves the status with the token in the header or the query', async () => {
      expect((await h.status(order)).body).toMatchObject({ orderId: order.orderId, status: 'awaiting_payment' });
      const byQuery = await h.api('GET', `/orders/${order.orderId}?token=${order.statusToken}`);
      expect(byQuery.status).toBe(200);
    });

    it('answers 401 without a token, 403 for a wrong one or another order’s, 404 for an unknown order, 400 for a bad id', async () => {
      const other = await h.createOrder({ kind: 'lightning' });
      const expectations: [string, Record<string, string>, number, string][] = [
        [`/orders/${order.orderId}`, {}, 401, 'status_token_missing'],
        [`/orders/${order.orderId}`, { 'X-Status-Token': 'x'.repeat(43) }, 403, 'status_token_invalid'],
        [`/orders/${order.orderId}`, { 'X-Status-Token': other.statusToken }, 403, 'status_token_invalid'],
        [`/orders/${order.orderId}/events`, { 'X-Status-Token': other.statusToken }, 403, 'status_token_invalid'],
        [
          `/orders/99999999999999999999`,
          { 'X-Status-Token': h.router.checkout.statusToken('99999999999999999999') },
          404,
          'order_not_found',
        ],
        [`/orders/not%20an%20id`, { 'X-Status-Token': order.statusToken }, 400, 'order_id_invalid'],
        [`/orders/%E0%A4%A`, {}, 400, 'order_id_invalid'],
      ];
      for (const [path, headers, status, code] of expectations) {
        const answer = await h.api('GET', path, { headers });
        expect(answer.status, path).toBe(status);
        expect(answer.body).toEqual({ error: { code, message: expect.any(String) } });
      }
    });

    it('answers unknown routes with a JSON 404 and wrong methods with a 405', async () => {
      for (const path of ['/', '/nope', '/orders/1/2/3', '/currencies/extra']) {
        const answer = await h.api('GET', path);
        expect(answer).toMatchObject({ status: 404, body: { error: { code: 'route_not_found' } } });
      }
      const wrong = await h.api('DELETE', '/orders');
      expect(wrong).toMatchObject({ status: 405, body: { error: { code: 'method_not_allowed' } } });
      expect(wrong.headers.get('allow')).toBe('POST');
    });
  });

  describe('creation rate limit', () => {
    it('answers 429 with Retry-After past the limit per client', async () => {
      const limited = await startHarness({ adapter, checkout: { rateLimit: { max: 3, windowMs: 60_000 } } });
      try {
        for (let i = 0; i < 3; i += 1) await limited.createOrder({ kind: 'lightning' });
        const refused = await limited.api('POST', '/orders', { body: { kind: 'lightning' } });
        expect(refused).toMatchObject({ status: 429, body: { error: { code: 'rate_limited' } } });
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
        expect((await limited.api('GET', '/currencies')).status).toBe(200);
      } finally {
        await limited.close();
      }
    });
  });
});
