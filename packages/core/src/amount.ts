import { AurpayKitError } from './errors.js';

/** An amount, or a `decimals` argument, that cannot be used as given. */
export class AmountError extends AurpayKitError {}

/** An amount as it may arrive: Aurpay sends numbers in creation responses, strings elsewhere. */
export type AmountInput = string | number;

export interface ParseAmountOptions {
  /** Accept a leading `-`. Default false. */
  allowNegative?: boolean;
  /** Accept exponent strings such as `"1.5e-3"`. Default false. Numbers always may use one. */
  allowExponent?: boolean;
}

// No leading `+`, no bare `.`, no whitespace: a decimal exactly as JSON would write it.
const PLAIN = /^(-?)(\d+)(?:\.(\d+))?$/;
const WITH_EXPONENT = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;
// Doubles span 5e-324 to 1.8e308; an exponent far beyond would only build enormous strings.
const MAX_EXPONENT = 400;

/**
 * Reads an amount into a canonical decimal string: no exponent, no leading or trailing zeros,
 * never `-0`. Numbers must be finite and are read from their shortest round-trip form, so `0.1`
 * is `"0.1"` and `1e-7` is `"0.0000001"`.
 *
 * @example parseAmount(0.00019044) // '0.00019044'
 * @example parseAmount('12.3400') // '12.34'
 * @example parseAmount('1e-7', { allowExponent: true }) // '0.0000001'
 */
export function parseAmount(input: unknown, options: ParseAmountOptions = {}): string {
  let text: string;
  let pattern: RegExp;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) {
      throw new AmountError('amount_not_finite', `An amount must be a finite number, got ${input}.`);
    }
    text = String(input);
    pattern = WITH_EXPONENT;
  } else if (typeof input === 'string') {
    text = input;
    pattern = options.allowExponent ? WITH_EXPONENT : PLAIN;
  } else {
    throw new AmountError(
      'amount_invalid',
      `An amount must be a decimal string or a number, got ${input === null ? 'null' : typeof input}.`,
    );
  }
  const match = pattern.exec(text);
  if (!match) {
    throw /^-?\d+(\.\d+)?[eE][+-]?\d+$/.test(text)
      ? new AmountError('amount_exponent_not_allowed', `Exponent amounts need { allowExponent: true }: ${text}.`)
      : new AmountError(
          'amount_invalid',
          `Not a decimal amount: ${JSON.stringify(text)}; write digits with an optional fraction, such as "0.00019044".`,
        );
  }
  const [, sign = '', whole = '', fraction = '', exponentText] = match;
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  if (Math.abs(exponent) > MAX_EXPONENT) {
    throw new AmountError('amount_out_of_range', `Amount exponent out of range: ${text}.`);
  }
  const canonical = shift(whole + fraction, whole.length + exponent);
  if (canonical === '0') return '0';
  if (sign === '-' && !options.allowNegative) {
    throw new AmountError('amount_negative', `An amount cannot be negative here, got ${text}.`);
  }
  return sign + canonical;
}

/** Places the decimal point after `pointAt` digits (which may lie outside them) and trims zeros. */
function shift(digits: string, pointAt: number): string {
  const padded = pointAt < 0 ? '0'.repeat(-pointAt) + digits : digits + '0'.repeat(Math.max(0, pointAt - digits.length));
  const at = Math.max(pointAt, 0);
  const whole = padded.slice(0, at).replace(/^0+/, '') || '0';
  const fraction = padded.slice(at).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

interface Scaled {
  units: bigint;
  scale: number;
}

function toScaled(canonical: string): Scaled {
  const [whole = '0', fraction = ''] = canonical.split('.');
  return { units: BigInt(whole + fraction), scale: fraction.length };
}

function fromScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString();
  const value = shift(digits, digits.length - scale);
  return negative && value !== '0' ? `-${value}` : value;
}

function aligned(a: AmountInput, b: AmountInput): [bigint, bigint, number] {
  const x = toScaled(parseAmount(a, { allowNegative: true }));
  const y = toScaled(parseAmount(b, { allowNegative: true }));
  const scale = Math.max(x.scale, y.scale);
  return [x.units * 10n ** BigInt(scale - x.scale), y.units * 10n ** BigInt(scale - y.scale), scale];
}

