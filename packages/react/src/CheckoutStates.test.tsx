import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CheckoutDialog } from './CheckoutDialog.js';
import { CryptoCheckout } from './CryptoCheckout.js';
import { LightningInvoice } from './LightningInvoice.js';
import { arMessages } from './locales/index.js';
import { ADDRESSES, START, fakeCheckoutServer } from '@aurpay-kit/testing/checkout';
import { advance, renderCheckout } from './test-utils/renderCheckout.js';

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const HASH = 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16';
const root = (container: HTMLElement) => container.querySelector<HTMLElement>('.aurpay-checkout')!;
const heading = (container: HTMLElement) => root(container).querySelector('.aurpay-heading')!;
const said = (container: HTMLElement) => root(container).querySelector('.aurpay-status')?.textContent;

async function btc(props: Parameters<typeof CryptoCheckout>[0] = {}, provider = {}) {
  const rendered = renderCheckout(<CryptoCheckout chain="BTC" currency="BTC" {...props} />, { provider });
  await advance();
  return { ...rendered, order: rendered.server.last() };
}

describe('the states between awaiting payment and paid', () => {
  it('detected, then confirming with its confirmations, then paid with a receipt linking the transaction', async () => {
    const onPaymentDetected = vi.fn();
    const onSuccess = vi.fn();
    const { container, server, order } = await btc({ onPaymentDetected, onSuccess });
    server.set(order.orderId, 'detected', { transactions: [{ hash: HASH, confirmations: 0 }] });
    await advance(2000);
    expect(root(container).dataset.state).toBe('detected');
    expect(heading(container).textContent).toBe('Payment detected');
    expect(said(container)).toBe(
      'Payment detected. Your payment for 0.00125 BTC is on the network, waiting for confirmation. There is no need to pay again.',
    );
    const link = screen.getByRole('link', { name: 'Transaction f4184fc5…1e9e16' });
    expect(link.getAttribute('href')).toBe(`https://mempool.space/tx/${HASH}`);
    expect(screen.queryByRole('img', { name: /QR/ })).toBeNull();
    expect(onPaymentDetected).toHaveBeenCalledTimes(1);

    server.set(order.orderId, 'confirming', { transactions: [{ hash: HASH, confirmations: 2 }] });
    await advance(2000);
    expect(heading(container).textContent).toBe('Confirming payment');
    expect(root(container).textContent).toContain('Confirmations: 2');
    expect(onPaymentDetected).toHaveBeenCalledTimes(1);
    expect(onSuccess).not.toHaveBeenCalled();

    server.set(order.orderId, 'paid', { transactions: [{ hash: HASH, confirmations: 3 }] });
    await advance(2000);
    expect(heading(container).textContent).toBe('Payment received');
    expect(said(container)).toBe('Payment received. 0.00125 BTC received. Thank you!');
    const receipt = container.querySelector<HTMLElement>('.aurpay-receipt')!;
    expect(within(receipt).getByText(order.orderId)).toBeTruthy();
    expect(within(receipt).getByRole('link', { name: 'Transaction f4184fc5…1e9e16' }).getAttribute('target')).toBe('_blank');
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });

  it('links each chain to the explorer the provider names, and none where turned off', async () => {
    const { container, server, order } = await btc({}, { explorers: { BTC: 'https://mempool.space/testnet4/tx/{hash}' } });
    server.set(order.orderId, 'paid', { transactions: [{ hash: HASH, confirmations: null }] });
    await advance(2000);
    expect(
      within(root(container))
        .getByRole('link', { name: /Transaction/ })
        .getAttribute('href'),
    ).toBe(`https://mempool.space/testnet4/tx/${HASH}`);
    cleanup();
    const off = await btc({}, { explorers: { BTC: null } });
    off.server.set(off.order.orderId, 'paid', { transactions: [{ hash: HASH, confirmations: null }] });
    await advance(2000);
    expect(within(root(off.container)).queryByRole('link', { name: /Transaction/ })).toBeNull();
    expect(root(off.container).textContent).toContain('f4184fc5…1e9e16');
  });

  it('overpaid: what arrived, the difference and who settles it, with the receipt slot and a contact', async () => {
    const onContact = vi.fn();
    const { container, server, order, user } = await btc({
      merchant: { name: 'Block & Bolt' },
      onContact,
      receipt: (paid) => <button type="button">Continue to order {paid.orderId.slice(-4)}</button>,
    });
    server.set(order.orderId, 'overpaid', { paidAmount: '0.0015', remainingAmount: '0' });
    await advance(2000);
    expect(root(container).dataset.state).toBe('overpaid');
    expect(said(container)).toBe(
      'Payment received. You sent 0.00025 BTC more than the total of 0.00125 BTC; Block & Bolt will settle the difference with you.',
    );
    await user.click(screen.getByRole('button', { name: 'Contact Block & Bolt' }));
    expect(onContact).toHaveBeenCalledWith(expect.objectContaining({ orderId: order.orderId }));
    expect(screen.getByRole('button', { name: `Continue to order ${order.orderId.slice(-4)}` })).toBeTruthy();
  });

  it('expired after a part payment: what arrived and how to reach the shop, never a new order at full price', async () => {
    const { container, server, order } = await btc({ supportUrl: 'mailto:help@shop.example' });
    server.set(order.orderId, 'partially_paid', { paidAmount: '0.0005', remainingAmount: '0.00075' });
    await advance(2000);
    server.set(order.orderId, 'expired');
    await advance(2000);
    expect(root(container).dataset.state).toBe('expired');
    expect(root(container).dataset.received).toBe('some');
    expect(said(container)).toBe(
      'Payment expired. Only 0.0005 BTC of 0.00125 BTC arrived before the payment expired. Your money is not lost: the shop will complete or refund the order.',
    );
    expect(screen.getByRole('link', { name: 'Contact the shop' }).getAttribute('href')).toBe('mailto:help@shop.example');
    expect(screen.queryByRole('button', { name: 'Start again' })).toBeNull();
    expect(server.count('POST', '/orders')).toBe(1);
  });
});

