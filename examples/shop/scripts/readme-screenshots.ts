// Regenerates docs/screenshots/*.png: the main checkout states in the example shop (against the
// sandbox), and one story in the dark theme when storybook-static/ exists (`pnpm build-storybook`).
// Run: pnpm --filter @aurpay-kit/example-shop screenshots
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { Locator, Page } from 'playwright-core';
import { startShop } from '../server/startShop.js';
import { buildFrontEnd, launchBrowser } from '../test/browserHarness.js';

const out = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const storybook = fileURLToPath(new URL('../../../storybook-static/', import.meta.url));

const frontEnd = await buildFrontEnd();
const shop = await startShop({ port: 0, clientDir: frontEnd.dir });
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 480, height: 1000 }, deviceScaleFactor: 1 });

async function checkout(kind: 'crypto' | 'lightning', currency?: RegExp): Promise<Locator> {
  await page.goto(`${shop.url}/products/lightning-mug`);
  await page.evaluate(() => localStorage.setItem('shop-basket', JSON.stringify({ 'lightning-mug': 1 })));
  await page.goto(`${shop.url}/cart`);
  const label = kind === 'crypto' ? 'Pay with crypto' : 'Pay with Lightning';
  await page.getByRole('button', { name: label }).click();
  const dialog = page.getByRole('dialog', { name: label });
  if (currency) await dialog.getByRole('button', { name: currency }).click();
  await dialog.locator('.aurpay-checkout[data-state="awaiting_payment"]').waitFor();
  return dialog;
}

async function shoot(target: Locator | Page, name: string): Promise<void> {
  // The sandbox panel is left out of the pictures.
  await target.screenshot({ path: `${out}${name}.png`, animations: 'disabled', style: '.sandbox { display: none; }' });
  console.log(`docs/screenshots/${name}.png`);
}

try {
  let dialog = await checkout('crypto', /^BTC/);
  await shoot(dialog, 'btc-awaiting-payment');
  await dialog.getByRole('button', { name: 'Pay in full' }).click();
  await page.locator('.receipt[data-state="fulfilled"]').waitFor();
  await shoot(page.locator('#root'), 'receipt');

  dialog = await checkout('crypto', /^USDT.*ERC-20/);
  await dialog.getByRole('button', { name: 'Pay half' }).click();
  await dialog.locator('.aurpay-checkout[data-state="partially_paid"]').waitFor();
  await shoot(dialog, 'erc20-partially-paid');

  dialog = await checkout('lightning');
  await shoot(dialog, 'lightning-invoice');

  if (existsSync(`${storybook}iframe.html`)) {
    const app = express().use(express.static(storybook));
    const server = createServer(app).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/iframe.html?id=checkout-lightninginvoice--awaiting-dark&viewMode=story`);
    const root = page.locator('.aurpay-checkout[data-state="awaiting_payment"]');
    await root.waitFor();
    await shoot(root, 'lightning-invoice-dark');
    server.close();
  }
} finally {
  await browser.close();
  await shop.close();
  await frontEnd.remove();
}
