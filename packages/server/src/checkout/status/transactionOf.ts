import { checkoutStatusFromAurpay } from '@aurpay-kit/core';
import type { OrderDetail, Transaction } from '../../client/aurpayResults.js';
import type { CheckoutClient } from '../checkoutOptions.js';

// A hash as the chains write them; the order detail shows "" or null before any transaction.
const HASH = /^(0x)?[0-9a-fA-F]{64}$/;

/**
 * The order's transaction in Aurpay's transaction list (`GET /api/v2/tx?tx_id=`), whose status
 * tells a payment in a block from one only seen. Asked only while the order still waits for money
 * and its detail shows a hash; null otherwise, when the client cannot list transactions, and when
 * the list fails or has no such entry (the payment then shows as detected, never as more).
 *
 * @example const transaction = await transactionOf(client, detail);
 */
export async function transactionOf(client: Pick<CheckoutClient, 'listTransactions'>, detail: OrderDetail): Promise<Transaction | null> {
  const status = checkoutStatusFromAurpay(detail.status);
  const waiting = status === 'awaiting_payment' || status === 'partially_paid';
  const hashes = [detail.tx_hash, ...(Array.isArray(detail.tx_hash_list) ? detail.tx_hash_list : [])];
  if (!waiting || !client.listTransactions || !detail.tx_id || !hashes.some((hash) => typeof hash === 'string' && HASH.test(hash)))
    return null;
  try {
    const page = await client.listTransactions({ page: 1, size: 10, tx_id: detail.tx_id });
    return page.data.find((tx) => tx.tx_id === detail.tx_id) ?? null;
  } catch {
    return null;
  }
}
