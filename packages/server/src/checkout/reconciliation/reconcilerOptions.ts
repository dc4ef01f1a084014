import type { CheckoutClient } from '../checkoutOptions.js';
import type { FulfilmentRunner } from '../fulfilment/fulfilmentRunner.js';
import type { OrderStore, StoredOrder } from '../stores/orderStore.js';

/**
 * What a `Reconciler` works with: the checkout's client, store and clock, and its schedule.
 *
 * @example new Reconciler({ client, store, confirm, fulfilments, owner, intervalMs: 30_000, expiredWindowMs: 86_400_000, unpaidOrderRetentionMs: 172_800_000, now: Date.now, onError })
 */
export interface ReconcilerOptions {
  client: Required<Pick<CheckoutClient, 'listOrders'>>;
  store: OrderStore;
  /** Confirms one order with its detail and applies it (forced, coalesced). */
  confirm: (orderId: string) => Promise<StoredOrder>;
  fulfilments: Pick<FulfilmentRunner, 'runDue'>;
  /** This instance's id, the reconciliation lease's owner. */
  owner: string;
  intervalMs: number;
  expiredWindowMs: number;
  /** How long after expiry an unpaid order is kept before the lease holder prunes it. */
  unpaidOrderRetentionMs: number;
  now: () => number;
  onError: (error: unknown, context: { where: string; orderId?: string }) => void;
}
