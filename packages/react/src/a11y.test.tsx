import type { CheckoutStatus } from '@aurpay-kit/core';
import { cleanup, screen } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CheckoutDialog } from './CheckoutDialog.js';
import { CryptoCheckout } from './CryptoCheckout.js';
import { LightningInvoice } from './LightningInvoice.js';
import { fakeCheckoutServer } from '@aurpay-kit/testing/checkout';
import { INVOICE, INVOICE_EXPIRES, START } from '@aurpay-kit/testing/checkout';
import { advance, renderCheckout } from './test-utils/renderCheckout.js';

beforeEach(() => {
  vi.useFakeTimers({ now: START });
  // axe measures icon fonts on a canvas, which jsdom does not draw; it copes with none.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});
afterEach(() => {
  cleanup();
  delete (window as { webln?: unknown }).webln;
  vi.useRealTimers();
});

/** Runs axe (WCAG 2.2 A/AA and best practices) on what is on screen, in the state it is in. */
async function expectNoViolations(context: Element, state?: string) {
  if (state) expect(context.querySelector('.aurpay-checkout')?.getAttribute('data-state')).toBe(state);
  vi.useRealTimers();
  const results = await axe.run(context, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    rules: {
      // jsdom computes no colours; styles.css is checked by contrast.test.ts instead.
      'color-contrast': { enabled: false },
      // Page-level rules: landmarks and headings belong to the shop's page.
      region: { enabled: false },
      'page-has-heading-one': { enabled: false },
      'landmark-one-main': { enabled: false },
    },
  });
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
  expect(results.passes.length).toBeGreaterThan(5);
}

async function cryptoIn(status: CheckoutStatus | 'awaiting_payment') {
  const rendered = renderCheckout(<CryptoCheckout chain="ETH" currency="USDT-ERC20" />);
  await advance();
  if (status !== 'awaiting_payment') {
    const amounts = status === 'partially_paid' ? { paidAmount: '10', remainingAmount: '8.0098' } : {};
    rendered.server.set(rendered.server.last().orderId, status, amounts);
    await advance(2000);
  }
  return rendered;
}

describe('axe finds no violations', () => {
  it('while loading', async () => {
    const { container } = renderCheckout(<CryptoCheckout chain="BTC" currency="BTC" />);
    await expectNoViolations(container, 'loading');
  });

  it('while choosing a currency', async () => {
    const { container } = renderCheckout(<CryptoCheckout />);
    await advance();
    await expectNoViolations(container, 'idle');
  });

  it.each<CheckoutStatus>(['awaiting_payment', 'partially_paid', 'paid', 'expired', 'failed', 'refunded', 'unknown'])(
    'in the crypto checkout, %s',
    async (status) => {
      const { container } = await cryptoIn(status);
      await expectNoViolations(container, status);
    },
  );

  it('after an error', async () => {
    const server = fakeCheckoutServer();
    server.fail('POST', /^\/orders$/, 502, 'aurpay_http_error');
    const { container } = renderCheckout(<CryptoCheckout chain="BTC" currency="BTC" />, { server });
    await advance();
    await expectNoViolations(container, 'error');
  });

  it('in the Lightning invoice with a browser wallet', async () => {
    Object.assign(window, { webln: { enable: async () => {}, sendPayment: async () => ({}) } });
    const { container } = renderCheckout(<LightningInvoice />);
    await advance();
    expect(screen.getByRole('button', { name: 'Pay with browser wallet' })).toBeTruthy();
    await expectNoViolations(container, 'awaiting_payment');
  });

  it('in an expired invoice', async () => {
    vi.setSystemTime(INVOICE_EXPIRES + 1000);
    const { container } = renderCheckout(<LightningInvoice paymentRequest={INVOICE} />);
    await advance();
    await expectNoViolations(container, 'expired');
  });

  it('in the open dialog', async () => {
    renderCheckout(
      <CheckoutDialog defaultOpen>
        <CryptoCheckout chain="BTC" currency="BTC" />
      </CheckoutDialog>,
    );
    await advance();
    await expectNoViolations(document.body);
  });
});
