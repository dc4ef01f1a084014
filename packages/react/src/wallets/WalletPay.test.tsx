import { cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeFunctionData, erc20Abi } from 'viem';
import type { FakeWalletBehaviour } from '@aurpay-kit/testing/wallets';
import { fakeEip1193Provider } from '@aurpay-kit/testing/wallets';
import { CryptoCheckout } from '../CryptoCheckout.js';
import { fakeCheckoutServer } from '@aurpay-kit/testing/checkout';
import { ADDRESSES, START, cryptoOrder } from '@aurpay-kit/testing/checkout';
import { advance, renderCheckout } from '../test-utils/renderCheckout.js';
import { refreshEvmWallets } from './useEvmWallets.js';

const loadWallets = () => import('./index.js');
const USDT = '0xdAC17F958D2ee523a2206206994597C13D831ec7';
let serial = 0;
const removals: (() => void)[] = [];

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});
afterEach(() => {
  cleanup();
  removals.splice(0).forEach((remove) => remove());
  delete (window as { ethereum?: unknown }).ethereum;
  refreshEvmWallets();
  vi.useRealTimers();
});

/** A USDT order on screen (a new order id each time), with the wallet buttons and the given wallets. */
async function checkoutWith(wallets: { name: string; behaviour?: FakeWalletBehaviour }[], overrides = {}) {
  const fakes = wallets.map(({ name, behaviour }) => {
    const wallet = fakeEip1193Provider(behaviour);
    removals.push(wallet.announce(name));
    return wallet;
  });
  refreshEvmWallets();
  serial += 1;
  const order = cryptoOrder({
    orderId: `2024042812513699${String(serial).padStart(4, '0')}`,
    chain: 'ETH',
    currency: 'USDT-ERC20',
    contractAddress: USDT,
    ...overrides,
  });
  const server = fakeCheckoutServer();
  server.add(order);
  const onPaymentDetected = vi.fn();
  const rendered = renderCheckout(<CryptoCheckout order={order} onPaymentDetected={onPaymentDetected} />, {
    server,
    provider: { wallets: loadWallets },
  });
  await advance();
  await advance();
  return { ...rendered, order, fakes, onPaymentDetected };
}

const state = (container: HTMLElement) => (container.querySelector('.aurpay-checkout') as HTMLElement).dataset.state;

describe('<CryptoCheckout> with the wallets entry', () => {
  it('offers each EIP-6963 wallet; the one chosen sends the exact transfer once, and the checkout shows it detected', async () => {
    const { container, fakes, onPaymentDetected, order } = await checkoutWith([{ name: 'Alpha Wallet' }, { name: 'Beta Wallet' }]);
    expect(screen.getByRole('group', { name: 'Or pay from a wallet in this browser' })).toBeTruthy();
    const beta = screen.getByRole('button', { name: 'Pay with Beta Wallet' });
    expect(screen.getByRole('button', { name: 'Pay with Alpha Wallet' })).toBeTruthy();

    // Two clicks in one task: the second finds the payment on its way and does nothing.
    beta.click();
    beta.click();
    await advance();
    await advance();
    expect(fakes[0]!.sent).toHaveLength(0);
    expect(fakes[1]!.sent).toHaveLength(1);
    const call = decodeFunctionData({ abi: erc20Abi, data: fakes[1]!.sent[0]!.data as `0x${string}` });
    expect(call.args).toEqual([ADDRESSES.ETH, 18_009_800n]);
    expect(state(container)).toBe('detected');
    expect(onPaymentDetected).toHaveBeenCalledTimes(1);
    expect(onPaymentDetected.mock.calls[0]![0]).toMatchObject({ orderId: order.orderId, status: 'detected' });
  });

  it('falls back to window.ethereum, and shows each step while the wallet works', async () => {
    const wallet = fakeEip1193Provider({ chainId: 137, switchChain: 'pending' });
    Object.assign(window, { ethereum: wallet.provider });
    const { container } = await checkoutWith([]);
    screen.getByRole('button', { name: 'Pay with browser wallet' }).click();
    await advance();
    expect(container.querySelector('.aurpay-wallets [role="status"]')?.textContent).toBe('Switch browser wallet to Ethereum to pay.');
    expect((screen.getByRole('button', { name: 'Pay with browser wallet' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it.each([
    ['rejected', { send: 'reject' }, 'You declined in Gamma. Nothing was sent.'],
    ['wrong_chain', { chainId: 137, switchChain: 'reject' }, 'Gamma is on another network. Switch it to Ethereum and try again.'],
    ['insufficient_funds', { tokenBalance: 1n }, 'There is not enough USDT in Gamma for this payment, fees included.'],
    ['token_unsupported', { tokenBalance: null }, 'Gamma cannot send USDT on Ethereum.'],
  ] as const)('says why nothing went out (%s), and lets the buyer try again', async (code, behaviour, text) => {
    const { container, fakes } = await checkoutWith([{ name: 'Gamma', behaviour }]);
    screen.getByRole('button', { name: 'Pay with Gamma' }).click();
    await advance();
    await advance();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe(text);
    expect(alert.dataset.code).toBe(code);
    expect(fakes[0]!.sent).toHaveLength(0);
    expect(state(container)).toBe('awaiting_payment');
    expect((screen.getByRole('button', { name: 'Pay with Gamma' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('offers no wallet button without a wallet, nor for BTC', async () => {
    await checkoutWith([]);
    expect(screen.queryByRole('group', { name: /wallet/ })).toBeNull();
    cleanup();
    await checkoutWith([{ name: 'Delta' }], {
      chain: 'BTC',
      currency: 'BTC',
      address: ADDRESSES.BTC,
      contractAddress: null,
      amount: '0.00125',
      remainingAmount: '0.00125',
    });
    expect(screen.queryByRole('button', { name: 'Pay with Delta' })).toBeNull();
  });
});
