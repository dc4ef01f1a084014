import { paymentLink } from '@aurpay-kit/core';
import type { CheckoutStatus } from '@aurpay-kit/core';
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CryptoCheckout } from './CryptoCheckout.js';
import { fakeCheckoutServer } from '@aurpay-kit/testing/checkout';
import { ADDRESSES, START } from '@aurpay-kit/testing/checkout';
import { advance, qrPaths, renderCheckout, renderedQrPaths, setVisibility } from './test-utils/renderCheckout.js';

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});
afterEach(() => {
  cleanup();
  setVisibility('visible');
  vi.useRealTimers();
});

const state = (container: HTMLElement) => container.querySelector<HTMLElement>('.aurpay-checkout')?.dataset.state;
const statusText = (container: HTMLElement) => container.querySelector('.aurpay-heading')?.textContent;

async function awaitingBtc(props: Parameters<typeof CryptoCheckout>[0] = {}, strict = false) {
  const rendered = renderCheckout(<CryptoCheckout chain="BTC" currency="BTC" {...props} />, { strict });
  await advance();
  expect(state(rendered.container)).toBe('awaiting_payment');
  return { ...rendered, order: rendered.server.last() };
}

describe('<CryptoCheckout> status transitions', () => {
  it('partially paid: shows what arrived and what remains, with a QR code for the remainder', async () => {
    const onStatusChange = vi.fn();
    const { container, server, order, user } = await awaitingBtc({ onStatusChange });
    const write = vi.spyOn(navigator.clipboard, 'writeText');
    server.set(order.orderId, 'partially_paid', { paidAmount: '0.0005', remainingAmount: '0.00075' });
    await advance(2000);
    expect(state(container)).toBe('partially_paid');
    expect(statusText(container)).toBe('Partly paid: send the rest');
    const progress = container.querySelector('.aurpay-progress')!;
    expect(progress.textContent).toBe('Received0.0005 BTCTotal0.00125 BTC');
    // The remainder once, with its share of the price; the live region reads both amounts.
    expect(container.querySelector('.aurpay-due')?.textContent).toMatch(/^Send the remaining 0\.00075 BTC≈ /);
    expect(container.querySelector('.aurpay-status')?.textContent).toBe(
      'Partly paid: send the rest. Received 0.0005 BTC. Send the remaining 0.00075 BTC.',
    );
    const remainder = paymentLink({ currency: 'BTC', chain: 'BTC', address: ADDRESSES.BTC!, amount: '0.00075' });
    expect(renderedQrPaths(container)).toEqual(qrPaths(remainder.qrValue));
    expect(screen.getByRole('img', { name: 'QR code to pay 0.00075 BTC' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open in wallet' }).getAttribute('href')).toBe(remainder.uri);
    await user.click(screen.getByRole('button', { name: 'Copy amount' }));
    expect(write).toHaveBeenLastCalledWith('0.00075');
    expect(onStatusChange.mock.calls.map(([status]) => status)).toEqual(['awaiting_payment', 'partially_paid']);
  });

  it('paid: says so once the server does, fires onSuccess once, and stops watching', async () => {
    const onSuccess = vi.fn();
    const onStatusChange = vi.fn();
    const { container, server, order } = await awaitingBtc({ onSuccess, onStatusChange });
    server.set(order.orderId, 'partially_paid', { paidAmount: '0.001', remainingAmount: '0.00025' });
    await advance(2000);
    expect(onSuccess).not.toHaveBeenCalled();
    server.set(order.orderId, 'paid');
    await advance(2000);
    expect(state(container)).toBe('paid');
    expect(statusText(container)).toBe('Payment received');
    expect(container.querySelector('.aurpay-qr')).toBeNull();
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess).toHaveBeenCalledWith(
      expect.objectContaining({ orderId: order.orderId, status: 'paid', address: ADDRESSES.BTC, remainingAmount: '0' }),
    );
    const gets = server.count('GET');
    await advance(60_000);
    expect(server.count('GET')).toBe(gets);
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onStatusChange.mock.calls.map(([status]) => status)).toEqual(['awaiting_payment', 'partially_paid', 'paid']);
  });

  it('expired: fires onTimeout once and starts again with a new order', async () => {
    const onTimeout = vi.fn();
    const { container, server, order, user } = await awaitingBtc({ onTimeout });
    const firstKey = server.requests[0]!.headers['idempotency-key'];
    server.set(order.orderId, 'expired');
    await advance(2000);
    expect(state(container)).toBe('expired');
    expect(statusText(container)).toBe('Payment expired');
    expect(onTimeout).toHaveBeenCalledTimes(1);
    expect(onTimeout).toHaveBeenCalledWith(expect.objectContaining({ orderId: order.orderId, status: 'expired' }));
    await user.click(screen.getByRole('button', { name: 'Start again' }));
    await advance();
    const posts = server.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.headers['idempotency-key']).not.toBe(firstKey);
    expect(state(container)).toBe('awaiting_payment');
    expect(server.last().orderId).not.toBe(order.orderId);
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });

  it.each<[CheckoutStatus, string, boolean]>([
    ['failed', 'Payment failed', true],
    ['refunded', 'Payment refunded', false],
    ['unknown', 'Checking status…', false],
  ])('%s: shows "%s" (start again: %s) and never paid', async (status, text, restart) => {
    const onSuccess = vi.fn();
    const { container, server, order } = await awaitingBtc({ onSuccess });
    server.set(order.orderId, status);
    await advance(2000);
    expect(state(container)).toBe(status);
    expect(statusText(container)).toBe(text);
    expect(screen.queryByRole('button', { name: 'Start again' }) !== null).toBe(restart);
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it('maps a status this version does not know to unknown, never to paid', async () => {
    const onSuccess = vi.fn();
    const { container, server, order } = await awaitingBtc({ onSuccess });
    server.set(order.orderId, 'settled' as CheckoutStatus);
    await advance(2000);
    expect(state(container)).toBe('unknown');
    expect(onSuccess).not.toHaveBeenCalled();
  });

  it('error: a failed creation shows a retry that reuses the idempotency key', async () => {
    const onError = vi.fn();
    const server = fakeCheckoutServer();
    server.fail('POST', /^\/orders$/, 502, 'aurpay_http_error');
    const { container, user } = renderCheckout(<CryptoCheckout chain="BTC" currency="BTC" onError={onError} />, {
      server,
    });
    await advance();
    expect(state(container)).toBe('error');
    expect(statusText(container)).toBe('Something went wrong');
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith({ code: 'aurpay_http_error', message: 'Injected aurpay_http_error.' });
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await advance();
    expect(state(container)).toBe('awaiting_payment');
    const [first, second] = server.requests.filter((r) => r.method === 'POST');
    expect(second!.headers['idempotency-key']).toBe(first!.headers['idempotency-key']);
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('a network failure on creation is an error too', async () => {
    const onError = vi.fn();
    const failing = vi.fn(() => Promise.reject(new TypeError('Failed to fetch')));
    const { container } = renderCheckout(<CryptoCheckout chain="BTC" currency="BTC" onError={onError} />, {
      provider: { fetch: failing as unknown as typeof fetch },
    });
    await advance();
    expect(state(container)).toBe('error');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'network_error' }));
  });

  it('after a currency was chosen, starting again goes back to the choice', async () => {
    const { container, server, user } = renderCheckout(<CryptoCheckout />);
    await advance();
    await user.click(screen.getByRole('button', { name: 'BTC Bitcoin' }));
    await advance();
    server.set(server.last().orderId, 'expired');
    await advance(2000);
    await user.click(screen.getByRole('button', { name: 'Start again' }));
    await advance();
    expect(state(container)).toBe('idle');
    expect(screen.getByRole('group', { name: 'Choose how to pay' })).toBeTruthy();
  });
});

describe('<CryptoCheckout> events', () => {
  it('calls the latest callback props, once each', async () => {
    const first = vi.fn();
    const second = vi.fn();
    const { server, order, rerender } = await awaitingBtc({ onSuccess: first });
    rerender(<CryptoCheckout chain="BTC" currency="BTC" onSuccess={second} />);
    server.set(order.orderId, 'paid');
    await advance(2000);
    rerender(<CryptoCheckout chain="BTC" currency="BTC" onSuccess={second} />);
    await advance(10_000);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('in StrictMode creates one order and fires each event once', async () => {
    const onStatusChange = vi.fn();
    const onSuccess = vi.fn();
    const { server, order } = await awaitingBtc({ onStatusChange, onSuccess }, true);
    expect(server.orders.size).toBe(1);
    server.set(order.orderId, 'paid');
    await advance(2000);
    expect(onStatusChange.mock.calls.map(([status]) => status)).toEqual(['awaiting_payment', 'paid']);
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });
});

describe('<CryptoCheckout> network activity', () => {
  it('stops every request and timer on unmount', async () => {
    const { server, unmount } = await awaitingBtc();
    await advance(4000);
    const before = server.requests.length;
    unmount();
    await advance(120_000);
    expect(server.requests.length).toBe(before);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('aborts an order creation still in flight on unmount', async () => {
    const server = fakeCheckoutServer();
    const release = server.hold();
    const { unmount } = renderCheckout(<CryptoCheckout chain="BTC" currency="BTC" />, { server });
    const [post] = server.requests;
    expect(post!.signal?.aborted).toBe(false);
    unmount();
    expect(post!.signal?.aborted).toBe(true);
    release();
    await advance(60_000);
    expect(server.requests).toHaveLength(1);
  });

  it('pauses polling while the tab is hidden and asks at once when it returns', async () => {
    const { server } = await awaitingBtc();
    await advance(2000);
    const before = server.count('GET');
    setVisibility('hidden');
    await advance(60_000);
    expect(server.count('GET')).toBe(before);
    setVisibility('visible');
    await advance();
    expect(server.count('GET')).toBe(before + 1);
  });
});
