import { randomUUID } from 'node:crypto';
import { addAmounts, fromBaseUnits, toBaseUnits } from '@aurpay-kit/core';
import { CartError } from './cartError.js';
import type { Cart, CartLine } from './cartStore.js';
import { SHOP_CURRENCY, findProduct } from './catalog.js';

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

/**
 * A new cart with a fresh random id, priced from the catalogue (never from the browser), not yet
 * fulfilled. Throws a `CartError` on bad input.
 *
 * @example priceCart([{ productId: 'lightning-mug', quantity: 2 }]).total // '25'
 */
export function priceCart(items: unknown): Cart {
  const lines = priceLines(items);
  const total = lines.reduce((sum, line) => addAmounts(sum, line.lineTotal), '0');
  return { id: randomUUID(), lines, total, currency: SHOP_CURRENCY, fulfilment: null, refundsDue: [] };
}
