import type { HTMLAttributes } from 'react';
import { forwardRef, useContext, useEffect, useState } from 'react';
import { amountStyle } from './checkoutText.js';
import type { CheckoutPresentation } from './CheckoutFrame.js';
import { CheckoutFrame } from './CheckoutFrame.js';
import { AurpayContext, useTexts } from './context.js';
import { PaymentView } from './PaymentView.js';
import type { UseCheckoutOptions } from './useCheckout.js';
import { useCheckout } from './useCheckout.js';
import { useModule } from './useModule.js';
import { useWeblnPresent } from './useWeblnPresent.js';

export interface LightningInvoiceProps
  extends
    Omit<UseCheckoutOptions, 'kind' | 'create' | 'chain' | 'currency' | 'currencyOptions'>,
    CheckoutPresentation,
    Omit<HTMLAttributes<HTMLDivElement>, 'onError'> {
  /** A BOLT11 invoice to show. With `orderId` and `statusToken` its status is followed too. */
  paymentRequest?: string;
  /** Amounts in satoshis (`sat`, the default, as Lightning wallets show them) or in BTC. */
  unit?: 'sat' | 'BTC';
}

// Loaded after the first paint: the invoice decoder, and the browser wallet's button.
const loadDecoder = () => import('./invoiceDetails.js');
const loadWebln = () => import('./WeblnButton.js');

/**
 * A Lightning payment: creates a Lightning order (or shows `paymentRequest` / `order`), with
 * the amount in sats, a `LIGHTNING:` QR code, copy and wallet links, WebLN where the browser has
 * it (sent, then waiting for confirmation), a countdown to the earlier of the order deadline and
 * the invoice expiry, and every state up to the receipt.
 *
 * @example <LightningInvoice orderFields={{ cartId }} onSuccess={showThanks} />
 */
export const LightningInvoice = forwardRef<HTMLDivElement, LightningInvoiceProps>(function LightningInvoice(props, ref) {
  const { paymentRequest, order: given, orderId, statusToken, unit = 'sat' } = props;
  const checkout = useCheckout({ ...props, kind: 'lightning', create: !paymentRequest });
  const { messages, locale } = useTexts();
  const { order, phase } = checkout;
  // The server's order carries the QR value, link and deadline (capped by the invoice's expiry);
  // an invoice given alone is decoded here for them.
  // The decoder follows after the first paint, to hold the countdown to the invoice's own expiry.
  const fromOrder = order?.qrValue && order.paymentRequest && (!paymentRequest || paymentRequest === order.paymentRequest);
  const decoder = useModule(loadDecoder);
  const decoded = decoder?.invoiceDetails(paymentRequest ?? order?.paymentRequest) ?? null;
  const invoice =
    decoded ??
    (fromOrder
      ? {
          invoice: order.paymentRequest!,
          qrValue: order.qrValue!,
          uri: order.paymentUri ?? null,
          amountBtc: order.amount,
          expiresAt: Infinity,
        }
      : null);
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
  // With the wallets entry, its Lightning wallets (WebLN and Nostr Wallet Connect) take WebLN's place.
  const walletsLoader = useContext(AurpayContext)?.wallets;
  const wallets = useModule(walletsLoader ?? null);
  const webln = useModule(useWeblnPresent() && !(walletsLoader && order) ? loadWebln : null);
  const shown = invoiceOnly
    ? lapsed
      ? 'expired'
      : invoice || !decoder
        ? 'awaiting_payment'
        : 'error'
    : phase === 'idle'
      ? 'loading'
      : phase;
  const sats = unit === 'sat';
  return (
    <CheckoutFrame {...props} ref={ref} checkout={checkout} phase={shown} canRestart={!invoiceOnly} sats={sats}>
      {invoice ? (
        <PaymentView
          amount={order?.amount ?? invoice.amountBtc}
          style={amountStyle(order, sats, locale, messages)}
          fiat={order && { amount: order.fiatAmount, currency: order.fiatCurrency }}
          qrValue={invoice.qrValue}
          qrLogo={props.qrLogo ? 'BTC-LN' : null}
          code={invoice.invoice}
          codeLabel={messages.invoice}
          copyLabel={messages.copyInvoice}
          uri={invoice.uri}
          actions={
            wallets && order ? (
              <wallets.WalletPay order={order} amount={order.remainingAmount} onSent={(hash) => checkout.detect({ hash })} />
            ) : (
              webln && <webln.WeblnButton paymentRequest={invoice.invoice} onSent={(hash) => hash && checkout.detect({ hash })} />
            )
          }
          deadline={deadline}
        />
      ) : (
        invoiceOnly && !decoder && <div className="aurpay-qr-frame" />
      )}
    </CheckoutFrame>
  );
});
LightningInvoice.displayName = 'LightningInvoice';
