import type { SqlTransaction } from '@aurpay-kit/server';

export interface CartLine {
  productId: string;
  name: string;
  unitPrice: string;
  quantity: number;
  lineTotal: string;
}

/** A confirmed payment the shop recorded for a cart (in the checkout's `onPaid`). */
export interface CartPayment {
  orderId: string;
  /** What the buyer sent, e.g. `0.00029134` `BTC`. */
  paid: { amount: string; currency: string };
  /** When it was recorded, ISO 8601. */
  recordedAt: string;
}

/** A priced snapshot of what the buyer wants: the server's prices, never the browser's. */
export interface Cart {
  id: string;
  lines: CartLine[];
  total: string;
  currency: string;
  /** The payment that fulfilled the cart: the first one recorded. */
  fulfilment: CartPayment | null;
  /** Payments recorded after it: the buyer paid twice, and each is a refund due. */
  refundsDue: CartPayment[];
}

/** What recording a payment did. */
export type PaymentOutcome = 'fulfilled' | 'refund_due' | 'already_recorded' | 'unknown_cart';

/**
 * Where the shop keeps its carts: in memory, in SQLite or PostgreSQL (`SqlCartStore`), or in Redis.
 * A real shop keeps them in its database, ideally the one the checkout's orders are in.
 */
export interface CartStore {
  /** Prices `items` from the catalogue and keeps the cart; rejects with a `CartError` on bad input. */
  create(items: unknown): Promise<Cart>;
  /** The cart with its payments, or undefined when there is no such cart (or it expired unpaid). */
  get(id: string): Promise<Cart | undefined>;
  /**
   * Records a confirmed payment once per order: the first for a cart fulfils it, a later one is a
   * refund due, and the same order again changes nothing. Safe to call again after any failure.
   */
  recordPayment(cartId: string, payment: CartPayment): Promise<PaymentOutcome>;
  /**
   * SQL stores: the same, inside a transaction the checkout opened (so the payment and the
   * checkout's "fulfilment done" mark commit together).
   */
  recordPaymentIn?(sql: SqlTransaction, cartId: string, payment: CartPayment): Promise<PaymentOutcome>;
  /**
   * Deletes at most `limit` unpaid carts past their whole lifetime (`CART_LIFETIME`), oldest
   * first, and resolves to how many it deleted; `sweepExpiredCarts` calls it. Stores whose
   * entries expire by themselves (Redis) have none.
   */
  deleteExpired?(limit: number): Promise<number>;
}
