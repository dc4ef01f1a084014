import { subtractAmounts } from '@aurpay-kit/core';

import type { SandboxQuirks } from '../sandboxProfile.js';
import type { SandboxOrder } from './sandboxOrder.js';
import { serviceFee } from './serviceFee.js';

/**
 * The order's `obtained` as the profile reads it: null until money arrives, then what the buyer
 * paid, or (`netObtained`) that less the 0.8 % service fee on it.
 *
 * @example obtainedAmount(order, { ...quirks, netObtained: true }) // '17.8560992' for 18.0001 paid
 */
export function obtainedAmount(order: SandboxOrder, quirks: Pick<SandboxQuirks, 'netObtained'>): string | null {
  if (order.payments.length === 0) return null;
  return quirks.netObtained ? subtractAmounts(order.paid, serviceFee(order.paid)) : order.paid;
}
