import {
  lightningLink,
  paymentLink,
  refineCheckoutStatus,
  remainingAmount,
  toIsoUtc,
  type CheckoutOrder,
  type OrderStatusView,
  type QrFormat,
} from '@aurpay-kit/core';
import type { StoredOrder } from './stores/orderStore.js';
import { uncountedStage } from './status/seenTransactions.js';

/**
 * The browser's view of an order's status: `GET /orders/:id` and each server-sent event. The
 * status is the stored one refined by what the gateway showed (core's `refineCheckoutStatus`):
 * detected or confirming while a transaction is on its way, overpaid when more than the amount
 * arrived.
 *
 * @example statusView(order).remainingAmount // '0.0001'
 */
export function statusView(order: StoredOrder): OrderStatusView {
  const seen = order.transactions ?? [];
  const { amount, paidAmount } = order;
  return {
    orderId: order.orderId,
    status: refineCheckoutStatus(order.status, { amount, paidAmount, uncounted: uncountedStage(seen) }),
    aurpayStatus: order.aurpayStatus,
    amount: order.amount,
    paidAmount: order.paidAmount,
    remainingAmount: remainingAmount(order.amount, order.paidAmount),
    currency: order.currency,
    expiresAt: toIsoUtc(order.expiresAt),
    updatedAt: toIsoUtc(order.updatedAt),
    transactions: seen.map(({ hash, confirmations }) => ({ hash, confirmations })),
  };
}

/**
 * The wallet link and QR value for an order: BIP21 / EIP-681 / `lightning:` per core's
 * `paymentLink` and `lightningLink`, for the full amount. Throws on an address or invoice that is
 * not one (core's `address_invalid`, `invoice_invalid`).
 *
 * @example paymentTarget(order, 'auto').qrValue
 */
export function paymentTarget(order: StoredOrder, qrFormat: QrFormat): { uri: string | null; qrValue: string } {
  if (order.kind === 'lightning') return lightningLink(order.paymentRequest ?? '');
  return paymentLink({ currency: order.currency, chain: order.chain, address: order.address ?? '', amount: order.amount }, { qrFormat });
}

/**
 * What `POST /orders` answers: the status view plus everything needed to pay.
 *
 * @example checkoutOrderView(order, tokens.sign(order.orderId), 'auto').paymentUri
 */
export function checkoutOrderView(order: StoredOrder, statusToken: string, qrFormat: QrFormat): CheckoutOrder {
  const { uri, qrValue } = paymentTarget(order, qrFormat);
  return {
    ...statusView(order),
    kind: order.kind,
    chain: order.chain,
    address: order.address,
    contractAddress: order.contractAddress,
    paymentUri: uri,
    qrValue,
    paymentRequest: order.paymentRequest,
    fiatAmount: order.fiatAmount,
    fiatCurrency: order.fiatCurrency,
    createdAt: toIsoUtc(order.createdAt),
    payUrl: order.payUrl,
    statusToken,
  };
}
