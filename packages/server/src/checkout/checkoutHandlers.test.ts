import type { PayInfoRequest } from '@aurpay-kit/core';
import { describe, expect, it } from 'vitest';
import { CheckoutHttpError } from './http/checkoutHttpError.js';
import { CALLBACK, fakeCheckout, PUBLIC_URL } from './test-utils/fakeCheckout.js';
import { EXAMPLE_INVOICE } from './test-utils/fakeCheckoutClient.js';

describe('createCheckoutHandlers: POST /orders', () => {
  it('creates a crypto order with callback URLs under publicUrl and answers the full CheckoutOrder', async () => {
    const fake = fakeCheckout({ priceFor: () => ({ amount: '18.00', currency: 'USD', metadata: { cartId: 'c1' } }) });
    const order = await fake.create({ kind: 'crypto', chain: 'ETH', currency: 'USDT-ERC20' });
    const sent = fake.client.requests[0] as PayInfoRequest;
    const stored = await fake.store.get(order.orderId);
    expect(sent).toEqual({
      chain: 'ETH',
      currency: 'USDT-ERC20',
      vs_currency: 'USD',
      vs_price: 18,
      callback_url: expect.stringMatching(new RegExp(`^${PUBLIC_URL}/callback\\?ref=${stored?.callbackRef}&event=paid&key=[\\w-]{43}$`)),
      timeout_callback: expect.stringMatching(
        new RegExp(`^${PUBLIC_URL}/callback\\?ref=${stored?.callbackRef}&event=expired&key=[\\w-]{43}$`),
      ),
    });
    expect(stored?.callbackRef).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(stored?.metadata).toEqual({ cartId: 'c1' });
    expect(Object.keys(order).sort()).toEqual(
      [
        'orderId',
        'status',
        'aurpayStatus',
        'amount',
        'paidAmount',
        'remainingAmount',
        'currency',
        'expiresAt',
        'updatedAt',
        'kind',
        'chain',
        'address',
        'contractAddress',
        'paymentUri',
        'qrValue',
        'paymentRequest',
        'fiatAmount',
        'fiatCurrency',
        'createdAt',
        'payUrl',
        'statusToken',
        'transactions',
      ].sort(),
    );
    expect(order).toMatchObject({
      kind: 'crypto',
      status: 'awaiting_payment',
      amount: '18.0098',
      remainingAmount: '18.0098',
      contractAddress: '0xdAC17F958D2ee523a2206206994597C13D831ec7',
      paymentUri: null,
      qrValue: '0x686691e7b70e9239e19eB4cd080DDb8aB6F33cf3',
      fiatAmount: '18',
      fiatCurrency: 'USD',
      statusToken: fake.handlers.statusToken(order.orderId),
    });
    expect(Date.parse(order.expiresAt) - Date.parse(order.createdAt)).toBe(1_800_000);
  });

  it('creates a Lightning order whose expiry is the earlier of the order window and the invoice, timed by the invoice', async () => {
    // Aurpay's own example, as it is: create_time 12:00:00 for an invoice signed at 12:51:36.
    const signedAt = Date.UTC(2024, 3, 28, 12, 51, 36);
    const now = () => signedAt + 60_000;
    const fake = fakeCheckout({ orderTtlMs: 2 * 86_400_000, now });
    const order = await fake.create({ kind: 'lightning' });
    expect(fake.client.requests[0]).toEqual({
      price: 18,
      currency: 'USD',
      callback_url: expect.stringMatching(/event=paid&key=[\w-]{43}$/),
      timeout_callback: expect.stringMatching(/event=expired&key=[\w-]{43}$/),
    });
    expect(order).toMatchObject({
      kind: 'lightning',
      chain: 'BLN',
      currency: 'BTC-LN',
      amount: '0.00019044',
      paymentRequest: EXAMPLE_INVOICE,
      paymentUri: `lightning:${EXAMPLE_INVOICE}`,
      qrValue: `LIGHTNING:${EXAMPLE_INVOICE.toUpperCase()}`,
      createdAt: '2024-04-28T12:00:00.000Z',
      expiresAt: '2024-04-29T12:51:36.000Z',
    });
    // The 30-minute window runs from the invoice, never from the lagging create_time: still payable.
    const standard = fakeCheckout({ now });
    expect((await standard.create({ kind: 'lightning' })).expiresAt).toBe('2024-04-28T13:21:36.000Z');
    expect(standard.errors).toEqual([]);
    // Read long after the invoice expired: a deadline in the past is a reading error, reported and replaced.
    const late = fakeCheckout({ now: () => signedAt + 3 * 86_400_000 });
    const stale = await late.create({ kind: 'lightning' });
    expect(Date.parse(stale.expiresAt)).toBeGreaterThanOrEqual(signedAt + 3 * 86_400_000);
    expect(late.errors).toEqual([
      expect.objectContaining({ code: 'aurpay_bad_response', message: expect.stringContaining('deadline in the past') }),
    ]);
  });

  it('offers only enabled, known and allowed currencies', async () => {
    const fake = fakeCheckout({ allowedCurrencies: ['BTC', 'USDT-TRC20', 'USDC-TRC20'] });
    fake.client.currencies = [...fake.client.currencies, { chain: 'ETH', currency: 'SHIB-ERC20', status: true }];
    expect((await fake.call({ method: 'GET', url: '/currencies' })).body).toEqual([
      { chain: 'BTC', currency: 'BTC' },
      { chain: 'TRX', currency: 'USDT-TRC20' },
    ]);
    for (const body of [
      { kind: 'lightning' },
      { kind: 'crypto', chain: 'TRX', currency: 'USDC-TRC20' },
      { kind: 'crypto', chain: 'ETH', currency: 'ETH' },
    ]) {
      expect(await fake.call({ method: 'POST', url: '/orders', body })).toMatchObject({
        status: 400,
        body: { error: { code: 'currency_unsupported' } },
      });
    }
    await fake.call({ method: 'GET', url: '/currencies' });
    expect(fake.client.calls.listCryptoCurrencies).toBe(1);
    expect(fake.client.calls.createPayInfo).toBe(0);
  });

  it('answers a bad priceFor answer with a bare 500 and reports it to onError', async () => {
    const prices: unknown[] = [
      { amount: 18, currency: 'USD' },
      { amount: '-1', currency: 'USD' },
      { amount: '0', currency: 'USD' },
      { amount: '1.23456789012345678', currency: 'USD' },
      { amount: '1', currency: 'usd' },
      null,
    ];
    for (const price of prices) {
      const fake = fakeCheckout({ priceFor: () => price as never });
      const answer = await fake.call({ method: 'POST', url: '/orders', body: { kind: 'lightning' } });
      expect(answer).toEqual({
        status: 500,
        headers: { 'Cache-Control': 'no-store' },
        body: { error: { code: 'internal_error', message: 'Something went wrong on the server.' } },
      });
      expect(fake.errors).toEqual([expect.objectContaining({ code: 'price_invalid' })]);
      expect(fake.client.calls.createBlnOrder).toBe(0);
    }
    const refusing = fakeCheckout({
      priceFor: () => {
        throw new CheckoutHttpError(409, 'cart_changed', 'The cart changed; reload it.');
      },
    });
    expect((await refusing.call({ method: 'POST', url: '/orders', body: { kind: 'lightning' } })).body).toEqual({
      error: { code: 'cart_changed', message: 'The cart changed; reload it.' },
    });
    expect(refusing.errors).toEqual([]);
  });

  it('answers 502 and stores nothing when the gateway’s answer fails a check', async () => {
    const fake = fakeCheckout();
    const realPayInfo = fake.client.createPayInfo.bind(fake.client);
    fake.client.createPayInfo = async (req) => ({
      ...(await realPayInfo(req)),
      contract_addr: '0x000000000000000000000000000000000000dEaD',
    });
    const wrongContract = await fake.call({
      method: 'POST',
      url: '/orders',
      body: { kind: 'crypto', chain: 'ETH', currency: 'USDT-ERC20' },
    });
    expect(wrongContract).toMatchObject({ status: 502, body: { error: { code: 'aurpay_bad_response' } } });
    fake.client.createPayInfo = async (req) => ({ ...(await realPayInfo(req)), address: 'not-an-address' });
    expect((await fake.call({ method: 'POST', url: '/orders', body: { kind: 'crypto', chain: 'BTC', currency: 'BTC' } })).status).toBe(502);
    const realBln = fake.client.createBlnOrder.bind(fake.client);
    fake.client.createBlnOrder = async (req) => ({ ...(await realBln(req)), amount: '0.001' });
    expect((await fake.call({ method: 'POST', url: '/orders', body: { kind: 'lightning' } })).status).toBe(502);
    fake.client.createBlnOrder = async (req) => ({ ...(await realBln(req)), payment_request: 'lnbc1garbage' });
    expect((await fake.call({ method: 'POST', url: '/orders', body: { kind: 'lightning' } })).status).toBe(502);
    fake.client.createBlnOrder = async (req) => ({ ...(await realBln(req)), status: 'SUCCESS' });
    const odd = await fake.create({ kind: 'lightning' });
    expect(odd.status).toBe('unknown');
  });

  it('reads the documented answer shapes, and stores nothing from an answer it could not read', async () => {
    const fake = fakeCheckout({ now: () => Date.UTC(2024, 3, 28, 12, 52) });
    const realBln = fake.client.createBlnOrder.bind(fake.client);
    // The description's shape: no currency, no payment_addr.
    fake.client.createBlnOrder = async (req) => ({ ...(await realBln(req)), currency: null, payment_addr: null });
    expect((await fake.create({ kind: 'lightning' })).currency).toBe('BTC-LN');
    // A native coin's contract left out.
    const realPayInfo = fake.client.createPayInfo.bind(fake.client);
    fake.client.createPayInfo = async (req) => {
      const { contract_addr: _left, ...rest } = await realPayInfo(req);
      return rest as typeof rest & { contract_addr: null };
    };
    expect((await fake.create({ kind: 'crypto', chain: 'BSC', currency: 'BNB' })).contractAddress).toBeNull();
    // Accepted, but unreadable: 502, nothing stored, and reported for someone to look at.
    fake.client.createPayInfo = async (req) =>
      ({ ...(await realPayInfo(req)), address: null, complete: false, unreadable: ['data.address'], raw: {} }) as never;
    const before = fake.errors.length;
    const answer = await fake.call({ method: 'POST', url: '/orders', body: { kind: 'crypto', chain: 'BTC', currency: 'BTC' } });
    expect(answer).toMatchObject({ status: 502, body: { error: { code: 'aurpay_bad_response' } } });
    expect(fake.errors.slice(before)).toEqual([expect.objectContaining({ message: expect.stringContaining('data.address') })]);
  });

  it('shares one upstream order among concurrent requests with one Idempotency-Key, and frees the key on failure', async () => {
    const fake = fakeCheckout();
    const headers = { 'Idempotency-Key': 'key-0001-abcdef' };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => fake.call({ method: 'POST', url: '/orders', headers, body: { kind: 'lightning' } })),
    );
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers.filter((a) => a.headers['Idempotent-Replayed'] === 'true')).toHaveLength(19);
    expect(fake.client.calls.createBlnOrder).toBe(1);
    const failing = fakeCheckout();
    const realBln = failing.client.createBlnOrder.bind(failing.client);
    failing.client.createBlnOrder = async () => {
      throw new CheckoutHttpError(503, 'down', 'down');
    };
    expect((await failing.call({ method: 'POST', url: '/orders', headers, body: { kind: 'lightning' } })).status).toBe(503);
    failing.client.createBlnOrder = realBln;
    expect((await failing.call({ method: 'POST', url: '/orders', headers, body: { kind: 'lightning' } })).status).toBe(201);
  });

  it('limits creations per client', async () => {
    const fake = fakeCheckout({ rateLimit: { max: 2, windowMs: 60_000 } });
    const create = (clientId: string) => fake.call({ method: 'POST', url: '/orders', clientId, body: { kind: 'lightning' } });
    expect((await create('a')).status).toBe(201);
    expect((await create('a')).status).toBe(201);
    const refused = await create('a');
    expect(refused).toMatchObject({ status: 429, headers: { 'Retry-After': '60' }, body: { error: { code: 'rate_limited' } } });
    expect((await create('b')).status).toBe(201);
  });

  it('refuses bodies that are too large, too deep or not JSON', async () => {
    const fake = fakeCheckout();
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i += 1) deep = [deep];
    const cases: [unknown, number][] = [
      [{ kind: 'lightning', note: 'x'.repeat(17_000) }, 413],
      [{ kind: 'lightning', deep }, 400],
      [{ kind: 'lightning', n: Number.NaN }, 400],
      [{ kind: 'lightning', f: () => 1 }, 400],
      [undefined, 400],
      ['lightning', 400],
    ];
    for (const [body, status] of cases) expect((await fake.call({ method: 'POST', url: '/orders', body })).status).toBe(status);
    expect(fake.client.calls.createBlnOrder).toBe(0);
  });
});

