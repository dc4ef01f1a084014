import type { QrFormat } from '@aurpay-kit/core';
import type { HTMLAttributes } from 'react';
import { forwardRef } from 'react';
import { CheckoutFrame, rootAttributes } from './CheckoutFrame.js';
import { CryptoPayment } from './CryptoPayment.js';
import { useTexts } from './context.js';
import { networkOf, tokenOf } from './format.js';
import type { UseCheckoutOptions } from './useCheckout.js';
import { useCheckout } from './useCheckout.js';

export interface CryptoCheckoutProps
  extends Omit<UseCheckoutOptions, 'kind' | 'create'>,
    Omit<HTMLAttributes<HTMLDivElement>, 'onError'> {
  /** What the QR code encodes. Default: the safe choice per currency (the address for tokens). */
  qrFormat?: QrFormat;
  /** Leaves out the `aurpay` class, so the shipped stylesheet does not apply. */
  unstyled?: boolean;
}

/**
 * An on-chain crypto checkout: the buyer picks one of the server's currencies (or `chain` and
 * `currency` fix it), the order is created through the server routes, and the component shows
 * the amount, network, QR code, address and countdown, following the status live until paid or
 * expired.
 *
 * @example
 * <CryptoCheckout chain="ETH" currency="USDT-ERC20" orderFields={{ cartId }}
 *   onSuccess={(order) => router.push(`/thanks/${order.orderId}`)} />
 */
export const CryptoCheckout = forwardRef<HTMLDivElement, CryptoCheckoutProps>(
  function CryptoCheckout(props, ref) {
    const checkout = useCheckout({ ...props, kind: 'crypto' });
    const { messages } = useTexts();
    const { order, choosing, currencies, phase } = checkout;
    // Before the work starts (on the server, say) the checkout is as good as loading.
    const shown = phase === 'idle' && !(choosing && currencies) ? 'loading' : phase;
    return (
      <CheckoutFrame {...rootAttributes(props)} ref={ref} checkout={checkout} phase={shown} canRestart>
        {choosing ? (
          <div role="group" aria-label={messages.idle} className="aurpay-picker">
            {currencies?.map(({ chain, currency }) => (
              <button
                key={`${chain}/${currency}`}
                type="button"
                className="aurpay-button"
                onClick={() => checkout.choose({ chain, currency })}
              >
                {tokenOf(currency)} <small>{networkOf(chain, currency)}</small>
              </button>
            ))}
          </div>
        ) : (
          order && <CryptoPayment order={order} qrFormat={props.qrFormat} />
        )}
      </CheckoutFrame>
    );
  },
);
CryptoCheckout.displayName = 'CryptoCheckout';
