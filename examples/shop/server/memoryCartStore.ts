import { CART_LIFETIME } from './cartLifetime.js';
import type { Cart, CartPayment, CartStore, PaymentOutcome } from './cartStore.js';
import { priceCart } from './priceCart.js';

/**
 * The shop's carts in this process's memory: gone on restart, and seen by this process only.
 * Unpaid carts are dropped by `deleteExpired` once past `CART_LIFETIME`.
 *
 * @example const cart = await new MemoryCartStore().create([{ productId: 'node-tee', quantity: 1 }]);
 */
export class MemoryCartStore implements CartStore {
  readonly #carts = new Map<string, Omit<Cart, 'fulfilment' | 'refundsDue'>>();
  readonly #payments = new Map<string, CartPayment[]>();
  readonly #orders = new Set<string>();
  /** Unpaid carts and when they stop being orderable, oldest first: every cart lives equally long. */
  readonly #unpaidUntil = new Map<string, number>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  async create(items: unknown): Promise<Cart> {
    const { fulfilment: _none, refundsDue: _noneDue, ...cart } = priceCart(items);
    this.#carts.set(cart.id, cart);
    this.#unpaidUntil.set(cart.id, this.#now() + CART_LIFETIME.orderableMs);
    return this.#view(cart.id)!;
  }

  async get(id: string): Promise<Cart | undefined> {
    const until = this.#unpaidUntil.get(id);
    if (until !== undefined && until <= this.#now()) return undefined;
    return this.#view(id);
  }

  async recordPayment(cartId: string, payment: CartPayment): Promise<PaymentOutcome> {
    if (!this.#carts.has(cartId)) return 'unknown_cart';
    if (this.#orders.has(payment.orderId)) return 'already_recorded';
    this.#orders.add(payment.orderId);
    this.#unpaidUntil.delete(cartId);
    const payments = this.#payments.get(cartId) ?? [];
    payments.push(structuredClone(payment));
    this.#payments.set(cartId, payments);
    return payments.length === 1 ? 'fulfilled' : 'refund_due';
  }

  async deleteExpired(limit: number): Promise<number> {
    const cutoff = this.#now() - CART_LIFETIME.payableMs;
    let deleted = 0;
    // Oldest first, so the walk stops at the first cart still kept: each call costs at most `limit` steps.
    for (const [id, until] of this.#unpaidUntil) {
      if (deleted >= limit || until > cutoff) break;
      this.#unpaidUntil.delete(id);
      this.#carts.delete(id);
      deleted += 1;
    }
    return deleted;
  }

  #view(id: string): Cart | undefined {
    const cart = this.#carts.get(id);
    if (cart === undefined) return undefined;
    const [fulfilment = null, ...refundsDue] = structuredClone(this.#payments.get(id) ?? []);
    return { ...structuredClone(cart), fulfilment, refundsDue };
  }
}
