import type { CheckoutOrder } from '@aurpay-kit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeCheckoutClient } from '../checkout/test-utils/fakeCheckoutClient.js';
import { createCheckoutFetchHandler, type CheckoutFetchHandler, type FetchCheckoutOptions } from './createCheckoutFetchHandler.js';

const PUBLIC_URL = 'https://shop.example/api/pay';
// The host a platform hands the handler need not be the public one (a proxy, a container).
const ORIGIN = 'http://127.0.0.1:3000';

const open: CheckoutFetchHandler[] = [];
afterEach(async () => {
  for (const handler of open.splice(0)) await handler.checkout.close();
});

function handlerWith(overrides: Partial<FetchCheckoutOptions> = {}): CheckoutFetchHandler & { errors: unknown[] } {
  const errors: unknown[] = [];
  const handler = createCheckoutFetchHandler({
    client: new FakeCheckoutClient(),
    publicUrl: PUBLIC_URL,
    statusSecret: 'unit-test-status-secret-0123456789',
    callback: { token: 't', secret: 's' },
    priceFor: () => ({ amount: '18', currency: 'USD' }),
    clientAddress: () => '203.0.113.7',
    onError: (error) => void errors.push(error),
    reconcile: false,
    ...overrides,
  });
  open.push(handler);
  return Object.assign(handler, { errors });
}

async function json(response: Response): Promise<{ status: number; headers: Headers; body: unknown }> {
  return { status: response.status, headers: response.headers, body: JSON.parse(await response.text()) as unknown };
}

