import { request } from 'node:http';
import type { CheckoutOrder } from '@aurpay-kit/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startPlaceholderShop, type PlaceholderShop } from './placeholderShop.js';

let s: PlaceholderShop;

beforeAll(async () => {
  s = await startPlaceholderShop({ sandbox: { callbackRetryDelayMs: 100 } });
});

afterAll(() => s?.close());

async function openOrder(): Promise<CheckoutOrder> {
  const post = (path: string, body: unknown) =>
    fetch(`${s.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const cart = (await (await post('/api/carts', { items: [{ productId: 'lightning-mug', quantity: 1 }] })).json()) as { id: string };
  return (await (
    await post('/api/pay/orders', { kind: 'crypto', chain: 'BTC', currency: 'BTC', cartId: cart.id })
  ).json()) as CheckoutOrder;
}

/** What the sandbox itself says was paid: the truth, whatever the shop has heard yet. */
async function paidAtSandbox(order: CheckoutOrder): Promise<string> {
  const detail = (await (await fetch(`${s.shop.sandboxUrl}/_sandbox/orders/${order.orderId}`)).json()) as { data: { paid: string } };
  return detail.data.paid;
}

/** A POST with any Host, as a proxy (Storybook's dev server) forwards it; resolves to the status. */
function post(path: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: s.port, path, method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the sandbox panel’s routes answer the shop’s own page only', () => {
  test('a cross-site text/plain POST (a form on another site) is refused and pays nothing', async () => {
    const order = await openOrder();
    const pay = `/api/sandbox/orders/${order.orderId}/pay`;
    const host = `127.0.0.1:${s.port}`;
    // What a page on another site can send with no preflight: text/plain, a form encoding, or no content type.
    const attacks: Record<string, string>[] = [
      { Host: host, 'Content-Type': 'text/plain', Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
      { Host: host, 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
      { Host: host, 'Content-Type': 'text/plain', Origin: 'null', 'Sec-Fetch-Site': 'cross-site' },
      // An older browser without Sec-Fetch-Site still names the other site in Origin.
      { Host: host, 'Content-Type': 'text/plain', Origin: 'https://evil.example' },
      // A sibling site, or another local port, is not the page's origin either.
      { Host: host, 'Content-Type': 'application/json', Origin: 'http://localhost:6007', 'Sec-Fetch-Site': 'same-site' },
    ];
    for (const headers of attacks) await expect(post(pay, headers, '{"amount":"1"}'), JSON.stringify(headers)).resolves.toBe(403);
    // Without any browser header it is no cross-site request, but still not JSON.
    await expect(post(pay, { Host: host, 'Content-Type': 'text/plain' }, '{}')).resolves.toBe(415);
    await expect(paidAtSandbox(order)).resolves.toBe('0');

    // The page itself: same origin, JSON. It pays.
    await expect(
      post(pay, { Host: host, 'Content-Type': 'application/json', Origin: `http://${host}`, 'Sec-Fetch-Site': 'same-origin' }, '{}'),
    ).resolves.toBe(200);
    await expect(paidAtSandbox(order)).resolves.toBe(order.amount);
  });

  test('Storybook’s live story, through its dev server’s proxy, still drives the sandbox', async () => {
    const json = { 'Content-Type': 'application/json', Origin: 'http://localhost:6006', 'Sec-Fetch-Site': 'same-origin' };
    // Vite's proxy keeps the browser's Host (localhost:6006), so the story's origin is the request's own.
    const proxied = await openOrder();
    await expect(post(`/api/sandbox/orders/${proxied.orderId}/pay`, { ...json, Host: 'localhost:6006' }, '{}')).resolves.toBe(200);
    await expect(paidAtSandbox(proxied)).resolves.toBe(proxied.amount);
    // With `changeOrigin` the Host would be the shop's; Storybook's dev origin is trusted by name then.
    const rewritten = await openOrder();
    await expect(post(`/api/sandbox/orders/${rewritten.orderId}/pay`, { ...json, Host: `127.0.0.1:${s.port}` }, '{}')).resolves.toBe(200);
    await expect(paidAtSandbox(rewritten)).resolves.toBe(rewritten.amount);
  });

  test('detect passes its confirmations on, and a refusal of the sandbox is an error', async () => {
    const order = await openOrder();
    const headers = {
      Host: `127.0.0.1:${s.port}`,
      'Content-Type': 'application/json',
      Origin: `http://127.0.0.1:${s.port}`,
      'Sec-Fetch-Site': 'same-origin',
    };
    const detected = async () =>
      (
        (await (await fetch(`${s.shop.sandboxUrl}/_sandbox/orders/${order.orderId}`)).json()) as {
          data: { detected: { confirmations: number } | null; paid: string };
        }
      ).data;
    await expect(post(`/api/sandbox/orders/${order.orderId}/detect`, headers, '{"amount":"1"}')).resolves.toBe(200);
    await expect(detected()).resolves.toMatchObject({ detected: { confirmations: 0 }, paid: '0' });
    await expect(post(`/api/sandbox/orders/${order.orderId}/detect`, headers, '{"confirmations":2}')).resolves.toBe(200);
    await expect(detected()).resolves.toMatchObject({ detected: { confirmations: 2 }, paid: '0' });
    // The sandbox's refusal (Aurpay's `result: false`, with HTTP 200) is an error for the page, not a 502.
    await expect(post(`/api/sandbox/orders/${order.orderId}/detect`, headers, '{"confirmations":-1}')).resolves.toBe(409);
    await expect(detected()).resolves.toMatchObject({ detected: { confirmations: 2 } });
  });

  test('other methods are 405 with Allow, and unknown actions 404', async () => {
    const res = await fetch(`${s.base}/api/sandbox/orders/1/pay`, { method: 'PUT' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
    const unknown = await post('/api/sandbox/orders/1/refund', { Host: `127.0.0.1:${s.port}`, 'Content-Type': 'application/json' }, '{}');
    expect(unknown).toBe(404);
  });
});
