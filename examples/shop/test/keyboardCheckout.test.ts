import { currencyInfo, fromBaseUnits, subtractAmounts, toBaseUnits } from '@aurpay-kit/core';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Shop } from '../server/startShop.js';
import { WAIT, startBrowserShop, withPage } from './browserHarness.js';

// A buyer with a keyboard only: every step is a key press (the sandbox's control API stands in for
// the wallet and the clock). After each change of state, focus must be on the new state's heading
// and the polite live region must say the amounts. Each wait is for a condition on the page.

let browser: Browser;
let shop: Shop;
let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ browser, shop, close } = await startBrowserShop());
});

afterAll(() => close?.());

/** The focused element's accessible text: its aria-label, or the text it shows. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return (active?.getAttribute('aria-label') ?? active?.innerText ?? '').replace(/\s+/g, ' ').trim();
  });

/** Presses Tab until the focused element's text matches (a bounded number of presses). */
async function tabTo(page: Page, name: RegExp): Promise<void> {
  for (let i = 0; i < 30; i += 1) {
    if (name.test(await focused(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${name}; focus is on "${await focused(page)}"`);
}

/** The heading that has focus, or null when focus is elsewhere. */
const focusedHeading = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    return active instanceof HTMLHeadingElement ? active.textContent : null;
  });

/** Waits for the checkout to reach `state`, with focus on its heading `heading`; returns what its live region says. */
async function reached(page: Page, dialog: Locator, state: string, heading: string): Promise<string> {
  await dialog.locator(`.aurpay-checkout[data-state="${state}"]`).waitFor(WAIT);
  await expect.poll(() => focusedHeading(page), WAIT).toBe(heading);
  return (await dialog.locator('.aurpay-status').textContent()) ?? '';
}

/** The amount due as the page shows it, digits and point only. */
const amountDue = async (dialog: Locator) =>
  ((await dialog.locator('.aurpay-due .aurpay-amount').first().textContent()) ?? '').replace(/[^\d.]/g, '');

/** Tells the sandbox to do to the order on screen what a wallet or the clock would. */
async function sandbox(dialog: Locator, action: 'pay' | 'expire', body: Record<string, string> = {}): Promise<void> {
  const orderId = await dialog.locator('[data-order-id]').getAttribute('data-order-id');
  const response = await fetch(`${shop.sandboxUrl}/_sandbox/orders/${orderId}/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

describe('the shop’s checkout by keyboard alone, in Chromium', () => {
  test('pick a currency, change it, pay in part, close and reopen, expire: focus on each heading, amounts announced', async () => {
    await withPage(browser, '6-keyboard-part-paid-then-expired', async (page) => {
      await page.goto(shop.url);
      await page.evaluate(() => localStorage.setItem('shop-basket', JSON.stringify({ 'lightning-mug': 1 })));
      await page.goto(`${shop.url}/cart`);
      await page.getByRole('heading', { name: 'Your cart' }).waitFor(WAIT);

      await tabTo(page, /^Pay with crypto$/);
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Pay with crypto' });
      await dialog.getByRole('group', { name: 'Choose how to pay' }).waitFor(WAIT);

      // Bitcoin first.
      await tabTo(page, /^BTC\b/);
      await page.keyboard.press('Enter');
      let said = await reached(page, dialog, 'awaiting_payment', 'Awaiting payment');
      const btc = await amountDue(dialog);
      expect(btc).toMatch(/^0\.\d{1,8}$/);
      expect(said).toContain(`Send ${btc} BTC.`);
      const btcOrder = await dialog.locator('[data-order-id]').getAttribute('data-order-id');

      // Then the buyer changes their mind: back to the choice, and USDT on Ethereum.
      await tabTo(page, /^Change currency$/);
      await page.keyboard.press('Enter');
      await reached(page, dialog, 'idle', 'Choose how to pay');
      await tabTo(page, /^USDT Ethereum \(ERC-20\)$/);
      await page.keyboard.press('Enter');
      said = await reached(page, dialog, 'awaiting_payment', 'Awaiting payment');
      const usdt = await amountDue(dialog);
      expect(said).toContain(`Send ${usdt} USDT.`);
      await expect.poll(() => dialog.locator('[data-order-id]').getAttribute('data-order-id'), WAIT).not.toBe(btcOrder);
      const order = await dialog.locator('[data-order-id]').getAttribute('data-order-id');
      const address = await dialog.locator('.aurpay-address code').textContent();

      // Half of it arrives.
      const { decimals } = currencyInfo('USDT-ERC20', 'ETH');
      const half = fromBaseUnits(toBaseUnits(usdt, decimals) / 2n, decimals);
      const rest = subtractAmounts(usdt, half);
      await sandbox(dialog, 'pay', { amount: half });
      said = await reached(page, dialog, 'partially_paid', 'Partly paid: send the rest');
      expect(said).toContain(`Received ${half} USDT. Send the remaining ${rest} USDT.`);

      // Escape closes the dialog, focus returns to its button; Enter opens the same order again.
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached', ...WAIT });
      await expect.poll(() => focused(page), WAIT).toBe('Pay with crypto');
      await page.keyboard.press('Enter');
      await dialog.locator('.aurpay-checkout[data-state="partially_paid"]').waitFor(WAIT);
      await expect(dialog.locator('.aurpay-address code').textContent()).resolves.toBe(address);
      await expect(dialog.locator('[data-order-id]').getAttribute('data-order-id')).resolves.toBe(order);
      await expect(dialog.locator('.aurpay-status').textContent()).resolves.toContain(`Send the remaining ${rest} USDT.`);

      // Focus in the checkout again, then time runs out: what arrived, and how to reach the shop.
      await tabTo(page, /^Copy address$/);
      await sandbox(dialog, 'expire');
      said = await reached(page, dialog, 'expired', 'Payment expired');
      expect(said).toContain(`Only ${half} USDT of ${usdt} USDT arrived before the payment expired.`);
      await expect(dialog.getByRole('link', { name: 'Contact Block & Bolt' }).getAttribute('href')).resolves.toBe(
        'mailto:help@blockandbolt.example',
      );
      // No silent full-price restart after money arrived.
      await expect(dialog.getByRole('button', { name: 'Start again' }).count()).resolves.toBe(0);
    });
  });
});
