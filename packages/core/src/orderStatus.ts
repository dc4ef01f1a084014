import { compareAmounts } from './amount.js';
import type { AurpayOrderStatus } from './wire.js';

/**
 * What a checkout shows, reduced from Aurpay's eight statuses to the states a buyer can be in.
 * A status string Aurpay may add later maps to `unknown`, never to `paid`.
 *
 * Three statuses refine Aurpay's own (see `refineCheckoutStatus`): `detected` and `confirming`
 * (a transaction for the order is on its way, not counted yet), and `overpaid` (paid, with more
 * than the amount received). Only `paid` and `overpaid` mean the merchant has been paid.
 */
export const CHECKOUT_STATUSES = [
  'awaiting_payment',
  'detected',
  'confirming',
  'partially_paid',
  'paid',
  'overpaid',
  'expired',
  'failed',
  'refunded',
  'unknown',
] as const;
export type CheckoutStatus = (typeof CHECKOUT_STATUSES)[number];

const FROM_AURPAY: Record<AurpayOrderStatus, CheckoutStatus> = {
  PENDING: 'awaiting_payment',
  PARTIAL: 'partially_paid',
  SUCCESS: 'paid',
  // A merchant resolves an under-payment by accepting it: the order then counts as paid.
  RESOLVED: 'paid',
  OVERDUE: 'expired',
  FAILED: 'failed',
  TERMINATED: 'failed',
  REFUNDED: 'refunded',
};

/**
 * Maps an Aurpay order status to the checkout status. Case and surrounding space are not
 * forgiven: Aurpay sends upper case, and anything else is `unknown`.
 *
 * @example checkoutStatusFromAurpay('RESOLVED') // 'paid'
 */
export function checkoutStatusFromAurpay(status: unknown): CheckoutStatus {
  if (typeof status !== 'string' || !Object.hasOwn(FROM_AURPAY, status)) return 'unknown';
  return FROM_AURPAY[status as AurpayOrderStatus];
}

/** What the gateway has seen of an order's money beyond its status. */
export interface PaymentFacts {
  /** The order's amount and what has been counted as received, decimal strings. */
  amount: string;
  paidAmount: string;
  /**
   * A transaction seen for the order and not counted yet: `detected` (seen on the network),
   * `confirming` (in a block, the gateway waiting for more), or null when there is none.
   */
  uncounted: 'detected' | 'confirming' | null;
}

/**
 * The status a buyer sees, from the status Aurpay's order maps to and what else its detail shows:
 * an order still waiting for money with a transaction on its way is `detected` or `confirming`; a
 * paid order that received more than its amount is `overpaid`. Nothing becomes paid here: only
 * Aurpay's status says paid.
 *
 * @example refineCheckoutStatus('awaiting_payment', { amount: '1', paidAmount: '0', uncounted: 'detected' }) // 'detected'
 * @example refineCheckoutStatus('paid', { amount: '1', paidAmount: '1.2', uncounted: null }) // 'overpaid'
 */
export function refineCheckoutStatus(status: CheckoutStatus, facts: PaymentFacts): CheckoutStatus {
  if ((status === 'awaiting_payment' || status === 'partially_paid') && facts.uncounted) return facts.uncounted;
  if (status === 'paid' && compareAmounts(facts.paidAmount, facts.amount) > 0) return 'overpaid';
  return status;
}

/** Statuses after which a checkout stops watching: nothing the buyer does changes them. */
export function isTerminalStatus(status: CheckoutStatus): boolean {
  switch (status) {
    case 'paid':
    case 'overpaid':
    case 'expired':
    case 'failed':
    case 'refunded':
      return true;
    case 'awaiting_payment':
    case 'detected':
    case 'confirming':
    case 'partially_paid':
    case 'unknown':
      return false;
    default:
      return status satisfies never;
  }
}

/** Whether the merchant has been paid: `paid` or `overpaid`, never `unknown` nor a payment only seen. */
export function isPaidStatus(status: CheckoutStatus): boolean {
  return status === 'paid' || status === 'overpaid';
}

/** Whether a transaction is on its way and not counted yet: `detected` or `confirming`. */
export function isDetectedStatus(status: CheckoutStatus): boolean {
  return status === 'detected' || status === 'confirming';
}
