import { randomBytes } from 'node:crypto';

import { GatewayError } from '../http/gatewayError.js';
import type { NewOrder, OrderUrls, SandboxOrder } from './sandboxOrder.js';

/** A `pay-url` checkout: the price and settings of an order whose currency the buyer picks. */
export interface HostedCheckout {
  /** 64 hex characters, as in Aurpay's example `pay_url`. */
  token: string;
  vsPrice: string;
  vsCurrency: string;
  urls: OrderUrls;
  postCallback: boolean;
  createdAt: number;
  /** The buyer must choose before this (ms); the order then has its own deadline. */
  expiresAt: number;
  /** The order the choice created, once made. */
  orderId: string | null;
}

/**
 * The hosted checkouts `pay-url` opens. Aurpay's overview: "Users select the cryptocurrency on the
 * checkout page before the order is created", so the order comes into being at the choice, with
 * the price, URLs and callback settings `pay-url` was given.
 *
 * @example const checkout = checkouts.create({ vsPrice: '10', vsCurrency: 'USD', urls: {}, postCallback: false }, now, ttlMs);
 */
export class HostedCheckouts {
  readonly #byToken = new Map<string, HostedCheckout>();

  create(input: Omit<NewOrder, 'chain' | 'currency'>, now: number, ttlMs: number): HostedCheckout {
    const checkout = { ...input, token: randomBytes(32).toString('hex'), createdAt: now, expiresAt: now + ttlMs, orderId: null };
    this.#byToken.set(checkout.token, checkout);
    return checkout;
  }

  /** The checkout, or a `checkoutNotFound` error. */
  get(token: string): HostedCheckout {
    const checkout = this.#byToken.get(token);
    if (checkout === undefined) throw new GatewayError('checkoutNotFound', `No hosted checkout with token ${JSON.stringify(token)}`);
    return checkout;
  }

  /**
   * The buyer's choice: creates the order in that currency through `create`. Choosing again gives
   * the same order back; another currency, or a choice after the checkout expired, is refused.
   */
  choose(
    token: string,
    choice: { chain: string; currency: string },
    now: number,
    create: (order: NewOrder) => SandboxOrder,
    find: (orderId: string) => SandboxOrder,
  ): SandboxOrder {
    const checkout = this.get(token);
    if (checkout.orderId !== null) {
      const order = find(checkout.orderId);
      if (order.chain !== choice.chain || order.currency !== choice.currency) {
        throw new GatewayError(
          'orderStateInvalid',
          `This checkout already created order ${order.orderId} in ${order.chain}/${order.currency}`,
          {
            data: { order_id: order.orderId },
          },
        );
      }
      return order;
    }
    if (now >= checkout.expiresAt) throw new GatewayError('orderStateInvalid', 'This hosted checkout expired before a currency was chosen');
    const order = create({
      ...choice,
      vsPrice: checkout.vsPrice,
      vsCurrency: checkout.vsCurrency,
      urls: checkout.urls,
      postCallback: checkout.postCallback,
    });
    checkout.orderId = order.orderId;
    return order;
  }
}
