import { GatewayError } from '../http/gatewayError.js';
import { isOpen, type SandboxOrder } from './sandboxOrder.js';
import type { Transition } from './orderTransitions.js';

const EVM_HASH = /^0x[0-9a-fA-F]{64}$/;
const HEX_HASH = /^[0-9a-fA-F]{64}$/;
const MAX_CONFIRMATIONS = 1_000_000;

/**
 * Shows a payment on its way for an open on-chain order, as a gateway that has seen the buyer's
 * transaction before counting it: the order stays PENDING or PARTIAL, its detail shows the hash,
 * and its transaction in the list is PENDING (SUCCESS, with a count, once `confirmations` is above
 * 0). Detecting the same hash again updates its confirmations; the next `pay` counts it.
 *
 * @example detectPayment(order, { txHash: '0x5c50…', fromAddr: null, confirmations: 0 }, Date.now()) // { from: 'PENDING', to: 'PENDING' }
 */
export function detectPayment(
  order: SandboxOrder,
  payment: { txHash: string; fromAddr: string | null; confirmations: number },
  now: number,
): Transition {
  if (!isOpen(order)) {
    throw new GatewayError(
      'orderStateInvalid',
      `Cannot detect a payment for order ${order.orderId}: it is ${order.status}, and only PENDING or PARTIAL orders can be`,
      {
        data: { order_id: order.orderId, status: order.status },
      },
    );
  }
  if (order.invoice !== null) {
    throw new GatewayError(
      'orderStateInvalid',
      `Order ${order.orderId} is a Lightning invoice: its payments settle at once, pay it instead`,
    );
  }
  const evm = order.chain === 'ETH' || order.chain === 'BSC';
  if (!(evm ? EVM_HASH : HEX_HASH).test(payment.txHash)) {
    throw new GatewayError('fieldInvalid', `tx_hash must be ${evm ? '0x and 64 hex digits' : '64 hex digits'} on ${order.chain}`);
  }
  const { confirmations } = payment;
  if (!Number.isSafeInteger(confirmations) || confirmations < 0 || confirmations > MAX_CONFIRMATIONS) {
    throw new GatewayError('fieldInvalid', `confirmations must be a whole number from 0 to ${MAX_CONFIRMATIONS}`);
  }
  const same = order.detected?.txHash.toLowerCase() === payment.txHash.toLowerCase();
  order.detected = { ...payment, at: same && order.detected ? order.detected.at : now };
  order.updatedAt = now;
  return { from: order.status, to: order.status };
}
