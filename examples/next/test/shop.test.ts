import { mkdir } from 'node:fs/promises';
import { compareAmounts } from '@aurpay-kit/core';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../lib/catalogue';
import { APP_ROOT, startNextServer, type NextServer } from './nextServer';

const SCREENSHOTS = join(APP_ROOT, 'test-results', 'screenshots');
const WAIT = { timeout: 20_000 };

let server: NextServer;
let browser: Browser;
beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  server = await startNextServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A fresh page for one test; errors the page throws fail it, and its last state is saved as `<name>.png`. */
async function withPage(name: string, run: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // Only loopback: the shop, its route handler and nothing else.
  await page.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => route.abort());
  try {
    await run(page);
    expect(errors).toEqual([]);
  } finally {
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true }).catch(() => undefined);
    await context.close();
  }
}

/** The sandbox's control API: what a wallet paying the order would bring about. */
async function sandbox(path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.sandboxUrl}/_sandbox${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const envelope = (await res.json()) as { code: number; message: string; data: Record<string, unknown> };
  if (envelope.code !== 0) throw new Error(`sandbox ${path}: ${envelope.message}`);
  return envelope.data;
}

function card(page: Page, productName: string): Locator {
  return page.getByRole('article', { name: productName });
}

/** The gateway was asked for the catalogue's price, in the shop's currency. */
async function expectCataloguePrice(orderId: string, price: string): Promise<void> {
  const upstream = (await sandbox(`/orders/${orderId}`)) as { vs_price: string; vs_currency: string };
  expect(compareAmounts(upstream.vs_price, price)).toBe(0);
  expect(upstream.vs_currency).toBe('USD');
}

/** Opens one product's checkout dialog from its card. */
async function openCheckout(page: Page, productName: string, method: 'crypto' | 'Lightning'): Promise<Locator> {
  await card(page, productName)
    .getByRole('button', { name: `Pay with ${method}` })
    .click();
  const dialog = page.getByRole('dialog', { name: `Pay for the ${productName} with ${method}` });
  await dialog.waitFor(WAIT);
  return dialog;
}

/** Waits for the dialog's order to await payment; its id. */
async function awaitingOrderId(dialog: Locator): Promise<string> {
  await dialog.locator('.aurpay-checkout[data-state="awaiting_payment"]').waitFor(WAIT);
  const orderId = await dialog.locator('[data-order-id]').first().getAttribute('data-order-id');
  expect(orderId).toMatch(/^\d{20}$/);
  return orderId!;
}

describe('the Next.js shop under next start', () => {
  it('renders the catalogue on the server: the HTML has every product and price before any script runs', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    for (const product of CATALOGUE) {
      expect(html).toContain(product.name);
      expect(html).toContain(`$${product.price}`);
    }
  });

  it('Lightning: the buyer opens the checkout, the sandbox panel pays the invoice, the page says paid', async () => {
    const product = CATALOGUE[1]!;
    await withPage('next-lightning-paid', async (page) => {
      await page.goto(server.url);
      const dialog = await openCheckout(page, product.name, 'Lightning');
      const orderId = await awaitingOrderId(dialog);
      const invoice = (await dialog.locator('.aurpay-address code').textContent()) ?? '';
      expect(invoice).toMatch(/^lntb/);
      // The price is the catalogue's, converted by the gateway.
      await expectCataloguePrice(orderId, product.price);
      await page.screenshot({ path: join(SCREENSHOTS, 'next-lightning-awaiting.png') });
      // The development-only panel stands in for the wallet, through the shop's sandbox route.
      await dialog.getByRole('region', { name: 'Sandbox controls' }).getByRole('button', { name: 'Pay in full' }).click();
      await dialog.locator('.aurpay-checkout[data-state="paid"]').waitFor(WAIT);
      await expect(dialog.getByRole('heading', { name: 'Payment received' }).isVisible()).resolves.toBe(true);
      await expect(dialog.getByRole('region', { name: 'Sandbox controls' }).count()).resolves.toBe(0);
      await page.screenshot({ path: join(SCREENSHOTS, 'next-lightning-dialog-paid.png') });
      // The dialog closes itself, and the product's card keeps the receipt.
      await dialog.waitFor({ state: 'detached', ...WAIT });
      const receipt = card(page, product.name).getByRole('status');
      await expect(receipt.textContent()).resolves.toBe(`Paid: order ${orderId}. Thank you, it ships today.`);
      await expect(receipt.getAttribute('data-state')).resolves.toBe('paid');
    });
  });

  it('crypto: the buyer picks USDT on Ethereum from the currencies the route offers, and is told when it is paid', async () => {
    const product = CATALOGUE[0]!;
    await withPage('next-crypto-paid', async (page) => {
      await page.goto(server.url);
      const dialog = await openCheckout(page, product.name, 'crypto');
      await dialog.getByRole('button', { name: /^USDT.*ERC-20/ }).click();
      const orderId = await awaitingOrderId(dialog);
      expect(await dialog.locator('.aurpay-address code').textContent()).toMatch(/^0x[0-9a-fA-F]{40}$/);
      await expectCataloguePrice(orderId, product.price);
      await sandbox(`/orders/${orderId}/pay`, {});
      await dialog.locator('.aurpay-checkout[data-state="paid"]').waitFor(WAIT);
      await page.screenshot({ path: join(SCREENSHOTS, 'next-crypto-dialog-paid.png') });
      await expect(card(page, product.name).getByRole('status').textContent()).resolves.toContain(`Paid: order ${orderId}`);
    });
  });
});

