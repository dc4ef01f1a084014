import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { LightningInvoice } from '../src/index.js';
import type { FakeCheckoutServer } from '@aurpay-kit/testing/checkout';
import { announcementOf, expectPhase, headingOf, shown } from './support/storyChecks.js';
import { storyLocale } from './support/storyLocales.js';
import { EXAMPLE_INVOICE, STORY_CURRENCIES } from './support/storyOrders.js';

const meta = {
  title: 'Checkout/LightningInvoice',
  component: LightningInvoice,
  args: { onSuccess: fn(), onTimeout: fn(), onStatusChange: fn(), onError: fn(), onPaymentDetected: fn() },
  parameters: { checkout: {} },
} satisfies Meta<typeof LightningInvoice>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A browser wallet (WebLN) on `window` that pays through the story's fake server, or refuses. */
function withWallet({ loaded, parameters }: { loaded: Record<string, unknown>; parameters: Record<string, unknown> }) {
  const server = loaded.checkout as FakeCheckoutServer;
  const refuses = parameters.wallet === 'refuses';
  const settles = parameters.wallet !== 'sends';
  const wallet = {
    enable: fn(async () => undefined),
    sendPayment: fn(async (paymentRequest: string) => {
      if (refuses) throw new Error('User rejected the request');
      if (settles) server.payInvoice(paymentRequest);
      return { preimage: '00'.repeat(32) };
    }),
  };
  Object.assign(window, { webln: wallet });
  return () => {
    delete (window as { webln?: unknown }).webln;
  };
}

export const Awaiting: Story = {
  play: async ({ canvasElement, globals }) => {
    const root = await expectPhase(canvasElement, 'awaiting_payment');
    const canvas = within(root);
    const { tag, messages } = storyLocale(globals.locale);
    // In sats, as Lightning wallets show amounts.
    await expect(root).toHaveTextContent(`${shown('19044', tag)} ${messages.sats}`);
    await expect(canvas.getByRole('img', { name: /QR/ })).toBeInTheDocument();
    await expect(canvas.getByText(EXAMPLE_INVOICE)).toBeInTheDocument();
    await expect(canvas.getByRole('link')).toHaveAttribute('href', `lightning:${EXAMPLE_INVOICE}`);
    await expect(canvas.getByRole('timer')).toHaveTextContent('26:36');
  },
};

export const Paid: Story = {
  parameters: { checkout: { status: 'paid' } },
  play: async ({ canvasElement, args }) => {
    await expectPhase(canvasElement, 'paid');
    await expect(args.onSuccess).toHaveBeenCalledTimes(1);
  },
};

export const Expired: Story = {
  parameters: { checkout: { status: 'expired' } },
  play: async ({ canvasElement, args, globals }) => {
    const root = await expectPhase(canvasElement, 'expired');
    await expect(args.onTimeout).toHaveBeenCalledTimes(1);
    const { startAgain } = storyLocale(globals.locale).messages;
    await expect(within(root).getByRole('button', { name: startAgain })).toBeEnabled();
  },
};

/** The page has `window.webln` (Alby and other browser wallets): a "Pay with browser wallet" button. */
export const WeblnAvailable: Story = {
  beforeEach: withWallet,
  play: async ({ canvasElement, globals }) => {
    const root = await expectPhase(canvasElement, 'awaiting_payment');
    const { webln } = storyLocale(globals.locale).messages;
    await expect(await within(root).findByRole('button', { name: webln })).toBeEnabled();
  },
};

/** The browser wallet pays; the checkout shows paid only once the server says so. */
export const WeblnPays: Story = {
  beforeEach: withWallet,
  play: async ({ canvasElement, args, globals }) => {
    const root = await expectPhase(canvasElement, 'awaiting_payment');
    const { webln } = storyLocale(globals.locale).messages;
    await userEvent.click(await within(root).findByRole('button', { name: webln }));
    await expectPhase(canvasElement, 'paid');
    await expect(args.onSuccess).toHaveBeenCalledTimes(1);
  },
};

/** An invoice made elsewhere, given as `paymentRequest`: decoded for its amount and expiry. */
export const FromPaymentRequest: Story = {
  args: { paymentRequest: EXAMPLE_INVOICE, unit: 'BTC' },
  play: async ({ canvasElement }) => {
    const root = await expectPhase(canvasElement, 'awaiting_payment');
    await waitFor(() => expect(root).toHaveTextContent('0.00019044 BTC'));
  },
};

/** `unit="BTC"` shows the amount in bitcoin instead of sats. */
export const AwaitingInBtc: Story = {
  args: { unit: 'BTC' },
  play: async ({ canvasElement, globals }) => {
    const root = await expectPhase(canvasElement, 'awaiting_payment');
    await expect(root).toHaveTextContent(shown(STORY_CURRENCIES.LIGHTNING.amount, storyLocale(globals.locale).tag));
  },
};

/** The browser wallet sent the payment; the server has not confirmed it yet: sent, waiting, no second payment. */
export const WeblnSent: Story = {
  beforeEach: withWallet,
  parameters: { wallet: 'sends' },
  play: async ({ canvasElement, args, globals }) => {
    const root = await expectPhase(canvasElement, 'awaiting_payment');
    const { webln, sent, sats } = storyLocale(globals.locale).messages;
    await userEvent.click(await within(root).findByRole('button', { name: webln }));
    await expectPhase(canvasElement, 'detected');
    await expect(headingOf(root)).toBe(sent);
    await expect(announcementOf(root)).toContain(sats);
    await expect(args.onPaymentDetected).toHaveBeenCalledTimes(1);
    await expect(args.onSuccess).not.toHaveBeenCalled();
  },
};
export const WeblnSentDark: Story = { ...WeblnSent, globals: { theme: 'dark' } };

/** The buyer declined in the wallet: it says so, and the invoice stays payable. */
export const WeblnRejected: Story = {
  beforeEach: withWallet,
  parameters: { wallet: 'refuses' },
  play: async ({ canvasElement, globals }) => {
    const root = await expectPhase(canvasElement, 'awaiting_payment');
    const { webln, weblnRejected } = storyLocale(globals.locale).messages;
    await userEvent.click(await within(root).findByRole('button', { name: webln }));
    await expect(await within(root).findByRole('alert')).toHaveTextContent(weblnRejected);
    await expectPhase(canvasElement, 'awaiting_payment');
  },
};

/** Amounts in sats, the default unit, with the logo in the QR code's centre. */
export const Sats: Story = { ...Awaiting, args: { qrLogo: true } };
export const SatsDark: Story = { ...Sats, globals: { theme: 'dark' } };
export const RtlHebrew: Story = { ...Awaiting, globals: { locale: 'he' } };
export const RtlHebrewDark: Story = { ...Awaiting, globals: { locale: 'he', theme: 'dark' } };

export const AwaitingDark: Story = { ...Awaiting, globals: { theme: 'dark' } };
export const AwaitingGerman: Story = { ...Awaiting, globals: { locale: 'de' } };
export const PaidSpanishDark: Story = { ...Paid, globals: { locale: 'es', theme: 'dark' } };
