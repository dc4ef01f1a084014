import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { currencyInfo, toExactBaseUnits } from '@aurpay-kit/core';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startShop, type Shop } from '../server/startShop.js';
import { axeViolations } from './axeInPage.js';
import { buildFrontEnd, launchBrowser, SCREENSHOTS, withPage } from './browserHarness.js';
import { injectWallet } from './localChain/injectWallet.js';
import { startLocalChain, type LocalChain } from './localChain/startLocalChain.js';

// Generous and bounded: a wallet payment here mines blocks on the local chain, signs in Chromium
// and waits for the shop, all on a machine that may be running other suites at the same time.
// Each wait ends as soon as its condition holds.
const WAIT = { timeout: 30_000 };
const FLOW = { timeout: 180_000 };
// The order's token contract is the kit's USDT; the test token's code is placed there.
const USDT = currencyInfo('USDT-ERC20', 'ETH').contract as `0x${string}`;

let browser: Browser;
let shop: Shop;
let chain: LocalChain;
let frontEnd: Awaited<ReturnType<typeof buildFrontEnd>>;

beforeAll(async () => {
  [frontEnd, browser, chain] = await Promise.all([buildFrontEnd(), launchBrowser(), startLocalChain()]);
  shop = await startShop({ port: 0, clientDir: frontEnd.dir, sandbox: { callbackRetryDelayMs: 100 } });
  await chain.deployToken(USDT);
  await chain.mint(USDT, chain.accounts[1]!, 1_000_000_000n);
});

afterAll(async () => {
  await Promise.all([browser?.close(), shop?.close()]);
  await frontEnd?.remove();
});

interface SandboxOrder {
  order_id: string;
  status: string;
  address: string;
  amount: string;
  chain: string;
  currency: string;
  lightning: { payment_request: string; payment_hash: string; preimage: string } | null;
}

/** The sandbox's control API: what it knows of an order, or an action on it. */
async function sandbox(orderId: string, action?: 'detect' | 'pay', body: object = {}): Promise<SandboxOrder> {
  const response = await fetch(`${shop.sandboxUrl}/_sandbox/orders/${orderId}${action ? `/${action}` : ''}`, {
    method: action ? 'POST' : 'GET',
    headers: { 'Content-Type': 'application/json' },
    body: action ? JSON.stringify(body) : undefined,
  });
  const answer = (await response.json()) as { result: boolean; message: string; data: SandboxOrder };
  if (!answer.result) throw new Error(`sandbox ${action ?? 'read'}: ${answer.message}`);
  return answer.data;
}

async function openCheckout(page: Page, kind: 'crypto' | 'lightning', currency?: RegExp): Promise<{ dialog: Locator; orderId: string }> {
  await page.goto(`${shop.url}/products/lightning-mug`);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.getByRole('link', { name: 'Go to cart' }).click();
  const label = kind === 'crypto' ? 'Pay with crypto' : 'Pay with Lightning';
  await page.getByRole('button', { name: label }).click();
  const dialog = page.getByRole('dialog', { name: label });
  if (currency) await dialog.getByRole('button', { name: currency }).click();
  await dialog.locator('.aurpay-checkout[data-state="awaiting_payment"]').waitFor(WAIT);
  await expect.poll(() => dialog.locator('[data-order-id]').getAttribute('data-order-id'), WAIT).toMatch(/^\d{20}$/);
  const orderId = (await dialog.locator('[data-order-id]').getAttribute('data-order-id'))!;
  return { dialog, orderId };
}

/** Clicks the wallet button twice in one task: the second click comes before any re-render could disable it. */
const doubleClick = (button: Locator) => button.evaluate((element: HTMLElement) => (element.click(), element.click()));

/** The sandbox is told of the payment (the hash the wallet sent), and the shop fulfils the order. */
async function settleAndExpectReceipt(page: Page, dialog: Locator, orderId: string, hash: string): Promise<void> {
  await sandbox(orderId, 'detect', { tx_hash: hash });
  const paid = await sandbox(orderId, 'pay');
  expect(paid.status).toBe('SUCCESS');
  await dialog.locator('.aurpay-checkout[data-state="paid"]').waitFor(WAIT);
  await expectFulfilled(page);
}

