import type { BlnOrderResponse } from '@aurpay-kit/core';

import { formatAurpayTime } from './aurpayTime.js';
import { jsonDecimal, type JsonDecimal } from './jsonText.js';
import type { SandboxOrder } from './sandboxOrder.js';

/** The hosted-checkout address of an order, on the sandbox's own origin. */
export function cashierUrl(baseUrl: string, orderId: string): string {
  return `${baseUrl}/#/cashier/${orderId}`;
}

/**
 * The `pay-info` answer: `amount` and `vs_price` as JSON numbers, as Aurpay sends them.
 *
 * @example toJsonText(payInfoView(order, url)) // '{"order_id":"2024…","status":"PENDING","amount":18.0001,…}'
 */
export function payInfoView(order: SandboxOrder, baseUrl: string): Record<string, string | JsonDecimal | null> {
  return {
    order_id: order.orderId,
    status: order.status,
    amount: jsonDecimal(order.amount),
    create_time: formatAurpayTime(order.createdAt),
    vs_currency: order.vsCurrency,
    vs_price: jsonDecimal(order.vsPrice),
    address: order.address,
    contract_addr: order.contractAddr,
    pay_url: cashierUrl(baseUrl, order.orderId),
  };
}

/**
 * The `bln/order` answer: `amount` as a string, as in Aurpay's example.
 *
 * @example blnOrderView(order, url).payment_addr // the invoice's payment secret
 */
export function blnOrderView(order: SandboxOrder, baseUrl: string): BlnOrderResponse {
  if (order.invoice === null) throw new Error(`order ${order.orderId} has no invoice`);
  return {
    order_id: order.orderId,
    status: order.status,
    amount: order.amount,
    create_time: formatAurpayTime(order.createdAt),
    payment_request: order.invoice.paymentRequest,
    payment_addr: order.invoice.paymentSecret,
    pay_url: cashierUrl(baseUrl, order.orderId),
    currency: 'BTC-LN',
  };
}

/**
 * The refund-info / refund answer, amounts as JSON numbers as in Aurpay's example: the refund goes
 * from the order's address back to the payer's.
 *
 * @example refundView(order, { networkFee: '0.353', obtained: '7.3353' }).refund_et // 60
 */
export function refundView(order: SandboxOrder, quote: { networkFee: string; obtained: string }): Record<string, unknown> {
  return {
    order_id: order.orderId,
    chain: order.chain,
    currency: order.currency,
    amount: jsonDecimal(order.paid),
    network_fee: jsonDecimal(quote.networkFee),
    obtained: jsonDecimal(quote.obtained),
    from_addr: order.address,
    to_addr: order.payments.at(-1)?.fromAddr ?? '',
    refund_et: 60,
  };
}
