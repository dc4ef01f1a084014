import { remainingAmount } from '@aurpay-kit/core';

import { assertRefundable } from './orderTransitions.js';
import type { SandboxOrder } from './sandboxOrder.js';

/** The fixed network fee the sandbox charges for sending a refund, per currency. */
export const REFUND_NETWORK_FEES: Readonly<Record<string, string>> = Object.freeze({
  BTC: '0.00002',
  LTC: '0.0001',
  ETH: '0.0005',
  BNB: '0.0002',
  'USDT-ERC20': '2.5',
  'USDC-ERC20': '2.5',
  'DAI-ERC20': '2.5',
  'USDT-TRC20': '0.353',
  'USDC-TRC20': '0.353',
});

/**
 * What refunding an order would send back: everything received, less the network fee (never
 * below zero). Throws `orderStateInvalid` for an order that cannot be refunded.
 *
 * @example refundQuote(order) // { networkFee: '0.353', obtained: '7.3353' }
 */
export function refundQuote(order: SandboxOrder): { networkFee: string; obtained: string } {
  assertRefundable(order);
  const networkFee = REFUND_NETWORK_FEES[order.currency] ?? '0';
  return { networkFee, obtained: remainingAmount(order.paid, networkFee) };
}