/** From the checkout's paid view, "View your order" leads to the shop's receipt, which shows the fulfilment. */
async function expectFulfilled(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'View your order' }).click();
  await page.waitForURL(/\/receipt\//, WAIT);
  await page.locator('.receipt[data-state="fulfilled"]').waitFor(WAIT);
}

describe('paying from a browser wallet, on a local EVM chain', FLOW, () => {
  test('ETH: the wallet switches to chain 1 and sends exactly the amount, once; the sandbox settles; the shop fulfils', async () => {
    await withPage(browser, 'wallet-1-eth', async (page) => {
      const buyer = chain.accounts[1]!;
      const wallet = await injectWallet(page, chain.provider, buyer);
      const { dialog, orderId } = await openCheckout(page, 'crypto', /^ETH/);
      const order = await sandbox(orderId);
      const wei = toExactBaseUnits(order.amount, 18);
      const nonce = await chain.transactionCount(buyer);
      expect(await chain.balance(order.address as `0x${string}`)).toBe(0n);
      await dialog.screenshot({ path: join(SCREENSHOTS, 'wallet-0-button.png') });
      expect(await axeViolations(dialog.locator('.aurpay-checkout'))).toEqual([]);

      await doubleClick(dialog.getByRole('button', { name: 'Pay with Local Wallet' }));
      await dialog.locator('.aurpay-checkout[data-state="detected"]').waitFor(WAIT);
      const link = dialog.locator('a[href*="/tx/0x"]').first();
      const hash = /0x[0-9a-f]{64}/.exec((await link.getAttribute('href')) ?? '')?.[0];
      expect(hash).toBeDefined();

      // On chain: exactly the amount reached the order's address, on chain id 1, in one transaction.
      expect(await chain.balance(order.address as `0x${string}`)).toBe(wei);
      const sent = (await chain.provider.request({ method: 'eth_getTransactionByHash', params: [hash] })) as {
        chainId: string;
        to: string;
        value: string;
        from: string;
      };
      expect(sent).toMatchObject({
        chainId: '0x1',
        to: order.address.toLowerCase(),
        value: `0x${wei.toString(16)}`,
        from: buyer.toLowerCase(),
      });
      expect(await chain.transactionCount(buyer)).toBe(nonce + 1);
      expect(wallet.sendRequests).toHaveLength(1);
      expect(wallet.sendRequests[0]!.chainId).toBe('0x1');
      expect(wallet.methods).toContain('wallet_switchEthereumChain');
      expect(wallet.chainId()).toBe('0x1');

      await settleAndExpectReceipt(page, dialog, orderId, hash!);
      await expect(page.locator('.facts').textContent()).resolves.toContain(`${order.amount} ETH`);
    });
  });

  test("USDT-ERC20: the token's transfer of exactly the amount, once; the sandbox settles; the shop fulfils", async () => {
    await withPage(browser, 'wallet-2-usdt', async (page) => {
      const buyer = chain.accounts[1]!;
      const wallet = await injectWallet(page, chain.provider, buyer);
      const { dialog, orderId } = await openCheckout(page, 'crypto', /^USDT.*ERC-20/);
      const order = await sandbox(orderId);
      const units = toExactBaseUnits(order.amount, 6);
      const before = await chain.balanceOf(USDT, buyer);
      const nonce = await chain.transactionCount(buyer);

      await doubleClick(dialog.getByRole('button', { name: 'Pay with Local Wallet' }));
      await dialog.locator('.aurpay-checkout[data-state="detected"]').waitFor(WAIT);
      const hash = /0x[0-9a-f]{64}/.exec((await dialog.locator('a[href*="/tx/0x"]').first().getAttribute('href')) ?? '')?.[0];

      expect(await chain.balanceOf(USDT, order.address as `0x${string}`)).toBe(units);
      expect(await chain.balanceOf(USDT, buyer)).toBe(before - units);
      const sent = (await chain.provider.request({ method: 'eth_getTransactionByHash', params: [hash] })) as {
        chainId: string;
        to: string;
        value: string;
      };
      expect(sent).toMatchObject({ chainId: '0x1', to: USDT.toLowerCase(), value: '0x0' });
      expect(await chain.transactionCount(buyer)).toBe(nonce + 1);
      expect(wallet.sendRequests).toHaveLength(1);

      await settleAndExpectReceipt(page, dialog, orderId, hash!);
      await expect(page.locator('.facts').textContent()).resolves.toContain(`${order.amount} USDT`);
    });
  });

  test('a buyer without a wallet sees no wallet button: QR and address as ever', async () => {
    await withPage(browser, 'wallet-3-none', async (page) => {
      const { dialog } = await openCheckout(page, 'crypto', /^ETH/);
      await expect(dialog.locator('svg.aurpay-qr').count()).resolves.toBe(1);
      await expect(dialog.locator('.aurpay-wallets').count()).resolves.toBe(0);
    });
  });
});

