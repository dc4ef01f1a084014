import type { CheckoutOrder } from '@aurpay-kit/core';
import { describe, expect, it } from 'vitest';
import { CheckoutHttpError } from './http/checkoutHttpError.js';
import { closedAfterEach, fakeCheckout, type FakeCheckout } from './test-utils/fakeCheckout.js';

const track = closedAfterEach();

/** A checkout whose priceFor keys orders by the cart id in the body. */
function keyedCheckout(overrides: Parameters<typeof fakeCheckout>[0] = {}): FakeCheckout {
  const fake = fakeCheckout({
    priceFor: (_req, body) => {
      if (body.cartId === 'missing') throw new CheckoutHttpError(404, 'cart_not_found', 'No such cart.');
      return { amount: '18', currency: 'USD', orderKey: typeof body.cartId === 'string' ? body.cartId : undefined };
    },
    ...overrides,
  });
  track(fake);
  return fake;
}

const usdt = (cartId?: string) => ({ kind: 'crypto', chain: 'ETH', currency: 'USDT-ERC20', ...(cartId === undefined ? {} : { cartId }) });

describe('POST /orders with an order key', () => {
  it('answers the open order again (200) instead of creating a second one for the same cart and method', async () => {
    const fake = keyedCheckout();
    const first = await fake.call({ method: 'POST', url: '/orders', body: usdt('cart-1') });
    const again = await fake.call({ method: 'POST', url: '/orders', body: usdt('cart-1') });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(fake.client.calls.createPayInfo).toBe(1);
    const stored = await fake.store.get((first.body as CheckoutOrder).orderId);
    expect(stored?.openOrderKey).toBe('cart-1|crypto|ETH|USDT-ERC20');
  });

  it('keeps one open order per payment method, and makes a new one once the open one is paid', async () => {
    const fake = keyedCheckout();
    const eth = (await fake.call({ method: 'POST', url: '/orders', body: usdt('cart-1') })).body as CheckoutOrder;
    const lightning = await fake.call({ method: 'POST', url: '/orders', body: { kind: 'lightning', cartId: 'cart-1' } });
    const otherCart = await fake.call({ method: 'POST', url: '/orders', body: usdt('cart-2') });
    expect([lightning.status, otherCart.status]).toEqual([201, 201]);
    fake.client.setUpstream(eth.orderId, 'SUCCESS', eth.amount);
    await fake.handlers.refreshOrder(eth.orderId);
    const next = await fake.call({ method: 'POST', url: '/orders', body: usdt('cart-1') });
    expect(next.status).toBe(201);
    expect((next.body as CheckoutOrder).orderId).not.toBe(eth.orderId);
  });

  it('makes a new order when the open one has too little time left to pay', async () => {
    let now = Date.UTC(2026, 11, 2, 10, 0, 0);
    const fake = keyedCheckout({ now: () => now, orderTtlMs: 1_800_000 });
    fake.client.clock = () => now;
    const first = (await fake.call({ method: 'POST', url: '/orders', body: usdt('cart-1') })).body as CheckoutOrder;
    now += 1_800_000 - 300_001;
    expect((await fake.call({ method: 'POST', url: '/orders', body: usdt('cart-1') })).status).toBe(200);
    now += 2;
    const later = await fake.call({ method: 'POST', url: '/orders', body: usdt('cart-1') });
    expect(later.status).toBe(201);
    expect((later.body as CheckoutOrder).orderId).not.toBe(first.orderId);
  });

  it('creates one order for 10 concurrent requests of one cart', async () => {
    const fake = keyedCheckout();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => fake.call({ method: 'POST', url: '/orders', body: usdt('cart-1') })),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(9);
    expect(new Set(answers.map((a) => (a.body as CheckoutOrder).orderId)).size).toBe(1);
    expect(fake.client.calls.createPayInfo).toBe(1);
  });

  it('creates an order per request without a key', async () => {
    const fake = keyedCheckout();
    await fake.call({ method: 'POST', url: '/orders', body: usdt() });
    await fake.call({ method: 'POST', url: '/orders', body: usdt() });
    expect(fake.client.calls.createPayInfo).toBe(2);
  });

  it('counts only orders it creates against the rate limit, after pricing', async () => {
    const fake = keyedCheckout({ rateLimit: { max: 2, windowMs: 60_000 } });
    for (let i = 0; i < 5; i += 1) {
      expect((await fake.call({ method: 'POST', url: '/orders', body: usdt('missing') })).status).toBe(404);
    }
    expect((await fake.call({ method: 'POST', url: '/orders', body: usdt('cart-1') })).status).toBe(201);
    expect((await fake.call({ method: 'POST', url: '/orders', body: usdt('cart-1') })).status).toBe(200);
    expect((await fake.call({ method: 'POST', url: '/orders', body: usdt('cart-2') })).status).toBe(201);
    expect((await fake.call({ method: 'POST', url: '/orders', body: usdt('cart-3') })).status).toBe(429);
  });

  it('refuses an unusable order key from priceFor as the shop’s bug (500, reported)', async () => {
    const fake = keyedCheckout({ priceFor: () => ({ amount: '18', currency: 'USD', orderKey: '' }) });
    const answer = await fake.call({ method: 'POST', url: '/orders', body: usdt('cart-1') });
    expect(answer.status).toBe(500);
    expect(fake.errors[0]).toMatchObject({ code: 'price_invalid', message: expect.stringContaining('orderKey') });
  });

  it('counts 100 addresses of one IPv6 /64 as one client', async () => {
    const fake = keyedCheckout({ rateLimit: { max: 20, windowMs: 60_000 } });
    const answers = [];
    for (let i = 0; i < 100; i += 1)
      answers.push(await fake.call({ method: 'POST', url: '/orders', body: usdt(), clientId: `2001:db8:aa:bb:${i.toString(16)}::1` }));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(20);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(80);
    expect((await fake.call({ method: 'POST', url: '/orders', body: usdt(), clientId: '2001:db8:aa:bc::1' })).status).toBe(201);
  });
});

describe('POST /orders with an Idempotency-Key', () => {
  it('replays the first answer to the client that sent the key, and to no other client', async () => {
    const fake = keyedCheckout();
    const send = (clientId: string) =>
      fake.call({ method: 'POST', url: '/orders', body: usdt(), headers: { 'Idempotency-Key': 'checkout-attempt-1' }, clientId });
    const first = await send('203.0.113.7');
    const replay = await send('203.0.113.7');
    const other = await send('198.51.100.9');
    expect(replay.status).toBe(201);
    expect(replay.headers).toMatchObject({ 'Idempotent-Replayed': 'true' });
    expect((replay.body as CheckoutOrder).orderId).toBe((first.body as CheckoutOrder).orderId);
    expect(other.status).toBe(201);
    expect((other.body as CheckoutOrder).orderId).not.toBe((first.body as CheckoutOrder).orderId);
    expect((other.body as CheckoutOrder).statusToken).not.toBe((first.body as CheckoutOrder).statusToken);
  });
});
