import { randomUUID } from 'node:crypto';

import { compareAmounts, subtractAmounts } from '@aurpay-kit/core';
import { bech32 } from '@scure/base';

import { decodeInvoiceAmount } from './bolt11Amount.js';
import { GatewayError } from '../http/gatewayError.js';
import type { SandboxState } from '../sandboxState.js';

/** The amount a withdrawal invoice asks for (BTC), null for an any-amount invoice. */
function invoiceAmount(invoice: string): string | null {
  const text = invoice
    .trim()
    .toLowerCase()
    .replace(/^lightning:/, '');
  const decoded = bech32.decodeUnsafe(text, false);
  const amount = decoded ? decodeInvoiceAmount(decoded.prefix) : undefined;
  if (amount === undefined) throw new GatewayError('fieldInvalid', 'ln_invoices must be a BOLT11 payment request (lnbc…, lntb…, lnbcrt…)');
  return amount;
}

/** A Lightning withdrawal the ledger recorded. */
export interface LightningPayout {
  txId: string;
  /** BTC, canonical decimal. */
  amount: string;
  /** The Lightning balance left. */
  balance: string;
  at: number;
}

/**
 * Pays a BOLT11 invoice from the Lightning balance, for `/api/bln/withdraw` and for `/api/withdraw`
 * with chain BLN. The amount is the invoice's; `amount` is needed only for an any-amount invoice
 * (Aurpay's own example is one) and must agree with an invoice that has one. 40005 beyond the balance.
 *
 * @example payInvoice(state, 'lnbc1pnzusns…', '0.00017293').amount // '0.00017293'
 */
export function payInvoice(state: SandboxState, invoice: string, given: string | undefined): LightningPayout {
  const requested = invoiceAmount(invoice);
  if (requested !== null && given !== undefined && compareAmounts(requested, given) !== 0) {
    throw new GatewayError('fieldInvalid', `amount ${given} differs from the invoice's ${requested} BTC`);
  }
  const amount = requested ?? given;
  if (amount === undefined) throw new GatewayError('fieldMissing', 'amount is required for an invoice without an amount');
  const balance = state.ledger.balance('BTC-LN', state.orders.all());
  if (compareAmounts(amount, balance) > 0) throw new GatewayError('insufficientBalance', 'Insufficient account balance');
  const at = state.now();
  const txId = randomUUID();
  state.ledger.record({ txId, chain: 'BLN', currency: 'BTC-LN', amount, toAddr: null, txHash: null, at });
  return { txId, amount, balance: subtractAmounts(balance, amount), at };
}
