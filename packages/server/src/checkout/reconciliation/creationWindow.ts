import { formatAurpayTime } from '@aurpay-kit/core';
import type { StoredOrder } from '../stores/orderStore.js';

/**
 * Aurpay's `st` and `et` filters around the orders' creation times, `marginMs` wider on each side
 * (Aurpay's times have whole seconds and its clock may differ a little); null for no orders.
 *
 * @example creationWindow(orders, 60_000) // { st: '2026-12-02T09:59:00', et: '2026-12-02T10:01:00' }
 */
export function creationWindow(orders: readonly StoredOrder[], marginMs: number): { st: string; et: string } | null {
  if (orders.length === 0) return null;
  let first = Infinity;
  let last = -Infinity;
  for (const order of orders) {
    first = Math.min(first, order.createdAt);
    last = Math.max(last, order.createdAt);
  }
  return { st: formatAurpayTime(first - marginMs), et: formatAurpayTime(last + marginMs) };
}
