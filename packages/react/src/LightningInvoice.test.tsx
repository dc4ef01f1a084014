import { decodeInvoice, lightningLink } from '@aurpay-kit/core';
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LightningInvoice } from './LightningInvoice.js';
import { fakeCheckoutServer } from '@aurpay-kit/testing/checkout';
import { INVOICE, INVOICE_EXPIRES, START, lightningOrder } from '@aurpay-kit/testing/checkout';
import { advance, qrPaths, renderCheckout, renderedQrPaths } from './test-utils/renderCheckout.js';

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});
afterEach(() => {
  cleanup();
  delete (window as { webln?: unknown }).webln;
  vi.useRealTimers();
});

const state = (container: HTMLElement) => container.querySelector<HTMLElement>('.aurpay-checkout')?.dataset.state;
const timer = () => screen.getByRole('timer').textContent;

describe('<LightningInvoice> creating a Lightning order', () => {
  it('creates the order and shows amount, an upper-case LIGHTNING: QR code, copy, wallet link and countdown', async () => {
    const { container, server } = renderCheckout(<LightningInvoice orderFields={{ cartId: 'c9' }} />);
    expect(state(container)).toBe('loading');
    await advance();
    expect(server.requests[0]).toMatchObject({ method: 'POST', body: { cartId: 'c9', kind: 'lightning' } });
    expect(state(container)).toBe('awaiting_payment');
    // Lightning amounts in sats, as wallets show them.
    expect(screen.getByText('19,044 sats')).toBeTruthy();
    expect(screen.getByText('$18.00')).toBeTruthy();
    const link = lightningLink(INVOICE);
    expect(link.qrValue).toBe(`LIGHTNING:${INVOICE.toUpperCase()}`);
    expect(renderedQrPaths(container)).toEqual(qrPaths(link.qrValue));
    expect(screen.getByRole('img', { name: 'QR code to pay 19,044 sats' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open in wallet' }).getAttribute('href')).toBe(`lightning:${INVOICE}`);
    expect(container.querySelector('.aurpay-address code')?.textContent).toBe(INVOICE);
    expect(screen.getByRole('button', { name: 'Copy invoice' })).toBeTruthy();
    // The order's 30 minutes end before the invoice's 24 hours.
    expect(timer()).toContain('30:00');
  });

  it('counts down to the invoice expiry when it comes before the order deadline', async () => {
    vi.setSystemTime(INVOICE_EXPIRES - 600_000);
    const server = fakeCheckoutServer();
    const order = server.add(lightningOrder({ orderId: '31000000000000000001' }));
    renderCheckout(<LightningInvoice order={order} />, { server });
    await advance();
    expect(timer()).toContain('10:00');
  });

  it('follows the status to paid and fires onSuccess once', async () => {
    const onSuccess = vi.fn();
    const { container, server } = renderCheckout(<LightningInvoice onSuccess={onSuccess} />);
    await advance();
    server.set(server.last().orderId, 'paid');
    await advance(2000);
    expect(state(container)).toBe('paid');
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess).toHaveBeenCalledWith(expect.objectContaining({ paymentRequest: INVOICE, status: 'paid' }));
  });

  it('expires with onTimeout and starts again with a new Lightning order', async () => {
    const onTimeout = vi.fn();
    const { container, server, user } = renderCheckout(<LightningInvoice onTimeout={onTimeout} />);
    await advance();
    server.set(server.last().orderId, 'expired');
    await advance(2000);
    expect(state(container)).toBe('expired');
    expect(onTimeout).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Start again' }));
    await advance();
    expect(server.orders.size).toBe(2);
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([{ kind: 'lightning' }, { kind: 'lightning' }]);
    expect(state(container)).toBe('awaiting_payment');
  });

  it('shows failed, refunded and unknown statuses', async () => {
    const { container, server } = renderCheckout(<LightningInvoice />);
    await advance();
    server.set(server.last().orderId, 'unknown');
    await advance(2000);
    expect(state(container)).toBe('unknown');
    server.set(server.last().orderId, 'failed');
    await advance(2000);
    expect(state(container)).toBe('failed');
    expect(container.querySelector('.aurpay-heading')?.textContent).toBe('Payment failed');
  });

  it('shows a failed creation with a retry', async () => {
    const onError = vi.fn();
    const server = fakeCheckoutServer();
    server.fail('POST', /^\/orders$/, 504, 'aurpay_timeout');
    const { container, user } = renderCheckout(<LightningInvoice onError={onError} />, { server });
    await advance();
    expect(state(container)).toBe('error');
    expect(onError).toHaveBeenCalledWith({ code: 'aurpay_timeout', message: 'Injected aurpay_timeout.' });
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await advance();
    expect(state(container)).toBe('awaiting_payment');
  });
});

describe('<LightningInvoice> from a payment request', () => {
  it('decodes amount and expiry from the invoice alone, with no network at all', async () => {
    const { container, server } = renderCheckout(<LightningInvoice paymentRequest={INVOICE.toUpperCase()} />);
    await advance(5000);
    expect(server.requests).toHaveLength(0);
    expect(state(container)).toBe('awaiting_payment');
    expect(screen.getByText('19,044 sats')).toBeTruthy();
    expect(renderedQrPaths(container)).toEqual(qrPaths(`LIGHTNING:${INVOICE.toUpperCase()}`));
    expect(timer()).toContain('23:58:55');
  });

  it('turns expired by the invoice clock alone, without offering to start again', async () => {
    const onTimeout = vi.fn();
    vi.setSystemTime(INVOICE_EXPIRES - 5000);
    const { container } = renderCheckout(<LightningInvoice paymentRequest={INVOICE} onTimeout={onTimeout} />);
    await advance(4000);
    expect(timer()).toContain('00:01');
    expect(state(container)).toBe('awaiting_payment');
    await advance(1000);
    expect(state(container)).toBe('expired');
    expect(screen.queryByRole('button', { name: 'Start again' })).toBeNull();
    expect(onTimeout).not.toHaveBeenCalled();
  });

  it('follows the order when an id and token come with it', async () => {
    const onSuccess = vi.fn();
    const server = fakeCheckoutServer();
    const order = server.add(lightningOrder({ orderId: '31000000000000000002' }));
    const { container } = renderCheckout(
      <LightningInvoice paymentRequest={INVOICE} orderId={order.orderId} statusToken={order.statusToken} onSuccess={onSuccess} />,
      { server },
    );
    await advance();
    expect(state(container)).toBe('awaiting_payment');
    server.set(order.orderId, 'paid');
    await advance(2000);
    expect(state(container)).toBe('paid');
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });

  it('says so when the payment request is not an invoice', async () => {
    const { container } = renderCheckout(<LightningInvoice paymentRequest="lnbc1notaninvoice" />);
    await advance();
    expect(container.querySelector('.aurpay-heading')?.textContent).toBe('Something went wrong');
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByRole('img')).toBeNull();
  });
});

describe('<LightningInvoice> WebLN', () => {
  it('shows no browser-wallet button without window.webln', async () => {
    renderCheckout(<LightningInvoice paymentRequest={INVOICE} />);
    await advance();
    expect(screen.queryByRole('button', { name: 'Pay with browser wallet' })).toBeNull();
  });

  it('pays through window.webln: sent and waiting for confirmation, then paid only when the server says so', async () => {
    const webln = { enable: vi.fn(async () => {}), sendPayment: vi.fn(async () => ({ preimage: 'ab' })) };
    Object.assign(window, { webln });
    const onPaymentDetected = vi.fn();
    const onSuccess = vi.fn();
    const { container, user, server } = renderCheckout(<LightningInvoice onPaymentDetected={onPaymentDetected} onSuccess={onSuccess} />);
    await advance();
    await user.click(screen.getByRole('button', { name: 'Pay with browser wallet' }));
    await advance();
    expect(webln.enable).toHaveBeenCalledTimes(1);
    expect(webln.sendPayment).toHaveBeenCalledWith(INVOICE);
    expect(state(container)).toBe('detected');
    expect(container.querySelector('.aurpay-heading')?.textContent).toBe('Payment sent');
    expect(container.querySelector('.aurpay-status')?.textContent).toBe(
      'Payment sent. Your wallet sent 19,044 sats. Waiting for confirmation: there is no need to pay again.',
    );
    expect(screen.queryByRole('button', { name: 'Pay with browser wallet' })).toBeNull();
    expect(onPaymentDetected).toHaveBeenCalledWith(
      expect.objectContaining({ transactions: [{ hash: decodeInvoice(INVOICE).paymentHash, confirmations: null }] }),
    );
    expect(onSuccess).not.toHaveBeenCalled();
    await advance(4000);
    expect(state(container)).toBe('detected');
    server.set(server.last().orderId, 'paid');
    await advance(2000);
    expect(state(container)).toBe('paid');
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['User rejected the payment', 'You declined the payment in your wallet. Pay again with it, or scan the QR code.'],
    ['Prompt was closed', 'You declined the payment in your wallet. Pay again with it, or scan the QR code.'],
    ['no route found', 'Your wallet could not pay: no route found'],
  ])('says why a browser wallet did not pay: %s', async (reason, said) => {
    Object.assign(window, { webln: { enable: async () => {}, sendPayment: async () => Promise.reject(new Error(reason)) } });
    const { user, container } = renderCheckout(<LightningInvoice paymentRequest={INVOICE} />);
    await advance();
    await user.click(screen.getByRole('button', { name: 'Pay with browser wallet' }));
    await advance();
    expect(screen.getByRole('alert').textContent).toBe(said);
    expect(state(container)).toBe('awaiting_payment');
  });
});
