import { findCurrency, formatAurpayTime, type AurpayOrder, type AurpayOrderDetail } from '@aurpay-kit/core';

import { obtainedAmount } from './obtainedAmount.js';
import { refundRefusal } from './orderTransitions.js';
import type { SandboxQuirks } from '../sandboxProfile.js';
import type { SandboxOrder } from './sandboxOrder.js';

/** Aurpay writes list prices as Python floats do: "19.0", "18.5". */
function floatText(decimal: string): string {
  return decimal.includes('.') ? decimal : `${decimal}.0`;
}

/**
 * An order as `GET /api/v2/order/` lists it: amounts as strings.
 *
 * @example orderListItem(order).amount // '18.0001'
 */
export function orderListItem(order: SandboxOrder): AurpayOrder {
  return {
    user_id: order.userId,
    order_id: order.orderId,
    order_type: order.orderType,
    platform: order.platform,
    status: order.status,
    chain: order.chain,
    chain_name: findCurrency(order.currency, order.chain)?.chainName ?? order.chain,
    currency: order.currency,
    amount: order.amount,
    vs_price: floatText(order.vsPrice),
    vs_currency: order.vsCurrency,
    remark: '',
    // Aurpay's `refund` flag: whether the order could be refunded now.
    refund: refundRefusal(order) === null,
    create_time: formatAurpayTime(order.shownCreatedAt),
    update_time: formatAurpayTime(order.updatedAt),
  };
}

/**
 * An order as `GET /api/v2/order/detail/:order_id` returns it. Before any payment `obtained` and
 * `from_addr` are null, `tx_hash` is "" and `to_addr` is false, as Aurpay sends them; `obtained`
 * is gross or net as the profile says. A detected payment's hash is `tx_hash` before it counts.
 *
 * @example orderDetail(order, quirks).obtained // null until paid
 */
export function orderDetail(order: SandboxOrder, quirks: SandboxQuirks): AurpayOrderDetail {
  const last = order.payments.at(-1);
  return {
    ...orderListItem(order),
    tx_id: order.txId,
    tx_type: order.orderType,
    obtained: obtainedAmount(order, quirks),
    fee: order.fee,
    from_addr: last?.fromAddr ?? null,
    to_addr: last === undefined ? false : order.invoice === null ? order.address : null,
    tx_hash: order.detected?.txHash ?? last?.txHash ?? '',
    contract_id: null,
  };
}

/**
 * The body of a POST callback: the order detail with the extra fields Aurpay's callback example
 * shows (`bind_id`, `tx_hash_list`, `website`), in its order.
 *
 * @example JSON.stringify(callbackBody(order, quirks))
 */
export function callbackBody(order: SandboxOrder, quirks: SandboxQuirks): Record<string, unknown> {
  const { create_time, update_time, ...detail } = orderDetail(order, quirks);
  const { tx_id, tx_type, obtained, fee, from_addr, to_addr, tx_hash, contract_id, ...listed } = detail;
  return {
    ...listed,
    bind_id: null,
    create_time,
    update_time,
    tx_id,
    tx_type,
    obtained,
    fee,
    from_addr,
    to_addr,
    tx_hash: tx_hash === '' ? null : tx_hash,
    tx_hash_list: [...order.payments.map((payment) => payment.txHash), ...(order.detected ? [order.detected.txHash] : [])],
    contract_id,
    website: null,
  };
}
