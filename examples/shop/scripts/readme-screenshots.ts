// Regenerates docs/screenshots/*.png: every state of a payment in the example shop, against the
// sandbox, as a phone (390 × 844) and a laptop (1280 × 800) show it, a few in the dark theme too.
// Each picture is taken once the checkout reached its state and focus is on its heading.
// Run: pnpm --filter @aurpay-kit/example-shop screenshots
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { startBrowserShop } from '../test/browserHarness.js';

const out = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const WAIT = { timeout: 30_000 };
const SIZES = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
];

await mkdir(out, { recursive: true });
const { browser, shop, close } = await startBrowserShop();

/** Opens the cart with a mug in it and the checkout dialog, and picks `currency` when given. */
async function checkout(page: Page, kind: 'crypto' | 'lightning', currency?: RegExp): Promise<Locator> {
  await page.goto(`${shop.url}/products/lightning-mug`);
  await page.evaluate(() => localStorage.setItem('shop-basket', JSON.stringify({ 'lightning-mug': 1 })));
  await page.goto(`${shop.url}/cart`);
  const label = kind === 'crypto' ? 'Pay with crypto' : 'Pay with Lightning';
  await page.getByRole('button', { name: label }).click();
  const dialog = page.getByRole('dialog', { name: label });
  if (currency) {
    await dialog.getByRole('button', { name: currency }).click();
    await state(dialog, 'awaiting_payment');
  }
  return dialog;
}

/** Waits for the checkout's state, and for its logos (loaded after the first paint). */
async function state(dialog: Locator, name: string): Promise<void> {
  await dialog.locator(`.aurpay-checkout[data-state="${name}"]`).waitFor(WAIT);
  await dialog
    .page()
    .waitForFunction(() => [...document.querySelectorAll('.aurpay-logo')].every((logo) => logo.querySelector('svg, img')), undefined, WAIT);
}

/** A button of the sandbox panel, then the state it leads to. */
async function panel(dialog: Locator, button: string, next: string): Promise<void> {
  await dialog.getByRole('button', { name: button }).click();
  await state(dialog, next);
}

async function shoot(page: Page, name: string): Promise<void> {
  const { width } = page.viewportSize()!;
  const file = `${name}-${width}.png`;
  // The sandbox panel is left out of the pictures; the caret and focus ring are kept as a buyer sees them.
  await page.screenshot({ path: `${out}${file}`, animations: 'disabled', style: '.sandbox { display: none; }' });
  console.log(`docs/screenshots/${file}`);
}

try {
  for (const viewport of SIZES) {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await browser.newPage({ viewport, deviceScaleFactor: 1, colorScheme });
      const dark = colorScheme === 'dark' ? '-dark' : '';
      if (colorScheme === 'light') {
        let dialog = await checkout(page, 'crypto');
        await dialog.locator('.aurpay-checkout[data-state="idle"] .aurpay-picker').waitFor(WAIT);
        await state(dialog, 'idle');
        await shoot(page, 'picker');

        dialog = await checkout(page, 'crypto', /^BTC/);
        await shoot(page, 'btc-awaiting-payment');
        await panel(dialog, 'Detect', 'detected');
        await shoot(page, 'btc-detected');
        await panel(dialog, 'Confirm once', 'confirming');
        await shoot(page, 'btc-confirming');
        await panel(dialog, 'Pay in full', 'paid');
        await shoot(page, 'btc-paid-receipt');
        await dialog.getByRole('button', { name: 'View your order' }).click();
        await page.locator('.receipt[data-state="fulfilled"]').waitFor(WAIT);
        await shoot(page, 'shop-receipt');

        dialog = await checkout(page, 'crypto', /^BTC/);
        await panel(dialog, 'Overpay', 'overpaid');
        await shoot(page, 'btc-overpaid');
      }

      let dialog = await checkout(page, 'crypto', /^USDT Ethereum/);
      await panel(dialog, 'Pay half', 'partially_paid');
      await shoot(page, `erc20-partially-paid${dark}`);
      await panel(dialog, 'Expire', 'expired');
      await shoot(page, `erc20-expired-after-part-payment${dark}`);

      dialog = await checkout(page, 'lightning');
      await state(dialog, 'awaiting_payment');
      await shoot(page, `lightning-invoice${dark}`);
      await page.close();
    }
  }
} finally {
  await close();
}
