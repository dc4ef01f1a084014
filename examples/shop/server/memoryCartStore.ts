import type { Cart, CartPayment, CartStore, PaymentOutcome } from './cartStore.js';
import { priceCart } from './priceCart.js';

/**
 * The shop's carts in this process's memory: gone on restart, and seen by this process only.
 *
 * @example const cart = await new MemoryCartStore().create([{ productId: 'node-tee', quantity: 1 }]);
 */
export class MemoryCartStore implements CartStore {
  readonly #carts = new Map<string, Omit<Cart, 'fulfilment' | 'refundsDue'>>();
  readonly #payments = new Map<string, CartPayment[]>();
  readonly #orders = new Set<string>();

  async create(items: unknown): Promise<Cart> {
    const { fulfilment: _none, refundsDue: _noneDue, ...cart } = priceCart(items);
    this.#carts.set(cart.id, cart);
    return this.#view(cart.id)!;
  }

  async get(id: string): Promise<Cart | undefined> {
    return this.#view(id);
  }

  async recordPayment(cartId: string, payment: CartPayment): Promise<PaymentOutcome> {
    if (!this.#carts.has(cartId)) return 'unknown_cart';
    if (this.#orders.has(payment.orderId)) return 'already_recorded';
    this.#orders.add(payment.orderId);
    const payments = this.#payments.get(cartId) ?? [];
    payments.push(structuredClone(payment));
    this.#payments.set(cartId, payments);
    return payments.length === 1 ? 'fulfilled' : 'refund_due';
  }

  #view(id: string): Cart | undefined {
    const cart = this.#carts.get(id);
    if (cart === undefined) return undefined;
    const [fulfilment = null, ...refundsDue] = structuredClone(this.#payments.get(id) ?? []);
    return { ...structuredClone(cart), fulfilment, refundsDue };
  }
}
