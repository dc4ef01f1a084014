import type { Cart, CartStore, Fulfilment } from './cartStore.js';
import { priceCart } from './priceCart.js';

/**
 * The shop's carts in this process's memory: gone on restart, and seen by this process only.
 *
 * @example const cart = await new MemoryCartStore().create([{ productId: 'node-tee', quantity: 1 }]);
 */
export class MemoryCartStore implements CartStore {
  readonly #carts = new Map<string, Cart>();

  async create(items: unknown): Promise<Cart> {
    const cart = priceCart(items);
    this.#carts.set(cart.id, cart);
    return structuredClone(cart);
  }

  async get(id: string): Promise<Cart | undefined> {
    const cart = this.#carts.get(id);
    return cart && structuredClone(cart);
  }

  async fulfil(id: string, fulfilment: Fulfilment): Promise<boolean> {
    const cart = this.#carts.get(id);
    if (!cart || cart.fulfilment) return false;
    cart.fulfilment = structuredClone(fulfilment);
    return true;
  }
}
