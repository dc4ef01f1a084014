import { currencyInfo, fromBaseUnits, subtractAmounts, toBaseUnits } from '@aurpay-kit/core';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Shop } from '../server/startShop.js';
import { WAIT, startBrowserShop, withPage } from './browserHarness.js';
import { qrEncodes } from './qrEncodes.js';

let browser: Browser;
let shop: Shop;
let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ browser, shop, close } = await startBrowserShop());
});

afterAll(() => close?.());

/** Puts a mug in the basket and opens the cart. */
async function openCart(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/products/lightning-mug`);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.getByRole('link', { name: 'Go to cart' }).click();
  await page.getByRole('heading', { name: 'Your cart' }).waitFor(WAIT);
}

/** Opens "Pay with crypto", picks a currency, and waits for the order to await payment. */
async function payWithCrypto(page: Page, currency: RegExp): Promise<Locator> {
  await page.getByRole('button', { name: 'Pay with crypto' }).click();
  const dialog = page.getByRole('dialog', { name: 'Pay with crypto' });
  await dialog.getByRole('button', { name: currency }).click();
  await dialog.locator('.aurpay-checkout[data-state="awaiting_payment"]').waitFor(WAIT);
  return dialog;
}

const qrOf = (dialog: Locator) => dialog.locator('svg.aurpay-qr').evaluate((svg) => svg.outerHTML);
const orderIdIn = (dialog: Locator) => dialog.locator('[data-order-id]').getAttribute('data-order-id');
const amountOf = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/[^\d.]/g, '');

/**
 * From the checkout's paid view, "View your order" (the checkout's receipt slot) closes the dialog
 * and leads to the receipt the server fulfilled, reached without a page load since `markPage`.
 */
async function expectReceipt(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'View your order' }).click();
  await page.waitForURL(/\/receipt\//, WAIT);
  await page.locator('.receipt[data-state="fulfilled"]').waitFor(WAIT);
  await expect(page.getByRole('heading', { name: /Thank you/ }).isVisible()).resolves.toBe(true);
  await expect(page.evaluate(() => (window as { loadedOnce?: boolean }).loadedOnce)).resolves.toBe(true);
}

const markPage = (page: Page) => page.evaluate(() => Object.assign(window, { loadedOnce: true }));

describe('the example shop in Chromium, against the sandbox', () => {
  test('BTC: address, amount and QR; the sandbox pays; success and receipt without a reload', async () => {
    await withPage(browser, '1-btc-paid', async (page) => {
      await openCart(page, shop.url);
      await markPage(page);
      const dialog = await payWithCrypto(page, /^BTC/);
      const address = (await dialog.locator('.aurpay-address code').textContent()) ?? '';
      expect(address).toMatch(/^tb1q[02-9ac-hj-np-z]{38,58}$/);
      const amount = await amountOf(dialog.locator('.aurpay-due .aurpay-amount').first());
      expect(amount).toMatch(/^0\.\d{1,8}$/);
      await expect(dialog.locator('svg.aurpay-qr').getAttribute('aria-label')).resolves.toContain(amount);
      // BIP21, the bech32 address upper-cased in the QR code (a smaller code), as docs/aurpay-api.md says.
      expect(qrEncodes(await qrOf(dialog), `bitcoin:${address.toUpperCase()}?amount=${amount}`)).toBe(true);
      await expect(dialog.getByRole('link', { name: 'Open in wallet' }).getAttribute('href')).resolves.toBe(
        `bitcoin:${address}?amount=${amount}`,
      );

      await dialog.getByRole('button', { name: 'Pay in full' }).click();
      await dialog.locator('.aurpay-checkout[data-state="paid"]').waitFor(WAIT);
      await expectReceipt(page);
      await expect(page.locator('.facts').textContent()).resolves.toContain(`${amount} BTC`);
    });
  });

  test('ERC-20: a partial payment shows the remainder, then the rest is paid', async () => {
    await withPage(browser, '2-erc20-partial-then-paid', async (page) => {
      await openCart(page, shop.url);
      await markPage(page);
      const dialog = await payWithCrypto(page, /^USDT.*ERC-20/);
      const amount = await amountOf(dialog.locator('.aurpay-due .aurpay-amount').first());
      // A token's QR code is the plain recipient address: wallets misread EIP-681 token transfers.
      const address = (await dialog.locator('.aurpay-address code').textContent()) ?? '';
      expect(qrEncodes(await qrOf(dialog), address)).toBe(true);
      const { decimals } = currencyInfo('USDT-ERC20', 'ETH');
      const half = fromBaseUnits(toBaseUnits(amount, decimals) / 2n, decimals);

      await dialog.getByRole('button', { name: 'Pay half' }).click();
      await dialog.locator('.aurpay-checkout[data-state="partially_paid"]').waitFor(WAIT);
      const progress = dialog.locator('.aurpay-progress dd');
      expect(await amountOf(progress.nth(0))).toBe(half);
      expect(await amountOf(progress.nth(1))).toBe(amount);
      // The remainder once, as what to send now.
      expect(await amountOf(dialog.locator('.aurpay-due .aurpay-amount').first())).toBe(subtractAmounts(amount, half));

      await dialog.getByRole('button', { name: 'Pay the rest' }).click();
      await dialog.locator('.aurpay-checkout[data-state="paid"]').waitFor(WAIT);
      await expectReceipt(page);
    });
  });

  test('Lightning: the invoice QR and copy work; paid', async () => {
    const origin = new URL(shop.url).origin;
    await withPage(
      browser,
      '3-lightning-paid',
      async (page) => {
        await openCart(page, shop.url);
        await markPage(page);
        await page.getByRole('button', { name: 'Pay with Lightning' }).click();
        const dialog = page.getByRole('dialog', { name: 'Pay with Lightning' });
        await dialog.locator('.aurpay-checkout[data-state="awaiting_payment"]').waitFor(WAIT);
        const invoice = (await dialog.locator('.aurpay-address code').textContent()) ?? '';
        expect(invoice).toMatch(/^lntb\d+[munp]?1[02-9ac-hj-np-z]+$/);
        // Lightning amounts in sats, as Lightning wallets show them.
        await expect(dialog.locator('svg.aurpay-qr').getAttribute('aria-label')).resolves.toMatch(/^QR code to pay [\d,]+ sats$/);
        const qr = await qrOf(dialog);
        expect(qrEncodes(qr, `LIGHTNING:${invoice.toUpperCase()}`)).toBe(true);
        expect(qrEncodes(qr, `lightning:${invoice}`)).toBe(false);
        await expect(dialog.getByRole('link', { name: 'Open in wallet' }).getAttribute('href')).resolves.toBe(`lightning:${invoice}`);

        await dialog.getByRole('button', { name: 'Copy invoice' }).click();
        // The button's name becomes what it shows: "Copied".
        const copy = dialog.locator('.aurpay-address .aurpay-copy');
        await expect.poll(() => copy.getAttribute('data-state'), WAIT).toBe('copied');
        await expect(dialog.getByRole('button', { name: 'Copied' }).count()).resolves.toBe(1);
        await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(invoice);

        await dialog.getByRole('button', { name: 'Pay in full' }).click();
        await dialog.locator('.aurpay-checkout[data-state="paid"]').waitFor(WAIT);
        await expectReceipt(page);
      },
      { permissions: ['clipboard-read', 'clipboard-write'], origin },
    );
  });

  test('expiry: the timeout view appears, and starting again creates a new order', async () => {
    await withPage(browser, '4-expired-then-new-order', async (page) => {
      await openCart(page, shop.url);
      const dialog = await payWithCrypto(page, /^BTC/);
      const first = await orderIdIn(dialog);
      expect(first).toMatch(/^\d{20}$/);

      // The sandbox times the order out when told, not after a lifetime the page would race.
      await dialog.getByRole('button', { name: 'Expire' }).click();
      await dialog.locator('.aurpay-checkout[data-state="expired"]').waitFor(WAIT);
      await dialog.getByRole('button', { name: 'Start again' }).click();
      await dialog.getByRole('button', { name: /^BTC/ }).click();
      await dialog.locator('.aurpay-checkout[data-state="awaiting_payment"]').waitFor(WAIT);
      const second = await orderIdIn(dialog);
      expect(second).toMatch(/^\d{20}$/);
      expect(second).not.toBe(first);
    });
  });

  test('the sandbox panel: detected, confirming, overpaid; dark as the system is, and axe finds nothing', async () => {
    await withPage(browser, '7-detected-confirming-overpaid-dark', async (page) => {
      await page.emulateMedia({ colorScheme: 'dark' });
      await openCart(page, shop.url);
      await markPage(page);
      // The shop's page and the checkout are both dark.
      const lightness = (locator: Locator) =>
        locator.evaluate((element) => {
          const [r = 0, g = 0, b = 0] = (getComputedStyle(element).backgroundColor.match(/\d+/g) ?? []).map(Number);
          return (r + g + b) / 3;
        });
      expect(await lightness(page.locator('html'))).toBeLessThan(40);
      const dialog = await payWithCrypto(page, /^BTC/);
      expect(await lightness(dialog)).toBeLessThan(40);
      const amount = await amountOf(dialog.locator('.aurpay-due .aurpay-amount').first());
      const orderId = await orderIdIn(dialog);
      const axe = async (state: string) => {
        const { violations } = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
        expect(violations.map((v) => `${state}: ${v.id} (${v.impact})`)).toEqual([]);
      };
      await axe('awaiting_payment');

      await dialog.getByRole('button', { name: 'Detect' }).click();
      const checkout = dialog.locator('.aurpay-checkout');
      await dialog.locator('.aurpay-checkout[data-state="detected"]').waitFor(WAIT);
      const detail = (await (await fetch(`${shop.sandboxUrl}/_sandbox/orders/${orderId}`)).json()) as {
        data: { detected: { tx_hash: string } };
      };
      const hash = detail.data.detected.tx_hash;
      // The transaction on its way, linked to its explorer; no QR code asking for a second payment.
      await expect(checkout.locator(`a[href$="${hash}"]`).count()).resolves.toBe(1);
      await expect(checkout.locator('svg.aurpay-qr').count()).resolves.toBe(0);
      await expect(checkout.locator('.aurpay-status').textContent()).resolves.toContain(`Your payment for ${amount} BTC is on the network`);
      await axe('detected');

      await dialog.getByRole('button', { name: 'Confirm once' }).click();
      await dialog.locator('.aurpay-checkout[data-state="confirming"]').waitFor(WAIT);
      await expect(checkout.textContent()).resolves.toContain('Confirmations: 1');
      await axe('confirming');

      await dialog.getByRole('button', { name: 'Overpay' }).click();
      await dialog.locator('.aurpay-checkout[data-state="overpaid"]').waitFor(WAIT);
      const { decimals } = currencyInfo('BTC');
      const extra = fromBaseUnits(toBaseUnits(amount, decimals) / 10n, decimals);
      await expect(checkout.locator('.aurpay-status').textContent()).resolves.toContain(
        `You sent ${extra} BTC more than the total of ${amount} BTC; Block & Bolt will settle the difference with you.`,
      );
      await expect(dialog.getByRole('link', { name: 'Contact Block & Bolt' }).getAttribute('href')).resolves.toBe(
        'mailto:help@blockandbolt.example',
      );
      await axe('overpaid');
      await expectReceipt(page);
    });
  });

  test('the dialog by keyboard alone: Enter opens, Tab stays inside, Enter picks, Escape closes', async () => {
    await withPage(browser, '5-dialog-keyboard', async (page) => {
      await page.goto(shop.url);
      await page.evaluate(() => localStorage.setItem('shop-basket', JSON.stringify({ 'node-tee': 1 })));
      await page.goto(`${shop.url}/cart`);
      await page.getByRole('heading', { name: 'Your cart' }).waitFor(WAIT);
      const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
      const inDialog = () => page.evaluate(() => Boolean(document.querySelector('[role="dialog"]')?.contains(document.activeElement)));

      for (let i = 0; i < 20 && (await focused()) !== 'Pay with crypto'; i += 1) await page.keyboard.press('Tab');
      expect(await focused()).toBe('Pay with crypto');
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Pay with crypto' });
      await dialog.getByRole('button', { name: /^BTC/ }).waitFor(WAIT);
      await expect.poll(inDialog, WAIT).toBe(true);

      // More presses than the dialog has controls: focus must wrap around inside it.
      const seen = new Set<string>();
      for (let i = 0; i < 16; i += 1) {
        await page.keyboard.press(i % 5 === 4 ? 'Shift+Tab' : 'Tab');
        expect(await inDialog()).toBe(true);
        seen.add(await focused());
      }
      expect(seen.size).toBeGreaterThan(3);

      for (let i = 0; i < 20 && !(await focused()).startsWith('BTC'); i += 1) await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await dialog.locator('.aurpay-checkout[data-state="awaiting_payment"]').waitFor(WAIT);
      expect(await inDialog()).toBe(true);

      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached', ...WAIT });
      await expect.poll(focused, WAIT).toBe('Pay with crypto');
    });
  });
});
