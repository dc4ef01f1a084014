import { parseAmount } from '@aurpay-kit/core';

import { GatewayError } from '../http/gatewayError.js';

const MAX_AMOUNT_LENGTH = 40;

/**
 * A withdrawal amount as Aurpay takes it: a positive JSON number, as the examples send it, or a
 * decimal string, as the bln/withdraw description types it; undefined when absent.
 *
 * @example withdrawAmount(0.00017293, 'amount') // '0.00017293'
 * @example withdrawAmount('0.00017293', 'amount') // '0.00017293'
 */
export function withdrawAmount(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  const fail = () =>
    new GatewayError('fieldInvalid', `${name} must be a positive JSON number or decimal string, got ${JSON.stringify(value)}`);
  if (typeof value === 'number' && (!Number.isFinite(value) || value <= 0)) throw fail();
  if (typeof value !== 'number' && (typeof value !== 'string' || value.length > MAX_AMOUNT_LENGTH)) throw fail();
  let amount: string;
  try {
    amount = parseAmount(value);
  } catch {
    throw fail();
  }
  if (amount === '0') throw fail();
  return amount;
}
