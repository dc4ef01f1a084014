import { formatAurpayTime } from '@aurpay-kit/core';
import { createOrder } from '../orders/createOrder.js';
import { blnOrderView } from '../orders/creationViews.js';
import { okReply } from '../http/envelope.js';
import { requirePrice, requireText } from './fieldReaders.js';
import { payInvoice } from '../lightning/lightningWithdrawal.js';
import { readOrderOptions } from './readOrderOptions.js';
import { jsonBody, type RequestContext } from '../http/requestContext.js';
import type { Route } from '../http/router.js';
import type { SandboxState } from '../sandboxState.js';
import { withdrawAmount } from '../wallet/withdrawAmount.js';

/** `POST /api/bln/withdraw`: with `fee`, as the example answers, or without (`blnWithdrawWithoutFee`), as the schema has it. */
function blnWithdraw(ctx: RequestContext, state: SandboxState) {
  const body = jsonBody(ctx);
  const invoice = requireText(body, 'ln_invoices');
  const payout = payInvoice(state, invoice, withdrawAmount(body.amount, 'amount'));
  const fee = state.config.profile.quirks.blnWithdrawWithoutFee ? {} : { fee: '0' };
  return okReply({
    user_id: state.userId,
    tx_id: payout.txId,
    type: 'WITHDRAW',
    status: 'SUCCESS',
    chain: 'BLN',
    currency: 'BTC-LN',
    amount: payout.amount,
    ...fee,
    balance: payout.balance,
    update_time: formatAurpayTime(payout.at),
  });
}

/**
 * Aurpay's Bitcoin Lightning Network endpoints, behind the Lightning credentials (and the
 * merchant's too, unless `requireLightningKey`).
 */
export const LIGHTNING_ROUTES: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/api/bln/balance',
    auth: 'lightning',
    handle: (_ctx, state) => okReply({ balance: state.ledger.balance('BTC-LN', state.orders.all()) }),
  },
  {
    method: 'POST',
    pattern: '/api/bln/order',
    auth: 'lightning',
    handle: (ctx, state) => {
      const body = jsonBody(ctx);
      const vsPrice = requirePrice(body, 'price');
      const vsCurrency = requireText(body, 'currency');
      const { urls, postCallback } = readOrderOptions(body);
      const order = createOrder(state, { chain: 'BLN', currency: 'BTC-LN', vsCurrency, vsPrice, urls, postCallback });
      return okReply(blnOrderView(order, state.baseUrl, state.config.profile.quirks));
    },
  },
  { method: 'POST', pattern: '/api/bln/withdraw', auth: 'lightning', handle: blnWithdraw },
];
