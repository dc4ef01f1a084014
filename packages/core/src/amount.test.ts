import { describe, expect, it } from 'vitest';
import {
  AmountError,
  addAmounts,
  compareAmounts,
  fromBaseUnits,
  isZeroAmount,
  parseAmount,
  proportionalAmount,
  remainingAmount,
  subtractAmounts,
  toBaseUnits,
} from './amount.js';
import { errorCode } from './test-utils/errorCode.js';

const codeOf = (run: () => unknown) => errorCode(run, AmountError);

describe('parseAmount', () => {
  it.each([
    ['0', '0'],
    ['0.0', '0'],
    ['000', '0'],
    ['1', '1'],
    ['1.50', '1.5'],
    ['007.100', '7.1'],
    ['0.00019044', '0.00019044'],
    ['12345678901234567890.123456789012345678', '12345678901234567890.123456789012345678'],
    ['-0', '0'],
    ['-0.000', '0'],
  ])('reads the string %j as %j', (input, expected) => {
    expect(parseAmount(input)).toBe(expected);
  });

  it.each([
    [0, '0'],
    [-0, '0'],
    [1, '1'],
    [0.1, '0.1'],
    [0.00019044, '0.00019044'],
    [0.00155419, '0.00155419'],
    [1e-7, '0.0000001'],
    [1.5e-7, '0.00000015'],
    [5e-324, `0.${'0'.repeat(323)}5`],
    [1e21, '1000000000000000000000'],
    [1.5e21, '1500000000000000000000'],
    [123456.789, '123456.789'],
    [2 ** 60, '1152921504606847000'], // the shortest form, not the double's exact binary value
  ])('reads the number %s from its shortest form as %j', (input, expected) => {
    expect(parseAmount(input)).toBe(expected);
  });

  it('adds no float noise: 0.1 + 0.2 as numbers is not what it reads', () => {
    expect(parseAmount(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(addAmounts(0.1, 0.2)).toBe('0.3');
  });

  it.each([
    ['1e-7', '0.0000001'],
    ['1.5E3', '1500'],
    ['2.50e+2', '250'],
    ['123e-2', '1.23'],
    ['0e5', '0'],
    ['-1.5e-1', '-0.15'],
  ])('reads the exponent string %j with allowExponent as %j', (input, expected) => {
    expect(parseAmount(input, { allowExponent: true, allowNegative: true })).toBe(expected);
  });

  it('reads negatives only with allowNegative', () => {
    expect(parseAmount('-1.50', { allowNegative: true })).toBe('-1.5');
    expect(parseAmount(-2.5, { allowNegative: true })).toBe('-2.5');
    expect(codeOf(() => parseAmount('-1'))).toBe('amount_negative');
    expect(codeOf(() => parseAmount(-0.5))).toBe('amount_negative');
    expect(codeOf(() => parseAmount('-1e2', { allowExponent: true }))).toBe('amount_negative');
  });

  it.each([
    ['', 'amount_invalid'],
    [' 1', 'amount_invalid'],
    ['1 ', 'amount_invalid'],
    ['1 000', 'amount_invalid'],
    ['1.', 'amount_invalid'],
    ['.5', 'amount_invalid'],
    ['+1', 'amount_invalid'],
    ['--1', 'amount_invalid'],
    ['0x10', 'amount_invalid'],
    ['NaN', 'amount_invalid'],
    ['Infinity', 'amount_invalid'],
    ['1,5', 'amount_invalid'],
    ['1.2.3', 'amount_invalid'],
    ['１', 'amount_invalid'],
    ['1e', 'amount_invalid'],
    ['1e-7', 'amount_exponent_not_allowed'],
    ['1.5E+3', 'amount_exponent_not_allowed'],
  ])('rejects the string %j with %s', (input, code) => {
    expect(codeOf(() => parseAmount(input))).toBe(code);
  });

  it.each([
    [Number.NaN, 'amount_not_finite'],
    [Number.POSITIVE_INFINITY, 'amount_not_finite'],
    [Number.NEGATIVE_INFINITY, 'amount_not_finite'],
    [null, 'amount_invalid'],
    [undefined, 'amount_invalid'],
    [10n, 'amount_invalid'],
    [{}, 'amount_invalid'],
    [['1'], 'amount_invalid'],
    [true, 'amount_invalid'],
  ])('rejects %s with %s', (input, code) => {
    expect(codeOf(() => parseAmount(input))).toBe(code);
  });

  it('rejects exponents so large they could only build enormous strings', () => {
    expect(codeOf(() => parseAmount('1e401', { allowExponent: true }))).toBe('amount_out_of_range');
    expect(codeOf(() => parseAmount('1e-999999999', { allowExponent: true }))).toBe('amount_out_of_range');
    expect(parseAmount('1e400', { allowExponent: true })).toBe(`1${'0'.repeat(400)}`);
  });

  it('says what went wrong in the message', () => {
    expect(() => parseAmount('1.')).toThrow(/Not a decimal amount: "1\."/);
    expect(() => parseAmount('1e3')).toThrow(/allowExponent/);
    expect(() => parseAmount(Number.NaN)).toThrow(/finite/);
  });
});

describe('compareAmounts', () => {
  it.each([
    ['1', '1.000', 0],
    ['0.1', 0.1, 0],
    ['0.00019044', '0.00019045', -1],
    ['10', '9.99999999', 1],
    ['-1', '0', -1],
    ['-0.5', '-0.50', 0],
    [0, '-0', 0],
    ['100000000000000000000.000000000000000001', '100000000000000000000', 1],
  ] as const)('compare(%j, %j) is %i', (a, b, expected) => {
    expect(compareAmounts(a, b)).toBe(expected);
  });

  it('rejects bad arguments on either side', () => {
    expect(codeOf(() => compareAmounts('1.', '1'))).toBe('amount_invalid');
    expect(codeOf(() => compareAmounts('1', Number.NaN))).toBe('amount_not_finite');
  });
});

describe('addAmounts and subtractAmounts', () => {
  it.each([
    ['0.1', '0.2', '0.3'],
    ['0.00019044', '0.00000956', '0.0002'],
    ['1', '-1', '0'],
    [1e-8, '0.99999999', '1'],
    ['99999999999999999999.99', '0.01', '100000000000000000000'],
  ])('%j + %j = %j', (a, b, sum) => {
    expect(addAmounts(a, b)).toBe(sum);
  });

  it.each([
    ['0.3', '0.1', '0.2'],
    ['1', '1.5', '-0.5'],
    ['1.5', '1.5', '0'],
    ['0.00155419', 0.00055419, '0.001'],
    ['-1', '-1', '0'],
  ])('%j − %j = %j', (a, b, difference) => {
    expect(subtractAmounts(a, b)).toBe(difference);
  });

  it('rejects bad arguments', () => {
    expect(codeOf(() => addAmounts('', '1'))).toBe('amount_invalid');
    expect(codeOf(() => subtractAmounts('1', '1e2'))).toBe('amount_exponent_not_allowed');
  });
});

describe('remainingAmount', () => {
  it.each([
    ['0.00019044', '0', '0.00019044'],
    ['0.00019044', '0.0001', '0.00009044'],
    ['0.00019044', '0.00019044', '0'],
    ['0.00019044', '0.001', '0'],
    [25, '24.999999', '0.000001'],
  ])('remaining(%j, paid %j) = %j', (total, paid, expected) => {
    expect(remainingAmount(total, paid)).toBe(expected);
  });

  it('rejects negative or malformed amounts', () => {
    expect(codeOf(() => remainingAmount('-1', '0'))).toBe('amount_negative');
    expect(codeOf(() => remainingAmount('1', '-1'))).toBe('amount_negative');
    expect(codeOf(() => remainingAmount('1', 'abc'))).toBe('amount_invalid');
  });
});

describe('isZeroAmount', () => {
  it.each([
    ['0', true],
    ['0.000', true],
    [0, true],
    ['-0', true],
    ['0.00000001', false],
    ['-1', false],
    [1e-20, false],
  ])('%j is zero: %s', (input, expected) => {
    expect(isZeroAmount(input)).toBe(expected);
  });

  it('rejects malformed amounts', () => {
    expect(codeOf(() => isZeroAmount(''))).toBe('amount_invalid');
  });
});

describe('toBaseUnits', () => {
  it.each([
    ['0.00019044', 8, 19044n],
    ['0.00155419', 8, 155419n],
    ['1', 18, 10n ** 18n],
    ['0.000000000000000001', 18, 1n],
    ['12.5', 6, 12_500_000n],
    ['0', 6, 0n],
    ['7', 0, 7n],
    [0.1, 18, 100_000_000_000_000_000n],
    ['123456789.123456789123456789', 18, 123456789123456789123456789n],
  ] as const)('%j with %i decimals is %s', (amount, decimals, expected) => {
    expect(toBaseUnits(amount, decimals)).toBe(expected);
  });

  it.each([
    ['1.0000001', 6, 1_000_001n],
    ['0.000000001', 8, 1n],
    ['0.123456789', 8, 12_345_679n],
    ['0.5', 0, 1n],
    ['2.0000000', 6, 2_000_000n],
  ] as const)('rounds %j up to %i decimals: %s', (amount, decimals, expected) => {
    expect(toBaseUnits(amount, decimals)).toBe(expected);
  });

  it.each([[-1], [1.5], [Number.NaN], [256], ['8'], [null]])('rejects decimals %s', (decimals) => {
    expect(codeOf(() => toBaseUnits('1', decimals as number))).toBe('decimals_invalid');
  });

  it('rejects negative or malformed amounts', () => {
    expect(codeOf(() => toBaseUnits('-1', 8))).toBe('amount_negative');
    expect(codeOf(() => toBaseUnits('1e-8', 8))).toBe('amount_exponent_not_allowed');
    expect(codeOf(() => toBaseUnits(Number.POSITIVE_INFINITY, 8))).toBe('amount_not_finite');
  });
});

describe('fromBaseUnits', () => {
  it.each([
    [19044n, 8, '0.00019044'],
    [10n ** 18n, 18, '1'],
    [1n, 18, '0.000000000000000001'],
    [12_500_000n, 6, '12.5'],
    [0n, 8, '0'],
    [7n, 0, '7'],
    [-150n, 2, '-1.5'],
  ] as const)('%s with %i decimals is %j', (units, decimals, expected) => {
    expect(fromBaseUnits(units, decimals)).toBe(expected);
  });

  it('round-trips with toBaseUnits', () => {
    for (const amount of ['0.00019044', '1', '0.1', '123.456789', '98765.4321']) {
      expect(fromBaseUnits(toBaseUnits(amount, 8), 8)).toBe(amount);
    }
  });

  it('rejects non-bigint units and bad decimals', () => {
    expect(codeOf(() => fromBaseUnits(19044 as unknown as bigint, 8))).toBe('amount_invalid');
    expect(codeOf(() => fromBaseUnits('1' as unknown as bigint, 8))).toBe('amount_invalid');
    expect(codeOf(() => fromBaseUnits(1n, -1))).toBe('decimals_invalid');
  });
});

describe('proportionalAmount', () => {
  it.each([
    ['18.50', '0.00009134', '0.00029134', 2, '5.8'],
    ['18.50', '0.0001', '0.0002', 2, '9.25'],
    ['10', '1', '3', 2, '3.33'],
    ['10', '2', '3', 2, '6.67'],
    ['0.05', '1', '2', 2, '0.03'],
    ['100', '0', '7', 2, '0'],
    ['1000', '1', '1', 0, '1000'],
  ])('%s × %s ÷ %s to %i places is %s', (value, part, whole, decimals, expected) => {
    expect(proportionalAmount(value, part, whole, decimals)).toBe(expected);
  });

  it('refuses a whole of zero and negative amounts', () => {
    expect(() => proportionalAmount('1', '1', '0', 2)).toThrow(AmountError);
    expect(() => proportionalAmount('-1', '1', '1', 2)).toThrow(AmountError);
  });
});
