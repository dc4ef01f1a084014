import { describe, expect, it, vi } from 'vitest';
import { fetchCurrencies, newIdempotencyKey, postOrder } from './checkoutRequests.js';

const answering = (body: unknown, status = 200) =>
  vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => new Response(JSON.stringify(body), { status }));
const signal = new AbortController().signal;

describe('the checkout observer’s requests', () => {
  it('loads the currencies a buyer can choose from, without Lightning', async () => {
    const fetch = answering([
      { chain: 'BTC', currency: 'BTC' },
      { chain: 'BLN', currency: 'BTC-LN' },
    ]);
    await expect(fetchCurrencies({ endpoint: '/api/pay', fetch }, signal)).resolves.toEqual([{ chain: 'BTC', currency: 'BTC' }]);
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/pay/currencies');
  });

  it('posts an order with its key and refuses an answer that is not one', async () => {
    const fetch = answering({ orderId: 'o1' }, 201);
    const error = await postOrder({ endpoint: '/api/pay', fetch }, '{"kind":"lightning"}', 'k1', signal).catch((e) => e);
    expect(error).toMatchObject({ code: 'bad_response' });
    expect(fetch.mock.calls[0]?.[1]).toMatchObject({
      method: 'POST',
      body: '{"kind":"lightning"}',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k1' },
    });
    await expect(fetchCurrencies({ endpoint: '/x', fetch: answering({ list: [] }) }, signal)).rejects.toMatchObject({
      code: 'bad_response',
    });
  });

  it('makes a new idempotency key each time', () => {
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });
});
