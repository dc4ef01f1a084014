import { fromBaseUnits, parseAmount, toBaseUnits } from '@aurpay-kit/core';

const PICO_PER_BTC = 12;
const MULTIPLIERS: ReadonlyArray<[suffix: string, picoPerUnit: bigint]> = [
  ['', 10n ** 12n],
  ['m', 10n ** 9n],
  ['u', 10n ** 6n],
  ['n', 10n ** 3n],
  ['p', 1n],
];

/**
 * The amount part of a BOLT11 human-readable prefix for an amount in BTC, with the largest
 * multiplier that keeps it an integer (0.00019044 BTC is `190440n`). Amounts finer than a
 * millisatoshi cannot be invoiced.
 *
 * @example encodeInvoiceAmount('0.00019044') // '190440n'
 */
export function encodeInvoiceAmount(amountBtc: string): string {
  const canonical = parseAmount(amountBtc);
  const pico = toBaseUnits(canonical, PICO_PER_BTC);
  if (pico === 0n || pico % 10n !== 0n || fromBaseUnits(pico, PICO_PER_BTC) !== canonical) {
    throw new Error(`An invoice amount must be a positive whole number of millisatoshi, got ${amountBtc} BTC`);
  }
  for (const [suffix, unit] of MULTIPLIERS) {
    if (pico % unit === 0n) return `${pico / unit}${suffix}`;
  }
  throw new Error('unreachable: every amount divides by 1 pico-BTC');
}

/**
 * Reads the amount (in BTC) from a BOLT11 human-readable prefix such as `lntb190440n`; null when
 * the invoice carries no amount, undefined when the prefix is not a Lightning invoice's.
 *
 * @example decodeInvoiceAmount('lnbc190440n') // '0.00019044'
 */
export function decodeInvoiceAmount(prefix: string): string | null | undefined {
  const match = /^ln(?:bcrt|bc|tbs|tb|sb)(?:(\d+)([munp]?))?$/.exec(prefix);
  if (!match) return undefined;
  const [, digits, suffix = ''] = match;
  if (digits === undefined) return null;
  const unit = MULTIPLIERS.find(([s]) => s === suffix)?.[1] ?? 1n;
  return fromBaseUnits(BigInt(digits) * unit, PICO_PER_BTC);
}
