import type { CheckoutStatus } from '@aurpay-kit/core';
import { remainingAmount } from '@aurpay-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, within } from 'storybook/test';
import { CryptoCheckout } from '../src/index.js';
import { LiveCheckout } from './support/LiveCheckout.js';
import { expectPhase, shown } from './support/storyChecks.js';
import { storyLocale } from './support/storyLocales.js';
import type { StoryFamily } from './support/storyOrders.js';
import { STORY_CURRENCIES } from './support/storyOrders.js';

const meta = {
  title: 'Checkout/CryptoCheckout',
  component: CryptoCheckout,
  args: { onSuccess: fn(), onTimeout: fn(), onStatusChange: fn(), onError: fn() },
  parameters: { checkout: {} },
} satisfies Meta<typeof CryptoCheckout>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A story of one currency family with its order in one status, and the checks that prove it. */
function inStatus(family: Exclude<StoryFamily, 'LIGHTNING'>, status: CheckoutStatus): Story {
  const { chain, currency, address, amount, partial } = STORY_CURRENCIES[family];
  return {
    args: { chain, currency },
    parameters: { checkout: { status } },
    play: async ({ canvasElement, args, globals }) => {
      const root = await expectPhase(canvasElement, status);
      const canvas = within(root);
      const locale = storyLocale(globals.locale).tag;
      if (status === 'awaiting_payment' || status === 'partially_paid') {
        await expect(canvas.getByRole('img', { name: /QR/ })).toBeInTheDocument();
        await expect(canvas.getByText(address)).toBeInTheDocument();
        await expect(canvas.getByRole('timer')).toBeInTheDocument();
      }
      if (status === 'awaiting_payment') await expect(root).toHaveTextContent(shown(amount, locale));
      if (status === 'partially_paid') {
        await expect(root).toHaveTextContent(shown(remainingAmount(amount, partial), locale));
      }
      if (status === 'paid') await expect(args.onSuccess).toHaveBeenCalledTimes(1);
      if (status === 'expired') {
        await expect(args.onTimeout).toHaveBeenCalledTimes(1);
        await expect(canvas.getByRole('button', { name: storyLocale(globals.locale).messages.startAgain })).toBeEnabled();
      }
    },
  };
}

export const BtcAwaitingPayment = inStatus('BTC', 'awaiting_payment');
export const BtcPartiallyPaid = inStatus('BTC', 'partially_paid');
export const BtcPaid = inStatus('BTC', 'paid');
export const BtcExpired = inStatus('BTC', 'expired');
export const BtcFailed = inStatus('BTC', 'failed');

export const LtcAwaitingPayment = inStatus('LTC', 'awaiting_payment');
export const LtcPartiallyPaid = inStatus('LTC', 'partially_paid');
export const LtcPaid = inStatus('LTC', 'paid');
export const LtcExpired = inStatus('LTC', 'expired');
export const LtcFailed = inStatus('LTC', 'failed');

export const EthAwaitingPayment = inStatus('ETH', 'awaiting_payment');
export const EthPartiallyPaid = inStatus('ETH', 'partially_paid');
export const EthPaid = inStatus('ETH', 'paid');
export const EthExpired = inStatus('ETH', 'expired');
export const EthFailed = inStatus('ETH', 'failed');

export const Erc20AwaitingPayment = inStatus('ERC20', 'awaiting_payment');
export const Erc20PartiallyPaid = inStatus('ERC20', 'partially_paid');
export const Erc20Paid = inStatus('ERC20', 'paid');
export const Erc20Expired = inStatus('ERC20', 'expired');
export const Erc20Failed = inStatus('ERC20', 'failed');

export const BnbAwaitingPayment = inStatus('BNB', 'awaiting_payment');
export const BnbPartiallyPaid = inStatus('BNB', 'partially_paid');
export const BnbPaid = inStatus('BNB', 'paid');
export const BnbExpired = inStatus('BNB', 'expired');
export const BnbFailed = inStatus('BNB', 'failed');

export const Trc20AwaitingPayment = inStatus('TRC20', 'awaiting_payment');
export const Trc20PartiallyPaid = inStatus('TRC20', 'partially_paid');
export const Trc20Paid = inStatus('TRC20', 'paid');
export const Trc20Expired = inStatus('TRC20', 'expired');
export const Trc20Failed = inStatus('TRC20', 'failed');

/** The order could not be created (the gateway is down): the message and a retry. */
export const ErrorWithRetry: Story = {
  args: { chain: 'BTC', currency: 'BTC' },
  parameters: { checkout: { create: 'error' } },
  play: async ({ canvasElement, args, globals }) => {
    const root = await expectPhase(canvasElement, 'error');
    const { retry } = storyLocale(globals.locale).messages;
    await expect(within(root).getByRole('button', { name: retry })).toBeEnabled();
    await expect(args.onError).toHaveBeenCalledTimes(1);
  },
};

/** The order is being created: the server has not answered yet. */
export const Loading: Story = {
  args: { chain: 'BTC', currency: 'BTC' },
  parameters: { checkout: { create: 'pending' } },
  play: async ({ canvasElement }) => {
    const root = await expectPhase(canvasElement, 'loading');
    await expect(root).toHaveAttribute('aria-busy', 'true');
  },
};

/** No `chain` / `currency`: the buyer picks from what the server offers (`GET /currencies`). */
export const Picker: Story = {
  play: async ({ canvasElement, globals }) => {
    const { idle } = storyLocale(globals.locale).messages;
    const group = await within(canvasElement).findByRole('group', { name: idle });
    await expect(within(group).getAllByRole('button')).toHaveLength(6);
  },
};

export const BtcAwaitingPaymentDark: Story = { ...BtcAwaitingPayment, globals: { theme: 'dark' } };
export const Erc20PartiallyPaidDark: Story = { ...Erc20PartiallyPaid, globals: { theme: 'dark' } };
export const EthAwaitingPaymentGerman: Story = { ...EthAwaitingPayment, globals: { locale: 'de' } };
export const Erc20PartiallyPaidGerman: Story = { ...Erc20PartiallyPaid, globals: { locale: 'de' } };
export const Trc20AwaitingPaymentSpanish: Story = { ...Trc20AwaitingPayment, globals: { locale: 'es' } };
export const LtcExpiredSpanishDark: Story = { ...LtcExpired, globals: { locale: 'es', theme: 'dark' } };

/**
 * Against the sandbox, for real: run `pnpm start` (the example shop on http://localhost:3000,
 * which Storybook's dev server proxies under /api; `SHOP_URL` points it elsewhere), pick a
 * currency, then use the buttons, which call the shop's sandbox control routes, to pay in part,
 * pay in full or expire the order. Not in the static build, which has no proxy.
 */
export const LiveSandbox: Story = {
  parameters: {
    checkout: undefined,
    clock: false,
    live: { endpoint: '/api/pay', controlUrl: '/api/sandbox', cartUrl: '/api/carts' },
  },
  render: (args, { parameters, globals }) => (
    <LiveCheckout {...(parameters.live as { endpoint: string; controlUrl: string; cartUrl: string | null })} globals={globals} {...args} />
  ),
};
