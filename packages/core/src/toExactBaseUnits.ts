import type { AmountInput } from './amount.js';
import { AmountError, parseAmount } from './amount.js';

/**
 * Converts a non-negative decimal amount to integer base units (wei, satoshi, token units)
 * exactly, for a wallet that will send precisely that. An amount with more fraction digits than
 * `decimals` cannot be sent as asked: it is an `AmountError` with code `amount_too_precise`, never
 * rounded. (`toBaseUnits` rounds up instead, for display.)
 *
 * @example toExactBaseUnits('18.0001', 6) // 18000100n
 * @example toExactBaseUnits('0.1234567', 6) // throws AmountError 'amount_too_precise'
 */
export function toExactBaseUnits(amount: AmountInput, decimals: number): bigint {
  if (typeof decimals !== 'number' || !Number.isInteger(decimals) || decimals < 0 || decimals > 255) {
    throw new AmountError('decimals_invalid', `decimals must be an integer from 0 to 255, got ${String(decimals)}.`);
  }
  const canonical = parseAmount(amount);
  const [whole = '0', fraction = ''] = canonical.split('.');
  if (fraction.length > decimals) {
    throw new AmountError(
      'amount_too_precise',
      `${canonical} has ${fraction.length} decimal places; this currency has ${decimals}, so it cannot be sent exactly.`,
    );
  }
  return BigInt(whole + fraction.padEnd(decimals, '0'));
}
