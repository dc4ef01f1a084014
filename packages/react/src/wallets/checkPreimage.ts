import { decodeInvoice } from '@aurpay-kit/core';
import { WalletError } from './WalletError.js';

const HEX_32 = /^[0-9a-f]{64}$/i;

/**
 * Checks a Lightning wallet's proof of payment: the preimage's SHA-256 must be the invoice's
 * payment hash. Returns the payment hash; a missing or wrong preimage is a `WalletError`
 * `preimage_mismatch`. Uses the browser's (or Node's) Web Crypto.
 *
 * @example const paymentHash = await checkPreimage(invoice, preimage);
 */
export async function checkPreimage(invoice: string, preimage: unknown): Promise<string> {
  const { paymentHash } = decodeInvoice(invoice);
  if (typeof preimage !== 'string' || !HEX_32.test(preimage)) {
    throw new WalletError('preimage_mismatch', 'The wallet gave no 32-byte preimage for the invoice.');
  }
  const bytes = new Uint8Array(preimage.match(/../g)!.map((pair) => parseInt(pair, 16)));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const hash = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
  if (hash !== paymentHash?.toLowerCase()) {
    throw new WalletError('preimage_mismatch', `The preimage hashes to ${hash}, not to the invoice's payment hash ${paymentHash}.`);
  }
  return hash;
}
