import { addAmounts, compareAmounts, remainingAmount, type AurpayOrderStatus } from '@aurpay-kit/core';

import { GatewayError } from '../http/gatewayError.js';
import { isOpen, type SandboxOrder } from './sandboxOrder.js';

const REFUNDABLE: readonly AurpayOrderStatus[] = ['SUCCESS', 'RESOLVED', 'OVERDUE', 'PARTIAL'];

/** A status change an operation made. */
export interface Transition {
  from: AurpayOrderStatus;
  to: AurpayOrderStatus;
}

function refuse(order: SandboxOrder, action: string, allowed: string): never {
  throw new GatewayError(
    'orderStateInvalid',
    `Cannot ${action} order ${order.orderId}: it is ${order.status}, and only ${allowed} orders can be`,
    {
      data: { order_id: order.orderId, status: order.status },
    },
  );
}

function move(order: SandboxOrder, to: AurpayOrderStatus, now: number): Transition {
  const from = order.status;
  order.status = to;
  order.updatedAt = now;
  return { from, to };
}

/**
 * Records a payment: `amount` (default: what is still owed) is added to what was paid; the order
 * becomes SUCCESS once fully paid, PARTIAL before. Lightning invoices are paid in full or not at all.
 *
 * @example payOrder(order, { amount: '0.0001', txHash, fromAddr }, Date.now()).to // 'PARTIAL'
 */
export function payOrder(
  order: SandboxOrder,
  payment: { amount?: string; txHash: string; fromAddr: string | null },
  now: number,
): Transition {
  if (!isOpen(order)) refuse(order, 'pay', 'PENDING or PARTIAL');
  const owed = remainingAmount(order.amount, order.paid);
  const amount = payment.amount ?? owed;
  if (order.invoice !== null && compareAmounts(amount, owed) < 0) {
    throw new GatewayError('fieldInvalid', `A Lightning invoice is paid in full: amount must be at least ${owed}`);
  }
  order.paid = addAmounts(order.paid, amount);
  // A payment detected before is the one that now counts.
  const { txHash, fromAddr } = order.detected ?? payment;
  order.detected = null;
  order.payments.push({ amount, txHash, fromAddr, at: now });
  return move(order, compareAmounts(order.paid, order.amount) >= 0 ? 'SUCCESS' : 'PARTIAL', now);
}

/**
 * Times an order out: PENDING or PARTIAL becomes OVERDUE.
 *
 * @example expireOrder(order, Date.now()) // { from: 'PENDING', to: 'OVERDUE' }
 */
export function expireOrder(order: SandboxOrder, now: number): Transition {
  if (!isOpen(order)) refuse(order, 'expire', 'PENDING or PARTIAL');
  order.detected = null;
  return move(order, 'OVERDUE', now);
}

/**
 * The merchant accepts an under-paid or timed-out order: PARTIAL or OVERDUE becomes RESOLVED.
 *
 * @example resolveOrder(order, Date.now()).to // 'RESOLVED'
 */
export function resolveOrder(order: SandboxOrder, now: number): Transition {
  if (order.status !== 'PARTIAL' && order.status !== 'OVERDUE') refuse(order, 'resolve', 'PARTIAL or OVERDUE');
  return move(order, 'RESOLVED', now);
}

/**
 * Why an order cannot be refunded now, or null when it can: it received money on chain (a
 * Lightning payment cannot be sent back) and is SUCCESS, RESOLVED, or also OVERDUE or PARTIAL,
 * the likeliest refunds of all (a wrong amount, a buyer who gave up).
 *
 * @example refundRefusal(order) // null
 */
export function refundRefusal(order: SandboxOrder): GatewayError | null {
  if (!REFUNDABLE.includes(order.status)) {
    return new GatewayError(
      'orderStateInvalid',
      `Cannot refund order ${order.orderId}: it is ${order.status}, and only ${REFUNDABLE.join(', ')} orders can be`,
      {
        data: { order_id: order.orderId, status: order.status },
      },
    );
  }
  if (order.invoice !== null) {
    return new GatewayError('orderStateInvalid', `Order ${order.orderId} was paid over Lightning, which cannot be refunded`);
  }
  if (compareAmounts(order.paid, '0') <= 0)
    return new GatewayError('orderStateInvalid', `Order ${order.orderId} received no payment to refund`);
  return null;
}

/**
 * Throws `refundRefusal`'s error when the order cannot be refunded.
 *
 * @example assertRefundable(order)
 */
export function assertRefundable(order: SandboxOrder): void {
  const refusal = refundRefusal(order);
  if (refusal !== null) throw refusal;
}

/**
 * Refunds an order that received money: it becomes REFUNDED, with the refund's amounts and the
 * ids of the transaction that sent it back.
 *
 * @example refundOrder(order, { networkFee: '0.353', obtained: '7.3353', txId, txHash }, Date.now())
 */
export function refundOrder(
  order: SandboxOrder,
  refund: { networkFee: string; obtained: string; txId: string; txHash: string },
  now: number,
): Transition {
  assertRefundable(order);
  order.refund = { ...refund, at: now };
  return move(order, 'REFUNDED', now);
}