describe('the route handler under next start', () => {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/pay/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('prices from the catalogue whatever the browser sends, and refuses a product it does not sell', async () => {
    const forged = await post({ kind: 'lightning', productId: 'channel-opener', price: '0.01', amount: '1', fiatAmount: '0.01' });
    expect(forged.status).toBe(201);
    expect(await forged.json()).toMatchObject({ fiatAmount: '9.75', fiatCurrency: 'USD' });
    const unknown = await post({ kind: 'lightning', productId: 'free-lunch' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: { code: 'product_not_found', message: 'This product is not for sale here.' } });
  });

  it('answers bad requests with the checkout’s JSON errors, never a 500', async () => {
    const cases: [RequestInit & { path?: string }, number, string][] = [
      [{ method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"kind":"lightning"}' }, 415, 'body_unsupported'],
      [{ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"kind":' }, 400, 'body_malformed'],
      [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ kind: 'lightning', note: 'x'.repeat(20_000) }),
        },
        413,
        'body_too_large',
      ],
      [{ method: 'GET', path: '/orders/12345678901234567890' }, 401, 'status_token_missing'],
      [{ method: 'GET', path: '/no/such/route' }, 404, 'route_not_found'],
      [{ method: 'POST', path: '/currencies' }, 405, 'method_not_allowed'],
      [{ method: 'GET', path: '/callback?ref=x&event=paid' }, 401, 'callback_unauthorized'],
    ];
    for (const [{ path = '/orders', ...init }, status, code] of cases) {
      const res = await fetch(`${server.url}/api/pay${path}`, init);
      expect(res.status, `${init.method} ${path}`).toBe(status);
      expect(await res.json()).toEqual({ error: { code, message: expect.any(String) } });
    }
  });

  it('streams an order’s status until it is paid', async () => {
    const order = (await (await post({ kind: 'crypto', chain: 'BTC', currency: 'BTC', productId: 'genesis-print' })).json()) as {
      orderId: string;
      statusToken: string;
    };
    const res = await fetch(`${server.url}/api/pay/orders/${order.orderId}/events?token=${order.statusToken}`);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('"awaiting_payment"')) text += decoder.decode((await reader.read()).value, { stream: true });
    await sandbox(`/orders/${order.orderId}/pay`, {});
    for (let next = await reader.read(); !next.done; next = await reader.read()) text += decoder.decode(next.value, { stream: true });
    expect(text).toMatch(/event: status\ndata: \{[^\n]*"status":"paid"/);
  });

  it('gives a dropped stream’s slot back: past the cap of 10 per client, one after another', async () => {
    const order = (await (await post({ kind: 'lightning', productId: 'hash-rate-socks' })).json()) as {
      orderId: string;
      statusToken: string;
    };
    const eventsUrl = `${server.url}/api/pay/orders/${order.orderId}/events?token=${order.statusToken}`;
    const statuses: number[] = [];
    for (let stream = 0; stream < 15; stream += 1) {
      const dropped = new AbortController();
      // A slot given back a moment after the drop is found by a retry; one never given back is not.
      let res = await fetch(eventsUrl, { signal: dropped.signal });
      for (let retry = 0; res.status === 429 && retry < 100; retry += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        res = await fetch(eventsUrl, { signal: dropped.signal });
      }
      statuses.push(res.status);
      if (res.status === 200) await res.body!.getReader().read();
      dropped.abort();
    }
    expect(statuses).toEqual(Array(15).fill(200));
  });
});
