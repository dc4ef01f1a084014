import { randomUUID } from 'node:crypto';

import { compareAmounts, subtractAmounts } from '@aurpay-kit/core';
import { bech32 } from '@scure/base';

import { formatAurpayTime } from './aurpayTime.js';
import { decodeInvoiceAmount } from './bolt11Amount.js';
import { createOrder } from './createOrder.js';
import { blnOrderView } from './creationViews.js';
import { okReply } from './envelope.js';
import { requirePrice, requireText } from './fieldReaders.js';
import { GatewayError } from './gatewayError.js';
import { readOrderOptions } from './readOrderRequest.js';
import { jsonBody, type RequestContext } from './requestContext.js';
import type { Route } from './router.js';
import type { SandboxState } from './sandboxState.js';
import { withdrawAmount } from './withdrawAmount.js';

/** The amount a withdrawal invoice asks for (BTC), null for an any-amount invoice. */
function invoiceAmount(invoice: string): string | null {
  const text = invoice.trim().toLowerCase().replace(/^lightning:/, '');
  const decoded = bech32.decodeUnsafe(text, false);
  const amount = decoded ? decodeInvoiceAmount(decoded.prefix) : undefined;
  if (amount === undefined) throw new GatewayError('fieldInvalid', 'ln_invoices must be a BOLT11 payment request (lnbc…, lntb…, lnbcrt…)');
  return amount;
}

function blnWithdraw(ctx: RequestContext, state: SandboxState) {
  const body = jsonBody(ctx);
  const requested = invoiceAmount(requireText(body, 'ln_invoices'));
  const given = withdrawAmount(body.amount, 'amount');
  if (requested !== null && given !== undefined && compareAmounts(requested, given) !== 0) {
    throw new GatewayError('fieldInvalid', `amount ${given} differs from the invoice's ${requested} BTC`);
  }
  const amount = requested ?? given;
  if (amount === undefined) throw new GatewayError('fieldMissing', 'amount is required for an invoice without an amount');
  const balance = state.ledger.balance('BTC-LN', state.orders.all());
  if (compareAmounts(amount, balance) > 0) throw new GatewayError('insufficientBalance', 'Insufficient account balance');
  const now = state.now();
  const txId = randomUUID();
  state.ledger.record({ txId, chain: 'BLN', currency: 'BTC-LN', amount, toAddr: null, txHash: null, at: now });
  return okReply({
    user_id: state.userId,
    tx_id: txId,
    type: 'WITHDRAW',
    status: 'SUCCESS',
    chain: 'BLN',
    currency: 'BTC-LN',
    amount,
    fee: '0',
    balance: subtractAmounts(balance, amount),
    update_time: formatAurpayTime(now),
  });
}

/** Aurpay's Bitcoin Lightning Network endpoints. */
export const LIGHTNING_ROUTES: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/api/bln/balance',
    auth: 'merchant',
    handle: (_ctx, state) => okReply({ balance: state.ledger.balance('BTC-LN', state.orders.all()) }),
  },
  {
    method: 'POST',
    pattern: '/api/bln/order',
    auth: 'merchant',
    handle: (ctx, state) => {
      const body = jsonBody(ctx);
      const vsPrice = requirePrice(body, 'price');
      const vsCurrency = requireText(body, 'currency');
      const { urls, postCallback } = readOrderOptions(body);
      const order = createOrder(state, { chain: 'BLN', currency: 'BTC-LN', vsCurrency, vsPrice, urls, postCallback });
      return okReply(blnOrderView(order, state.baseUrl));
    },
  },
  { method: 'POST', pattern: '/api/bln/withdraw', auth: 'merchant', handle: blnWithdraw },
];
