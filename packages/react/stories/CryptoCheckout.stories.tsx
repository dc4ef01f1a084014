import type { CheckoutStatus } from '@aurpay-kit/core';
import { remainingAmount } from '@aurpay-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { CryptoCheckout } from '../src/index.js';
import { LiveCheckout } from './support/LiveCheckout.js';
import { announcementOf, expectPhase, headingOf, shown } from './support/storyChecks.js';
import { storyLocale } from './support/storyLocales.js';
import type { StoryFamily } from './support/storyOrders.js';
import { STORY_CURRENCIES, storyTxHash } from './support/storyOrders.js';

const meta = {
  title: 'Checkout/CryptoCheckout',
  component: CryptoCheckout,
  args: { onSuccess: fn(), onTimeout: fn(), onStatusChange: fn(), onError: fn(), onPaymentDetected: fn() },
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
        await expect(await canvas.findByRole('img', { name: /QR/ })).toBeInTheDocument();
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
        await expect(await canvas.findByRole('button', { name: storyLocale(globals.locale).messages.startAgain })).toBeEnabled();
      }
    },
  };
}

/** A story of an order between awaiting payment and paid, or after money arrived. */
function afterPayment(family: Exclude<StoryFamily, 'LIGHTNING'>, status: CheckoutStatus, extra: Partial<Story> = {}): Story {
  const { chain, currency, amount, partial } = STORY_CURRENCIES[family];
  const received = status === 'expired' ? 'part' : undefined;
  return {
    args: { chain, currency },
    parameters: { checkout: { status, received, confirmations: status === 'confirming' ? 2 : null } },
    play: async ({ canvasElement, args, globals }) => {
      const root = await expectPhase(canvasElement, status);
      const { messages, tag } = storyLocale(globals.locale);
      const canvas = within(root);
      const hash = storyTxHash(chain);
      await expect(announcementOf(root)).toContain(headingOf(root));
      if (status === 'detected' || status === 'confirming') {
        await expect(args.onPaymentDetected).toHaveBeenCalledTimes(1);
        await expect(args.onSuccess).not.toHaveBeenCalled();
        await expect(announcementOf(root)).toContain(shown(amount, tag));
        await expect(await canvas.findByRole('link', { name: new RegExp(hash.slice(0, 8)) })).toBeInTheDocument();
        await expect(canvas.queryByRole('img', { name: /QR/ })).toBeNull();
      }
      if (status === 'confirming') await expect(root).toHaveTextContent('2');
      if (status === 'overpaid') {
        await expect(args.onSuccess).toHaveBeenCalledTimes(1);
        await expect(announcementOf(root)).toContain(shown(partial, tag));
        await expect(await canvas.findByRole('link', { name: /Block & Bolt/ })).toHaveAttribute('href', 'mailto:help@blockandbolt.example');
      }
      if (status === 'expired') {
        await expect(args.onTimeout).toHaveBeenCalledTimes(1);
        await expect(announcementOf(root)).toContain(shown(partial, tag));
        await expect(await canvas.findByRole('link', { name: /Block & Bolt/ })).toHaveAttribute('href', 'mailto:help@blockandbolt.example');
        await expect(canvas.queryByRole('button', { name: messages.startAgain })).toBeNull();
      }
      if (status === 'paid') {
        await expect(args.onSuccess).toHaveBeenCalledTimes(1);
        const receipt = await waitFor(() => {
          const found = root.querySelector<HTMLElement>('.aurpay-receipt');
          if (!found) throw new Error('no receipt yet');
          return found;
        });
        await expect(within(receipt).getByRole('link', { name: new RegExp(hash.slice(0, 8)) })).toBeInTheDocument();
        await expect(canvas.getByRole('link', { name: 'See your order' })).toHaveAttribute('href', '#order');
      }
    },
    ...extra,
  };
}

const merchant = { merchant: { name: 'Block & Bolt' }, supportUrl: 'mailto:help@blockandbolt.example' };

/** A transaction for the order is on the network, not confirmed yet: no second payment is asked for. */
export const BtcDetected = afterPayment('BTC', 'detected');
export const BtcDetectedDark: Story = { ...BtcDetected, globals: { theme: 'dark' } };
/** The transaction is in a block; the gateway waits for more confirmations. */
export const EthConfirming = afterPayment('ETH', 'confirming');
export const EthConfirmingDark: Story = { ...EthConfirming, globals: { theme: 'dark' } };
/** More than the amount arrived: what, and who settles the difference. */
export const Erc20Overpaid = afterPayment('ERC20', 'overpaid', { args: { chain: 'ETH', currency: 'USDT-ERC20', ...merchant } });
export const Erc20OverpaidDark: Story = { ...Erc20Overpaid, globals: { theme: 'dark' } };
/** Part of the amount arrived, then the time ran out: what arrived and how to reach the shop, no new order. */
export const BtcExpiredAfterPartPayment = afterPayment('BTC', 'expired', { args: { chain: 'BTC', currency: 'BTC', ...merchant } });
export const BtcExpiredAfterPartPaymentDark: Story = { ...BtcExpiredAfterPartPayment, globals: { theme: 'dark' } };
/** Paid: the receipt with the transaction's explorer link, and the merchant's own slot under it. */
export const BtcReceipt = afterPayment('BTC', 'paid', {
  args: {
    chain: 'BTC',
    currency: 'BTC',
    ...merchant,
    receipt: () => (
      <a className="aurpay-button aurpay-primary" href="#order">
        See your order
      </a>
    ),
  },
});
export const BtcReceiptDark: Story = { ...BtcReceipt, globals: { theme: 'dark' } };

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

