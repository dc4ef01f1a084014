import { checkoutStatusFromAurpay, parseAmount, type CheckoutStatus } from '@aurpay-kit/core';
import { AurpayError } from '../aurpayError.js';
import type { OrderDetail } from '../aurpayResults.js';
import { CheckoutHttpError } from './checkoutHttpError.js';
import type { ResolvedCheckoutOptions } from './resolveCheckoutOptions.js';
import type { HookQueue } from './hookQueue.js';
import type { StoredOrder } from './orderStore.js';

export interface StatusApplierOptions {
  options: Pick<ResolvedCheckoutOptions, 'store' | 'now' | 'onPaid' | 'onExpired' | 'onStatusChange'>;
  hooks: HookQueue;
  /** Tells the order's watchers about a change. */
  publish: (order: StoredOrder) => void;
  /** Where a fulfilment that could not be recorded for an hour is reported. Default: nowhere. */
  onError?: (error: unknown, context: { where: string; orderId?: string }) => void;
}

const MAX_ATTEMPTS = 20;
const SETTLE_RETRY_FIRST_MS = 500;
const SETTLE_RETRY_MAX_MS = 30_000;
const SETTLE_RETRY_ATTEMPTS = 130;

/**
 * Whether a confirmed upstream status may replace the stored one. A paid order never goes back
 * (only on to refunded); an expired or failed order may still become paid when the merchant
 * resolves it at Aurpay.
 */
export function canMove(from: CheckoutStatus, to: CheckoutStatus): boolean {
  switch (from) {
    case 'paid':
      return to === 'paid' || to === 'refunded';
    case 'refunded':
      return to === 'refunded';
    case 'expired':
    case 'failed':
      return to === from || to === 'paid' || to === 'refunded';
    case 'awaiting_payment':
    case 'partially_paid':
    case 'unknown':
      return true;
    default:
      return from satisfies never;
  }
}

/**
 * Applies an order detail confirmed with Aurpay to the store: compare-and-set (retrying when
 * another request wrote first), then publishes the change and queues `onStatusChange`; `onPaid`
 * and `onExpired` run exactly once per order, however many requests race, because the store's
 * `markFulfilled` answers true only once. When the store fails to answer `markFulfilled` (a
 * shared store that went away), the error reaches the caller and the fulfilment is tried again in
 * the background until the store answers, so the hook is neither lost nor run twice.
 *
 * @example const order = await applier.apply(orderId, await client.getOrderDetail(orderId));
 */
export class StatusApplier {
  readonly #o: StatusApplierOptions;
  readonly #retries = new Map<string, ReturnType<typeof setTimeout>>();
  #closed = false;

  constructor(options: StatusApplierOptions) {
    this.#o = options;
  }

  async apply(orderId: string, detail: OrderDetail): Promise<StoredOrder> {
    const { store, now } = this.#o.options;
    if (detail.order_id !== orderId) throw new AurpayError('aurpay_bad_response', `The gateway answered for order ${String(detail.order_id)}, not ${orderId}.`);
    let paidAmount: string;
    try {
      paidAmount = parseAmount(detail.obtained ?? '0');
    } catch (error) {
      throw new AurpayError('aurpay_bad_response', 'The gateway sent an unusable paid amount.', { cause: error });
    }
    const status = checkoutStatusFromAurpay(detail.status);
    const aurpayStatus = String(detail.status);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const current = await store.get(orderId);
      if (current === null) throw new CheckoutHttpError(404, 'order_not_found', 'No such order.');
      if (detail.currency !== current.currency) {
        throw new AurpayError('aurpay_bad_response', `The gateway's order ${orderId} is in ${detail.currency}, not ${current.currency}.`);
      }
      const unchanged = current.status === status && current.aurpayStatus === aurpayStatus && current.paidAmount === paidAmount;
      if (unchanged || !canMove(current.status, status)) {
        await this.settle(current);
        return current;
      }
      const update = { status, aurpayStatus, paidAmount, updatedAt: Math.max(current.updatedAt, now()) };
      const written = await store.compareAndSetStatus(orderId, current.version, update);
      if (written === null) continue;
      this.#o.publish(written);
      if (written.status !== current.status) {
        const { onStatusChange } = this.#o.options;
        this.#o.hooks.push(orderId, 'onStatusChange', () => onStatusChange(written, current.status));
      }
      await this.settle(written);
      return written;
    }
    throw new Error(`Order ${orderId} kept changing under ${MAX_ATTEMPTS} status writes.`);
  }

  /**
   * Fires the once-only hook an order's status calls for (`onPaid` for paid, `onExpired` for
   * expired), unless some request, here or in another process, already has.
   */
  async settle(order: StoredOrder): Promise<void> {
    if (order.status !== 'paid' && order.status !== 'expired') return;
    try {
      await this.#fulfil(order, order.status);
    } catch (error) {
      this.#retryLater(order, order.status, 0);
      throw error;
    }
  }

  /** Cancels the pending background fulfilments (server shutdown). */
  close(): void {
    this.#closed = true;
    for (const timer of this.#retries.values()) clearTimeout(timer);
    this.#retries.clear();
  }

  async #fulfil(order: StoredOrder, outcome: 'paid' | 'expired'): Promise<void> {
    const { store, onPaid, onExpired } = this.#o.options;
    if (!(await store.markFulfilled(order.orderId, outcome))) return;
    if (outcome === 'paid') this.#o.hooks.push(order.orderId, 'onPaid', () => onPaid(order));
    else this.#o.hooks.push(order.orderId, 'onExpired', () => onExpired(order));
  }

  #retryLater(order: StoredOrder, outcome: 'paid' | 'expired', attempt: number): void {
    const key = `${outcome}:${order.orderId}`;
    if (this.#closed || (attempt === 0 && this.#retries.has(key))) return;
    const delay = Math.min(SETTLE_RETRY_FIRST_MS * 2 ** Math.min(attempt, 16), SETTLE_RETRY_MAX_MS);
    const timer = setTimeout(() => {
      this.#fulfil(order, outcome).then(
        () => this.#retries.delete(key),
        (error: unknown) => {
          this.#retries.delete(key);
          if (attempt + 1 < SETTLE_RETRY_ATTEMPTS) this.#retryLater(order, outcome, attempt + 1);
          else this.#o.onError?.(error, { where: `recording ${outcome === 'paid' ? 'onPaid' : 'onExpired'}`, orderId: order.orderId });
        },
      );
    }, delay);
    // Not a reason to keep the process alive; the next callback settles the order anyway.
    timer.unref?.();
    this.#retries.set(key, timer);
  }
}
