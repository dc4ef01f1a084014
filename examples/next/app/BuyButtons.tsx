'use client';

import { isTerminalStatus } from '@aurpay-kit/core';
import { CheckoutDialog, CryptoCheckout, LightningInvoice, type CheckoutDetails } from '@aurpay-kit/react';
import { useState } from 'react';
import { SandboxPanel } from './SandboxPanel';

export interface BuyButtonsProps {
  productId: string;
  productName: string;
}

interface PayDialogProps extends BuyButtonsProps {
  method: 'crypto' | 'Lightning';
  onPaid: (order: CheckoutDetails) => void;
}

/** One "Pay with …" button and its checkout dialog, with the order's reference under the checkout. */
function PayDialog({ method, productId, productName, onPaid }: PayDialogProps) {
  const [order, setOrder] = useState<CheckoutDetails | null>(null);
  const checkout = {
    // The product's id is all the browser sends: the route handler prices it from the catalogue.
    orderFields: { productId },
    onStatusChange: (_status: string, latest: CheckoutDetails) => setOrder(latest),
    onSuccess: onPaid,
  };
  return (
    <CheckoutDialog
      title={`Pay for the ${productName} with ${method}`}
      closeAfterSuccessMs={2500}
      onOpenChange={(open) => open || setOrder(null)}
      trigger={
        <button type="button" className={method === 'crypto' ? 'button primary' : 'button'}>
          Pay with {method}
        </button>
      }
    >
      {method === 'crypto' ? <CryptoCheckout {...checkout} /> : <LightningInvoice {...checkout} />}
      {order !== null && (
        <p className="order-ref">
          Order <span data-order-id={order.orderId}>{order.orderId}</span>
        </p>
      )}
      {(order === null || !isTerminalStatus(order.status)) && <SandboxPanel orderId={order?.orderId ?? null} />}
    </CheckoutDialog>
  );
}

/**
 * "Pay with crypto" and "Pay with Lightning" for one product, and the receipt once one is paid.
 * The receipt only tells the buyer: the order is fulfilled on the server, in onPaid
 * (lib/shopCheckout.ts), which does not depend on this page staying open.
 */
export function BuyButtons(props: BuyButtonsProps) {
  const [paid, setPaid] = useState<CheckoutDetails | null>(null);
  return (
    <div className="buy">
      <PayDialog {...props} method="crypto" onPaid={setPaid} />
      <PayDialog {...props} method="Lightning" onPaid={setPaid} />
      <p className="receipt" role="status" data-state={paid === null ? 'open' : 'paid'}>
        {paid !== null && `Paid: order ${paid.orderId}. Thank you, it ships today.`}
      </p>
    </div>
  );
}
