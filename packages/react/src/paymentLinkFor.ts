import type { CheckoutDetails, QrFormat } from '@aurpay-kit/core';
import { paymentLink } from '@aurpay-kit/core';

/**
 * The wallet link and QR value for what is due on an order: the server's for the full amount in
 * its format, else one built with core's `paymentLink` (a remainder, or another `qrFormat`).
 * Loaded only when a checkout needs one built.
 *
 * @example paymentLinkFor(order, order.remainingAmount)?.qrValue
 */
export function paymentLinkFor(
  order: CheckoutDetails,
  amount: string,
  qrFormat?: QrFormat,
): { uri: string | null; qrValue: string } | null {
  const { address, chain, currency, qrValue, paymentUri = null } = order;
  const serverLink = qrValue && amount === order.amount ? { uri: paymentUri, qrValue } : null;
  if (!address || (!qrFormat && serverLink)) return serverLink;
  try {
    return paymentLink({ currency, chain, address, amount }, { qrFormat });
  } catch {
    // A format that does not apply to this currency: the plain address still pays.
    return serverLink ?? { uri: null, qrValue: address };
  }
}
