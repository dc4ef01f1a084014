import { randomBytes } from 'node:crypto';
import type { CheckoutClient } from '@aurpay-kit/server';
import { CheckoutHttpError } from '@aurpay-kit/server';
import { createCheckoutRouter, type CheckoutRouter } from '@aurpay-kit/server/express';
import type { CartStore } from './cartStore.js';

export interface ShopCheckoutOptions {
  client: CheckoutClient;
  /** Where this router is reachable from the gateway, e.g. `https://shop.example/api/pay`. */
  publicUrl: string;
  /** The callback token and secret configured at Aurpay. */
  callback: { token: string; secret: string };
  carts: CartStore;
  orderTtlMs?: number;
}

/**
 * The payment routes the React components talk to, mounted at `/api/pay`. The browser sends only
 * a cart id and the currency; the price comes from the shop's own cart.
 */
export function shopCheckoutRouter({ client, publicUrl, callback, carts, orderTtlMs }: ShopCheckoutOptions): CheckoutRouter {
  return createCheckoutRouter({
    client,
    publicUrl,
    callback,
    orderTtlMs,
    // Signs the status tokens handed to browsers. Orders live in this process's memory, so a
    // fresh secret per start loses nothing; with a shared store, load a fixed one from a secret.
    statusSecret: randomBytes(32).toString('hex'),
    priceFor: (_req, body) => {
      const cart = typeof body.cartId === 'string' ? carts.get(body.cartId) : undefined;
      if (!cart) throw new CheckoutHttpError(404, 'cart_not_found', 'This cart does not exist.');
      if (cart.fulfilment) throw new CheckoutHttpError(409, 'cart_paid', 'This cart is paid already.');
      return { amount: cart.total, currency: cart.currency, metadata: { cartId: cart.id } };
    },
    // Fulfil here, on the server, and never in the browser's onSuccess: the browser may close,
    // lose its connection or be scripted to call anything. onPaid runs only after the gateway
    // confirmed the payment (a verified callback, re-checked with the order detail call), and
    // exactly once per order however many callbacks, pollers and tabs race.
    onPaid: (order) => {
      carts.fulfil(order.metadata.cartId ?? '', {
        orderId: order.orderId,
        paid: { amount: order.paidAmount, currency: order.currency },
        fulfilledAt: new Date(order.updatedAt).toISOString(),
      });
    },
  });
}