/**
 * Compares two amounts exactly. Negative amounts are accepted.
 *
 * @example compareAmounts('0.1', 0.10) // 0
 */
export function compareAmounts(a: AmountInput, b: AmountInput): -1 | 0 | 1 {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Adds two amounts exactly.
 *
 * @example addAmounts('0.1', '0.2') // '0.3'
 */
export function addAmounts(a: AmountInput, b: AmountInput): string {
  const [x, y, scale] = aligned(a, b);
  return fromScaled(x + y, scale);
}

/**
 * Subtracts `b` from `a` exactly; the result may be negative.
 *
 * @example subtractAmounts('1', '1.5') // '-0.5'
 */
export function subtractAmounts(a: AmountInput, b: AmountInput): string {
  const [x, y, scale] = aligned(a, b);
  return fromScaled(x - y, scale);
}

/**
 * What is still owed on an order: `total − paid`, never below `"0"`. Both must be non-negative.
 *
 * @example remainingAmount('0.00019044', '0.0001') // '0.00009044'
 * @example remainingAmount('1', '2') // '0'
 */
export function remainingAmount(total: AmountInput, paid: AmountInput): string {
  parseAmount(total);
  parseAmount(paid);
  const rest = subtractAmounts(total, paid);
  return rest.startsWith('-') ? '0' : rest;
}

/**
 * Whether an amount is exactly zero (`"0.000"`, `0`, `"-0"` all are).
 *
 * @example isZeroAmount('0.000') // true
 */
export function isZeroAmount(a: AmountInput): boolean {
  return parseAmount(a, { allowNegative: true }) === '0';
}

function checkDecimals(decimals: unknown): number {
  if (typeof decimals !== 'number' || !Number.isInteger(decimals) || decimals < 0 || decimals > 255) {
    throw new AmountError('decimals_invalid', `decimals must be an integer from 0 to 255, got ${String(decimals)}.`);
  }
  return decimals;
}

/**
 * Converts a non-negative amount to integer base units (satoshi, wei…). When the amount has more
 * fraction digits than `decimals` it rounds up: paying a fraction too much settles an order, a
 * fraction too little leaves it under-paid.
 *
 * @example toBaseUnits('0.00019044', 8) // 19044n
 * @example toBaseUnits('1.0000001', 6) // 1000001n
 */
export function toBaseUnits(amount: AmountInput, decimals: number): bigint {
  const places = checkDecimals(decimals);
  const { units, scale } = toScaled(parseAmount(amount));
  if (scale <= places) return units * 10n ** BigInt(places - scale);
  const divisor = 10n ** BigInt(scale - places);
  const quotient = units / divisor;
  return units % divisor === 0n ? quotient : quotient + 1n;
}

/**
 * Converts integer base units back to a canonical decimal amount.
 *
 * @example fromBaseUnits(19044n, 8) // '0.00019044'
 */
export function fromBaseUnits(units: bigint, decimals: number): string {
  const places = checkDecimals(decimals);
  if (typeof units !== 'bigint') {
    throw new AmountError('amount_invalid', `Base units must be a bigint, got ${typeof units}.`);
  }
  return fromScaled(units, places);
}

/**
 * `value × part ÷ whole`, rounded half up to `decimals` places: what part of an amount is worth in
 * the price's currency. Exact until the rounding. `whole` must be above zero.
 *
 * @example proportionalAmount('18.50', '0.00009134', '0.00029134', 2) // '5.8'
 */
export function proportionalAmount(value: AmountInput, part: AmountInput, whole: AmountInput, decimals: number): string {
  const places = checkDecimals(decimals);
  const v = toScaled(parseAmount(value));
  const p = toScaled(parseAmount(part));
  const w = toScaled(parseAmount(whole));
  if (w.units === 0n) throw new AmountError('amount_zero', 'proportionalAmount needs a whole above zero.');
  const numerator = v.units * p.units * 10n ** BigInt(w.scale + places);
  const denominator = w.units * 10n ** BigInt(v.scale + p.scale);
  return fromScaled((2n * numerator + denominator) / (2n * denominator), places);
}
