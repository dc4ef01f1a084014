import { checkoutStatusFromAurpay, parseAmount, type CheckoutStatus } from '@aurpay-kit/core';
import { AurpayError } from '../../client/aurpayError.js';
import type { OrderDetail, Transaction } from '../../client/aurpayResults.js';
import { CheckoutHttpError } from '../http/checkoutHttpError.js';
import type { ResolvedCheckoutOptions } from '../resolveCheckoutOptions.js';
import type { FulfilmentOutcome } from '../fulfilment/fulfilment.js';
import type { FulfilmentRunner } from '../fulfilment/fulfilmentRunner.js';
import type { HookQueue } from '../fulfilment/hookQueue.js';
import type { StoredOrder } from '../stores/orderStore.js';
import { countsPayments, seenTransactions } from './seenTransactions.js';

export interface StatusApplierOptions {
  options: Pick<ResolvedCheckoutOptions, 'store' | 'now' | 'onStatusChange'>;
  hooks: HookQueue;
  fulfilments: Pick<FulfilmentRunner, 'kick'>;
  /** Tells the order's watchers about a change. */
  publish: (order: StoredOrder) => void;
}

const MAX_ATTEMPTS = 20;

/** The fulfilment a status owes: `onPaid` for paid, `onExpired` for expired. */
function owedFor(status: CheckoutStatus): FulfilmentOutcome | undefined {
  return status === 'paid' ? 'paid' : status === 'expired' ? 'expired' : undefined;
}

/**
 * Whether a confirmed upstream status may replace the stored one. A paid order never goes back
 * (only on to refunded); an expired or failed order may still become paid when the merchant
 * resolves it at Aurpay.
 */
export function canMove(from: CheckoutStatus, to: CheckoutStatus): boolean {
  switch (from) {
    case 'paid':
    case 'overpaid':
      return to === 'paid' || to === 'refunded';
    case 'refunded':
      return to === 'refunded';
    case 'expired':
    case 'failed':
      return to === from || to === 'paid' || to === 'refunded';
    case 'awaiting_payment':
    case 'detected':
    case 'confirming':
    case 'partially_paid':
    case 'unknown':
      return true;
    default:
      return from satisfies never;
  }
}

/**
 * Applies an order detail confirmed with Aurpay to the store: compare-and-set (retrying when
 * another request wrote first), then publishes the change and queues `onStatusChange`. The write
 * that makes an order paid (or expired) also records its fulfilment as owed, atomically, so once
 * `apply` resolved the payment is durably on record and `onPaid` will run, here at once and after
 * any crash wherever the reconciler or a later callback finds it owed.
 *
 * `transaction` is the order's transaction in Aurpay's list, when it was fetched: its hash and
 * status tell a payment on its way (see `seenTransactions`).
 *
 * @example const order = await applier.apply(orderId, await client.getOrderDetail(orderId));
 */
export class StatusApplier {
  readonly #o: StatusApplierOptions;

  constructor(options: StatusApplierOptions) {
    this.#o = options;
  }

  async apply(orderId: string, detail: OrderDetail, transaction: Transaction | null = null): Promise<StoredOrder> {
    const { store, now } = this.#o.options;
    if (detail.order_id !== orderId)
      throw new AurpayError('aurpay_bad_response', `The gateway answered for order ${String(detail.order_id)}, not ${orderId}.`);
    let paidAmount: string;
    try {
      paidAmount = parseAmount(detail.obtained ?? '0');
    } catch (error) {
      throw new AurpayError('aurpay_bad_response', 'The gateway sent an unusable paid amount.', { cause: error });
    }
    const status = checkoutStatusFromAurpay(detail.status);
    const aurpayStatus = String(detail.status);
    const gatewayUpdatedAt = typeof detail.update_time === 'string' && detail.update_time !== '' ? detail.update_time : null;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const current = await store.get(orderId);
      if (current === null) throw new CheckoutHttpError(404, 'order_not_found', 'No such order.');
      if (detail.currency !== current.currency) {
        throw new AurpayError('aurpay_bad_response', `The gateway's order ${orderId} is in ${detail.currency}, not ${current.currency}.`);
      }
      const counted = countsPayments(current.status, current.paidAmount, status, paidAmount);
      const transactions = seenTransactions(current.transactions ?? [], detail, transaction, counted);
      const unchanged =
        current.status === status &&
        current.aurpayStatus === aurpayStatus &&
        current.paidAmount === paidAmount &&
        (gatewayUpdatedAt === null || current.gatewayUpdatedAt === gatewayUpdatedAt) &&
        JSON.stringify(transactions) === JSON.stringify(current.transactions ?? []);
      if (unchanged || !canMove(current.status, status)) {
        await this.settle(current);
        return current;
      }
      const update = { status, aurpayStatus, paidAmount, updatedAt: Math.max(current.updatedAt, now()), gatewayUpdatedAt, transactions };
      const owe = current.status === status ? undefined : owedFor(status);
      const written = await store.compareAndSetStatus(orderId, current.version, update, owe);
      if (written === null) continue;
      this.#o.publish(written);
      if (written.status !== current.status) {
        const { onStatusChange } = this.#o.options;
        this.#o.hooks.push(orderId, 'onStatusChange', () => onStatusChange(written, current.status));
      }
      if (owe !== undefined) this.#o.fulfilments.kick(written, owe);
      return written;
    }
    throw new Error(`Order ${orderId} kept changing under ${MAX_ATTEMPTS} status writes.`);
  }

  /**
   * Makes sure a paid or expired order's fulfilment is on record (an order written before it was
   * owed in the same write, say) and starts it when it is due. Rejects when the store cannot be
   * reached, so a callback answered so is sent again.
   */
  async settle(order: StoredOrder): Promise<void> {
    const outcome = owedFor(order.status);
    if (outcome === undefined) return;
    const { store, now } = this.#o.options;
    const record = (await store.getFulfilment(order.orderId, outcome)) ?? (await store.oweFulfilment(order.orderId, outcome, now()));
    if (record.state === 'owed' && record.dueAt <= now()) this.#o.fulfilments.kick(order, outcome);
  }
}
