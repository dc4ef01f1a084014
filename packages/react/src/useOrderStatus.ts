import type { OrderStatusSnapshot } from '@aurpay-kit/core';
import { useMemo, useSyncExternalStore } from 'react';
import { useAurpay } from './useAurpay.js';

export interface UseOrderStatusResult extends OrderStatusSnapshot {
  /** Starts the subscription over at once, e.g. after a rejected token stopped it. */
  retry: () => void;
}

const EMPTY: OrderStatusSnapshot = { order: null, error: null };
const none = () => EMPTY;
const ignore = () => () => {};

/**
 * The live status of an order created elsewhere: server-sent events or polling, paused in a
 * hidden tab, stopped at a terminal status and on unmount. Components under one provider watching
 * one order with one token share one connection. `null` ids watch nothing.
 *
 * @example
 * const { order, error } = useOrderStatus(orderId, statusToken);
 * return <Status phase={order?.status ?? 'loading'} />;
 */
export function useOrderStatus(orderId: string | null | undefined, statusToken: string | null | undefined): UseOrderStatusResult {
  const { endpoint, fetch, EventSource, pollIntervalMs, subscriptions } = useAurpay();
  const subscription = useMemo(
    () =>
      orderId && statusToken
        ? subscriptions.get({
            endpoint,
            orderId,
            statusToken,
            fetch,
            EventSource,
            intervalMs: pollIntervalMs,
          })
        : null,
    // A new fetch or transport applies to the next order; restarting a live one is not worth it.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the options above are read, not followed
    [subscriptions, endpoint, orderId, statusToken],
  );
  const snapshot = useSyncExternalStore(subscription?.subscribe ?? ignore, subscription?.getSnapshot ?? none, none);
  return useMemo(() => ({ ...snapshot, retry: () => subscription?.retry() }), [snapshot, subscription]);
}