describe('focus and announcements', () => {
  it('moves focus to the new heading on each state change when focus was in the checkout, and reads the amounts', async () => {
    const { container, server, user } = renderCheckout(<CryptoCheckout />);
    await advance();
    expect(heading(container).textContent).toBe('Choose how to pay');
    expect(document.activeElement).toBe(document.body);
    await user.click(screen.getByRole('button', { name: /^BTC/ }));
    await advance();
    expect(document.activeElement).toBe(heading(container));
    expect(heading(container).tagName).toBe('H2');
    expect(said(container)).toBe('Awaiting payment. Send 0.00125 BTC.');
    server.set(server.last().orderId, 'expired');
    await advance(2000);
    expect(document.activeElement).toBe(heading(container));
    expect(heading(container).textContent).toBe('Payment expired');
  });

  it('never takes focus from elsewhere on the page', async () => {
    const { container, server } = await btc();
    const outside = document.createElement('input');
    document.body.append(outside);
    outside.focus();
    server.set(server.last().orderId, 'paid');
    await advance(2000);
    expect(root(container).dataset.state).toBe('paid');
    expect(document.activeElement).toBe(outside);
    outside.remove();
  });

  it('warns once, politely, five minutes before the deadline', async () => {
    const { container } = await btc();
    const warning = () =>
      [...container.querySelectorAll('[role="status"]')].map((n) => n.textContent).filter((t) => t?.includes('5 minutes'));
    await advance(24 * 60_000);
    expect(warning()).toEqual([]);
    await advance(60_000 + 1000);
    expect(warning()).toEqual(['Less than 5 minutes left to pay.']);
    expect(container.querySelector('.aurpay-countdown')?.getAttribute('data-state')).toBe('ending');
  });

  it('uses a level-3 heading under the dialog title', async () => {
    renderCheckout(
      <CheckoutDialog defaultOpen>
        <CryptoCheckout chain="BTC" currency="BTC" />
      </CheckoutDialog>,
    );
    await advance();
    expect(screen.getByRole('heading', { level: 3, name: 'Awaiting payment' })).toBeTruthy();
  });
});

