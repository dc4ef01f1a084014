import type { AurpayOrderStatus } from './wire.js';

/**
 * What a checkout shows, reduced from Aurpay's eight statuses to the states a buyer can be in.
 * A status string Aurpay may add later maps to `unknown`, never to `paid`.
 */
export const CHECKOUT_STATUSES = [
  'awaiting_payment',
  'partially_paid',
  'paid',
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

/** Statuses after which a checkout stops watching: nothing the buyer does changes them. */
export function isTerminalStatus(status: CheckoutStatus): boolean {
  switch (status) {
    case 'paid':
    case 'expired':
    case 'failed':
    case 'refunded':
      return true;
    case 'awaiting_payment':
    case 'partially_paid':
    case 'unknown':
      return false;
    default:
      return status satisfies never;
  }
}

/** Whether the merchant has been paid: only `paid`, never `unknown`. */
export function isPaidStatus(status: CheckoutStatus): boolean {
  return status === 'paid';
}