describe('paying a Lightning invoice from a WebLN wallet', FLOW, () => {
  /** A WebLN wallet whose payments the sandbox settles, answering with the preimage it holds (or a forged one). */
  async function injectWebln(page: Page, forge: boolean): Promise<{ invoices: string[] }> {
    const invoices: string[] = [];
    let orderId = '';
    await page.exposeFunction('__payInvoice', async (invoice: string) => {
      invoices.push(invoice);
      if (forge) return JSON.stringify({ preimage: '11'.repeat(32) });
      const order = await sandbox(orderId);
      if (order.lightning?.payment_request !== invoice) throw new Error('not the order on screen');
      const paid = await sandbox(orderId, 'pay');
      return JSON.stringify({ preimage: paid.lightning!.preimage });
    });
    await page.exposeFunction('__orderOnScreen', (id: string) => void (orderId = id));
    await page.addInitScript(() => {
      const pay = (window as unknown as { __payInvoice: (invoice: string) => Promise<string> }).__payInvoice;
      Object.assign(window, {
        webln: { enable: async () => undefined, sendPayment: async (invoice: string) => JSON.parse(await pay(invoice)) as unknown },
      });
    });
    return { invoices };
  }

  test("the wallet pays a sandbox invoice; its preimage hashes to the invoice's payment hash; the shop fulfils", async () => {
    await withPage(browser, 'wallet-4-webln', async (page) => {
      const wallet = await injectWebln(page, false);
      const { dialog, orderId } = await openCheckout(page, 'lightning');
      await page.evaluate((id) => (window as unknown as { __orderOnScreen: (id: string) => Promise<void> }).__orderOnScreen(id), orderId);
      await doubleClick(dialog.getByRole('button', { name: 'Pay with browser wallet' }));
      await dialog.locator('.aurpay-checkout[data-state="paid"]').waitFor(WAIT);
      expect(wallet.invoices).toHaveLength(1);
      const { lightning } = await sandbox(orderId);
      expect(wallet.invoices[0]).toBe(lightning!.payment_request);
      expect(createHash('sha256').update(Buffer.from(lightning!.preimage, 'hex')).digest('hex')).toBe(lightning!.payment_hash);
      await expectFulfilled(page);
    });
  });

  test('a wallet whose preimage does not fit the invoice is told so, and nothing shows as sent', async () => {
    await withPage(browser, 'wallet-5-webln-forged', async (page) => {
      await injectWebln(page, true);
      const { dialog, orderId } = await openCheckout(page, 'lightning');
      await dialog.getByRole('button', { name: 'Pay with browser wallet' }).click();
      await dialog.getByRole('alert').waitFor(WAIT);
      await dialog.screenshot({ path: join(SCREENSHOTS, 'wallet-5-forged-preimage.png') });
      expect(await axeViolations(dialog.locator('.aurpay-checkout'))).toEqual([]);
      await expect(dialog.getByRole('alert').textContent()).resolves.toMatch(/proof of payment does not match this invoice/);
      await expect(dialog.locator('.aurpay-checkout').getAttribute('data-state')).resolves.toBe('awaiting_payment');
      await expect(sandbox(orderId).then((order) => order.status)).resolves.toBe('PENDING');
    });
  });
});
