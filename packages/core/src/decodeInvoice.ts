import { decode } from 'light-bolt11-decoder';
import { fromBaseUnits } from './amount.js';
import { AurpayKitError } from './errors.js';

/** What a checkout needs to know about a BOLT11 invoice. */
export interface InvoiceSummary {
  network: 'mainnet' | 'testnet' | 'signet' | 'regtest';
  /** Null for an invoice that lets the payer choose the amount. */
  amountMsat: bigint | null;
  /** The amount in BTC as a decimal string; null when the invoice carries none. */
  amountBtc: string | null;
  /** Creation time, unix seconds. */
  timestamp: number;
  /** Seconds after `timestamp` during which the invoice may be paid (BOLT11 default 3600). */
  expirySeconds: number;
  /** `timestamp + expirySeconds`, unix seconds. */
  expiresAt: number;
  /** Hex. */
  paymentHash: string;
  /** Hex; what Aurpay returns as `payment_addr`. */
  paymentSecret: string | null;
  /** Null when the invoice commits to a description hash instead. */
  description: string | null;
}

const NETWORKS: Record<string, InvoiceSummary['network']> = {
  bc: 'mainnet',
  tb: 'testnet',
  tbs: 'signet',
  bcrt: 'regtest',
};

// BOLT11: an invoice without an expiry field expires an hour after its timestamp.
const DEFAULT_EXPIRY_SECONDS = 3600;
// Millisatoshi per BTC is 10^11.
const MSAT_DECIMALS = 11;

function invalid(message: string, cause?: unknown): AurpayKitError {
  return new AurpayKitError('invoice_invalid', message, cause === undefined ? undefined : { cause });
}

/**
 * Decodes a BOLT11 Lightning invoice into what a checkout shows. Accepts a `lightning:` prefix and
 * an upper-case invoice (as QR codes carry it). The bech32 checksum is verified; the node signature
 * is not. A malformed invoice is an `AurpayKitError` with code `invoice_invalid`.
 *
 * @example
 * const invoice = decodeInvoice(order.paymentRequest);
 * invoice.amountBtc; // '0.00019044'
 * new Date(invoice.expiresAt * 1000);
 */
export function decodeInvoice(paymentRequest: string): InvoiceSummary {
  if (typeof paymentRequest !== 'string') {
    throw invalid(`A Lightning invoice must be a string, got ${paymentRequest === null ? 'null' : typeof paymentRequest}.`);
  }
  const text = paymentRequest.trim().replace(/^lightning:/i, '');
  // bech32 is single-case: a mixed-case invoice is corrupt, not merely styled.
  if (text !== text.toLowerCase() && text !== text.toUpperCase()) {
    throw invalid('A Lightning invoice must be all lower case or all upper case.');
  }
  const invoice = text.toLowerCase();
  if (!/^ln[a-z0-9]*1[02-9ac-hj-np-z]+$/.test(invoice)) {
    throw invalid(`Not a BOLT11 invoice: ${JSON.stringify(paymentRequest.slice(0, 40))}.`);
  }
  let sections: ReturnType<typeof decode>['sections'];
  try {
    sections = decode(invoice).sections;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalid(`Not a valid BOLT11 invoice (${reason}).`, error);
  }
  const find = <N extends (typeof sections)[number]['name']>(name: N) =>
    sections.find((s): s is Extract<(typeof sections)[number], { name: N }> => s.name === name);

  const prefix = find('coin_network')?.letters ?? '';
  const network = Object.hasOwn(NETWORKS, prefix) ? NETWORKS[prefix] : undefined;
  if (network === undefined) throw invalid(`Unsupported Lightning network prefix "ln${prefix}".`);
  const paymentHash = find('payment_hash')?.value;
  if (typeof paymentHash !== 'string' || !/^[0-9a-f]{64}$/.test(paymentHash)) {
    throw invalid('The invoice carries no valid payment hash.');
  }
  const timestamp = find('timestamp')?.value;
  if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp)) {
    throw invalid('The invoice carries no valid timestamp.');
  }
  const amount = find('amount')?.value;
  const amountMsat = amount === undefined ? null : BigInt(amount);
  const expirySeconds = find('expiry')?.value ?? DEFAULT_EXPIRY_SECONDS;
  const secret = find('payment_secret')?.value;
  return {
    network,
    amountMsat,
    amountBtc: amountMsat === null ? null : fromBaseUnits(amountMsat, MSAT_DECIMALS),
    timestamp,
    expirySeconds,
    expiresAt: timestamp + expirySeconds,
    paymentHash,
    paymentSecret: typeof secret === 'string' ? secret : null,
    description: find('description')?.value ?? null,
  };
}
