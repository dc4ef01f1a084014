import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { CheckoutDialog, CryptoCheckout, LightningInvoice, enMessages } from '../src/index.js';
import { expectPhase } from './support/storyChecks.js';
import { storyLocale } from './support/storyLocales.js';

const meta = {
  title: 'Checkout/CheckoutDialog',
  component: CheckoutDialog,
  args: {
    trigger: (
      <button type="button" className="story-trigger">
        Pay with crypto
      </button>
    ),
    children: <CryptoCheckout chain="BTC" currency="BTC" />,
  },
  parameters: { checkout: {} },
} satisfies Meta<typeof CheckoutDialog>;

export default meta;
type Story = StoryObj<typeof meta>;

// The dialog renders in a portal on document.body, outside the story's canvas.
const page = () => within(document.body);

export const Open: Story = {
  args: { defaultOpen: true },
  play: async ({ globals }) => {
    const dialog = await page().findByRole('dialog', { name: storyLocale(globals.locale).messages.title });
    await expectPhase(dialog, 'awaiting_payment');
    await waitFor(() => expect(dialog).toContainElement(document.activeElement as HTMLElement));
  },
};

export const Closed: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'Pay with crypto' })).toBeEnabled();
    await expect(page().queryByRole('dialog')).toBeNull();
  },
};

/** Keyboard only: Enter opens it, Tab stays inside, Escape closes it and focus goes back. */
export const Keyboard: Story = {
  play: async ({ canvasElement }) => {
    const trigger = within(canvasElement).getByRole('button', { name: 'Pay with crypto' });
    trigger.focus();
    await userEvent.keyboard('{Enter}');
    const dialog = await page().findByRole('dialog', { name: enMessages.title });
    await expectPhase(dialog, 'awaiting_payment');
    for (let i = 0; i < 8; i += 1) {
      await userEvent.tab();
      await expect(dialog).toContainElement(document.activeElement as HTMLElement);
    }
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(page().queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(trigger).toHaveFocus());
  },
};

export const OpenLightning: Story = {
  args: { defaultOpen: true, children: <LightningInvoice /> },
  play: Open.play,
};

export const OpenDark: Story = { ...Open, globals: { theme: 'dark' } };
export const OpenGerman: Story = { ...Open, globals: { locale: 'de' } };