describe('changing currency', () => {
  it('goes back to the grouped choice before paying and after an error, never after money arrived', async () => {
    const { container, server, user } = renderCheckout(
      <CryptoCheckout currencyOptions={{ default: 'USDT-ERC20', order: ['USDT-TRC20'] }} />,
    );
    await advance();
    expect(server.requests.find((r) => r.method === 'POST')?.body).toMatchObject({ chain: 'ETH', currency: 'USDT-ERC20' });
    await user.click(screen.getByRole('button', { name: 'Change currency' }));
    await advance();
    const groups = screen.getAllByRole('group').slice(1);
    expect(
      groups.map((g) => g.getAttribute('aria-labelledby') && document.getElementById(g.getAttribute('aria-labelledby')!)?.textContent),
    ).toEqual(['Tron', 'Bitcoin', 'Ethereum']);
    server.fail('POST', /^\/orders$/, 503, 'store_unavailable');
    await user.click(screen.getByRole('button', { name: /^BTC/ }));
    await advance();
    expect(root(container).dataset.state).toBe('error');
    expect(root(container).textContent).toContain('The payment service is busy. Please try again in a moment.');
    await user.click(screen.getByRole('button', { name: 'Change currency' }));
    await user.click(screen.getByRole('button', { name: /^USDT Tron/ }));
    await advance();
    server.set(server.last().orderId, 'partially_paid', { paidAmount: '5', remainingAmount: '13.0098' });
    await advance(2000);
    expect(screen.queryByRole('button', { name: 'Change currency' })).toBeNull();
  });

  it('shows the gateway reason in buyer words, and a shop reason it does not know under a general one', async () => {
    const server = fakeCheckoutServer();
    server.fail('POST', /^\/orders$/, 504, 'aurpay_timeout');
    const { container } = renderCheckout(<CryptoCheckout chain="BTC" currency="BTC" />, { server });
    await advance();
    expect(root(container).textContent).toContain('The payment provider took too long to answer. Please try again.');
    cleanup();
    const shop = fakeCheckoutServer();
    shop.fail('POST', /^\/orders$/, 409, 'cart_paid');
    const other = renderCheckout(<CryptoCheckout chain="BTC" currency="BTC" />, { server: shop });
    await advance();
    expect(root(other.container).querySelector('.aurpay-detail')?.textContent).toBe('Injected cart_paid.');
  });
});

describe('what the shop shows and how it looks', () => {
  it('names the merchant, what is bought, and the lines', async () => {
    const { container } = await btc({
      merchant: { name: 'Block & Bolt', logoUrl: '/logo.svg' },
      description: 'Two mugs',
      lineItems: [{ label: 'Lightning mug', quantity: 2, amount: '18.00', currency: 'USD' }],
    });
    const summary = container.querySelector<HTMLElement>('.aurpay-summary')!;
    expect(summary.textContent).toBe('Block & BoltTwo mugsLightning mug × 2 $18.00');
    expect(summary.querySelector('img')?.getAttribute('alt')).toBe('');
    expect(root(container).getAttribute('description')).toBeNull();
  });

  it('sets the appearance as CSS variables for both themes on every root', async () => {
    const { container } = await btc({}, { appearance: { accent: '#0a7a4f', radius: '4px', dark: { accent: '#7fe0b5' } } });
    const style = root(container).style;
    expect(style.getPropertyValue('--aurpay-accent')).toBe('#0a7a4f');
    expect(style.getPropertyValue('--aurpay-radius')).toBe('4px');
    expect(style.getPropertyValue('--aurpay-dark-accent')).toBe('#7fe0b5');
  });

  it('lays Arabic out right to left with Latin digits, and addresses left to right', async () => {
    const { container } = await btc({}, { locale: 'ar', messages: arMessages });
    expect(root(container).getAttribute('dir')).toBe('rtl');
    expect(heading(container).textContent).toBe('بانتظار الدفع');
    expect(container.querySelector('.aurpay-due .aurpay-amount')?.textContent).toBe('0.00125 BTC');
    expect(container.querySelector('.aurpay-address code')?.getAttribute('dir')).toBe('ltr');
  });

  it('cuts an address into groups of four that lines break between, never leaving one or two stray characters', async () => {
    const { container } = await btc();
    const code = container.querySelector('.aurpay-address code')!;
    expect(code.textContent).toBe(ADDRESSES.BTC);
    const groups = code.innerHTML.split('<wbr>');
    expect(groups.every((group) => group.length >= 3)).toBe(true);
    expect(groups.slice(0, -1).every((group) => group.length === 4)).toBe(true);
  });

  it('keeps the copy button name equal to what it shows, "Copied" included', async () => {
    const { user } = await btc();
    const button = screen.getByRole('button', { name: 'Copy address' });
    await user.click(button);
    await advance();
    expect(button.getAttribute('aria-label')).toBeNull();
    expect(within(button).getByText('Copied').hidden).toBe(false);
    expect(within(button).getByText('Copy address').hidden).toBe(true);
    expect(screen.getByRole('button', { name: 'Copied' })).toBe(button);
  });

  it('shows Lightning in sats by default, and in BTC with unit="BTC"', async () => {
    const sats = renderCheckout(<LightningInvoice />);
    await advance();
    expect(sats.container.querySelector('.aurpay-due .aurpay-amount')?.textContent).toBe('19,044 sats');
    cleanup();
    const btcUnit = renderCheckout(<LightningInvoice unit="BTC" />);
    await advance();
    expect(btcUnit.container.querySelector('.aurpay-due .aurpay-amount')?.textContent).toBe('0.00019044 BTC');
  });
});
