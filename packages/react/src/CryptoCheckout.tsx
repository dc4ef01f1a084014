import type { QrFormat } from '@aurpay-kit/core';
import type { HTMLAttributes } from 'react';
import { forwardRef } from 'react';
import type { CheckoutPresentation } from './CheckoutFrame.js';
import { CheckoutFrame } from './CheckoutFrame.js';
import { CryptoPayment } from './CryptoPayment.js';
import { CurrencyPicker } from './CurrencyPicker.js';
import type { UseCheckoutOptions } from './useCheckout.js';
import { useCheckout } from './useCheckout.js';

export interface CryptoCheckoutProps
  extends Omit<UseCheckoutOptions, 'kind' | 'create'>, CheckoutPresentation, Omit<HTMLAttributes<HTMLDivElement>, 'onError'> {
  /** What the QR code encodes. Default: the safe choice per currency (the address for tokens). */
  qrFormat?: QrFormat;
}

/**
 * An on-chain crypto checkout: the buyer picks one of the server's currencies, grouped by network
 * (or `chain` and `currency` fix it, or `currencyOptions.default` starts with one), the order is
 * created through the server routes, and the component shows the amount, network, QR code,
 * address and countdown, then every state up to the receipt, following the status live. Until
 * money arrives the buyer can change currency.
 *
 * @example
 * <CryptoCheckout orderFields={{ cartId }} currencyOptions={{ order: ['USDT-TRC20', 'BTC'] }}
 *   merchant={{ name: 'Block & Bolt' }} supportUrl="mailto:help@shop.example"
 *   onSuccess={(order) => router.push(`/thanks/${order.orderId}`)} />
 */
export const CryptoCheckout = forwardRef<HTMLDivElement, CryptoCheckoutProps>(function CryptoCheckout(props, ref) {
  const checkout = useCheckout({ ...props, kind: 'crypto' });
  const { order, choosing, currencies, phase } = checkout;
  // Before the work starts (on the server, say) the checkout is as good as loading.
  const shown = phase === 'idle' && !(choosing && currencies) ? 'loading' : phase;
  return (
    <CheckoutFrame {...props} ref={ref} checkout={checkout} phase={shown} canRestart>
      {choosing
        ? currencies && <CurrencyPicker currencies={currencies} choose={checkout.choose} />
        : order && (
            <CryptoPayment order={order} qrFormat={props.qrFormat} qrLogo={props.qrLogo} onSent={(hash) => checkout.detect({ hash })} />
          )}
    </CheckoutFrame>
  );
});
CryptoCheckout.displayName = 'CryptoCheckout';
