import { decodeInvoice, lightningLink } from '@aurpay-kit/core';
import type { HTMLAttributes } from 'react';
import { forwardRef, useEffect, useMemo, useState } from 'react';
import { CheckoutFrame, rootAttributes } from './CheckoutFrame.js';
import { useTexts } from './context.js';
import { PaymentView } from './PaymentView.js';
import type { UseCheckoutOptions } from './useCheckout.js';
import { useCheckout } from './useCheckout.js';
import { WeblnButton } from './WeblnButton.js';

export interface LightningInvoiceProps
  extends Omit<UseCheckoutOptions, 'kind' | 'create' | 'chain' | 'currency'>,
    Omit<HTMLAttributes<HTMLDivElement>, 'onError'> {
  /** A BOLT11 invoice to show. With `orderId` and `statusToken` its status is followed too. */
  paymentRequest?: string;
  /** Leaves out the `aurpay` class, so the shipped stylesheet does not apply. */
  unstyled?: boolean;
}

function decode(invoice: string | null | undefined) {
  try {
    return invoice ? { ...decodeInvoice(invoice), ...lightningLink(invoice), invoice } : null;
  } catch {
    return null;
  }
}

/**
 * A Lightning payment: creates a Lightning order (or shows `paymentRequest` / `order`), with
 * the amount, a `LIGHTNING:` QR code, copy and wallet links, WebLN where the browser has it, a
 * countdown to the earlier of the order deadline and the invoice expiry, and the live status.
 *
 * @example <LightningInvoice orderFields={{ cartId }} onSuccess={showThanks} />
 */
export const LightningInvoice = forwardRef<HTMLDivElement, LightningInvoiceProps>(
  function LightningInvoice(props, ref) {
    const { paymentRequest, order: given, orderId, statusToken } = props;
    const checkout = useCheckout({ ...props, kind: 'lightning', create: !paymentRequest });
    const { messages } = useTexts();
    const { order, phase } = checkout;
    const invoice = useMemo(
      () => decode(paymentRequest ?? order?.paymentRequest),
      [paymentRequest, order?.paymentRequest],
    );
    const orderEnd = order ? Date.parse(order.expiresAt) : Infinity;
    const deadline = Math.min(orderEnd, invoice ? invoice.expiresAt * 1000 : Infinity);
    // An invoice with no order to follow can only be seen to expire, here, by the clock.
    const invoiceOnly = Boolean(paymentRequest) && !given && !(orderId && statusToken);
    const [lapsed, setLapsed] = useState(false);
    useEffect(() => {
      const wait = deadline - Date.now();
      // Past what setTimeout can wait (24.8 days) no page stays open anyway.
      if (!invoiceOnly || !(wait < 2 ** 31)) return;
      const timer = setTimeout(() => setLapsed(true), wait);
      return () => clearTimeout(timer);
    }, [invoiceOnly, deadline]);
    const shown = invoiceOnly
      ? lapsed
        ? 'expired'
        : 'awaiting_payment'
      : phase === 'idle'
        ? 'loading'
        : phase;
    return (
      <CheckoutFrame
        {...rootAttributes(props)}
        ref={ref}
        checkout={checkout}
        phase={shown}
        canRestart={!invoiceOnly}
      >
        {invoice ? (
          <PaymentView
            amount={order?.amount ?? invoice.amountBtc}
            token="BTC"
            fiat={order && { amount: order.fiatAmount, currency: order.fiatCurrency }}
            qrValue={invoice.qrValue}
            code={invoice.invoice}
            codeLabel={messages.invoice}
            copyLabel={messages.copyInvoice}
            uri={invoice.uri}
            actions={<WeblnButton paymentRequest={invoice.invoice} />}
            deadline={deadline}
          />
        ) : (
          paymentRequest && <p className="aurpay-message">{messages.error}</p>
        )}
      </CheckoutFrame>
    );
  },
);
LightningInvoice.displayName = 'LightningInvoice';