const ORDER = JSON.stringify({ kind: 'crypto', chain: 'ETH', currency: 'USDT-ERC20' });
const post = (body: BodyInit | null, headers: Record<string, string> = { 'content-type': 'application/json' }, path = '/api/pay/orders') =>
  new Request(ORIGIN + path, {
    method: 'POST',
    headers,
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);

async function createOrder(handler: CheckoutFetchHandler): Promise<CheckoutOrder> {
  const answer = await json(await handler(post(ORDER)));
  expect(answer.status).toBe(201);
  return answer.body as CheckoutOrder;
}

describe('routes under publicUrl’s path', () => {
  it('serves the paths under /api/pay whatever the host, and a JSON 404 anywhere else', async () => {
    const handler = handlerWith();
    const currencies = await handler(new Request(`${ORIGIN}/api/pay/currencies`));
    expect(currencies.status).toBe(200);
    expect(currencies.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(currencies.headers.get('cache-control')).toBe('no-store');
    for (const path of ['/api/payments', '/api/pa', '/', '/api/pay/', '/api/pay', '/api/pay/orders/1/2/3', '/other/api/pay/currencies']) {
      const answer = await json(await handler(new Request(ORIGIN + path)));
      expect(answer, path).toMatchObject({ status: 404, body: { error: { code: 'route_not_found', message: expect.any(String) } } });
    }
    const wrong = await json(await handler(new Request(`${ORIGIN}/api/pay/orders`, { method: 'DELETE' })));
    expect(wrong).toMatchObject({ status: 405, body: { error: { code: 'method_not_allowed' } } });
    expect(wrong.headers.get('allow')).toBe('POST');
  });

  it('serves a handler whose publicUrl is an origin, and one with a trailing slash', async () => {
    const root = handlerWith({ publicUrl: 'https://pay.example' });
    expect((await root(new Request(`${ORIGIN}/currencies`))).status).toBe(200);
    const slash = handlerWith({ publicUrl: 'https://shop.example/api/pay/' });
    expect((await slash(new Request(`${ORIGIN}/api/pay/currencies`))).status).toBe(200);
  });

  it('passes the status token in the query through untouched, and answers status polls', async () => {
    const handler = handlerWith();
    const order = await createOrder(handler);
    const status = await json(await handler(new Request(`${ORIGIN}/api/pay/orders/${order.orderId}?token=${order.statusToken}`)));
    expect(status).toMatchObject({ status: 200, body: { orderId: order.orderId, status: 'awaiting_payment' } });
    const header = await json(
      await handler(new Request(`${ORIGIN}/api/pay/orders/${order.orderId}`, { headers: { 'X-Status-Token': order.statusToken } })),
    );
    expect(header.status).toBe(200);
  });
});

describe('the order request’s body', () => {
  it('hands priceFor the WHATWG Request and the parsed body', async () => {
    const priceFor = vi.fn((request: Request, body: Record<string, unknown>) => {
      expect(request).toBeInstanceOf(Request);
      expect(request.headers.get('cookie')).toBe('cart=c-1');
      expect(body).toEqual({ kind: 'lightning', cartId: 'c-1' });
      return { amount: '5', currency: 'EUR' };
    });
    const handler = handlerWith({ priceFor });
    const answer = await json(
      await handler(post(JSON.stringify({ kind: 'lightning', cartId: 'c-1' }), { 'content-type': 'application/json', cookie: 'cart=c-1' })),
    );
    expect(answer).toMatchObject({ status: 201, body: { kind: 'lightning', fiatAmount: '5', fiatCurrency: 'EUR' } });
    expect(priceFor).toHaveBeenCalledOnce();
  });

  it('refuses what the Express adapter refuses, with the same codes', async () => {
    const handler = handlerWith();
    const big = JSON.stringify({ kind: 'lightning', note: 'x'.repeat(17 * 1024) });
    const cases: [string, Request, number, string][] = [
      [
        'a declared length over 16 kB',
        post(big, { 'content-type': 'application/json', 'content-length': String(big.length) }),
        413,
        'body_too_large',
      ],
      ['a stream over 16 kB', post(new Blob([big]).stream(), { 'content-type': 'application/json' }), 413, 'body_too_large'],
      ['malformed JSON', post('{"kind": "lightning"'), 400, 'body_malformed'],
      ['a JSON string', post('"lightning"'), 400, 'body_malformed'],
      ['bytes that are not UTF-8', post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), 400, 'body_malformed'],
      ['an array', post('[1,2]'), 400, 'body_invalid'],
      ['an unknown kind', post(JSON.stringify({ kind: 'paypal' })), 400, 'body_invalid'],
      ['no body', post(null, {}), 400, 'body_invalid'],
      ['an empty JSON body', post('', { 'content-type': 'application/json' }), 400, 'body_invalid'],
      ['a form', post('kind=lightning', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'body_unsupported'],
      ['text/plain', post('{"kind":"lightning"}', { 'content-type': 'text/plain' }), 415, 'body_unsupported'],
      ['a body with no content type', post(new Blob(['{"kind":"lightning"}']), {}), 415, 'body_unsupported'],
      [
        'a charset other than UTF-8',
        post('{"kind":"lightning"}', { 'content-type': 'application/json; charset=koi8-r' }),
        415,
        'body_unsupported',
      ],
      [
        'a content encoding',
        post('{"kind":"lightning"}', { 'content-type': 'application/json', 'content-encoding': 'gzip' }),
        415,
        'body_unsupported',
      ],
    ];
    for (const [name, request, status, code] of cases) {
      const answer = await json(await handler(request));
      expect(answer.status, name).toBe(status);
      expect(answer.body, name).toEqual({ error: { code, message: expect.any(String) } });
    }
  });

  it('takes JSON types with a suffix, a quoted UTF-8 charset and a byte-order mark', async () => {
    const handler = handlerWith();
    for (const [type, body] of [
      ['application/merge-patch+json', '{"kind":"lightning"}'],
      ['application/json; charset="UTF-8"', '{"kind":"lightning"}'],
      ['APPLICATION/JSON', '\uFEFF  {"kind":"lightning"}'],
    ] as const) {
      expect((await handler(post(body, { 'content-type': type }))).status, type).toBe(201);
    }
  });

  it('never reads a callback’s body', async () => {
    const handler = handlerWith();
    const stream = new ReadableStream({ pull: () => Promise.reject(new Error('read')) });
    const answer = await json(await handler(post(stream, { 'content-type': 'text/plain' }, '/api/pay/callback?ref=x&event=paid')));
    expect(answer).toMatchObject({ status: 401, body: { error: { code: 'callback_unauthorized' } } });
  });
});

describe('the client address', () => {
  it('keys the creation rate limit on clientAddress, which gets the request and the platform', async () => {
    const seen: unknown[] = [];
    const handler = handlerWith({
      rateLimit: { max: 2, windowMs: 60_000 },
      clientAddress: (request, platform) => {
        seen.push(platform);
        return request.headers.get('x-test-address');
      },
    });
    const from = async (address: string) =>
      (await handler(post(ORDER, { 'content-type': 'application/json', 'x-test-address': address }), { via: 'test' })).status;
    expect([await from('203.0.113.7'), await from('203.0.113.7'), await from('203.0.113.7')]).toEqual([201, 201, 429]);
    // Another IPv6 /64 is another client; the same /64 is one.
    expect([await from('2001:db8:1:2::1'), await from('2001:db8:1:2::2'), await from('2001:db8:1:2::3')]).toEqual([201, 201, 429]);
    expect(seen.every((platform) => (platform as { via?: string }).via === 'test')).toBe(true);
    expect(handler.errors).toEqual([]);
  });

  it('takes the connection’s address from Deno’s serve info and Bun’s server by default, never from a header', async () => {
    const handler = handlerWith({ rateLimit: { max: 1, windowMs: 60_000 }, clientAddress: undefined });
    const deno = (hostname: string) => ({ remoteAddr: { transport: 'tcp', hostname, port: 50_000 } });
    const bun = (address: string) => ({ requestIP: () => ({ address, family: 'IPv4', port: 50_000 }) });
    const spoofed = { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.1', 'x-real-ip': '198.51.100.2' };
    expect((await handler(post(ORDER, spoofed), deno('203.0.113.1'))).status).toBe(201);
    expect((await handler(post(ORDER, spoofed), deno('203.0.113.1'))).status).toBe(429);
    expect((await handler(post(ORDER, spoofed), bun('203.0.113.2'))).status).toBe(201);
    expect((await handler(post(ORDER, spoofed), bun('203.0.113.2'))).status).toBe(429);
    expect(handler.errors).toEqual([]);
  });

  it('without an address, counts every such buyer as one and reports it once', async () => {
    const handler = handlerWith({ rateLimit: { max: 2, windowMs: 60_000 }, clientAddress: () => undefined });
    const statuses = [];
    // A Next.js route handler is called with { params }: no address in it.
    for (let i = 0; i < 3; i += 1)
      statuses.push(
        (
          await handler(post(ORDER, { 'content-type': 'application/json', 'x-forwarded-for': `10.0.0.${i}` }), {
            params: Promise.resolve({}),
          })
        ).status,
      );
    expect(statuses).toEqual([201, 201, 429]);
    expect(handler.errors).toHaveLength(1);
    expect(String(handler.errors[0])).toMatch(/clientAddress/);
  });
});

/** Reads a streamed answer's text until `until` matches, then hands the reader back. */
async function readUntil(response: Response, until: RegExp): Promise<{ text: string; reader: ReadableStreamDefaultReader<Uint8Array> }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!until.test(text)) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`the stream ended before ${until}: ${text}`);
    text += decoder.decode(value, { stream: true });
  }
  return { text, reader };
}

