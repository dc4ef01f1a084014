import type { CheckoutCurrency, CheckoutObserverOptions, CheckoutOptions, CheckoutSnapshot } from '@aurpay-kit/core';
import { CheckoutObserver } from '@aurpay-kit/core';
import { useContext, useEffect, useState, useSyncExternalStore } from 'react';
import { DialogSuccessContext } from './context.js';
import { useAurpay } from './useAurpay.js';

export type { CheckoutCallbacks, CheckoutDetails } from '@aurpay-kit/core';

/**
 * What to check out, and the events. Props are followed as they change: callbacks at once;
 * creation inputs (`chain`, `currency`, `orderFields`…) until an order is on its way, then by the
 * next creation only; another given `order` or `orderId` replaces the one shown.
 */
export type UseCheckoutOptions = CheckoutOptions;

export interface UseCheckoutResult extends CheckoutSnapshot {
  choose: (currency: CheckoutCurrency) => void;
  /** After an error: try the failed step again. */
  retry: () => void;
  /** Starts again with a new order, e.g. after it expired. */
  reset: () => void;
  /** Back to the currency choice, while `canChangeCurrency`. */
  changeCurrency: () => void;
  /** A transaction the buyer's wallet sent: shown as detected at once; only the server says paid. */
  detect: CheckoutObserver['detect'];
}

/**
 * A headless checkout: creates or adopts an order, follows its status live, and fires the
 * events, each once per transition, never during render, with the latest props. Core's
 * `CheckoutObserver` does the work; this hook creates one per component and hands it each
 * render's props and the provider's settings.
 *
 * @example
 * const checkout = useCheckout({ chain: 'BTC', currency: 'BTC', onSuccess: () => navigate('/thanks') });
 * if (checkout.phase === 'awaiting_payment') return <QRCode value={checkout.order!.qrValue!} label="Pay" />;
 */
export function useCheckout(options: UseCheckoutOptions): UseCheckoutResult {
  const config = useAurpay();
  const dialogSuccess = useContext(DialogSuccessContext);
  const { onSuccess } = options;
  const current: CheckoutObserverOptions = {
    ...config,
    ...options,
    // Inside <CheckoutDialog> a success also tells the dialog, which closes a moment later.
    onSuccess: (order) => {
      onSuccess?.(order);
      dialogSuccess?.();
    },
  };
  const [observer] = useState(() => new CheckoutObserver(current));
  // Declared before the subscription, so the work that subscribing starts sees this render's props.
  useEffect(() => observer.setOptions(current));
  const snapshot = useSyncExternalStore(observer.subscribe, observer.getSnapshot, observer.getSnapshot);
  const { choose, retry, reset, changeCurrency, detect } = observer;
  return { ...snapshot, choose, retry, reset, changeCurrency, detect };
}
