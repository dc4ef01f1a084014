import type { Fulfilment, FulfilmentOutcome } from '../fulfilment/fulfilment.js';
import type { StoredOrder } from './orderStore.js';

/**
 * A fulfilment just recorded as owed, due at `now`.
 *
 * @example newFulfilment('20240613093614690315', 'paid', Date.now()).state // 'owed'
 */
export function newFulfilment(orderId: string, outcome: FulfilmentOutcome, now: number): Fulfilment {
  return {
    orderId,
    outcome,
    state: 'owed',
    attempts: 0,
    dueAt: now,
    leaseOwner: null,
    leaseUntil: null,
    lastError: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** Orders oldest first, ties by order id: the reconciler's order, and its cursor's. */
export function byCreation(a: Pick<StoredOrder, 'createdAt' | 'orderId'>, b: Pick<StoredOrder, 'createdAt' | 'orderId'>): number {
  return a.createdAt - b.createdAt || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0);
}

/** Fulfilments earliest due first, ties by order id then outcome. */
export function byDue(a: Fulfilment, b: Fulfilment): number {
  return (
    a.dueAt - b.dueAt ||
    (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0) ||
    (a.outcome < b.outcome ? -1 : a.outcome > b.outcome ? 1 : 0)
  );
}

/**
 * A stored order read back from JSON written by an earlier version of the kit, with the fields
 * added since filled in.
 *
 * @example upgradeStoredOrder(JSON.parse(raw))
 */
export function upgradeStoredOrder(order: StoredOrder): StoredOrder {
  order.gatewayUpdatedAt ??= null;
  order.openOrderKey ??= null;
  return order;
}
