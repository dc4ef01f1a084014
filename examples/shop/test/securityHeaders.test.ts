import { startSandbox, type Sandbox } from '@aurpay-kit/sandbox';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StartShopOptions } from '../server/startShop.js';
import { startPlaceholderShop, type PlaceholderShop } from './placeholderShop.js';

let sandboxShop: PlaceholderShop;
let gateway: Sandbox;
const others: PlaceholderShop[] = [];

beforeAll(async () => {
  sandboxShop = await startPlaceholderShop();
  gateway = await startSandbox({ port: 0, quiet: true });
});

afterAll(async () => {
  await Promise.all([sandboxShop?.close(), ...others.map((shop) => shop.close())]);
  await gateway?.close();
});

/** A gateway-mode shop (the sandbox standing in for Aurpay) whose public origin is `publicUrl`. */
async function gatewayShop(publicUrl: string): Promise<PlaceholderShop> {
  const { apiToken, secretKey, callbackToken, callbackSecret } = gateway.options;
  const options: StartShopOptions = {
    storage: { kind: 'memory' },
    gateway: { baseUrl: gateway.url, apiToken, secretKey, callbackToken, callbackSecret, publicUrl },
  };
  const shop = await startPlaceholderShop(options);
  others.push(shop);
  return shop;
}

describe('security headers', () => {
  test.each([
    ['the page', '/', 200],
    ['a receipt page', '/receipt/00000000-0000-4000-8000-000000000000', 200],
    ['the shop API', '/api/config', 200],
    ['the checkout API', '/api/pay/currencies', 200],
    ['an unknown API route', '/api/nothing', 404],
    ['a bad path', '/api/carts/%E0%A4%A', 400],
  ])('%s: CSP, no framing, nosniff, a same-origin referrer, no X-Powered-By, no HSTS over http', async (_name, path, status) => {
    const res = await fetch(`${sandboxShop.base}${path}`);
    expect(res.status).toBe(status);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp.split(';')).toEqual(
      expect.arrayContaining([
        "default-src 'self'",
        "script-src 'self'",
        "script-src-attr 'none'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ]),
    );
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  test('HSTS, and upgraded requests, only when the shop’s public origin is https', async () => {
    const https = await gatewayShop('https://shop.example');
    const served = await fetch(`${https.base}/`);
    expect(served.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(served.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    expect(served.headers.get('x-powered-by')).toBeNull();

    const plain = await gatewayShop(`http://127.0.0.1:${sandboxShop.port}`);
    expect((await fetch(`${plain.base}/`)).headers.get('strict-transport-security')).toBeNull();
  });
});
