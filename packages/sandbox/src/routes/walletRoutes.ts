import { randomUUID } from 'node:crypto';

import { compareAmounts, CURRENCIES, formatAurpayTime, subtractAmounts } from '@aurpay-kit/core';

import { parseTimeFilter } from './parseTimeFilter.js';
import { constantTimeEqual } from '../auth/constantTimeEqual.js';
import { supportedCurrency } from '../orders/createOrder.js';
import { okReply } from '../http/envelope.js';
import { FIAT_CURRENCIES } from '../orders/fiatCurrencies.js';
import { requireText } from './fieldReaders.js';
import { GatewayError } from '../http/gatewayError.js';
import { jsonDecimal } from '../http/jsonText.js';
import { payInvoice } from '../lightning/lightningWithdrawal.js';
import { merchantWallets } from '../wallet/merchantWallets.js';
import { paginate, readPaging } from './paging.js';
import { jsonBody, type RequestContext } from '../http/requestContext.js';
import type { Route } from '../http/router.js';
import type { SandboxState } from '../sandboxState.js';
import { randomTxHash } from '../chains/randomTxHash.js';
import { merchantTransactions } from '../wallet/merchantTransactions.js';
import { withdrawAmount } from '../wallet/withdrawAmount.js';

// The order of Aurpay's "Get Support Crypto Currency List" example.
const CRYPTO_LIST_ORDER = ['ETH', 'USDT-ERC20', 'USDC-ERC20', 'DAI-ERC20', 'BTC', 'BTC-LN', 'LTC', 'BNB', 'USDT-TRC20', 'USDC-TRC20'];

function listTransactions(ctx: RequestContext, state: SandboxState) {
  const q = ctx.query;
  const paging = readPaging(q);
  const st = q.get('st') ? parseTimeFilter('st', q.get('st') ?? '') : null;
  const et = q.get('et') ? parseTimeFilter('et', q.get('et') ?? '') : null;
  const sort = q.get('sort') || 'desc';
  if (sort !== 'asc' && sort !== 'desc') throw new GatewayError('fieldInvalid', `sort must be asc or desc, got ${JSON.stringify(sort)}`);
  const wanted = (name: string, value: string) => !q.get(name) || q.get(name) === value;
  const rows = merchantTransactions(state.userId, state.orders.all(), state.ledger, state.config.profile.quirks)
    .filter(
      ({ at, tx }) =>
        wanted('tx_id', tx.tx_id) &&
        wanted('status', tx.status) &&
        wanted('type', tx.tx_type) &&
        wanted('chain', tx.chain) &&
        wanted('currency', tx.currency) &&
        (st === null || at >= st) &&
        (et === null || at <= et),
    )
    .sort((a, b) => (sort === 'asc' ? a.at - b.at : b.at - a.at));
  return okReply(
    paginate(
      rows.map((row) => row.tx),
      paging,
    ),
  );
}

/** A Lightning withdrawal through `/api/withdraw`: the invoice, and the verification code Aurpay requires for it. */
function lightningPayout(body: Record<string, unknown>, amount: string, state: SandboxState) {
  const invoice = requireText(body, 'ln_invoices');
  const code = requireText(body, 'verify_code');
  if (!constantTimeEqual(code, state.config.verifyCode))
    throw new GatewayError('verifyCodeInvalid', 'verify_code is not the verification code');
  return payInvoice(state, invoice, amount);
}

function withdraw(ctx: RequestContext, state: SandboxState) {
  const body = jsonBody(ctx);
  const info = supportedCurrency(requireText(body, 'chain'), requireText(body, 'currency'));
  const amount = withdrawAmount(body.amount, 'amount');
  if (amount === undefined) throw new GatewayError('fieldMissing', 'amount is required');
  if (!state.config.kybVerified) {
    throw new GatewayError('kybRequired', 'The account needs to pass the KYB verification before the currency can be withdrawn.');
  }
  let payout: { txId: string; amount: string; balance: string; at: number };
  if (info.kind === 'lightning') {
    payout = lightningPayout(body, amount, state);
  } else {
    const balance = state.ledger.balance(info.currency, state.orders.all());
    if (compareAmounts(amount, balance) > 0) throw new GatewayError('insufficientBalance', 'Insufficient account balance');
    const at = state.now();
    const wallet = merchantWallets(state).find((w) => w.currency === info.currency);
    const txId = randomUUID();
    state.ledger.record({
      txId,
      chain: info.chain,
      currency: info.currency,
      amount,
      toAddr: wallet?.address ?? null,
      txHash: randomTxHash(info.chain),
      at,
    });
    payout = { txId, amount, balance: subtractAmounts(balance, amount), at };
  }
  return okReply({
    user_id: state.userId,
    tx_id: payout.txId,
    type: 'WITHDRAW',
    status: 'SUCCESS',
    chain: info.chain,
    currency: info.currency,
    amount: payout.amount,
    fee: '0',
    balance: payout.balance,
    update_time: formatAurpayTime(payout.at),
  });
}

/** Aurpay's transaction, currency-list and wallet endpoints. */
export const WALLET_ROUTES: readonly Route[] = [
  { method: 'GET', pattern: '/api/v2/tx', auth: 'merchant', handle: listTransactions },
  {
    method: 'GET',
    pattern: '/api/order/pay/real-currency',
    auth: 'merchant',
    handle: () => okReply(FIAT_CURRENCIES.map(({ currency, name }) => ({ currency, name }))),
  },
  {
    method: 'GET',
    pattern: '/api/order/pay/crypto-currency',
    auth: 'merchant',
    handle: () => {
      const sorted = [...CURRENCIES].sort((a, b) => CRYPTO_LIST_ORDER.indexOf(a.currency) - CRYPTO_LIST_ORDER.indexOf(b.currency));
      return okReply(sorted.map(({ chain, currency }) => ({ chain, currency, status: true })));
    },
  },
  {
    method: 'GET',
    pattern: '/api/withdraw/wallets',
    auth: 'merchant',
    handle: (_ctx, state) => {
      const orders = state.orders.all();
      return okReply(merchantWallets(state).map((w) => ({ ...w, balance: state.ledger.balance(w.currency, orders) })));
    },
  },
  { method: 'POST', pattern: '/api/withdraw', auth: 'merchant', handle: withdraw },
  {
    method: 'GET',
    pattern: '/api/contract/balance',
    auth: 'merchant',
    handle: (_ctx, state) => {
      const orders = state.orders.all();
      return okReply(
        CURRENCIES.filter((c) => c.kind !== 'lightning').map((c) => ({
          chain: c.chain,
          currency: c.currency,
          amount: jsonDecimal(state.ledger.balance(c.currency, orders)),
        })),
      );
    },
  },
];
