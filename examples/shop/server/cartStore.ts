import { randomUUID } from 'node:crypto';
import { addAmounts, fromBaseUnits, toBaseUnits } from '@aurpay-kit/core';
import { CartError } from './cartError.js';
import { SHOP_CURRENCY, findProduct } from './catalog.js';

export interface CartLine {
  productId: string;
  name: string;
  unitPrice: string;
  quantity: number;
  lineTotal: string;
}

/** What the shop records when a cart's payment is confirmed. */
export interface Fulfilment {
  orderId: string;
  /** What the buyer sent, e.g. `0.00029134` `BTC`. */
  paid: { amount: string; currency: string };
  fulfilledAt: string;
}

/** A priced snapshot of what the buyer wants: the server's prices, never the browser's. */
export interface Cart {
  id: string;
  lines: CartLine[];
  total: string;
  currency: string;
  fulfilment: Fulfilment | null;
}

const MAX_LINES = 20;
const MAX_QUANTITY = 10;
const CENT_DIGITS = 2;

/** Reads `[{ productId, quantity }]` from a request body into priced lines, or throws a `CartError`. */
function priceLines(items: unknown): CartLine[] {
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_LINES) {
    throw new CartError(`A cart holds 1 to ${MAX_LINES} items.`);
  }
  return items.map((item: { productId?: unknown; quantity?: unknown }) => {
    const product = findProduct(item?.productId);
    if (!product) throw new CartError('The cart names a product the shop does not sell.');
    const quantity = item.quantity;
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
      throw new CartError(`Quantities are whole numbers from 1 to ${MAX_QUANTITY}.`);
    }
    // Exact money: whole cents as BigInt, back to a decimal string.
    const lineTotal = fromBaseUnits(toBaseUnits(product.price, CENT_DIGITS) * BigInt(quantity), CENT_DIGITS);
    return { productId: product.id, name: product.name, unitPrice: product.price, quantity, lineTotal };
  });
}

/** The shop's carts, in memory: a real shop keeps them in its database. */
export class CartStore {
  readonly #carts = new Map<string, Cart>();

  /** Prices `items` from the catalogue and keeps the cart; throws a `CartError` on bad input. */
  create(items: unknown): Cart {
    const lines = priceLines(items);
    const total = lines.reduce((sum, line) => addAmounts(sum, line.lineTotal), '0');
    const cart: Cart = { id: randomUUID(), lines, total, currency: SHOP_CURRENCY, fulfilment: null };
    this.#carts.set(cart.id, cart);
    return cart;
  }

  get(id: string): Cart | undefined {
    return this.#carts.get(id);
  }

  /** Records the payment once; false when the cart is unknown or was fulfilled already. */
  fulfil(id: string, fulfilment: Fulfilment): boolean {
    const cart = this.#carts.get(id);
    if (!cart || cart.fulfilment) return false;
    cart.fulfilment = fulfilment;
    return true;
  }
}
