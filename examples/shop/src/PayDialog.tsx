import type { CheckoutDetails } from '@aurpay-kit/react';
import { CheckoutDialog, CryptoCheckout, LightningInvoice } from '@aurpay-kit/react';
import { useRef, useState } from 'react';
import { SandboxPanel } from './SandboxPanel.js';
import { shopApi } from './shopApi.js';

export interface PayDialogProps {
  kind: 'crypto' | 'lightning';
  /** What the buyer is paying for; saved as a server-side cart when the dialog opens. */
  items: { productId: string; quantity: number }[];
  /** Shows the sandbox controls under the checkout. */
  sandbox: boolean;
  /** The payment succeeded and the dialog closed itself. */
  onPaid: (cartId: string) => void;
}

/**
 * A "Pay with …" button and its checkout dialog. Opening it saves the cart on the server, whose
 * id is all the checkout sends: the router prices the order from that cart (`priceFor`).
 */
export function PayDialog({ kind, items, sandbox, onPaid }: PayDialogProps) {
  const [open, setOpen] = useState(false);
  const [cart, setCart] = useState<{ id: string } | { problem: string } | null>(null);
  const [order, setOrder] = useState<CheckoutDetails | null>(null);
  const [paid, setPaid] = useState(false);
  // Counts openings, so a cart saved for an earlier opening is not shown in a later one.
  const opening = useRef(0);
  const label = kind === 'crypto' ? 'Pay with crypto' : 'Pay with Lightning';

  const openChange = (next: boolean) => {
    setOpen(next);
    const current = ++opening.current;
    if (next) {
      setPaid(false);
      shopApi.createCart(items).then(
        (saved) => current === opening.current && setCart({ id: saved.id }),
        (error: Error) => current === opening.current && setCart({ problem: error.message }),
      );
      return;
    }
    if (paid && cart && 'id' in cart) onPaid(cart.id);
    setCart(null);
    setOrder(null);
  };
  const checkout = cart && 'id' in cart && {
    orderFields: { cartId: cart.id },
    onStatusChange: (_status: string, latest: CheckoutDetails) => setOrder(latest),
    // Only moves the buyer along. The order is fulfilled on the server, in onPaid
    // (server/checkoutRouter.ts), which does not depend on this page staying open.
    onSuccess: () => setPaid(true),
  };

  return (
    <CheckoutDialog
      open={open}
      onOpenChange={openChange}
      closeAfterSuccessMs={1500}
      title={label}
      trigger={
        <button type="button" className="button primary">
          {label}
        </button>
      }
    >
      {!cart && <p className="notice">Preparing your order…</p>}
      {cart && 'problem' in cart && <p role="alert">{cart.problem}</p>}
      {checkout && (kind === 'crypto' ? <CryptoCheckout {...checkout} /> : <LightningInvoice {...checkout} />)}
      {checkout && sandbox && <SandboxPanel order={order} />}
    </CheckoutDialog>
  );
}
