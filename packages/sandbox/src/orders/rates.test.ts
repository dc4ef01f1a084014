import { describe, expect, it } from 'vitest';

import { findFiat } from './fiatCurrencies.js';
import { CRYPTO_USD_RATES, QUOTE_DECIMALS, quoteAmount, quoteUnits } from './rates.js';

describe('quoteUnits', () => {
  it.each([
    ['10', 'USD', 'BTC', '0.0002'],
    ['20', 'USD', 'BTC-LN', '0.0004'],
    ['18', 'USD', 'USDT-ERC20', '18'],
    ['100', 'USD', 'ETH', '0.04'],
    ['1', 'USD', 'LTC', '0.0125'],
    ['18.5', 'EUR', 'BTC', '0.00040218'],
    ['1500', 'JPY', 'USDT-TRC20', '10'],
    ['1', 'XAU', 'BNB', '4'],
  ])('%s %s is %s %s rounded up', (price, fiat, currency, expected) => {
    const perUsd = findFiat(fiat)?.perUsd ?? '';
    expect(quoteAmount(quoteUnits(price, perUsd, currency), currency)).toBe(expected);
  });

  it('rounds up, never down, at the quote precision', () => {
    // 0.0131 USD at 50,000 USD per BTC is 0.000000262 BTC, which needs a ninth digit.
    expect(quoteAmount(quoteUnits('0.0131', '1', 'BTC'), 'BTC')).toBe('0.00000027');
    expect(quoteAmount(quoteUnits('1', '3', 'USDC-ERC20'), 'USDC-ERC20')).toBe('0.3334');
  });

  it('has a rate and a precision for every supported crypto currency', () => {
    expect(Object.keys(CRYPTO_USD_RATES).sort()).toEqual(Object.keys(QUOTE_DECIMALS).sort());
    expect(() => quoteUnits('1', '1', 'DOGE')).toThrow(/No rate/);
  });
});
