import type { CheckoutOrder } from '@aurpay-kit/core';
import type { CheckoutDetails, LineItem } from '@aurpay-kit/react';
import { CheckoutDialog, CryptoCheckout, LightningInvoice } from '@aurpay-kit/react';
import { useRef, useState } from 'react';
import { SandboxPanel } from './SandboxPanel.js';
import { shopApi } from './shopApi.js';

export interface PayDialogProps {
  kind: 'crypto' | 'lightning';
  /** What the buyer is paying for; saved as a server-side cart when the dialog first opens. */
  items: { productId: string; quantity: number }[];
  /** The same lines as the buyer reads them, shown above the payment. */
  lineItems: LineItem[];
  /** Shows the sandbox controls under the checkout. */
  sandbox: boolean;
  /** The payment succeeded and the buyer went on to the receipt. */
  onPaid: (cartId: string) => void;
}

/** The shop, as the checkout names it, and where a buyer with a problem payment writes. */
export const MERCHANT = { name: 'Block & Bolt' };
export const SUPPORT_URL = 'mailto:help@blockandbolt.example';

/** An order the checkout created (it carries its status token), which the checkout can show again. */
const created = (order: CheckoutDetails | null): order is CheckoutOrder =>
  typeof order?.statusToken === 'string' && typeof order.qrValue === 'string';

/**
 * A "Pay with …" button and its checkout dialog. Opening it saves the cart on the server, whose
 * id is all the checkout sends: the router prices the order from that cart (`priceFor`). Closing
 * the dialog keeps the cart and its order: opening it again shows the same order where it stands,
 * unless the basket changed in between.
 */
export function PayDialog({ kind, items, lineItems, sandbox, onPaid }: PayDialogProps) {
  const basket = JSON.stringify(items);
  const [open, setOpen] = useState(false);
  const [cart, setCart] = useState<{ id: string; basket: string } | { problem: string } | null>(null);
  // The latest the checkout said about its order: for the sandbox panel, and to resume it.
  const [order, setOrder] = useState<CheckoutDetails | null>(null);
  // The order handed back to the checkout when the dialog opens again.
  const [resume, setResume] = useState<CheckoutOrder | undefined>(undefined);
  const [paid, setPaid] = useState(false);
  // Counts openings, so a cart saved for an earlier opening is not shown in a later one.
  const opening = useRef(0);
  const label = kind === 'crypto' ? 'Pay with crypto' : 'Pay with Lightning';

  const openChange = (next: boolean) => {
    setOpen(next);
    const current = ++opening.current;
    if (next) {
      if (cart && 'id' in cart && cart.basket === basket) {
        setResume(created(order) ? order : undefined);
        return;
      }
      setPaid(false);
      setCart(null);
      setOrder(null);
      setResume(undefined);
      shopApi.createCart(items).then(
        (saved) => current === opening.current && setCart({ id: saved.id, basket }),
        (error: Error) => current === opening.current && setCart({ problem: error.message }),
      );
      return;
    }
    if (paid && cart && 'id' in cart) onPaid(cart.id);
  };
  const checkout = cart &&
    'id' in cart && {
      orderFields: { cartId: cart.id },
      order: resume,
      merchant: MERCHANT,
      lineItems,
      supportUrl: SUPPORT_URL,
      onStatusChange: (_status: string, latest: CheckoutDetails) => setOrder(latest),
      // Only moves the buyer along. The order is fulfilled on the server, in onPaid
      // (server/checkoutRouter.ts), which does not depend on this page staying open.
      onSuccess: () => setPaid(true),
      // Under the paid view's receipt: on to the shop's own receipt page.
      receipt: () => (
        <button type="button" className="aurpay-button aurpay-primary" onClick={() => openChange(false)}>
          View your order
        </button>
      ),
    };

  return (
    <CheckoutDialog
      open={open}
      onOpenChange={openChange}
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
