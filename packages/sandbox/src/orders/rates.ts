import { fromBaseUnits, parseAmount } from '@aurpay-kit/core';

/** US dollars per unit of each crypto currency: fixed, so amounts are deterministic. */
export const CRYPTO_USD_RATES: Readonly<Record<string, string>> = Object.freeze({
  BTC: '50000',
  'BTC-LN': '50000',
  LTC: '80',
  ETH: '2500',
  BNB: '500',
  'USDT-ERC20': '1',
  'USDC-ERC20': '1',
  'DAI-ERC20': '1',
  'USDT-TRC20': '1',
  'USDC-TRC20': '1',
});

/**
 * Fraction digits of quoted order amounts, as Aurpay quotes them (8 for BTC and LTC, 4 for
 * stablecoins); one unit of the last digit is also the step that keeps open orders' amounts apart.
 */
export const QUOTE_DECIMALS: Readonly<Record<string, number>> = Object.freeze({
  BTC: 8,
  'BTC-LN': 8,
  LTC: 8,
  ETH: 6,
  BNB: 6,
  'USDT-ERC20': 4,
  'USDC-ERC20': 4,
  'DAI-ERC20': 4,
  'USDT-TRC20': 4,
  'USDC-TRC20': 4,
});

interface Fraction {
  num: bigint;
  den: bigint;
}

function fraction(decimal: string): Fraction {
  const [whole = '0', frac = ''] = parseAmount(decimal).split('.');
  return { num: BigInt(whole + frac), den: 10n ** BigInt(frac.length) };
}

/**
 * The crypto amount for a fiat price at the fixed rates, in integer units of the currency's quote
 * precision, rounded up: `price / (fiatPerUsd × cryptoUsd)`, exact in BigInt.
 *
 * @example quoteUnits('10', '1', 'BTC') // 20000n (0.0002 BTC at 8 decimals)
 */
export function quoteUnits(price: string, fiatPerUsd: string, currency: string): bigint {
  const usdRate = CRYPTO_USD_RATES[currency];
  const decimals = QUOTE_DECIMALS[currency];
  if (usdRate === undefined || decimals === undefined) throw new Error(`No rate for ${currency}`);
  const p = fraction(price);
  const f = fraction(fiatPerUsd);
  const r = fraction(usdRate);
  const num = p.num * f.den * r.den * 10n ** BigInt(decimals);
  const den = p.den * f.num * r.num;
  return num % den === 0n ? num / den : num / den + 1n;
}

/**
 * Formats quote units of a currency as a decimal amount.
 *
 * @example quoteAmount(20001n, 'BTC') // '0.00020001'
 */
export function quoteAmount(units: bigint, currency: string): string {
  const decimals = QUOTE_DECIMALS[currency];
  if (decimals === undefined) throw new Error(`No quote precision for ${currency}`);
  return fromBaseUnits(units, decimals);
}