describe('event streams as streamed Responses', () => {
  const eventsRequest = (order: CheckoutOrder, signal?: AbortSignal) =>
    new Request(`${ORIGIN}/api/pay/orders/${order.orderId}/events?token=${order.statusToken}`, signal === undefined ? {} : { signal });

  it('streams the status, then the payment, then ends, leaving no watcher or slot', async () => {
    const client = new FakeCheckoutClient();
    const handler = handlerWith({ client, pollIntervalMs: 20, minRefreshMs: 10 });
    const order = await createOrder(handler);
    const response = await handler(eventsRequest(order));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store, no-transform');
    expect(response.headers.has('connection')).toBe(false);
    const { reader } = await readUntil(response, /"status":"awaiting_payment"/);
    expect(handler.checkout.openStreams()).toEqual({ streams: 1, clients: 1 });
    expect(handler.checkout.activeWatchers()).toBe(1);
    client.setUpstream(order.orderId, 'SUCCESS', order.amount);
    let rest = '';
    for (let next = await reader.read(); !next.done; next = await reader.read()) rest += new TextDecoder().decode(next.value);
    expect(rest).toMatch(/event: status\ndata: \{[^\n]*"status":"paid"/);
    expect(handler.checkout.openStreams()).toEqual({ streams: 0, clients: 0 });
    expect(handler.checkout.activeWatchers()).toBe(0);
  });

  it('releases everything when the request’s signal aborts', async () => {
    const handler = handlerWith();
    const order = await createOrder(handler);
    const controller = new AbortController();
    const response = await handler(eventsRequest(order, controller.signal));
    await readUntil(response, /awaiting_payment/);
    expect(handler.checkout.openStreams().streams).toBe(1);
    controller.abort();
    expect(handler.checkout.openStreams()).toEqual({ streams: 0, clients: 0 });
    expect(handler.checkout.activeWatchers()).toBe(0);
  });

  it('releases everything when the runtime cancels the body', async () => {
    const handler = handlerWith();
    const order = await createOrder(handler);
    const response = await handler(eventsRequest(order));
    const { reader } = await readUntil(response, /awaiting_payment/);
    await reader.cancel();
    expect(handler.checkout.openStreams()).toEqual({ streams: 0, clients: 0 });
    expect(handler.checkout.activeWatchers()).toBe(0);
  });

  it('takes no slot for a client gone before the stream opened', async () => {
    const handler = handlerWith();
    const order = await createOrder(handler);
    const response = await handler(eventsRequest(order, AbortSignal.abort()));
    expect(response.status).toBe(499);
    expect(handler.checkout.openStreams()).toEqual({ streams: 0, clients: 0 });
    expect(handler.checkout.activeWatchers()).toBe(0);
  });

  it('answers errors before the stream as JSON, and a client past its cap 429 with Retry-After', async () => {
    const handler = handlerWith({ streams: { maxPerClient: 1 } });
    const order = await createOrder(handler);
    const noToken = await json(await handler(new Request(`${ORIGIN}/api/pay/orders/${order.orderId}/events`)));
    expect(noToken).toMatchObject({ status: 401, body: { error: { code: 'status_token_missing' } } });
    const first = await handler(eventsRequest(order));
    const { reader } = await readUntil(first, /awaiting_payment/);
    const second = await json(await handler(eventsRequest(order)));
    expect(second).toMatchObject({ status: 429, body: { error: { code: 'too_many_streams' } } });
    expect(second.headers.get('retry-after')).toBe('5');
    await reader.cancel();
    expect(handler.checkout.openStreams()).toEqual({ streams: 0, clients: 0 });
  });
});

describe('failures', () => {
  it('answers a priceFor that throws with a JSON 500, reported to onError, never a throw', async () => {
    const handler = handlerWith({
      priceFor: () => {
        throw new TypeError('cart service down');
      },
    });
    const answer = await json(await handler(post(ORDER)));
    expect(answer).toEqual({
      status: 500,
      headers: expect.anything(),
      body: { error: { code: 'internal_error', message: expect.any(String) } },
    });
    expect(handler.errors).toEqual([expect.objectContaining({ message: 'cart service down' })]);
  });

  it('answers a clientAddress that throws with a JSON 500 too', async () => {
    const handler = handlerWith({
      clientAddress: () => {
        throw new Error('no platform');
      },
    });
    expect((await handler(post(ORDER))).status).toBe(500);
  });
});
