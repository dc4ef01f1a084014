import { once } from 'node:events';
import { get, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { STATUS_TOKEN_HEADER, type CheckoutOrder } from '@aurpay-kit/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startPlaceholderShop, type PlaceholderShop } from './placeholderShop.js';

let s: PlaceholderShop;
const REQUEST_MS = 1000;

beforeAll(async () => {
  s = await startPlaceholderShop({
    timeouts: { headersMs: 500, requestMs: REQUEST_MS, keepAliveMs: 500, checkEveryMs: 50 },
    sandbox: { callbackRetryDelayMs: 100 },
  });
});

afterAll(() => s?.close());

/** Sends `text` and never the rest; resolves to what the server answered before it closed the connection. */
async function stall(text: string): Promise<string> {
  const socket = connect(s.port, '127.0.0.1');
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  socket.write(text);
  await once(socket, 'close');
  return answer;
}

async function openOrder(): Promise<CheckoutOrder> {
  const post = (path: string, body: unknown) =>
    fetch(`${s.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const cart = (await (await post('/api/carts', { items: [{ productId: 'lightning-mug', quantity: 1 }] })).json()) as { id: string };
  return (await (
    await post('/api/pay/orders', { kind: 'crypto', chain: 'BTC', currency: 'BTC', cartId: cart.id })
  ).json()) as CheckoutOrder;
}

describe('the shop’s server timeouts', () => {
  test('a client that never finishes its headers, or its body, is answered 408 and let go', async () => {
    await expect(stall(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nX-Slow: `)).resolves.toMatch(/^HTTP\/1\.1 408 /);
    const head = `POST /api/carts HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"items":`;
    await expect(stall(head)).resolves.toMatch(/^HTTP\/1\.1 408 /);
  });

  test('an order’s event stream stays open past the request timeout, and still carries the payment', async () => {
    const order = await openOrder();
    const stream = get(`${s.base}/api/pay/orders/${order.orderId}/events`, {
      headers: { [STATUS_TOKEN_HEADER]: order.statusToken, accept: 'text/event-stream' },
    });
    const [res] = (await once(stream, 'response')) as [IncomingMessage];
    expect(res.statusCode).toBe(200);
    let received = '';
    let closed = false;
    res.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
    res.on('close', () => (closed = true));
    const sawPaid = new Promise<void>((resolve) => {
      const check = () => (received.includes('"status":"paid"') || closed) && resolve();
      res.on('data', check).on('close', check);
    });

    // A request opened after the stream, and cut at the request timeout: the stream is older than that by then.
    const startedSlow = Date.now();
    await stall(`POST /api/carts HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{`);
    expect(Date.now() - startedSlow).toBeGreaterThanOrEqual(REQUEST_MS - 50);
    expect(closed).toBe(false);

    const paid = await fetch(`${s.base}/api/sandbox/orders/${order.orderId}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(paid.status).toBe(200);
    await sawPaid;
    expect(received).toContain('"status":"paid"');
    stream.destroy();
  });
});
