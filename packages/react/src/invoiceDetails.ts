import { decodeInvoice, lightningLink } from '@aurpay-kit/core';

/**
 * What a checkout shows of a BOLT11 invoice given as a string: amount, expiry, payment hash, the
 * `lightning:` link and the upper-case QR value; null for one that does not decode. Loaded only
 * for an invoice without an order, and for a browser wallet's payment hash.
 *
 * @example invoiceDetails('lnbc190440n1…')?.amountBtc // '0.00019044'
 */
export function invoiceDetails(invoice: string | null | undefined) {
  try {
    return invoice ? { ...decodeInvoice(invoice), ...lightningLink(invoice), invoice } : null;
  } catch {
    return null;
  }
}
