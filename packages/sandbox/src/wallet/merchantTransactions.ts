import type { AurpayTransaction } from '@aurpay-kit/core';
import { formatAurpayTime } from '@aurpay-kit/core';

import type { Ledger } from './ledger.js';
import { obtainedAmount } from '../orders/obtainedAmount.js';
import type { SandboxQuirks } from '../sandboxProfile.js';
import type { SandboxOrder } from '../orders/sandboxOrder.js';

/** A transaction and its time in ms, for filtering and sorting. */
export interface TimedTransaction {
  at: number;
  tx: AurpayTransaction;
}

/**
 * An order's transaction while a payment is detected and not counted: its hash, PENDING in the
 * mempool, SUCCESS once in a block, with the sandbox's confirmation count (Aurpay documents none).
 */
function detectedTransaction(userId: string, order: SandboxOrder, quirks: SandboxQuirks): AurpayTransaction & { confirmations: number } {
  const detected = order.detected!;
  return {
    user_id: userId,
    chain: order.chain,
    currency: order.currency,
    tx_id: order.txId,
    tx_type: order.orderType,
    status: detected.confirmations > 0 ? 'SUCCESS' : 'PENDING',
    amount: order.amount,
    obtained: obtainedAmount(order, quirks),
    fee: order.fee,
    from_addr: detected.fromAddr,
    to_addr: order.address,
    tx_hash: detected.txHash,
    event_time: formatAurpayTime(detected.at),
    confirmations: detected.confirmations,
  };
}

/**
 * The merchant's transactions: one per order that received money (its status the order's, its
 * `obtained` gross or net as the profile says), one per refund (`REFUND`) and one per withdrawal
 * (`WITHDRAW`). An order with a payment detected shows that one instead of its counted ones.
 *
 * @example merchantTransactions(userId, orders.all(), ledger, quirks).map((t) => t.tx.tx_type)
 */
export function merchantTransactions(
  userId: string,
  orders: readonly SandboxOrder[],
  ledger: Ledger,
  quirks: SandboxQuirks,
): TimedTransaction[] {
  const out: TimedTransaction[] = [];
  for (const order of orders) {
    const detected = order.detected;
    if (detected) out.push({ at: detected.at, tx: detectedTransaction(userId, order, quirks) });
    const last = order.payments.at(-1);
    if (last === undefined || detected) continue;
    const base = { user_id: userId, chain: order.chain, currency: order.currency };
    out.push({
      at: last.at,
      tx: {
        ...base,
        tx_id: order.txId,
        tx_type: order.orderType,
        status: order.refund === null ? order.status : 'SUCCESS',
        amount: order.amount,
        obtained: obtainedAmount(order, quirks),
        fee: order.fee,
        from_addr: last.fromAddr,
        to_addr: order.invoice === null ? order.address : null,
        tx_hash: last.txHash,
        event_time: formatAurpayTime(last.at),
      },
    });
    if (order.refund !== null) {
      out.push({
        at: order.refund.at,
        tx: {
          ...base,
          tx_id: order.refund.txId,
          tx_type: 'REFUND',
          status: 'SUCCESS',
          amount: order.paid,
          obtained: order.refund.obtained,
          fee: order.refund.networkFee,
          from_addr: order.address,
          to_addr: last.fromAddr,
          tx_hash: order.refund.txHash,
          event_time: formatAurpayTime(order.refund.at),
        },
      });
    }
  }
  for (const w of ledger.withdrawals) {
    out.push({
      at: w.at,
      tx: {
        user_id: userId,
        tx_id: w.txId,
        tx_type: 'WITHDRAW',
        status: 'SUCCESS',
        chain: w.chain,
        currency: w.currency,
        amount: w.amount,
        obtained: w.amount,
        fee: '0',
        from_addr: null,
        to_addr: w.toAddr,
        tx_hash: w.txHash,
        event_time: formatAurpayTime(w.at),
      },
    });
  }
  return out;
}
