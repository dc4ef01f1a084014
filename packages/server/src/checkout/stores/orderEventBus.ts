import type { StoredOrder } from './orderStore.js';

export type OrderEventListener = (order: StoredOrder) => void;

/**
 * Carries an order's status changes to the event streams of every process serving the checkout.
 * The checkout publishes each order it has just written; every subscriber, in this process (at
 * once) and in the others, hears it. Delivery is best effort: a change that gets lost on the way
 * reaches the streams with the watchers' next poll, which reads the shared store.
 *
 * The default, `MemoryEventBus`, reaches this process only; `createRedisStore` (from
 * `@aurpay-kit/server/redis`) brings one over Redis pub/sub.
 */
export interface OrderEventBus {
  /** Announces a newly written version of an order. May reject; the checkout reports it to `onError`. */
  publish(order: StoredOrder): void | Promise<void>;
  /** Hears every order published by any process; returns the unsubscribe. */
  subscribe(listener: OrderEventListener): () => void;
}
