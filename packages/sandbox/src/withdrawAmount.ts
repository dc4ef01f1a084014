import { parseAmount } from '@aurpay-kit/core';

import { GatewayError } from './gatewayError.js';

/**
 * A withdrawal amount as Aurpay takes it: a positive JSON number; undefined when absent.
 *
 * @example withdrawAmount(0.00017293, 'amount') // '0.00017293'
 */
export function withdrawAmount(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new GatewayError('fieldInvalid', `${name} must be a positive JSON number, got ${JSON.stringify(value)}`);
  }
  return parseAmount(value);
}
