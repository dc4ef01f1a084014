import { findCurrency, type CheckoutCurrency, type CryptoCurrency } from '@aurpay-kit/core';
import { AurpayError } from '../client/aurpayError.js';

/**
 * The currencies a checkout offers: those the gateway lists as enabled, that core knows how to
 * show (decimals, contract, payment URI), and that `allowed` names (all when null). Lightning is
 * the `BLN` / `BTC-LN` entry.
 *
 * @example supportedCurrencies(await client.listCryptoCurrencies(), new Set(['BTC', 'BTC-LN']))
 */
export function supportedCurrencies(list: readonly CryptoCurrency[], allowed: ReadonlySet<string> | null): CheckoutCurrency[] {
  if (!Array.isArray(list)) throw new AurpayError('aurpay_bad_response', 'The gateway’s currency list is not a list.');
  const seen = new Set<string>();
  const result: CheckoutCurrency[] = [];
  for (const entry of list) {
    if (typeof entry !== 'object' || entry === null || entry.status !== true) continue;
    const { chain, currency } = entry;
    if (typeof chain !== 'string' || typeof currency !== 'string' || findCurrency(currency, chain) === undefined) continue;
    if (allowed !== null && !allowed.has(currency)) continue;
    const key = `${chain}/${currency}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ chain, currency });
  }
  return result;
}
