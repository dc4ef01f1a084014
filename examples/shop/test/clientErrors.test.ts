import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StoreUnavailableError } from '@aurpay-kit/server';
import express from 'express';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { jsonBody } from '../server/jsonBody.js';
import { jsonErrors } from '../server/jsonErrors.js';
import { startPlaceholderShop, type PlaceholderShop } from './placeholderShop.js';

let s: PlaceholderShop;
const logged = { error: vi.spyOn(console, 'error'), warn: vi.spyOn(console, 'warn') };

beforeAll(async () => {
  s = await startPlaceholderShop();
  logged.error.mockImplementation(() => undefined);
  logged.warn.mockImplementation(() => undefined);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await s?.close();
});

const json = { 'content-type': 'application/json' };
const cart = JSON.stringify({ items: [{ productId: 'lightning-mug', quantity: 1 }] });

describe('every client error is a 4xx with the usual JSON error, and logs nothing', () => {
  test.each([
    ['malformed JSON', 'POST', '/api/carts', json, '{"items":[{"productId":', 400, 'body_malformed'],
    ['a body over 16 kB', 'POST', '/api/carts', json, JSON.stringify({ items: 'x'.repeat(20_000) }), 413, 'body_too_large'],
    ['text/plain', 'POST', '/api/carts', { 'content-type': 'text/plain' }, cart, 415, 'content_type_unsupported'],
    ['no content type', 'POST', '/api/carts', {}, undefined, 415, 'content_type_unsupported'],
    [
      'a charset other than UTF-8',
      'POST',
      '/api/carts',
      { 'content-type': 'application/json; charset=latin1' },
      cart,
      415,
      'charset_unsupported',
    ],
    ['an unknown Content-Encoding', 'POST', '/api/carts', { ...json, 'content-encoding': 'x-unknown' }, cart, 415, 'encoding_unsupported'],
    ['gzip that is not gzip', 'POST', '/api/carts', { ...json, 'content-encoding': 'gzip' }, cart, 400, 'request_invalid'],
    ['a cart the shop cannot price', 'POST', '/api/carts', json, '{"items":[{"productId":"unicorn","quantity":1}]}', 400, 'cart_invalid'],
    ['bad percent-encoding in an API path', 'GET', '/api/carts/%E0%A4%A', {}, undefined, 400, 'path_malformed'],
    ['bad percent-encoding in a page path', 'GET', '/receipt/%zz', {}, undefined, 400, 'path_malformed'],
    ['an unknown API route', 'GET', '/api/nothing/here', {}, undefined, 404, 'route_not_found'],
    ['an unknown cart', 'GET', '/api/carts/00000000-0000-4000-8000-000000000000', {}, undefined, 404, 'cart_not_found'],
    ['a wrong method on an API route', 'PUT', '/api/carts', json, cart, 405, 'method_not_allowed'],
    ['a wrong method on a page', 'POST', '/receipt/1', json, '{}', 405, 'method_not_allowed'],
  ])('%s: %s %s answers %i %s', async (_name, method, path, headers, body, status, code) => {
    const res = await fetch(`${s.base}${path}`, { method, headers, body });
    expect(res.status).toBe(status);
    await expect(res.json()).resolves.toEqual({ error: { code, message: expect.any(String) } });
  });

  test('405s name the methods the route takes', async () => {
    await expect(fetch(`${s.base}/api/carts`, { method: 'DELETE' }).then((r) => r.headers.get('allow'))).resolves.toBe('POST, OPTIONS');
    await expect(fetch(`${s.base}/api/config`, { method: 'POST' }).then((r) => r.headers.get('allow'))).resolves.toBe('GET, HEAD, OPTIONS');
    await expect(fetch(`${s.base}/`, { method: 'PATCH' }).then((r) => r.headers.get('allow'))).resolves.toBe('GET, HEAD, OPTIONS');
    await expect(fetch(`${s.base}/api/carts`, { method: 'OPTIONS' }).then((r) => r.status)).resolves.toBe(204);
  });

  test('none of them was logged', () => {
    expect(logged.error).not.toHaveBeenCalled();
    expect(logged.warn).not.toHaveBeenCalled();
  });
});

describe('jsonErrors on a fault', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const app = express();
    app.post('/api/carts/:cartId', ...jsonBody('16kb'), () => {
      throw new TypeError(`cannot price ${JSON.stringify('card 4111 1111 1111 1111')}`);
    });
    app.get('/api/store', () => {
      throw new StoreUnavailableError('Redis could not read the cart: ECONNREFUSED');
    });
    app.use(jsonErrors);
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server?.close(() => resolve())));

  test('a 500 is logged as one short line with the route and the error’s class: no body, message, id or stack', async () => {
    logged.error.mockClear();
    const res = await fetch(`${base}/api/carts/2f6b1c9e-secret-id`, {
      method: 'POST',
      headers: json,
      body: '{"card":"4111 1111 1111 1111"}',
    });
    expect(res.status).toBe(500);
    await expect(res.json()).resolves.toEqual({ error: { code: 'internal_error', message: 'Something went wrong in the shop.' } });
    expect(logged.error.mock.calls).toEqual([['Shop: 500 internal_error on POST /api/carts (TypeError)']]);
  });

  test('an unreachable store stays a 503 with Retry-After, logged where the connection is watched rather than per request', async () => {
    logged.error.mockClear();
    const res = await fetch(`${base}/api/store`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    await expect(res.json()).resolves.toMatchObject({ error: { code: 'store_unavailable' } });
    expect(logged.error).not.toHaveBeenCalled();
  });
});