describe('createCheckoutHandlers: callbacks and events', () => {
  it('confirms a signed callback upstream and fires onPaid once, using its own clock for Date', async () => {
    const fake = fakeCheckout();
    const order = await fake.create();
    const stored = await fake.store.get(order.orderId);
    if (stored === null) throw new Error('not stored');
    fake.client.setUpstream(order.orderId, 'SUCCESS', '18.0098');
    expect(await fake.callback(stored)).toMatchObject({ status: 200, body: { received: true } });
    expect(await fake.callback(stored)).toMatchObject({ status: 200 });
    expect(fake.client.calls.getOrderDetail).toBe(1);
    await fake.handlers.idle();
    expect(fake.paid.map((o) => o.orderId)).toEqual([order.orderId]);
    const skewed = fakeCheckout({ now: () => Date.now() + 10 * 60_000 });
    const late = await skewed.create();
    const lateStored = await skewed.store.get(late.orderId);
    if (lateStored === null) throw new Error('not stored');
    expect((await skewed.callback(lateStored)).status).toBe(401);
    const url = `/callback?ref=${lateStored.callbackRef}&event=paid`;
    const { signCallback } = await import('../callbacks/signCallback.js');
    const headers = signCallback({ callbackUrl: PUBLIC_URL + url, ...CALLBACK, date: new Date(Date.now() + 10 * 60_000) });
    expect((await skewed.call({ method: 'POST', url, headers })).status).toBe(200);
  });

  it('streams through a sink, or answers the status as JSON without one', async () => {
    const fake = fakeCheckout({ pollIntervalMs: 10_000 });
    const order = await fake.create();
    const chunks: string[] = [];
    let close: () => void = () => undefined;
    const result = await fake.handlers.handle(
      { method: 'GET', url: `/orders/${order.orderId}/events?token=${order.statusToken}`, headers: {} },
      { open: () => undefined, write: (c) => void chunks.push(c), end: () => undefined, onClose: (l) => void (close = l) },
    );
    expect(result).toBeNull();
    expect(chunks[1]).toMatch(/^id: 1\nevent: status\n/);
    expect(fake.handlers.activeWatchers()).toBe(1);
    close();
    expect(fake.handlers.activeWatchers()).toBe(0);
    const json = await fake.call({
      method: 'GET',
      url: `/orders/${order.orderId}/events`,
      headers: { 'x-status-token': order.statusToken },
    });
    expect(json).toMatchObject({ status: 200, body: { orderId: order.orderId, status: 'awaiting_payment' } });
    fake.handlers.close();
  });
});
