import type { CheckoutClient } from '@aurpay-kit/server';
import { CheckoutHttpError } from '@aurpay-kit/server';
import { createCheckoutRouter, type CheckoutRouter, type ExpressCheckoutOptions } from '@aurpay-kit/server/express';
import type { CartStore } from './cartStore.js';

export interface ShopCheckoutOptions {
  client: CheckoutClient;
  /** Where this router is reachable from the gateway, e.g. `https://shop.example/api/pay`. */
  publicUrl: string;
  /**
   * The callback token and secret configured at Aurpay, when its callback authentication is on;
   * without them callbacks are accepted by their per-order key (a callback is only a hint).
   */
  callback?: { token: string; secret: string } | undefined;
  /** Signs the status tokens handed to browsers: the same on every instance that shares orders. */
  statusSecret: string;
  carts: CartStore;
  /** The order store, event bus and refresh lock (SQLite, PostgreSQL, Redis, or memory). */
  shared: Pick<ExpressCheckoutOptions, 'store' | 'events' | 'refreshLock'>;
  orderTtlMs?: number;
  /** Event streams this process holds at most (`connectionLimits`); default the checkout's 1,000. */
  maxStreams?: number;
  /** Where the checkout's own failures go; default `console.error`. */
  onError?: ExpressCheckoutOptions['onError'];
}

/**
 * The payment routes the React components talk to, mounted at `/api/pay`. The browser sends only
 * a cart id and the currency; the price comes from the shop's own cart.
 *
 * @example app.use('/api/pay', shopCheckoutRouter({ client, publicUrl, callback, statusSecret, carts, shared }));
 */
export function shopCheckoutRouter(options: ShopCheckoutOptions): CheckoutRouter {
  const { client, publicUrl, callback, statusSecret, carts, shared, orderTtlMs, maxStreams, onError } = options;
  return createCheckoutRouter({
    ...shared,
    client,
    publicUrl,
    ...(callback === undefined ? {} : { callback }),
    orderTtlMs,
    statusSecret,
    ...(maxStreams === undefined ? {} : { streams: { maxTotal: maxStreams } }),
    ...(onError === undefined ? {} : { onError }),
    priceFor: async (_req, body) => {
      const cart = typeof body.cartId === 'string' ? await carts.get(body.cartId) : undefined;
      if (!cart) throw new CheckoutHttpError(404, 'cart_not_found', 'This cart does not exist.');
      if (cart.fulfilment) throw new CheckoutHttpError(409, 'cart_paid', 'This cart is paid already.');
      // orderKey: asking again for the same cart and currency returns the order still open.
      return { amount: cart.total, currency: cart.currency, metadata: { cartId: cart.id }, orderKey: cart.id };
    },
    // Fulfil here, on the server, and never in the browser's onSuccess: the browser may close,
    // lose its connection or be scripted to call anything. onPaid runs only after the gateway
    // confirmed the payment, and until it succeeds: it is recorded as owed before it runs and
    // retried after any failure or crash, so it may run more than once. The payment row is keyed
    // by the order id (context.idempotencyKey), so a second run records nothing; with a SQL
    // store it is written in the same transaction as the checkout's "done" mark: exactly once.
    onPaid: async (order, { transaction }) => {
      const cartId = order.metadata.cartId ?? '';
      const payment = {
        orderId: order.orderId,
        paid: { amount: order.paidAmount, currency: order.currency },
        recordedAt: new Date().toISOString(),
      };
      const outcome =
        transaction !== undefined && carts.recordPaymentIn !== undefined
          ? await transaction((sql) => carts.recordPaymentIn!(sql, cartId, payment))
          : await carts.recordPayment(cartId, payment);
      // A second payment for a paid cart is kept and shown as a refund due, never dropped.
      if (outcome === 'refund_due') console.warn(`Cart ${cartId} was paid twice: order ${order.orderId} is a refund due.`);
      // Carts wait a week past ordering for late payments (CART_LIFETIME); one later still has nothing to fulfil.
      if (outcome === 'unknown_cart') console.warn(`Order ${order.orderId} was paid, but cart ${cartId} is gone: refund it.`);
    },
  });
}
