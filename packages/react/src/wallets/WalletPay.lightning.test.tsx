import { cleanup, screen } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CryptoCheckout } from '../CryptoCheckout.js';
import { LightningInvoice } from '../LightningInvoice.js';
import { fakeCheckoutServer } from '@aurpay-kit/testing/checkout';
import { START, cryptoOrder, lightningOrder } from '@aurpay-kit/testing/checkout';
import { advance, renderCheckout } from '../test-utils/renderCheckout.js';
import type { TronLinkLike } from './payWithTronLink.js';

const loadWallets = () => import('./index.js');

beforeEach(() => {
  vi.useFakeTimers({ now: START });
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});
afterEach(() => {
  cleanup();
  delete (window as { webln?: unknown; tronLink?: unknown }).webln;
  delete (window as { tronLink?: unknown }).tronLink;
  vi.useRealTimers();
});

async function violations(context: Element): Promise<string[]> {
  vi.useRealTimers();
  const results = await axe.run(context, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    rules: {
      'color-contrast': { enabled: false },
      region: { enabled: false },
      'page-has-heading-one': { enabled: false },
      'landmark-one-main': { enabled: false },
    },
  });
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`);
}

async function lightningWithWallets(orderId: string) {
  const order = lightningOrder({ orderId });
  const server = fakeCheckoutServer();
  server.add(order);
  const rendered = renderCheckout(<LightningInvoice order={order} />, { server, provider: { wallets: loadWallets } });
  await advance();
  await advance();
  return rendered;
}

describe('<LightningInvoice> with the wallets entry', () => {
  it('offers WebLN and Nostr Wallet Connect in place of the base WebLN button', async () => {
    Object.assign(window, { webln: { enable: async () => undefined, sendPayment: async () => ({ preimage: '00'.repeat(32) }) } });
    const { container } = await lightningWithWallets('20240428125136990101');
    expect(screen.getAllByRole('button', { name: 'Pay with browser wallet' })).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Connect a wallet (Nostr Wallet Connect)' })).toBeTruthy();
    expect(await violations(container)).toEqual([]);
  });

  it('offers Nostr Wallet Connect without a browser wallet; a string that is not a connection is refused', async () => {
    const { user, container } = await lightningWithWallets('20240428125136990102');
    await user.click(screen.getByRole('button', { name: 'Connect a wallet (Nostr Wallet Connect)' }));
    const field = screen.getByLabelText('Wallet connection string');
    expect(field.getAttribute('autocomplete')).toBe('off');
    await user.type(field, 'https://not-a-wallet.example');
    await user.click(screen.getByRole('button', { name: 'Pay with this wallet' }));
    await advance();
    await advance();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('That is not a wallet connection string. It starts with nostr+walletconnect://');
    expect(alert.dataset.code).toBe('connection_invalid');
    expect(container.querySelector('.aurpay-checkout')?.getAttribute('data-state')).toBe('awaiting_payment');
    expect(await violations(container)).toEqual([]);
  });
});

describe('<CryptoCheckout> with the wallets entry, TRC-20', () => {
  it('offers TronLink where the page has it, and nothing where it has not', async () => {
    const order = cryptoOrder({
      orderId: '20240428125136990103',
      chain: 'TRX',
      currency: 'USDT-TRC20',
      contractAddress: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
    });
    const server = fakeCheckoutServer();
    server.add(order);
    renderCheckout(<CryptoCheckout order={order} />, { server, provider: { wallets: loadWallets } });
    await advance();
    await advance();
    expect(screen.queryByRole('button', { name: 'Pay with TronLink' })).toBeNull();
    cleanup();

    const tronLink: TronLinkLike = { request: async () => ({ code: 200 }) };
    Object.assign(window, { tronLink });
    renderCheckout(<CryptoCheckout order={order} />, { server, provider: { wallets: loadWallets } });
    await advance();
    await advance();
    expect(screen.getByRole('button', { name: 'Pay with TronLink' })).toBeTruthy();
  });
});
