import type { InvoiceSummary } from '@aurpay-kit/core';

/** How far Aurpay's `create_time` and an invoice's own timestamp may differ before the invoice wins. */
const AGREEMENT_MS = 60_000;

export interface Deadline {
  expiresAt: number;
  /** Why the deadline was not taken as computed, for the shop's log; null when it was. */
  correction: string | null;
}

/**
 * When an order stops being payable: `ttlMs` after it was created and, for Lightning, no later than
 * its invoice expires. Aurpay's `create_time` can lag the invoice (its own BLN example says 12:00:00
 * for an invoice signed at 12:51:36), so where they disagree the invoice's timestamp starts the
 * window. A deadline that is past already at creation is a reading error: the invoice's expiry
 * (Lightning) or `ttlMs` from now (crypto) replaces it, and the correction is returned to report.
 *
 * @example orderDeadline({ createdAt, ttlMs: 1_800_000, now: Date.now(), invoice }).expiresAt
 */
export function orderDeadline(input: { createdAt: number; ttlMs: number; now: number; invoice?: InvoiceSummary }): Deadline {
  const { createdAt, ttlMs, now, invoice } = input;
  if (invoice === undefined) {
    const expiresAt = createdAt + ttlMs;
    if (expiresAt > now) return { expiresAt, correction: null };
    return {
      expiresAt: now + ttlMs,
      correction: `create_time ${new Date(createdAt).toISOString()} put the deadline in the past; it runs from now instead`,
    };
  }
  const signedAt = invoice.timestamp * 1000;
  const start = Math.abs(createdAt - signedAt) > AGREEMENT_MS ? signedAt : createdAt;
  const invoiceEnd = invoice.expiresAt * 1000;
  const expiresAt = Math.min(start + ttlMs, invoiceEnd);
  if (expiresAt > now) return { expiresAt, correction: null };
  return {
    expiresAt: Math.max(invoiceEnd, now),
    correction: `the order's times put the deadline in the past; the invoice's expiry (${new Date(invoiceEnd).toISOString()}) is used`,
  };
}