/** No `chain` / `currency`: the buyer picks from what the server offers (`GET /currencies`), grouped by network, with logos. */
export const Picker: Story = {
  play: async ({ canvasElement, globals }) => {
    const { idle } = storyLocale(globals.locale).messages;
    const group = await within(canvasElement).findByRole('group', { name: idle });
    await expect(within(group).getAllByRole('button')).toHaveLength(6);
    await expect(within(group).getByRole('group', { name: 'Ethereum' })).toBeInTheDocument();
    await waitFor(() => expect(group.querySelectorAll('.aurpay-logo svg').length).toBeGreaterThanOrEqual(6), { timeout: 5000 });
  },
};
export const PickerDark: Story = { ...Picker, globals: { theme: 'dark' } };

/** The merchant narrows and orders the list, and starts with a default; the buyer changes currency. */
export const PickerNarrowedWithDefault: Story = {
  args: { currencyOptions: { include: ['BTC', 'ETH', 'TRX'], order: ['TRX'], default: 'USDT-TRC20' }, ...merchant },
  play: async ({ canvasElement, globals }) => {
    const { changeCurrency, idle } = storyLocale(globals.locale).messages;
    const root = await expectPhase(canvasElement, 'awaiting_payment');
    await expect(root).toHaveTextContent('TCRafLRFQFQgka9sLx22ticvUZPUVdQQKe');
    await userEvent.click(within(root).getByRole('button', { name: changeCurrency }));
    const group = await within(canvasElement).findByRole('group', { name: idle });
    const networks = within(group)
      .getAllByRole('group')
      .map((g) => g.textContent);
    await expect(networks.map((text) => text?.split(/USDT|BTC|ETH/)[0])).toEqual(['Tron', 'Bitcoin', 'Ethereum']);
  },
};

/** What is being bought, above the payment: the merchant, a description and the lines. */
export const WithMerchantDetails: Story = {
  args: {
    chain: 'BTC',
    currency: 'BTC',
    merchant: { name: 'Block & Bolt' },
    description: 'Order for Ada Lovelace',
    lineItems: [
      { label: 'Lightning mug', quantity: 2, amount: '12.00', currency: 'USD' },
      { label: 'Node tee', amount: '6.50', currency: 'USD' },
    ],
  },
  play: async ({ canvasElement }) => {
    const root = await expectPhase(canvasElement, 'awaiting_payment');
    await expect(root.querySelector('.aurpay-summary')).toHaveTextContent('Lightning mug × 2');
  },
};
export const WithMerchantDetailsDark: Story = { ...WithMerchantDetails, globals: { theme: 'dark' } };

/** The currency's logo in the QR code's centre, which still scans. */
export const BtcQrLogo: Story = {
  ...BtcAwaitingPayment,
  args: { chain: 'BTC', currency: 'BTC', qrLogo: true },
};

/** With `unstyled`, the markup alone still reads in order: label, address, button. */
export const Unstyled: Story = {
  ...BtcAwaitingPayment,
  args: { chain: 'BTC', currency: 'BTC', unstyled: true },
};

/** The order could not be created: the gateway's reason in buyer words, a retry, and another currency. */
export const ErrorWithChangeCurrency: Story = {
  parameters: { checkout: { create: 'error' } },
  play: async ({ canvasElement, globals }) => {
    const { changeCurrency, idle } = storyLocale(globals.locale).messages;
    const group = await within(canvasElement).findByRole('group', { name: idle });
    await userEvent.click(within(group).getAllByRole('button')[0]!);
    const root = await expectPhase(canvasElement, 'error');
    await expect(within(root).getByRole('button', { name: changeCurrency })).toBeEnabled();
  },
};

/** Arabic, laid out right to left, with amounts in Latin digits and the address left to right. */
export const RtlArabic: Story = { ...BtcAwaitingPayment, globals: { locale: 'ar' } };
export const RtlArabicDark: Story = { ...BtcAwaitingPayment, globals: { locale: 'ar', theme: 'dark' } };
export const RtlHebrewPartiallyPaid: Story = { ...Erc20PartiallyPaid, globals: { locale: 'he' } };
export const RtlHebrewPartiallyPaidDark: Story = { ...Erc20PartiallyPaid, globals: { locale: 'he', theme: 'dark' } };
export const RtlArabicExpiredAfterPartPayment: Story = { ...BtcExpiredAfterPartPayment, globals: { locale: 'ar' } };
export const JapaneseReceipt: Story = { ...BtcReceipt, globals: { locale: 'ja' } };

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
