import type {
  CheckoutCurrency,
  CheckoutError,
  CheckoutKind,
  CheckoutOrder,
  CheckoutPhase,
  CheckoutStatus,
} from '@aurpay-kit/core';
import { useContext, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { CheckoutDetails, CheckoutTarget } from './checkoutStore.js';
import { createCheckoutStore } from './checkoutStore.js';
import { DialogSuccessContext } from './context.js';
import { useAurpay } from './useAurpay.js';

export type { CheckoutDetails } from './checkoutStore.js';

/** The checkout events. Each fires once per transition, after React commits, with the latest props. */
export interface CheckoutCallbacks {
  /** The server says the order is paid. */
  onSuccess?: (order: CheckoutDetails) => void;
  /** The order expired unpaid. */
  onTimeout?: (order: CheckoutDetails) => void;
  onStatusChange?: (status: CheckoutStatus, order: CheckoutDetails) => void;
  /** Creating the order, or loading its status, failed. */
  onError?: (error: CheckoutError) => void;
}

export interface UseCheckoutOptions extends CheckoutCallbacks {
  /** Default `crypto`. */
  kind?: CheckoutKind;
  /** With `currency`, creates that order at once; without, the buyer chooses. */
  chain?: string;
  currency?: string;
  /** An order created elsewhere (the `POST /orders` answer) to show instead of creating one. */
  order?: CheckoutOrder;
  /** An order created elsewhere, known only by id and status token. */
  orderId?: string;
  statusToken?: string;
  /** Extra fields for `POST /orders` that the server's `priceFor` reads, e.g. `{ cartId }`. */
  orderFields?: Record<string, unknown>;
  /** `false` creates nothing by itself (a Lightning invoice given as a string). Default true. */
  create?: boolean;
}

export interface UseCheckoutResult {
  phase: CheckoutPhase;
  order: CheckoutDetails | null;
  error: CheckoutError | null;
  /** True while a currency must be chosen: call `choose` with one of `currencies`. */
  choosing: boolean;
  /** The on-chain currencies the server takes, loaded when the buyer is to choose. */
  currencies: CheckoutCurrency[] | null;
  choose: (currency: CheckoutCurrency) => void;
  /** After an error: try the failed step again. */
  retry: () => void;
  /** Starts again with a new order, e.g. after it expired. */
  reset: () => void;
}

function targets(options: UseCheckoutOptions): [CheckoutTarget, CheckoutTarget] {
  const { order, chain = order?.chain, currency = order?.currency } = options;
  const { orderId = order?.orderId, statusToken = order?.statusToken } = options;
  const kind = options.kind ?? order?.kind ?? 'crypto';
  const fixed = kind === 'lightning' ? null : chain && currency ? { chain, currency } : undefined;
  const again: CheckoutTarget =
    fixed === undefined ? { type: 'choose' } : { type: 'create', kind, selection: fixed };
  if (orderId && statusToken) return [{ type: 'watch', orderId, statusToken }, again];
  return [options.create === false ? { type: 'none' } : again, again];
}

/**
 * A headless checkout: creates or adopts an order, follows its status live, and fires the
 * events. The options are read when the component mounts; give it a new `key` to start over
 * with different ones.
 *
 * @example
 * const checkout = useCheckout({ chain: 'BTC', currency: 'BTC', onSuccess: () => navigate('/thanks') });
 * if (checkout.phase === 'awaiting_payment') return <QRCode value={checkout.order!.qrValue!} label="Pay" />;
 */
export function useCheckout(options: UseCheckoutOptions): UseCheckoutResult {
  const config = useAurpay();
  const [store] = useState(() =>
    createCheckoutStore(config, ...targets(options), options.order ?? null),
  );
  const { state, order, choosing, currencies } = useSyncExternalStore(
    store.subscribe,
    store.getSnapshot,
    store.getSnapshot,
  );
  const latest = useRef(options);
  const dialogSuccess = useContext(DialogSuccessContext);

  // Declared first, so the effects below see this render's props and config.
  useEffect(() => {
    latest.current = options;
    store.config = config;
    store.fields = options.orderFields;
  });
  useEffect(() => store.connect(), [store, config.endpoint]);
  useEffect(() => {
    for (const effect of store.takeEffects()) {
      const callbacks = latest.current;
      switch (effect.type) {
        case 'error':
          callbacks.onError?.(effect.error);
          break;
        case 'statusChange':
          callbacks.onStatusChange?.(effect.status, effect.order);
          break;
        case 'timeout':
          callbacks.onTimeout?.(effect.order);
          break;
        case 'success':
          callbacks.onSuccess?.(effect.order);
          dialogSuccess?.();
          break;
        default:
          effect satisfies never;
      }
    }
  });

  return {
    phase: state.phase,
    order,
    error: state.error,
    choosing,
    currencies,
    choose: store.choose,
    retry: store.retry,
    reset: store.reset,
  };
}
