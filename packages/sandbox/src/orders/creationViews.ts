import { formatAurpayTime } from '@aurpay-kit/core';
import { jsonDecimal, type JsonDecimal } from '../http/jsonText.js';
import type { SandboxQuirks } from '../sandboxProfile.js';
import type { SandboxOrder } from './sandboxOrder.js';

/** The hosted-checkout address of an order, on the sandbox's own origin. */
export function cashierUrl(baseUrl: string, orderId: string): string {
  return `${baseUrl}/#/cashier/${orderId}`;
}

/**
 * The `pay-info` answer: `amount` and `vs_price` as JSON numbers, as Aurpay sends them;
 * `contract_addr` null for native coins, or left out under `noNativeContractAddr`.
 *
 * @example toJsonText(payInfoView(order, url, quirks)) // '{"order_id":"2024…","status":"PENDING","amount":18.0001,…}'
 */
export function payInfoView(order: SandboxOrder, baseUrl: string, quirks: SandboxQuirks): Record<string, string | JsonDecimal | null> {
  const view: Record<string, string | JsonDecimal | null> = {
    order_id: order.orderId,
    status: order.status,
    amount: jsonDecimal(order.amount),
    create_time: formatAurpayTime(order.shownCreatedAt),
    vs_currency: order.vsCurrency,
    vs_price: jsonDecimal(order.vsPrice),
    address: order.address,
    contract_addr: order.contractAddr,
    pay_url: cashierUrl(baseUrl, order.orderId),
  };
  if (order.contractAddr === null && quirks.noNativeContractAddr) delete view.contract_addr;
  return view;
}

/**
 * The `bln/order` answer as the collection's example has it (`amount` a string, with
 * `payment_addr` and `currency`), or under `blnOrderDescriptionShape` as the description's
 * example (`amount` a number, neither of the two).
 *
 * @example blnOrderView(order, url, quirks).payment_addr // the invoice's payment secret
 */
export function blnOrderView(order: SandboxOrder, baseUrl: string, quirks: SandboxQuirks): Record<string, string | JsonDecimal> {
  if (order.invoice === null) throw new Error(`order ${order.orderId} has no invoice`);
  const common = { order_id: order.orderId, status: order.status };
  const create_time = formatAurpayTime(order.shownCreatedAt);
  const payment_request = order.invoice.paymentRequest;
  const pay_url = cashierUrl(baseUrl, order.orderId);
  if (quirks.blnOrderDescriptionShape) return { ...common, amount: jsonDecimal(order.amount), create_time, payment_request, pay_url };
  return {
    ...common,
    amount: order.amount,
    create_time,
    payment_request,
    payment_addr: order.invoice.paymentSecret,
    pay_url,
    currency: 'BTC-LN',
  };
}

/**
 * The refund-info answer, amounts as JSON numbers as in Aurpay's example: the refund goes from
 * the order's address back to the payer's.
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

/**
 * The answer to `POST /api/v2/order/refund/:order_id`: the refund-info shape, as the collection's
 * example has it, or under `refundStatusAnswer` the description's `{ order_id, refund_status,
 * refund_amount, refund_date }` (the amount refunded, as a JSON number: the schema says "number").
 *
 * @example refundAnswer(order, quote, quirks).refund_status // 'REFUNDED' under refundStatusAnswer
 */
export function refundAnswer(
  order: SandboxOrder,
  quote: { networkFee: string; obtained: string },
  quirks: SandboxQuirks,
): Record<string, unknown> {
  if (!quirks.refundStatusAnswer) return refundView(order, quote);
  return {
    order_id: order.orderId,
    refund_status: order.status,
    refund_amount: jsonDecimal(quote.obtained),
    refund_date: formatAurpayTime(order.refund?.at ?? order.updatedAt),
  };
}
