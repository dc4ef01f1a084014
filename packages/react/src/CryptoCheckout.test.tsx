import { paymentLink } from '@aurpay-kit/core';
import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CryptoCheckout } from './CryptoCheckout.js';
import { fakeCheckoutServer } from '@aurpay-kit/testing/checkout';
import { ADDRESSES, START, cryptoOrder } from '@aurpay-kit/testing/checkout';
import { advance, qrPaths, renderCheckout, renderedQrPaths } from './test-utils/renderCheckout.js';

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const root = (container: HTMLElement) => container.querySelector('.aurpay-checkout') as HTMLElement;
const statusText = (container: HTMLElement) => container.querySelector('.aurpay-heading')?.textContent;

describe('<CryptoCheckout> creating an order', () => {
  it('creates the order through the router and shows amount, network warning, QR, address and countdown', async () => {
    const onStatusChange = vi.fn();
    const { container, server } = renderCheckout(
      <CryptoCheckout chain="ETH" currency="USDT-ERC20" orderFields={{ cartId: 'c1' }} onStatusChange={onStatusChange} />,
    );
    expect(root(container).dataset.state).toBe('loading');
    expect(statusText(container)).toBe('Preparing payment…');
    await advance();

    const [post] = server.requests;
    expect(post).toMatchObject({
      method: 'POST',
      path: '/orders',
      body: { cartId: 'c1', kind: 'crypto', chain: 'ETH', currency: 'USDT-ERC20' },
      headers: { 'content-type': 'application/json' },
    });
    expect(post!.headers['idempotency-key']).toMatch(/^[\w-]{16,}$/);
    expect(root(container).dataset.state).toBe('awaiting_payment');
    expect(statusText(container)).toBe('Awaiting payment');
    expect(screen.getByText('18.0098 USDT')).toHaveProperty('dataset.state', 'awaiting_payment');
    expect(screen.getByText('$18.00')).toBeTruthy();
    expect(screen.getByRole('note').textContent).toBe('Send only USDT on Ethereum (ERC-20): anything else may be lost.');
    // A token's QR code is the plain address: wallets misread EIP-681 transfer codes.
    expect(screen.getByRole('img', { name: 'QR code to pay 18.0098 USDT' })).toBeTruthy();
    expect(renderedQrPaths(container)).toEqual(qrPaths(ADDRESSES.ETH!));
    expect(container.querySelector('.aurpay-address code')?.textContent).toBe(ADDRESSES.ETH);
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByRole('timer', { name: 'Time left' }).textContent).toContain('30:00');
    await advance(61_000);
    expect(screen.getByRole('timer').textContent).toContain('28:59');
    expect(onStatusChange).toHaveBeenCalledTimes(1);
    expect(onStatusChange).toHaveBeenCalledWith(
      'awaiting_payment',
      expect.objectContaining({ orderId: server.last().orderId, address: ADDRESSES.ETH }),
    );
  });

  it('follows the status with the order’s token', async () => {
    const { server } = renderCheckout(<CryptoCheckout chain="BTC" currency="BTC" />);
    await advance();
    const { orderId, statusToken } = server.last();
    await advance(2000);
    const get = server.requests.find((r) => r.method === 'GET');
    expect(get).toMatchObject({ path: `/orders/${orderId}`, headers: { 'x-status-token': statusToken } });
  });

  it('offers a BIP21 wallet link and QR code for bitcoin', async () => {
    const { container, server } = renderCheckout(<CryptoCheckout chain="BTC" currency="BTC" />);
    await advance();
    const order = server.last();
    expect(screen.getByRole('link', { name: 'Open in wallet' }).getAttribute('href')).toBe(`bitcoin:${ADDRESSES.BTC}?amount=0.00125`);
    expect(renderedQrPaths(container)).toEqual(qrPaths(order.qrValue));
    expect(order.qrValue).toBe(`bitcoin:${ADDRESSES.BTC!.toUpperCase()}?amount=0.00125`);
  });

  it('copies the address and the amount and announces it', async () => {
    const { user, container } = renderCheckout(<CryptoCheckout chain="BTC" currency="BTC" />);
    const write = vi.spyOn(navigator.clipboard, 'writeText');
    await advance();
    const copyAddress = screen.getByRole('button', { name: 'Copy address' });
    await user.click(copyAddress);
    await advance();
    expect(write).toHaveBeenLastCalledWith(ADDRESSES.BTC);
    expect(copyAddress.dataset.state).toBe('copied');
    const regions = [...container.querySelectorAll('.aurpay-sr[role="status"]')].map((r) => r.textContent);
    expect(regions).toContain('Copied');
    await advance(2000);
    expect(copyAddress.dataset.state).toBe('idle');
    await user.click(screen.getByRole('button', { name: 'Copy amount' }));
    await advance();
    expect(write).toHaveBeenLastCalledWith('0.00125');
  });

  it('lets the buyer choose among the server’s currencies, Lightning aside', async () => {
    const { server, user, container } = renderCheckout(<CryptoCheckout />);
    expect(root(container).dataset.state).toBe('loading');
    await advance();
    expect(root(container).dataset.state).toBe('idle');
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/currencies' });
    const group = screen.getByRole('group', { name: 'Choose how to pay' });
    const choices = [...group.querySelectorAll('button')].map((b) => b.textContent);
    expect(choices).toEqual(['BTC Bitcoin', 'USDT Ethereum (ERC-20)', 'USDT Tron (TRC-20)']);
    await user.click(screen.getByRole('button', { name: 'USDT Tron (TRC-20)' }));
    await advance();
    expect(server.requests.find((r) => r.method === 'POST')).toMatchObject({
      body: { kind: 'crypto', chain: 'TRX', currency: 'USDT-TRC20' },
    });
    expect(root(container).dataset.state).toBe('awaiting_payment');
    expect(screen.getByRole('note').textContent).toContain('USDT on Tron (TRC-20)');
  });

  it('shows a failed currency list as an error with a retry that works', async () => {
    const onError = vi.fn();
    const server = fakeCheckoutServer();
    server.fail('GET', /^\/currencies$/, 502, 'gateway_error');
    const { user, container } = renderCheckout(<CryptoCheckout onError={onError} />, { server });
    await advance();
    expect(root(container).dataset.state).toBe('error');
    expect(statusText(container)).toBe('Something went wrong');
    expect(onError).toHaveBeenCalledWith({ code: 'gateway_error', message: 'Injected gateway_error.' });
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await advance();
    expect(screen.getByRole('button', { name: 'BTC Bitcoin' })).toBeTruthy();
  });

  it('encodes what qrFormat asks for, where it applies', async () => {
    const { container, server } = renderCheckout(<CryptoCheckout chain="ETH" currency="USDT-ERC20" qrFormat="token-transfer" />);
    await advance();
    const order = server.last();
    const transfer = paymentLink(order as Required<typeof order> & { address: string }, { qrFormat: 'token-transfer' });
    expect(transfer.qrValue).toMatch(/^ethereum:0xdAC17F958D2ee523a2206206994597C13D831ec7@1\/transfer\?/);
    expect(renderedQrPaths(container)).toEqual(qrPaths(transfer.qrValue));
    expect(screen.getByRole('link', { name: 'Open in wallet' }).getAttribute('href')).toBe(transfer.uri);
  });

  it('keeps the server’s QR code when the asked format does not apply to the currency', async () => {
    const { container, server } = renderCheckout(<CryptoCheckout chain="BTC" currency="BTC" qrFormat="token-transfer" />);
    await advance();
    expect(renderedQrPaths(container)).toEqual(qrPaths(server.last().qrValue));
  });
});

