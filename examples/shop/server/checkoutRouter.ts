import type { CheckoutClient } from '@aurpay-kit/server';
import { CheckoutHttpError } from '@aurpay-kit/server';
import { createCheckoutRouter, type CheckoutRouter, type ExpressCheckoutOptions } from '@aurpay-kit/server/express';
import type { CartStore } from './cartStore.js';

export interface ShopCheckoutOptions {
  client: CheckoutClient;
  /** Where this router is reachable from the gateway, e.g. `https://shop.example/api/pay`. */
  publicUrl: string;
  /** The callback token and secret configured at Aurpay. */
  callback: { token: string; secret: string };
  /** Signs the status tokens handed to browsers: the same on every instance that shares orders. */
  statusSecret: string;
  carts: CartStore;
  /** The order store, event bus and refresh lock that several instances share; default in memory. */
  shared?: Pick<ExpressCheckoutOptions, 'store' | 'events' | 'refreshLock'>;
  orderTtlMs?: number;
}

/**
 * The payment routes the React components talk to, mounted at `/api/pay`. The browser sends only
 * a cart id and the currency; the price comes from the shop's own cart.
 *
 * @example app.use('/api/pay', shopCheckoutRouter({ client, publicUrl, callback, statusSecret, carts }));
 */
export function shopCheckoutRouter(options: ShopCheckoutOptions): CheckoutRouter {
  const { client, publicUrl, callback, statusSecret, carts, shared, orderTtlMs } = options;
  return createCheckoutRouter({
    ...shared,
    client,
    publicUrl,
    callback,
    orderTtlMs,
    statusSecret,
    priceFor: async (_req, body) => {
      const cart = typeof body.cartId === 'string' ? await carts.get(body.cartId) : undefined;
      if (!cart) throw new CheckoutHttpError(404, 'cart_not_found', 'This cart does not exist.');
      if (cart.fulfilment) throw new CheckoutHttpError(409, 'cart_paid', 'This cart is paid already.');
      return { amount: cart.total, currency: cart.currency, metadata: { cartId: cart.id } };
    },
    // Fulfil here, on the server, and never in the browser's onSuccess: the browser may close,
    // lose its connection or be scripted to call anything. onPaid runs only after the gateway
    // confirmed the payment (a verified callback, re-checked with the order detail call), and
    // exactly once per order however many callbacks, pollers, tabs and instances race; `fulfil`
    // then records at most one paid order per cart.
    onPaid: async (order) => {
      await carts.fulfil(order.metadata.cartId ?? '', {
        orderId: order.orderId,
        paid: { amount: order.paidAmount, currency: order.currency },
        fulfilledAt: new Date(order.updatedAt).toISOString(),
      });
    },
  });
}
