import type { CurrencyOptions } from './checkoutOptions.js';
import type { CheckoutCurrency } from './checkoutView.js';

const matches = (name: string, { chain, currency }: CheckoutCurrency) => {
  const wanted = name.toUpperCase();
  return currency.toUpperCase() === wanted || chain.toUpperCase() === wanted;
};

const rank = (order: readonly string[], entry: CheckoutCurrency) => {
  const at = order.findIndex((name) => matches(name, entry));
  return at === -1 ? order.length : at;
};

/**
 * The server's currencies as the buyer is offered them: only those `include` names (all when it
 * is absent), those named in `order` first and in that order, the rest as the server listed them.
 *
 * @example arrangeCurrencies(list, { include: ['BTC', 'ETH'], order: ['ETH'] }) // ETH entries, then BTC
 */
export function arrangeCurrencies(list: readonly CheckoutCurrency[], options: CurrencyOptions = {}): CheckoutCurrency[] {
  const { include, order = [] } = options;
  const kept = include ? list.filter((entry) => include.some((name) => matches(name, entry))) : [...list];
  // Array#sort is stable: equal ranks keep the server's order.
  return kept.sort((a, b) => rank(order, a) - rank(order, b));
}

/**
 * The offered currency that `name` picks (its code first, then the first of a chain), if any.
 *
 * @example pickCurrency(list, 'usdt-erc20') // { chain: 'ETH', currency: 'USDT-ERC20' }
 */
export function pickCurrency(list: readonly CheckoutCurrency[], name: string | undefined): CheckoutCurrency | undefined {
  if (!name) return undefined;
  return list.find((entry) => entry.currency.toUpperCase() === name.toUpperCase()) ?? list.find((entry) => matches(name, entry));
}
