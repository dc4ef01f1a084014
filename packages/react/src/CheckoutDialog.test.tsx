import { cleanup, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CheckoutDialog } from './CheckoutDialog.js';
import { CryptoCheckout } from './CryptoCheckout.js';
import { LightningInvoice } from './LightningInvoice.js';
import { START } from '@aurpay-kit/testing/checkout';
import { advance, renderCheckout } from './test-utils/renderCheckout.js';

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const checkout = <CryptoCheckout chain="BTC" currency="BTC" />;

describe('<CheckoutDialog>', () => {
  it('opens from its trigger, traps focus, closes on Escape and gives focus back', async () => {
    const onOpenChange = vi.fn();
    const { user, server } = renderCheckout(
      <CheckoutDialog trigger={<button type="button">Pay now</button>} onOpenChange={onOpenChange}>
        {checkout}
      </CheckoutDialog>,
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(server.requests).toHaveLength(0);
    const trigger = screen.getByRole('button', { name: 'Pay now' });
    await user.click(trigger);
    await advance();
    const dialog = screen.getByRole('dialog', { name: 'Checkout' });
    expect(onOpenChange).toHaveBeenLastCalledWith(true);
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(dialog.querySelector('.aurpay-checkout')?.getAttribute('data-state')).toBe('awaiting_payment');
    for (let i = 0; i < 12; i += 1) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    await user.tab({ shift: true });
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.keyboard('{Escape}');
    await advance();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(onOpenChange).toHaveBeenLastCalledWith(false);
    expect(document.activeElement).toBe(trigger);
  });

  it('without a trigger, gives focus back to what had it when the dialog opened', async () => {
    function Shop() {
      const [open, setOpen] = useState(false);
      return (
        <>
          <button type="button" onClick={() => setOpen(true)}>
            Checkout
          </button>
          <CheckoutDialog open={open} onOpenChange={setOpen}>
            {checkout}
          </CheckoutDialog>
        </>
      );
    }
    const { user } = renderCheckout(<Shop />);
    const opener = screen.getByRole('button', { name: 'Checkout' });
    await user.click(opener);
    await advance();
    const dialog = screen.getByRole('dialog');
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.keyboard('{Escape}');
    await advance();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('stops watching the order once closed', async () => {
    const { user, server } = renderCheckout(<CheckoutDialog defaultOpen>{checkout}</CheckoutDialog>);
    await advance(2000);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    await advance();
    expect(screen.queryByRole('dialog')).toBeNull();
    const count = server.requests.length;
    await advance(60_000);
    expect(server.requests.length).toBe(count);
  });

  it('is controlled by open and onOpenChange', async () => {
    const onOpenChange = vi.fn();
    const { user, rerender } = renderCheckout(
      <CheckoutDialog open onOpenChange={onOpenChange} title="Pay for order 42">
        {checkout}
      </CheckoutDialog>,
    );
    await advance();
    expect(screen.getByRole('dialog', { name: 'Pay for order 42' })).toBeTruthy();
    await user.keyboard('{Escape}');
    await advance();
    expect(onOpenChange).toHaveBeenCalledWith(false);
    expect(screen.getByRole('dialog')).toBeTruthy();
    rerender(
      <CheckoutDialog open={false} onOpenChange={onOpenChange}>
        {checkout}
      </CheckoutDialog>,
    );
    await advance();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('closes itself closeAfterSuccessMs after the payment succeeds', async () => {
    const onOpenChange = vi.fn();
    const onSuccess = vi.fn();
    const { server } = renderCheckout(
      <CheckoutDialog defaultOpen closeAfterSuccessMs={1500} onOpenChange={onOpenChange}>
        <LightningInvoice onSuccess={onSuccess} />
      </CheckoutDialog>,
    );
    await advance();
    server.set(server.last().orderId, 'paid');
    await advance(2000);
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('dialog').querySelector('.aurpay-checkout')?.getAttribute('data-state')).toBe('paid');
    await advance(1499);
    expect(screen.getByRole('dialog')).toBeTruthy();
    await advance(1);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(onOpenChange).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('asks a controlling parent to close after success', async () => {
    const onOpenChange = vi.fn();
    const { server } = renderCheckout(
      <CheckoutDialog open onOpenChange={onOpenChange} closeAfterSuccessMs={3000}>
        {checkout}
      </CheckoutDialog>,
    );
    await advance();
    server.set(server.last().orderId, 'paid');
    await advance(2000);
    await advance(3000);
    expect(onOpenChange).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('stays open on the receipt after success by default', async () => {
    const { server } = renderCheckout(<CheckoutDialog defaultOpen>{checkout}</CheckoutDialog>);
    await advance();
    server.set(server.last().orderId, 'paid');
    await advance(60_000);
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('themes its surface and passes native attributes through', async () => {
    renderCheckout(
      <CheckoutDialog defaultOpen className="shop-dialog" data-testid="pay-dialog">
        {checkout}
      </CheckoutDialog>,
      { provider: { theme: 'dark' } },
    );
    await advance();
    const dialog = screen.getByTestId('pay-dialog');
    expect(dialog.className).toBe('aurpay aurpay-dialog shop-dialog');
    expect(dialog.dataset.theme).toBe('dark');
  });

  it('leaves out the stylesheet hook when unstyled', async () => {
    renderCheckout(
      <CheckoutDialog defaultOpen unstyled>
        {checkout}
      </CheckoutDialog>,
    );
    await advance();
    expect(screen.getByRole('dialog').classList.contains('aurpay')).toBe(false);
  });
});
