import type { CheckoutStatus, PaymentTransaction } from '@aurpay-kit/core';
import type { OrderDetail, Transaction } from '../../client/aurpayResults.js';

/** A transaction the gateway showed for an order, as the checkout keeps it. */
export interface SeenTransaction extends PaymentTransaction {
  /** In a block: its transaction in Aurpay's list is SUCCESS, or it has a confirmation. */
  inBlock: boolean;
  /** Counted by the gateway: seen when the order's paid amount or status last moved on. */
  counted: boolean;
}

// 32-byte hashes as the chains write them (0x on EVM chains); anything else is not shown.
const HASH = /^(0x)?[0-9a-fA-F]{64}$/;
// An order's own payments; more would be a gateway answering nonsense.
const MAX_TRANSACTIONS = 20;

function hashesIn(detail: OrderDetail, transaction: Transaction | null): string[] {
  const listed = Array.isArray(detail.tx_hash_list) ? detail.tx_hash_list : [];
  return [...listed, detail.tx_hash, transaction?.tx_hash].filter((hash): hash is string => typeof hash === 'string' && HASH.test(hash));
}

// Aurpay documents no confirmation count; a `confirmations` field is read where one is sent.
function confirmationsIn(source: object | null): number | null {
  const value = (source as { confirmations?: unknown } | null)?.confirmations;
  const count = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;
  return typeof count === 'number' && Number.isSafeInteger(count) && count >= 0 ? count : null;
}

/**
 * The transactions an order has shown so far, with what this order detail (and its transaction
 * in Aurpay's list, when fetched) adds. Hashes are kept once each, oldest first, and never
 * dropped; confirmations only grow. The hashes present when the order's paid amount or status
 * moves on (`counted`) are taken as counted; one that appears while the order still waits is not,
 * and shows the order as detected or confirming.
 *
 * @example seenTransactions([], detail, null, false) // [{ hash: 'f418…', confirmations: null, inBlock: false, counted: false }]
 */
export function seenTransactions(
  previous: readonly SeenTransaction[],
  detail: OrderDetail,
  transaction: Transaction | null,
  counted: boolean,
): SeenTransaction[] {
  const seen = previous.map((tx) => ({ ...tx, counted: tx.counted || counted }));
  for (const hash of hashesIn(detail, transaction)) {
    const isTransaction = transaction?.tx_hash === hash;
    const count = confirmationsIn(isTransaction ? transaction : detail.tx_hash === hash ? detail : null);
    let entry = seen.find((tx) => tx.hash.toLowerCase() === hash.toLowerCase());
    if (entry === undefined) {
      if (seen.length >= MAX_TRANSACTIONS) continue;
      entry = { hash, confirmations: null, inBlock: false, counted };
      seen.push(entry);
    }
    if (count !== null && (entry.confirmations === null || count > entry.confirmations)) entry.confirmations = count;
    entry.inBlock ||= (isTransaction && transaction.status === 'SUCCESS') || (entry.confirmations ?? 0) > 0;
  }
  return seen;
}

/**
 * Whether the order has a transaction on its way that the gateway has not counted: `confirming`
 * when one is in a block, `detected` when one was only seen, otherwise null.
 *
 * @example uncountedStage([{ hash, confirmations: 1, inBlock: true, counted: false }]) // 'confirming'
 */
export function uncountedStage(transactions: readonly SeenTransaction[]): 'detected' | 'confirming' | null {
  const open = transactions.filter((tx) => !tx.counted);
  if (open.length === 0) return null;
  return open.some((tx) => tx.inBlock) ? 'confirming' : 'detected';
}

/**
 * Whether an order detail moves the order's money on from what was stored, which counts the
 * hashes it shows: a larger paid amount, or a status past waiting.
 *
 * @example countsPayments('awaiting_payment', '0', 'partially_paid', '0.5') // true
 */
export function countsPayments(fromStatus: CheckoutStatus, fromPaid: string, toStatus: CheckoutStatus, toPaid: string): boolean {
  if (toStatus === 'awaiting_payment' || toStatus === 'unknown') return false;
  return toStatus !== fromStatus || toPaid !== fromPaid || toStatus !== 'partially_paid';
}
