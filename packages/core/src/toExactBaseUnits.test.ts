import { describe, expect, it } from 'vitest';
import { AmountError, fromBaseUnits } from './amount.js';
import { CURRENCIES } from './currencies.js';
import { errorCode } from './test-utils/errorCode.js';
import { toExactBaseUnits } from './toExactBaseUnits.js';

describe('toExactBaseUnits', () => {
  // Every decimals count the currency table holds: 6 (stablecoins), 8 (BTC, LTC, Lightning), 18 (ETH, BNB, DAI).
  describe.each(CURRENCIES.map((c) => [c.currency, c.decimals] as const))('%s (%i decimals)', (currency, decimals) => {
    const smallest = `0.${'0'.repeat(decimals - 1)}1`;

    it('converts whole amounts, the smallest unit and the full precision exactly', () => {
      expect(toExactBaseUnits('1', decimals)).toBe(10n ** BigInt(decimals));
      expect(toExactBaseUnits(smallest, decimals)).toBe(1n);
      const full = `123.${'9'.repeat(decimals)}`;
      expect(toExactBaseUnits(full, decimals)).toBe(124n * 10n ** BigInt(decimals) - 1n);
      expect(fromBaseUnits(toExactBaseUnits(full, decimals), decimals)).toBe(full);
    });

    it('reads trailing zeros past the precision as the same amount', () => {
      expect(toExactBaseUnits(`${smallest}000`, decimals)).toBe(1n);
    });

    it(`refuses an amount with more than ${decimals} decimal places, with a code`, () => {
      const tooPrecise = `${smallest}1`;
      expect(errorCode(() => toExactBaseUnits(tooPrecise, decimals), AmountError)).toBe('amount_too_precise');
      expect(() => toExactBaseUnits(tooPrecise, decimals)).toThrow(`has ${decimals + 1} decimal places; this currency has ${decimals}`);
    });

    it(`stays exact where a float would not (${currency})`, () => {
      // 0.1 + 0.2 in binary floating point is 0.30000000000000004.
      expect(toExactBaseUnits('0.3', decimals)).toBe(3n * 10n ** BigInt(decimals - 1));
      expect(toExactBaseUnits('9007199254740993', decimals)).toBe(9007199254740993n * 10n ** BigInt(decimals));
    });
  });

  it('matches the sandbox quotes the checkout shows', () => {
    expect(toExactBaseUnits('18.0001', 6)).toBe(18_000_100n);
    expect(toExactBaseUnits('0.004001', 18)).toBe(4_001_000_000_000_000n);
    expect(toExactBaseUnits('0.00040001', 8)).toBe(40_001n);
    expect(toExactBaseUnits(0.00019044, 8)).toBe(19_044n);
  });

  it('refuses what is not a non-negative decimal, and bad decimals', () => {
    expect(errorCode(() => toExactBaseUnits('-1', 6))).toBe('amount_negative');
    expect(errorCode(() => toExactBaseUnits('1e-6', 6))).toBe('amount_exponent_not_allowed');
    expect(errorCode(() => toExactBaseUnits('1,5', 6))).toBe('amount_invalid');
    expect(errorCode(() => toExactBaseUnits(null as never, 6))).toBe('amount_invalid');
    expect(errorCode(() => toExactBaseUnits('1', 6.5))).toBe('decimals_invalid');
    expect(errorCode(() => toExactBaseUnits('1', -1))).toBe('decimals_invalid');
  });

  it('is zero for zero, in any spelling', () => {
    expect(toExactBaseUnits('0.000', 6)).toBe(0n);
    expect(toExactBaseUnits('0', 0)).toBe(0n);
    expect(errorCode(() => toExactBaseUnits('0.5', 0))).toBe('amount_too_precise');
  });
});
