import { formatAurpayTime, remainingAmount } from '@aurpay-kit/core';

import { cashierUrl } from '../orders/creationViews.js';
import { orderDetail } from '../orders/orderViews.js';
import type { SandboxQuirks } from '../sandboxProfile.js';
import type { SandboxOrder } from '../orders/sandboxOrder.js';

/**
 * An order as `GET /_sandbox/orders/:order_id` shows it: Aurpay's detail fields plus what only
 * the sandbox knows: paid and remaining amounts, deadline, payments, callback attempts, and the
 * Lightning invoice's secrets. `paid` is always what the buyer paid, whatever `obtained` says.
 *
 * @example controlView(order, 'http://127.0.0.1:4010', quirks).remaining // '0.0001'
 */
export function controlView(order: SandboxOrder, baseUrl: string, quirks: SandboxQuirks): Record<string, unknown> {
  return {
    ...orderDetail(order, quirks),
    created_at: formatAurpayTime(order.createdAt),
    paid: order.paid,
    remaining: remainingAmount(order.amount, order.paid),
    address: order.address,
    contract_addr: order.contractAddr,
    pay_url: cashierUrl(baseUrl, order.orderId),
    deadline: formatAurpayTime(order.deadline),
    urls: order.urls,
    post_callback: order.postCallback,
    payments: order.payments.map((p) => ({
      amount: p.amount,
      tx_hash: p.txHash,
      from_addr: p.fromAddr,
      time: formatAurpayTime(p.at),
    })),
    detected: order.detected
      ? { tx_hash: order.detected.txHash, confirmations: order.detected.confirmations, time: formatAurpayTime(order.detected.at) }
      : null,
    callbacks: order.callbacks.map((c) => ({ ...c })),
    lightning:
      order.invoice === null
        ? null
        : {
            payment_request: order.invoice.paymentRequest,
            payment_hash: order.invoice.paymentHash,
            payment_secret: order.invoice.paymentSecret,
            preimage: order.invoice.preimage,
            description: order.invoice.description,
            expiry: order.invoice.expirySeconds,
          },
    refund_details:
      order.refund === null
        ? null
        : {
            network_fee: order.refund.networkFee,
            obtained: order.refund.obtained,
            tx_id: order.refund.txId,
            time: formatAurpayTime(order.refund.at),
          },
  };
}
