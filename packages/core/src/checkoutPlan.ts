import type { CheckoutOptions } from './checkoutOptions.js';
import type { CheckoutCurrency, CheckoutKind } from './checkoutView.js';

/** What a checkout works on: nothing, offering currencies, creating an order, or watching one. */
export type CheckoutPlan =
  | { type: 'none' }
  | { type: 'choose' }
  | { type: 'create'; kind: CheckoutKind; selection: CheckoutCurrency | null }
  | { type: 'watch'; orderId: string; statusToken: string };

/**
 * What the options ask for. An order given by id and token is watched; otherwise a new order is
 * created in the buyer's `chosen` currency or the one the options fix (Lightning needs none), or
 * the buyer chooses. `asked` says a new order was asked for (`reset()`, `choose()`): it passes
 * over the given order and over `create: false`.
 */
export function checkoutPlan(options: CheckoutOptions, chosen?: CheckoutCurrency, asked = false): CheckoutPlan {
  const { order, chain = order?.chain, currency = order?.currency } = options;
  const { orderId = order?.orderId, statusToken = order?.statusToken } = options;
  const kind = options.kind ?? order?.kind ?? 'crypto';
  if (!asked && orderId && statusToken) return { type: 'watch', orderId, statusToken };
  if (!asked && options.create === false) return { type: 'none' };
  const selection = kind === 'lightning' ? null : (chosen ?? (chain && currency ? { chain, currency } : undefined));
  return selection === undefined ? { type: 'choose' } : { type: 'create', kind, selection };
}