describe('<CryptoCheckout> showing an order made elsewhere', () => {
  it('renders a given order at once, creates nothing, and follows it', async () => {
    const onStatusChange = vi.fn();
    const server = fakeCheckoutServer();
    const order = server.add(cryptoOrder({ orderId: '77777777777777777777' }));
    renderCheckout(<CryptoCheckout order={order} onStatusChange={onStatusChange} />, { server });
    expect(screen.getByText('0.00125 BTC')).toBeTruthy();
    await advance(2000);
    expect(server.count('POST')).toBe(0);
    expect(server.count('GET', '/orders/77777777777777777777')).toBe(1);
    expect(onStatusChange).toHaveBeenCalledTimes(1);
  });

  it('loads an order known by id and token', async () => {
    const server = fakeCheckoutServer();
    const order = server.add(cryptoOrder({ orderId: '88888888888888888888' }));
    const { container } = renderCheckout(<CryptoCheckout orderId={order.orderId} statusToken={order.statusToken} />, {
      server,
    });
    expect(root(container).dataset.state).toBe('loading');
    await advance();
    expect(root(container).dataset.state).toBe('awaiting_payment');
    expect(screen.getByText('0.00125 BTC')).toBeTruthy();
  });

  it('shows a rejected token as an error, with a retry', async () => {
    const onError = vi.fn();
    const server = fakeCheckoutServer();
    const order = server.add(cryptoOrder({ orderId: '99999999999999999999' }));
    const { container, user } = renderCheckout(<CryptoCheckout orderId={order.orderId} statusToken="forged" onError={onError} />, {
      server,
    });
    await advance(60_000);
    expect(root(container).dataset.state).toBe('error');
    expect(server.count('GET')).toBe(1);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith({ code: 'status_token_invalid', message: 'Bad token.' });
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await advance();
    expect(server.count('GET')).toBe(2);
    expect(onError).toHaveBeenCalledTimes(2);
  });
});
